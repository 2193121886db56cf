import { basename } from 'node:path';
import type { IngestedCall, IngestSkip, InputLine } from '../types.js';

/** A line a reader can parse, or the skip that reports why it cannot. */
export type CheckedLine = { kind: 'text'; text: string; line: number } | IngestSkip;

/** Turns the line reader's over-long marker and binary junk into skips, so no reader parses either. */
export function checkLine(l: InputLine): CheckedLine {
  if (l.text === undefined) return { kind: 'skip', line: l.line, reason: 'line longer than the limit' };
  const junk = binaryReason(l.text);
  if (junk) return { kind: 'skip', line: l.line, reason: junk };
  return { kind: 'text', text: l.text, line: l.line };
}

/**
 * Why a line is binary junk rather than text, or undefined. A NUL never occurs in a command or a
 * JSON line; a line that is mostly replacement or control characters is a decoded binary blob.
 * Tabs and ESC are left out of the count: both appear in real commands.
 */
export function binaryReason(text: string): string | undefined {
  if (text.includes('\0')) return 'binary data (NUL byte)';
  let odd = 0;
  for (let i = 0; i < text.length; i++) if (isOddChar(text.charCodeAt(i))) odd++;
  return odd * 2 > text.length ? 'binary data (mostly non-printable characters)' : undefined;
}

function isOddChar(c: number): boolean {
  return c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x1b) || (c >= 0x7f && c <= 0x9f);
}

/**
 * Whether a file's head is binary, the one thing that rules out even the plain-text fallback: most
 * of its lines are junk. One corrupt line in a text file is a skip, not a reason to refuse the file.
 */
export function headLooksBinary(head: readonly string[]): boolean {
  return head.filter((h) => binaryReason(h) !== undefined).length * 2 > head.length;
}

/** The score for a history file recognized only by its usual name: above plain text, below any content match. */
export function nameHint(path: string, names: readonly string[]): number {
  return names.includes(basename(path)) ? 3 : 0;
}

/** Whether `s[from, to)` is non-empty and all ASCII digits. */
export function allDigits(s: string, from = 0, to = s.length): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Epoch seconds written as digits (bash `#…`, zsh `: …:`, fish `when:`) as ms; undefined if not digits. */
export function epochSecondsToMs(digits: string): number | undefined {
  // 12 digits reach the year 33658: anything longer is not a timestamp a shell wrote
  if (digits.length > 12 || !allDigits(digits)) return undefined;
  return Number(digits) * 1000;
}

/**
 * A time given as an ISO 8601 string or as epoch seconds or milliseconds (number or digit string).
 * Numbers below 1e11 are seconds: as milliseconds they would fall in 1973, as seconds in year 5138.
 */
export function timeToMs(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? (v < 1e11 ? v * 1000 : v) : undefined;
  if (typeof v !== 'string') return undefined;
  if (allDigits(v)) return v.length > 16 ? undefined : timeToMs(Number(v));
  return isoToMs(v);
}

/** An ISO 8601 date-time; the date shape is checked first because Date.parse accepts almost anything. */
export function isoToMs(s: string): number | undefined {
  if (s.length < 10 || s[4] !== '-' || s[7] !== '-' || !allDigits(s, 0, 4) || !allDigits(s, 5, 7) || !allDigits(s, 8, 10)) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A shell command from a history or a plain list, as the daemon would see it from a shell hook. */
export function shellCall(command: string, line: number, at: number | undefined, agent: string | undefined): IngestedCall {
  const call: IngestedCall = { kind: 'call', request: { call: { kind: 'bash', command, args: [], env: {} } }, line, tool: 'bash' };
  if (agent !== undefined) call.request.agent = agent;
  if (at !== undefined) call.at = at;
  return call;
}

/** For sniffing, where a head line that is not JSON (or was cut short) is simply not a match. */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
