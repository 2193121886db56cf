import { describe, expect, it } from 'vitest';
import { ALL_ANALYZERS, ANALYZER_LIST } from '../src/engine/analyzers/index.js';
import type { Analyzer, AnalyzerName } from '../src/engine/rule.js';
import { getEngine } from './helpers/engine.js';

const call = (command: string) => ({ kind: 'bash' as const, command, args: [], env: {} });

describe('analysis observer', () => {
  it('times every analyzer once per call with the clock it is given', async () => {
    const engine = await getEngine();
    let t = 0;
    const timed: AnalyzerName[] = [];
    engine.analyze(call('cat ~/.ssh/id_rsa'), undefined, undefined, { clock: () => (t += 0.5), analyzer: (name, s) => (timed.push(name), expect(s).toBe(0.5)), error: () => expect.fail('no analyzer should fail') });
    expect([...timed].sort()).toEqual(ALL_ANALYZERS.map((a) => a.name).sort());
  });

  it('reports a failing analyzer and still answers from the others', async () => {
    const engine = await getEngine();
    const victim = ANALYZER_LIST.find((a) => a.name === 'enumeration') as { analyze: Analyzer['analyze'] };
    const original = victim.analyze;
    victim.analyze = () => {
      throw new Error('defect');
    };
    try {
      const errors: string[] = [];
      const v = engine.analyze(call('cat ~/.ssh/id_rsa'), undefined, undefined, { clock: () => 0, analyzer: () => {}, error: (name, e) => errors.push(`${name}: ${(e as Error).message}`) });
      expect(errors).toEqual(['enumeration: defect']);
      expect(v.analyzer_errors).toEqual(['enumeration']);
      expect(v.findings.map((f) => f.rule)).toContain('PX-CRED-001');
    } finally {
      victim.analyze = original;
    }
    expect(engine.analyze(call('ls')).analyzer_errors).toBeUndefined();
  });
});
