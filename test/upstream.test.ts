import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEngine } from './helpers/engine.js';
import { parseToolCall } from '../src/engine/toolcall.js';
import { rank } from './helpers/corpus.js';
import departures from './corpus/upstream-departures.json' with { type: 'json' };

/**
 * The upstream engine's own test cases (../shared/corpus). Every malicious row must be detected;
 * score bounds are checked on the aggregate score. Where proxilion departs from upstream on purpose
 * (upstream over-blocked ordinary commands, or scored by substring), the row's entry in
 * upstream-departures.json gives the reason and the decision range proxilion asserts instead.
 */
const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'corpus');

interface Expect {
  malicious?: boolean | null;
  min_score?: number;
  min_op?: string;
  max_score?: number;
  max_op?: string;
  decision?: string;
}
interface Row {
  id: string;
  tool_call: Record<string, unknown>;
  expect: Expect;
}
interface Departure {
  reason: string;
  min?: string;
  max?: string;
}

const rows: Row[] = readFileSync(join(SHARED, 'upstream-single.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const DEPARTURES = departures as Record<string, Departure>;

const cmp = (a: number, op: string | undefined, b: number) => (op === '>' ? a > b : op === '<' ? a < b : op === '<=' ? a <= b : a >= b);

describe('upstream single-call cases', () => {
  it.each(rows.map((r) => [r.id, r] as const))('%s', async (id, row) => {
    const engine = await getEngine();
    const v = engine.analyze(parseToolCall(row.tool_call));
    const why = `${v.decision} ${v.threat_score}: ${v.patterns.join('; ')}`;
    const dep = DEPARTURES[id];
    if (dep) {
      expect(dep.reason.length).toBeGreaterThan(10);
      if (dep.min) expect(rank(v.decision), why).toBeGreaterThanOrEqual(rank(dep.min));
      if (dep.max) expect(rank(v.decision), why).toBeLessThanOrEqual(rank(dep.max));
      return;
    }
    const e = row.expect;
    if (e.malicious === true) expect(rank(v.decision), `not detected: ${why}`).toBeGreaterThanOrEqual(1);
    if (e.malicious === false) expect(v.decision, why).toBe('Allow');
    if (e.min_score !== undefined) expect(cmp(v.threat_score, e.min_op, e.min_score), `${why}; upstream wanted ${e.min_op} ${e.min_score}`).toBe(true);
    if (e.max_score !== undefined) expect(cmp(v.threat_score, e.max_op, e.max_score), `${why}; upstream wanted ${e.max_op} ${e.max_score}`).toBe(true);
    if (e.decision) expect(v.decision, why).toBe(e.decision);
  });

  it('departures name only existing rows', () => {
    const ids = new Set(rows.map((r) => r.id));
    for (const id of Object.keys(DEPARTURES)) if (!id.startsWith('session:')) expect(ids.has(id), id).toBe(true);
  });
});

interface SessionRow {
  id: string;
  steps: Array<{ tool_call: Record<string, unknown>; expect?: Expect }>;
  expect: Expect & { final_min_score?: number };
}
const sessions: SessionRow[] = readFileSync(join(SHARED, 'upstream-sessions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('upstream session cases: each malicious step is detected on its own', () => {
  const cases = sessions.flatMap((s) => s.steps.map((st, i) => [`${s.id} step ${i + 1}`, st, s] as const)).filter(([, st, s]) => (st.expect?.malicious ?? s.expect.malicious) === true);
  it.each(cases)('%s', async (label, step) => {
    const engine = await getEngine();
    const v = engine.analyze(parseToolCall(step.tool_call));
    const dep = DEPARTURES[`session:${label}`];
    if (dep) {
      if (dep.min) expect(rank(v.decision)).toBeGreaterThanOrEqual(rank(dep.min));
      if (dep.max) expect(rank(v.decision)).toBeLessThanOrEqual(rank(dep.max));
      return;
    }
    expect(rank(v.decision), `${v.decision} ${v.threat_score}: ${v.patterns.join('; ')}`).toBeGreaterThanOrEqual(1);
  });
});
