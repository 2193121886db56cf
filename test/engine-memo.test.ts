import { describe, expect, it } from 'vitest';
import { CALL_ANALYZER_LIST } from '../src/engine/analyzers/index.js';
import { createEngine } from '../src/engine/index.js';
import type { Analyzer } from '../src/engine/rule.js';
import { DEFAULT_POLICY, type Policy } from '../src/engine/policy.js';
import { MAX_HISTORY, type SessionContext } from '../src/engine/session.js';
import { loadShellGrammar } from '../src/runtime/grammar.js';
import { CORPUS_FILES, loadCorpus } from './helpers/corpus.js';

/**
 * The engine remembers the call-only part of each distinct shell line. A verdict must not depend on
 * whether that part was computed or recalled: every corpus line, analyzed a second time under another
 * session and policy, gives what a fresh engine gives for that session and policy.
 */

const call = (command: string) => ({ kind: 'bash' as const, command, args: [], env: {} });
const lines = CORPUS_FILES.flatMap((f) => loadCorpus(f).map((r) => r.cmd));

const T0 = Date.UTC(2026, 0, 1);
/** A busy session that has touched credentials: the session-aware and context analyzers have something to see. */
const busy: SessionContext = {
  sessionId: 's', userId: 'u', now: T0 + 60_000, startedAt: T0, callsLastHour: 60,
  history: Array.from({ length: Math.min(60, MAX_HISTORY) }, (_, i) => ({ at: T0 + i * 1000, tool: 'bash', score: 55, decision: 'Alert' as const, tactics: ['credential_access' as const], rules: ['PX-CRED-002'], targets: ['~/.aws/credentials'] })),
};
const strict: Policy = { ...DEFAULT_POLICY, disabledAnalyzers: ['enumeration', 'legitimacy'], allowRules: ['PX-CRED-004'] };

describe('the call memo', () => {
  // every corpus line, analysed twice or more: the time it takes grows with the corpus
  it('a recalled call part gives the verdict a fresh engine gives, under any session and policy', async () => {
    const warm = await createEngine(loadShellGrammar());
    for (const l of lines) warm.analyze(call(l));
    const fresh = await createEngine(loadShellGrammar(), { memoEntries: 0 });
    for (const l of lines) {
      expect(warm.analyze(call(l), busy, strict), l).toEqual(fresh.analyze(call(l), busy, strict));
    }
  }, 60_000);

  it('tells apart calls that differ only in arguments or environment', async () => {
    const engine = await createEngine(loadShellGrammar());
    const a = engine.analyze({ kind: 'bash', command: 'cat', args: ['notes.txt'], env: {} });
    const b = engine.analyze({ kind: 'bash', command: 'cat', args: ['/etc/shadow'], env: {} });
    expect(a.decision).toBe('Allow');
    expect(b.decision).not.toBe('Allow');
    const plain = engine.analyze({ kind: 'bash', command: '$X ~/.ssh/id_rsa', args: [], env: {} });
    const viaEnv = engine.analyze({ kind: 'bash', command: '$X ~/.ssh/id_rsa', args: [], env: { X: 'cat' } });
    expect(viaEnv.threat_score).toBeGreaterThan(plain.threat_score);
  });

  it('a call-only analyzer that reads the session or the policy fails loudly instead of being remembered wrongly', async () => {
    const engine = await createEngine(loadShellGrammar());
    const victim = CALL_ANALYZER_LIST[0] as { analyze: Analyzer['analyze'] };
    const original = victim.analyze;
    const errors: string[] = [];
    const observer = { clock: () => 0, analyzer: () => {}, error: (_n: string, e: unknown) => errors.push((e as Error).message) };
    try {
      victim.analyze = (input) => (void input.context.history, []);
      expect(engine.analyze(call('ls src'), busy, undefined, observer).analyzer_errors).toEqual([CALL_ANALYZER_LIST[0]!.name]);
      victim.analyze = (input) => (void input.policy?.deny, []);
      engine.analyze(call('ls test'), busy, strict, observer);
    } finally {
      victim.analyze = original;
    }
    expect(errors).toEqual([
      'a call-only analyzer read the session context; list it in CONTEXT_CALL_ANALYZER_LIST',
      'a call-only analyzer read the policy; list it in CONTEXT_CALL_ANALYZER_LIST',
    ]);
  });
});
