import { boundedLines } from '../cli/bounded-lines.js';
import { SNIFF_LINE_CHARS, SNIFF_LINES, type InputLine } from '../ingest/types.js';

/** A line longer than this is skipped with a warning; transcripts carry whole file reads and command outputs on one line. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;
/** Bytes read ahead to sniff a file's format. */
const HEAD_BYTES = 1024 * 1024;

/**
 * The first lines of a byte stream (non-empty, at most SNIFF_LINES, each cut at SNIFF_LINE_CHARS), and
 * the whole stream again: the chunks read ahead are handed out first, so stdin can be sniffed too.
 */
export async function peek(chunks: AsyncIterable<Buffer>): Promise<{ head: string[]; all: AsyncIterable<Buffer>; close: () => Promise<void> }> {
  const it = chunks[Symbol.asyncIterator]();
  const ahead: Buffer[] = [];
  let size = 0;
  let newlines = 0;
  let done = false;
  while (size < HEAD_BYTES && newlines <= SNIFF_LINES * 4) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    ahead.push(r.value);
    size += r.value.length;
    for (let i = r.value.indexOf(0x0a); i !== -1; i = r.value.indexOf(0x0a, i + 1)) newlines++;
  }
  const text = Buffer.concat(ahead, size).subarray(0, HEAD_BYTES).toString('utf8');
  const head: string[] = [];
  for (let start = 0; start < text.length && head.length < SNIFF_LINES; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.slice(start, Math.min(end, start + SNIFF_LINE_CHARS)).replace(/\r$/, '');
    if (line.trim() !== '') head.push(line);
    start = end + 1;
  }
  async function* all(): AsyncGenerator<Buffer> {
    try {
      yield* ahead;
      ahead.length = 0;
      if (done) return;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
    } finally {
      await it.return?.();
    }
  }
  // Closing releases the file even when `all` was never started (a skipped file).
  return { head, all: all(), close: async () => void (await it.return?.()) };
}

/** Numbered lines of a byte stream; `onLine` is told of each (for progress and the summary). */
export async function* numberedLines(chunks: AsyncIterable<Buffer>, encoding: 'utf8' | 'latin1', onLine: () => void): AsyncGenerator<InputLine> {
  let line = 0;
  for await (const text of boundedLines(chunks, MAX_LINE_BYTES, encoding)) {
    onLine();
    yield { text, line: ++line };
  }
}
