import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Decision } from '../../src/engine/score.js';

export interface CorpusRow {
  id: string;
  cmd: string;
  /** Lowest acceptable decision (attacks). */
  min?: string;
  /** Highest acceptable decision (ordinary work). */
  max?: string;
  plain?: string;
  tactic?: string;
  file: string;
}

export const CORPUS_DIR = join(import.meta.dirname, '..', 'corpus');
export const CORPUS_FILES = ['attacks', 'evasions', 'benign', 'data'] as const;

export function loadCorpus(name: string): CorpusRow[] {
  const path = join(CORPUS_DIR, `${name}.jsonl`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ ...(JSON.parse(l) as Omit<CorpusRow, 'file'>), file: name }));
}

/** Rows that currently miss their label, each with the reason: they run as expected failures. */
export function knownMisses(): Record<string, string> {
  const path = join(CORPUS_DIR, 'known-misses.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>) : {};
}

const RANK: Record<string, number> = { allow: 0, alert: 1, block: 2, terminate: 3 };
export const rank = (d: Decision | string): number => RANK[d.toLowerCase()] ?? -1;

export function meets(row: CorpusRow, decision: Decision): boolean {
  if (row.min && rank(decision) < rank(row.min)) return false;
  if (row.max && rank(decision) > rank(row.max)) return false;
  return true;
}
