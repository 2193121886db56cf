import { readerFor } from '../ingest/readers.js';
import type { FormatReader, IngestItem, InputFormat } from '../ingest/types.js';
import { detectFormat, WALK_MIN_SCORE } from './detect.js';
import { openSource, type InputSource } from './inputs.js';
import { numberedLines, peek } from './lines.js';

/**
 * What reading one input yields, in order: its format (or why it is left out), then its items in
 * batches. Plain data, so the same events come from this thread or from the reader thread.
 */
export type SourceEvent =
  | { kind: 'format'; format: InputFormat }
  | { kind: 'skipped'; reason: string }
  | { kind: 'items'; items: IngestItem[] }
  /** The file could not be read (an I/O error): it is reported and the scan goes on. */
  | { kind: 'unreadable'; message: string };

/** Told of bytes and lines as they are read, for the summary and the progress bar. */
export interface ReadTally {
  bytes(n: number): void;
  lines(n: number): void;
}

/** Items per batch: enough that handing a batch to another thread costs little per item. */
export const BATCH_ITEMS = 256;

/** Reads one input: sniffs its format (unless forced), then streams its calls and skipped parts. */
export async function* readSource(source: InputSource, formatIn: InputFormat | undefined, tally: ReadTally): AsyncGenerator<SourceEvent> {
  try {
    const { head, all, close } = await peek(countBytes(openSource(source), tally));
    const reader = pickReader(head, source, formatIn);
    if (typeof reader === 'string') {
      yield { kind: 'skipped', reason: reader };
      // skipped stdin is still read to its end, so the writer on the other side of the pipe is not cut off
      await (source.path === '-' ? drain(all) : close());
      return;
    }
    yield { kind: 'format', format: reader.format };
    let items: IngestItem[] = [];
    for await (const item of reader.read(numberedLines(all, reader.lineEncoding ?? 'utf8', () => tally.lines(1)), { path: source.path })) {
      if (items.push(item) < BATCH_ITEMS) continue;
      yield { kind: 'items', items };
      items = [];
    }
    if (items.length > 0) yield { kind: 'items', items };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    // A file that cannot be read is reported and the scan goes on; anything else is a defect.
    if (typeof err?.code !== 'string' || !err.syscall) throw e;
    yield { kind: 'unreadable', message: err.message };
  }
}

/** The reader for a file, or why the file is left out. */
function pickReader(head: readonly string[], source: InputSource, forced: InputFormat | undefined): FormatReader | string {
  if (forced) return readerFor(forced);
  const { reader, score } = detectFormat(head, source.path);
  if (score === 0) return head.length === 0 ? 'empty' : 'binary or unrecognized content';
  if (score < WALK_MIN_SCORE && !source.named) return 'not a recognized transcript, log or history (name the file itself, or use --format-in, to read it as plain commands)';
  return reader;
}

async function* countBytes(chunks: AsyncIterable<Buffer>, tally: ReadTally): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    tally.bytes(c.length);
    yield c;
  }
}

async function drain(all: AsyncIterable<Buffer>): Promise<void> {
  for await (const _ of all) void _;
}
