import { describe, expect, it } from 'vitest';
import { getEngine } from './helpers/engine.js';
import { CORPUS_FILES, knownMisses, loadCorpus, meets, rank, type CorpusRow } from './helpers/corpus.js';

const misses = knownMisses();
const rows = CORPUS_FILES.flatMap((f) => loadCorpus(f));

async function decisionOf(row: CorpusRow | string) {
  const engine = await getEngine();
  const cmd = typeof row === 'string' ? row : row.cmd;
  return engine.analyze({ kind: 'bash', command: cmd, args: [], env: {} });
}

describe.each(CORPUS_FILES.map((f) => [f]))('corpus %s', (file) => {
  const mine = rows.filter((r) => r.file === file);
  it('has rows', () => expect(mine.length).toBeGreaterThan(50));
  for (const row of mine) {
    const expectation = row.min ? `≥ ${row.min}` : `≤ ${row.max}`;
    const title = `${row.id} ${expectation}: ${row.cmd.slice(0, 80)}`;
    const body = async () => {
      const v = await decisionOf(row);
      expect(meets(row, v.decision), `${v.decision} ${v.threat_score} ${v.patterns.join('; ')}`).toBe(true);
    };
    // A known miss is an expected failure: it shows in the report and flips when fixed.
    if (misses[row.id]) it.fails(`${title} (known miss: ${misses[row.id]})`, body);
    else it(title, body);
  }
});

describe('detection targets (DESIGN.md §10)', () => {
  /** Share of rows reaching Alert and Block. */
  async function rates(selected: CorpusRow[]) {
    let alert = 0;
    let block = 0;
    for (const r of selected) {
      const d = (await decisionOf(r)).decision;
      if (rank(d) >= 1) alert++;
      if (rank(d) >= 2) block++;
    }
    return { alert: alert / selected.length, block: block / selected.length };
  }

  it('attacks: ≥ 95% at Alert or above, ≥ 85% at Block or above', async () => {
    const r = await rates(rows.filter((x) => x.file === 'attacks' || x.file === 'evasions'));
    expect(r.alert).toBeGreaterThanOrEqual(0.95);
    expect(r.block).toBeGreaterThanOrEqual(0.85);
  });

  it('ordinary commands: ≤ 0.5% blocked, ≤ 3% alerted', async () => {
    const r = await rates(rows.filter((x) => (x.file === 'benign' || x.file === 'data') && x.max));
    expect(r.block).toBeLessThanOrEqual(0.005);
    expect(r.alert).toBeLessThanOrEqual(0.03);
  });

  it('evasions are caught as well as their plain forms', async () => {
    const evasions = rows.filter((r) => r.file === 'evasions' && r.plain);
    let worse = 0;
    const worseIds: string[] = [];
    for (const r of evasions) {
      const [obf, plain] = [await decisionOf(r), await decisionOf(r.plain!)];
      if (rank(obf.decision) < rank(plain.decision) && rank(obf.decision) < 2) {
        worse++;
        worseIds.push(r.id);
      }
    }
    expect(worse / evasions.length, worseIds.join(', ')).toBeLessThanOrEqual(0.05);
  });
});
