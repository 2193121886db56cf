import { READERS } from '../ingest/readers.js';
import type { FormatReader } from '../ingest/types.js';

/** A file found in a directory walk is read only when a reader is at least this sure; plain text's guess (1) is not enough. */
export const WALK_MIN_SCORE = 2;

/** The reader most sure of a file's format, with its score (0: none recognizes it). */
export function detectFormat(head: readonly string[], path: string): { reader: FormatReader; score: number } {
  let best = { reader: READERS[READERS.length - 1]!, score: 0 };
  for (const reader of READERS) {
    const score = reader.sniff(head, path);
    if (score > best.score) best = { reader, score };
  }
  return best;
}
