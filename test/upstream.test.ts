import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getEngine } from './helpers/engine.js';
import { parseToolCall } from '../src/engine/toolcall.js';
import { rank } from './helpers/corpus.js';
import { runUpstreamSession, type UpstreamSessionRow, type UpstreamStep } from './helpers/upstream-session.js';
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
 *
 * Session cases run as sessions (helpers/upstream-session.ts translates upstream's injected statistics
 * into the events a store keeps) and are read the same way, with their patterns: upstream's wording,
 * met when each word of a pattern shows in the verdict's messages, evidence, rule names or tactics.
 * Their departures are keyed `session:<row id> step N`.
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
  patterns_all?: string[];
  patterns_any?: string[];
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
  /** Session steps: what the verdict says instead, in proxilion's words. */
  patterns?: string[];
}

const rows: Row[] = readFileSync(join(SHARED, 'upstream-single.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const DEPARTURES = departures as Record<string, Departure>;

const cmp = (a: number, op: string | undefined, b: number) => (op === '>' ? a > b : op === '<' ? a < b : op === '<=' ? a <= b : a >= b);
/** The decision an upstream score implies, capped at Block (see above). */
const impliedRank = (score: number) => (score >= 70 ? 2 : score >= 50 ? 1 : 0);
const summary = (v: Verdict) => `${v.decision} ${v.threat_score}: ${v.patterns.join('; ')}`;

function check(key: string, e: Expect, level: Row['level'], v: Verdict): void {
  const why = summary(v);
  const dep = DEPARTURES[key];
  if (dep) {
    expect(dep.reason.length).toBeGreaterThan(10);
    if (dep.min) expect(rank(v.decision), why).toBeGreaterThanOrEqual(rank(dep.min));
    if (dep.max) expect(rank(v.decision), why).toBeLessThanOrEqual(rank(dep.max));
    for (const p of dep.patterns ?? []) expect(mentions(v, p), `"${p}" in ${why}`).toBe(true);
    return;
  }
  if (e.malicious === true) {
    if (e.min_score !== undefined && e.min_score < 50) expect(cmp(v.threat_score, e.min_op, e.min_score), `${why}; upstream wanted ${e.min_op} ${e.min_score}`).toBe(true);
    else expect(rank(v.decision), `${why}; upstream wanted ${e.min_op ?? ''} ${e.min_score ?? 'detection'}`).toBeGreaterThanOrEqual(e.min_score !== undefined ? impliedRank(e.min_score) : 1);
    if (e.decision) expect(rank(v.decision), why).toBeGreaterThanOrEqual(Math.min(2, rank(e.decision)));
  }
  if (e.malicious === false) {
    if (level === 'analyzer' && e.analyzer) {
      const own = v.analyzer_scores[e.analyzer as keyof typeof v.analyzer_scores] ?? 0;
      if (e.max_score !== undefined) expect(cmp(own, e.max_op, e.max_score), `${e.analyzer} scored ${own}; ${why}`).toBe(true);
    } else {
      expect(v.decision, why).toBe('Allow');
      if (e.max_score !== undefined) expect(cmp(v.threat_score, e.max_op, e.max_score), why).toBe(true);
    }
  }
}

const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
/** Whether every word of an upstream pattern shows in the verdict's findings. */
function mentions(v: Verdict, pattern: string): boolean {
  const said = new Set(words(v.findings.flatMap((f) => [f.message, f.evidence, f.name, f.tactic]).join(' ')));
  return words(pattern).every((w) => said.has(w));
}

describe('upstream single-call cases', () => {
  it.each(rows.map((r) => [r.id, r] as const))('%s', async (_id, row) => {
    const engine = await getEngine();
    check(row.id, row.expect, row.level, engine.analyze(parseToolCall(row.tool_call)));
  });

  it('departures name only existing rows', () => {
    const ids = new Set(rows.map((r) => r.id));
    for (const id of Object.keys(DEPARTURES)) if (!id.startsWith('session:')) expect(ids.has(id), id).toBe(true);
  });
});

type SessionExpect = Expect & {
  final_min_score?: number;
  final_min_op?: string;
  final_max_score?: number;
  final_max_op?: string;
  final_patterns_all?: string[];
  final_patterns_any?: string[];
};
type SessionRow = UpstreamSessionRow<UpstreamStep & { expect?: Expect }> & { expect: SessionExpect; level: Row['level'] };
const sessions: SessionRow[] = readFileSync(join(SHARED, 'upstream-sessions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

// Steps that upstream asserted on their own must be detected on their own too, whatever the session.
describe('upstream session cases: steps asserted on their own', () => {
  const cases = sessions.flatMap((s) => s.steps.map((st, i) => [`${s.id} step ${i + 1}`, st] as const)).filter(([, st]) => st.expect?.malicious === true);
  it.each(cases)('%s', async (_label, step) => {
    const engine = await getEngine();
    const v = engine.analyze(parseToolCall(step.tool_call!));
    expect(rank(v.decision), summary(v)).toBeGreaterThanOrEqual(1);
  });
});

/** A row's own expectation for the last step it analyzes (upstream's `final_` bounds). */
function finalExpect(e: SessionExpect): Expect {
  return { malicious: e.malicious, analyzer: e.analyzer, min_score: e.final_min_score, min_op: e.final_min_op, max_score: e.final_max_score, max_op: e.final_max_op, patterns_all: e.final_patterns_all, patterns_any: e.final_patterns_any };
}

/** Every asserted step: those with an expectation of their own, and the last analyzed step for the row's. */
const asserted = sessions.flatMap((row) => {
  const last = row.steps.map((st) => !st.replay).lastIndexOf(true);
  return row.steps.flatMap((st, i) => {
    const e = st.expect ?? (i === last ? finalExpect(row.expect) : undefined);
    return e ? [[`session:${row.id} step ${i + 1}`, row, i, e] as const] : [];
  });
});

describe('upstream session cases, in their sessions', () => {
  it.each(asserted)('%s', async (key, row, index, e) => {
    const analyzed = runUpstreamSession(await getEngine(), row);
    const v = analyzed.find((a) => a.index === index)!.verdict;
    check(key, e, row.level, v);
    if (DEPARTURES[key]) return;
    const why = summary(v);
    for (const p of e.patterns_all ?? []) expect(mentions(v, p), `"${p}" in ${why}`).toBe(true);
    if (e.patterns_any) expect(e.patterns_any.some((p) => mentions(v, p)), `any of ${e.patterns_any.join(', ')} in ${why}`).toBe(true);
  });

  it('session departures name asserted steps', () => {
    const keys = new Set<string>(asserted.map(([key]) => key));
    for (const id of Object.keys(DEPARTURES)) if (id.startsWith('session:')) expect(keys.has(id), id).toBe(true);
  });
});
