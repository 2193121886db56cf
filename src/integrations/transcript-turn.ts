import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { claudeCodeReader } from '../ingest/formats/claude-code.js';
import { codexReader } from '../ingest/formats/codex.js';
import { geminiReader } from '../ingest/formats/gemini.js';
import { mostSure } from '../ingest/sniff.js';
import type { FormatReader, InputLine, Turn, TurnTracker } from '../ingest/types.js';
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
const LAST_WINDOW = TAIL_WINDOWS[TAIL_WINDOWS.length - 1]!;

/** Transcripts a daemon follows at once: one per agent session in use, the least recently asked for dropped first. */
const MAX_FOLLOWED = 64;

/** How far a followed transcript has been read, and the conversation up to there. */
interface Followed {
  dev: number;
  ino: number;
  /** Bytes fed to the tracker: always the end of a whole line. */
  offset: number;
  tracker: TurnTracker;
}

/**
 * The conversation a hook's call belongs to, read from the agent's transcript as `proxilion scan`
 * reads it: the user's latest prompt and the assistant's text since. Agents do not put them in the
 * hook input, and without them the asked-for steps and the conversation rules cannot apply.
 * Nothing is returned for a transcript that is missing, not a regular file, or in no known format.
 */
export async function turnFromTranscript(path: string, sessionId: string | undefined): Promise<Turn> {
  return withTranscript(path, async (fd, stat) => (await readTail(fd, stat.size, path, sessionId)).turn);
}

/**
 * The same for a daemon, which is asked about the same transcripts call after call: each is followed
 * from where the last call left it, so only what the agent appended since is read.
 */
export class TranscriptFollower {
  private readonly followed = new Map<string, Followed>();

  turn(path: string, sessionId: string | undefined): Promise<Turn> {
    return withTranscript(path, async (fd, stat) => {
      const known = this.followed.get(path);
      this.followed.delete(path);
      // the same file, grown by no more than a window since: read on from where it was left
      if (known && known.dev === stat.dev && known.ino === stat.ino && stat.size >= known.offset && stat.size - known.offset <= LAST_WINDOW) {
        known.offset += feed(known.tracker, readAt(fd, known.offset, stat.size - known.offset));
        this.keep(path, known);
        return known.tracker.turn(sessionId);
      }
      const read = await readTail(fd, stat.size, path, sessionId);
      if (read.tracker) this.keep(path, { dev: stat.dev, ino: stat.ino, offset: read.offset, tracker: read.tracker });
      return read.turn;
    });
  }

  private keep(path: string, f: Followed): void {
    if (this.followed.size >= MAX_FOLLOWED) this.followed.delete(this.followed.keys().next().value!);
    this.followed.set(path, f);
  }
}

async function withTranscript(path: string, read: (fd: number, stat: Stats) => Promise<Turn>): Promise<Turn> {
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
    return stat.isFile() && stat.size > 0 ? await read(fd, stat) : {};
  } finally {
    closeSync(fd);
  }
}

/** The turn at a transcript's end, through growing windows; for a format read line by line, also its tracker and how far it read. */
async function readTail(fd: number, size: number, path: string, sessionId: string | undefined): Promise<{ turn: Turn; tracker?: TurnTracker; offset: number }> {
  const reader = await sniff(readAt(fd, 0, Math.min(size, HEAD_BYTES)), path);
  let last: { turn: Turn; tracker?: TurnTracker; offset: number } = { turn: {}, offset: 0 };
  if (!reader?.turnTracker && !reader?.turnAfter) return last;
  for (const window of TAIL_WINDOWS) {
    const start = Math.max(0, size - window);
    const tail = readAt(fd, start, size - start);
    // a window that starts inside a line drops that line's end
    const from = start === 0 ? 0 : tail.indexOf(0x0a) + 1;
    if (reader.turnTracker) {
      const tracker = reader.turnTracker({ path });
      const used = feed(tracker, tail.subarray(from));
      last = { turn: tracker.turn(sessionId), tracker, offset: start + from + used };
    } else {
      last = { turn: await reader.turnAfter!(asLines(tail.toString('utf8', from)), { path }, sessionId), offset: 0 };
    }
    if (last.turn.userMessage !== undefined || start === 0) break;
  }
  return last;
}

/**
 * Feeds the whole lines of `bytes` to the tracker and returns how many bytes they took: a line still
 * being written (no newline yet) waits for the next read.
 */
function feed(tracker: TurnTracker, bytes: Buffer): number {
  const end = bytes.lastIndexOf(0x0a) + 1;
  for (const l of linesIn(bytes.toString('utf8', 0, end))) tracker.line(l);
  return end;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
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
function* linesIn(text: string): Generator<InputLine> {
  let line = 0;
  for (const raw of text.split('\n')) yield { text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, line: ++line };
}

async function* asLines(text: string): AsyncGenerator<InputLine> {
  yield* linesIn(text);
}
