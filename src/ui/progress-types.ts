/**
 * What a scan has done so far. The scanner updates one of these in place; the progress display reads a
 * copy every 100 ms. Kept apart from the display so the scanner can name it without loading ink.
 */
export interface Snapshot {
  files: number;
  filesTotal: number;
  bytes: number;
  /** Unknown when an input is a stream (stdin): the display then shows a spinner instead of a bar. */
  bytesTotal?: number;
  lines: number;
  calls: number;
  flagged: number;
  /** The input being read, as shown to the user. */
  file?: string;
  startedAt: number;
  /** When the snapshot was read: the rate and the spinner frame derive from it, so it must be fresh each time. */
  now: number;
}
