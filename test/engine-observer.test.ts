import { describe, expect, it } from 'vitest';
import { ALL_ANALYZERS, ANALYZER_LIST, CALL_ANALYZER_LIST } from '../src/engine/analyzers/index.js';
import type { Analyzer, AnalyzerName } from '../src/engine/rule.js';
import { getEngine } from './helpers/engine.js';

const call = (command: string) => ({ kind: 'bash' as const, command, args: [], env: {} });

describe('analysis observer', () => {
  it('times every analyzer once per call with the clock it is given; a repeated line runs only the session-aware ones', async () => {
    const engine = await getEngine();
    let t = 0;
    const timed: AnalyzerName[] = [];
    const observer = { clock: () => (t += 0.5), analyzer: (name: AnalyzerName, s: number) => (timed.push(name), expect(s).toBe(0.5)), error: () => expect.fail('no analyzer should fail') };
    const line = `cat ~/.ssh/id_rsa # observer ${Math.random()}`;
    const first = engine.analyze(call(line), undefined, undefined, observer);
    expect([...timed].sort()).toEqual(ALL_ANALYZERS.map((a) => a.name).sort());
    timed.length = 0;
    const again = engine.analyze(call(line), undefined, undefined, observer);
    const callOnly = new Set(CALL_ANALYZER_LIST.map((a) => a.name));
    expect([...timed].sort()).toEqual(ALL_ANALYZERS.map((a) => a.name).filter((n) => !callOnly.has(n)).sort());
    expect(again).toEqual(first);
  });

  it('reports a failing analyzer and still answers from the others', async () => {
    const engine = await getEngine();
    const victim = ANALYZER_LIST.find((a) => a.name === 'enumeration') as { analyze: Analyzer['analyze'] };
    const line = `cat ~/.ssh/id_rsa # failing ${Math.random()}`;
    const original = victim.analyze;
    victim.analyze = () => {
      throw new Error('defect');
    };
    try {
      const errors: string[] = [];
      const v = engine.analyze(call(line), undefined, undefined, { clock: () => 0, analyzer: () => {}, error: (name, e) => errors.push(`${name}: ${(e as Error).message}`) });
      expect(errors).toEqual(['enumeration: defect']);
      expect(v.analyzer_errors).toEqual(['enumeration']);
      expect(v.findings.map((f) => f.rule)).toContain('PX-CRED-001');
    } finally {
      victim.analyze = original;
    }
    // the failed part was not remembered: the same line, analyzed again, runs every analyzer cleanly
    const again = engine.analyze(call(line));
    expect(again.analyzer_errors).toBeUndefined();
    expect(again.findings.map((f) => f.rule)).toContain('PX-CRED-001');
  });
});
