import { READERS } from '../ingest/readers.js';
import { mostSure } from '../ingest/sniff.js';
import type { FormatReader } from '../ingest/types.js';

/** A file found in a directory walk is read only when a reader is at least this sure; plain text's guess (1) is not enough. */
export const WALK_MIN_SCORE = 2;

/** The reader most sure of a file's format, with its score (0: none recognizes it). */
export const detectFormat = (head: readonly string[], path: string): { reader: FormatReader; score: number } => mostSure(READERS, head, path);
