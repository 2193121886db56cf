import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { claudeCodeReader } from '../ingest/formats/claude-code.js';
import { codexReader } from '../ingest/formats/codex.js';
import { geminiReader } from '../ingest/formats/gemini.js';
import { mostSure } from '../ingest/sniff.js';
import type { FormatReader, InputLine, Turn } from '../ingest/types.js';
import { peek } from '../scan/lines.js';

/** The transcript formats a hook's `transcript_path` may name (Cursor can run Claude Code's hooks, so each is sniffed). */
const TRANSCRIPT_READERS: readonly FormatReader[] = [claudeCodeReader, codexReader, geminiReader];

/** Bytes read from a transcript's start to tell its format: enough for its first lines, which are short in all three. */
const HEAD_BYTES = 64 * 1024;

/**
 * How much of a transcript's end is read for the turn in progress, growing while no prompt has been
 * found: a turn's tool results can be large, but a hook must not read a whole long session.
 */
export const TAIL_WINDOWS = [256 * 1024, 1024 * 1024, 4 * 1024 * 1024] as const;

/**
 * The conversation a hook's call belongs to, read from the agent's transcript as `proxilion scan`
 * reads it: the user's latest prompt and the assistant's text since. Agents do not put them in the
 * hook input, and without them the asked-for steps and the conversation rules cannot apply.
 * Nothing is returned for a transcript that is missing, not a regular file, or in no known format.
 */
export async function turnFromTranscript(path: string, sessionId: string | undefined): Promise<Turn> {
  let fd: number;
  try {
    // non-blocking, so that a path naming a FIFO cannot hold the hook until a writer comes. Synchronous:
    // a hook process has nothing else to do meanwhile, and fs/promises would cost it a module load.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    // the agent writes its transcript asynchronously: the first call of a session may come before it exists
    return {};
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size === 0) return {};
    const reader = await sniff(readAt(fd, 0, Math.min(stat.size, HEAD_BYTES)), path);
    if (!reader?.turnAfter) return {};
    let turn: Turn = {};
    for (const window of TAIL_WINDOWS) {
      const start = Math.max(0, stat.size - window);
      const tail = readAt(fd, start, stat.size - start);
      // a window that starts inside a line drops that line's end
      turn = await reader.turnAfter(linesOf(tail.toString('utf8', start === 0 ? 0 : tail.indexOf(0x0a) + 1)), { path }, sessionId);
      if (turn.userMessage !== undefined || start === 0) break;
    }
    return turn;
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  return buffer.subarray(0, readSync(fd, buffer, 0, length, position));
}

async function sniff(head: Buffer, path: string): Promise<FormatReader | undefined> {
  const best = mostSure(TRANSCRIPT_READERS, (await peek(bytes(head))).head, path);
  return best.score > 0 ? best.reader : undefined;
}

async function* bytes(buffer: Buffer): AsyncGenerator<Buffer> {
  yield buffer;
}

/** A window's lines; it is read whole (at most the last of TAIL_WINDOWS), so no line is over the scanner's line limit. */
async function* linesOf(text: string): AsyncGenerator<InputLine> {
  let line = 0;
  for (const raw of text.split('\n')) yield { text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, line: ++line };
}
