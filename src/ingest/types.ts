import type { AnalyzeRequest } from '../engine/request.js';

/** Every input format `proxilion scan` reads, by the name `--format-in` takes. */
export const INPUT_FORMATS = ['claude-code', 'codex', 'gemini', 'mcp', 'ndjson', 'bash-history', 'zsh-history', 'fish-history', 'plain'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** A tool call found in an input, with where it was found. */
export interface IngestedCall {
  kind: 'call';
  /**
   * The call as the daemon would receive it. `sessionId` is the input's own session id when it has
   * one; when absent the scanner uses the file's default session.
   */
  request: AnalyzeRequest;
  /** 1-based line in its file where the call starts. */
  line: number;
  /** When the call was made (ms since the epoch), when the input says. */
  at?: number;
  /** The agent's own name for the tool (Bash, run_shell_command, a tools/call name…), for reports. */
  tool?: string;
  /** What became of the call, when the input records it (a tool result joined to it). */
  outcome?: CallOutcome;
}

/** `denied`: the agent or a hook refused to run it; `error`: it ran and failed. */
export type CallOutcome = 'ok' | 'error' | 'denied';

/** A part of an input that was not understood: reported once as a warning, and the scan goes on. */
export interface IngestSkip {
  kind: 'skip';
  line: number;
  reason: string;
}

export type IngestItem = IngestedCall | IngestSkip;

/** One line of an input file; `text` is undefined when the line was longer than the line limit (its bytes are dropped). */
export interface InputLine {
  text: string | undefined;
  /** 1-based */
  line: number;
}

export interface SourceInfo {
  /** The path as the user named it (or `-` for stdin). */
  path: string;
}

export interface FormatReader {
  readonly format: InputFormat;
  /**
   * How sure this reader is that a file is in its format, from the file's first non-empty lines (at most
   * SNIFF_LINES, each cut at SNIFF_LINE_CHARS) and its path (a name like `.zsh_history` is a hint; `-` for
   * stdin): 0 means no, 1 a guess, 10 certain; the highest score wins, ties go to the earlier reader in READERS.
   */
  sniff(head: readonly string[], path: string): number;
  /** How the scanner decodes the file's lines for `read`: UTF-8 unless the format has its own byte encoding. */
  readonly lineEncoding?: 'utf8' | 'latin1';
  /** The calls and skipped parts of one file, in file order. Memory stays bounded whatever the input's size. */
  read(lines: AsyncIterable<InputLine>, source: SourceInfo): AsyncIterable<IngestItem>;
  /**
   * Agent transcripts written line by line: follows their lines for the turn a call made after them would
   * carry, as `read` attaches it to calls (the latest prompt of a session, and the assistant text after it).
   */
  turnTracker?(source: SourceInfo): TurnTracker;
  /** The same for a transcript that is not appended to line by line (a session document rewritten whole). */
  turnAfter?(lines: AsyncIterable<InputLine>, source: SourceInfo, sessionId: string | undefined): Promise<Turn>;
}

/** A transcript's conversation so far, fed one line at a time; it can be fed more as the file grows. */
export interface TurnTracker {
  line(l: InputLine): void;
  /** The latest prompt of `sessionId` (of the last session seen when it is not there) and the assistant's text since. */
  turn(sessionId: string | undefined): Turn;
}

/** The conversation that comes with a call: what the user last asked, and what the assistant said since. */
export type Turn = Pick<AnalyzeRequest, 'userMessage' | 'aiResponse'>;

export const SNIFF_LINES = 20;
export const SNIFF_LINE_CHARS = 64 * 1024;
