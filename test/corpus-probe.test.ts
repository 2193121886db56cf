import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEngine } from './helpers/engine.js';
import { CORPUS_DIR, rank } from './helpers/corpus.js';

/**
 * Corpora written independently of the rules and of test/corpus/*.jsonl, to measure how detection
 * generalizes (the `-2` files were written later, aimed at rarer tooling). Its labels include judgement calls, so it is held to aggregate rates
 * (the levels reached when it was added), not row by row: a change that loses generality fails here.
 */
const load = (name: string) =>
  readFileSync(join(CORPUS_DIR, 'probe', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { cmd: string; max?: string });

async function rates(rows: Array<{ cmd: string }>) {
  const engine = await getEngine();
  let alert = 0;
  let block = 0;
  for (const r of rows) {
    const d = engine.analyze({ kind: 'bash', command: r.cmd, args: [], env: {} }).decision;
    if (rank(d) >= 1) alert++;
    if (rank(d) >= 2) block++;
  }
  return { alert: alert / rows.length, block: block / rows.length };
}

describe('independent probe corpus', () => {
  it('second probe, aimed at rarer tooling: ≥ 80% at Alert or above, ≥ 68% at Block or above', async () => {
    const r = await rates([...load('attacks-2'), ...load('evasions-2')]);
    expect(r.alert).toBeGreaterThanOrEqual(0.8);
    expect(r.block).toBeGreaterThanOrEqual(0.68);
  });

  it('attacks and evasions: ≥ 90% at Alert or above, ≥ 75% at Block or above', async () => {
    const r = await rates([...load('attacks'), ...load('evasions')]);
    expect(r.alert).toBeGreaterThanOrEqual(0.9);
    expect(r.block).toBeGreaterThanOrEqual(0.75);
  });

  it('ordinary work and data: ≤ 0.5% blocked, ≤ 3% alerted', async () => {
    const r = await rates([...load('benign'), ...load('benign-2'), ...load('data').filter((x) => x.max)]);
    expect(r.block).toBeLessThanOrEqual(0.005);
    expect(r.alert).toBeLessThanOrEqual(0.03);
  });
});
