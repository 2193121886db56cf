import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEngine } from './helpers/engine.js';
import { parseToolCall } from '../src/engine/toolcall.js';
import { rank } from './helpers/corpus.js';
import departures from './corpus/upstream-departures.json' with { type: 'json' };
import type { Verdict } from '../src/engine/verdict.js';

/**
 * The upstream engine's own test cases (../shared/corpus). Every malicious row must be detected.
 * An upstream score bound is read as the decision it implies (50 Alert, 70 Block), capped at Block:
 * proxilion's per-call scale keeps Terminate for unmistakable attacks and session kill chains, so
 * "upstream said ≥ 90" asks for Block here. Bounds under 50 are compared as scores. A benign row
 * checked at analyzer level asks that the named analyzer stays within its bound. Where proxilion
 * departs on purpose — upstream over-blocked ordinary work, or flagged text that never executes —
 * the row's entry in upstream-departures.json says why and what is asserted instead.
 */
const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'corpus');

interface Expect {
  malicious?: boolean | null;
  min_score?: number;
  min_op?: string;
  max_score?: number;
  max_op?: string;
  decision?: string;
  analyzer?: string;
}
interface Row {
  id: string;
  tool_call: Record<string, unknown>;
  expect: Expect;
  level: 'engine' | 'analyzer';
}
interface Departure {
  reason: string;
  min?: string;
  max?: string;
}

const rows: Row[] = readFileSync(join(SHARED, 'upstream-single.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const DEPARTURES = departures as Record<string, Departure>;

const cmp = (a: number, op: string | undefined, b: number) => (op === '>' ? a > b : op === '<' ? a < b : op === '<=' ? a <= b : a >= b);
/** The decision an upstream score implies, capped at Block (see above). */
const impliedRank = (score: number) => (score >= 70 ? 2 : score >= 50 ? 1 : 0);

function check(row: Row, v: Verdict): void {
  const why = `${v.decision} ${v.threat_score}: ${v.patterns.join('; ')}`;
  const dep = DEPARTURES[row.id];
  if (dep) {
    expect(dep.reason.length).toBeGreaterThan(10);
    if (dep.min) expect(rank(v.decision), why).toBeGreaterThanOrEqual(rank(dep.min));
    if (dep.max) expect(rank(v.decision), why).toBeLessThanOrEqual(rank(dep.max));
    return;
  }
  const e = row.expect;
  if (e.malicious === true) {
    if (e.min_score !== undefined && e.min_score < 50) expect(cmp(v.threat_score, e.min_op, e.min_score), `${why}; upstream wanted ${e.min_op} ${e.min_score}`).toBe(true);
    else expect(rank(v.decision), `${why}; upstream wanted ${e.min_op ?? ''} ${e.min_score ?? 'detection'}`).toBeGreaterThanOrEqual(e.min_score !== undefined ? impliedRank(e.min_score) : 1);
    if (e.decision) expect(rank(v.decision), why).toBeGreaterThanOrEqual(Math.min(2, rank(e.decision)));
  }
  if (e.malicious === false) {
    if (row.level === 'analyzer' && e.analyzer) {
      const own = v.analyzer_scores[e.analyzer as keyof typeof v.analyzer_scores] ?? 0;
      if (e.max_score !== undefined) expect(cmp(own, e.max_op, e.max_score), `${e.analyzer} scored ${own}; ${why}`).toBe(true);
    } else {
      expect(v.decision, why).toBe('Allow');
      if (e.max_score !== undefined) expect(cmp(v.threat_score, e.max_op, e.max_score), why).toBe(true);
    }
  }
}

describe('upstream single-call cases', () => {
  it.each(rows.map((r) => [r.id, r] as const))('%s', async (_id, row) => {
    const engine = await getEngine();
    check(row, engine.analyze(parseToolCall(row.tool_call)));
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

// Steps that upstream asserted on their own must be detected on their own. The session-level
// expectations (rates, phase progressions, campaign age) need the session store and the
// session-aware analyzers, which come with the daemon.
describe('upstream session cases: steps asserted on their own', () => {
  const cases = sessions.flatMap((s) => s.steps.map((st, i) => [`${s.id} step ${i + 1}`, st, s] as const)).filter(([, st]) => st.expect?.malicious === true);
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
