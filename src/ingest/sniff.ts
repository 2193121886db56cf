import type { FormatReader } from './types.js';

/** The reader of `readers` most sure of a file's format, with its score (0: none recognizes it; then the last reader). */
export function mostSure(readers: readonly FormatReader[], head: readonly string[], path: string): { reader: FormatReader; score: number } {
  let best = { reader: readers[readers.length - 1]!, score: 0 };
  for (const reader of readers) {
    const score = reader.sniff(head, path);
    if (score > best.score) best = { reader, score };
  }
  return best;
}
