import { describe, expect, it } from 'vitest';
import { ALL_ANALYZERS } from '../src/engine/analyzers/index.js';
import { exampleCall, exampleContext, examplePolicy, getEngine, label } from './helpers/engine.js';
import { EMPTY_CONTEXT } from '../src/engine/session.js';

const rules = ALL_ANALYZERS.flatMap((a) => a.rules.map((r) => ({ analyzer: a.name, rule: r })));

describe('rule table invariants', () => {
  it('every rule id is unique and well formed', () => {
    const ids = rules.map((r) => r.rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { rule } of rules) {
      expect(rule.id).toMatch(/^PX-[A-Z0-9]+-\d{3}$/);
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.technique).toMatch(/^T\d{4}(\.\d{3})?$/);
      expect(rule.score).toBeGreaterThan(0);
      expect(rule.score).toBeLessThanOrEqual(100);
      expect(rule.message.length).toBeGreaterThan(5);
      expect(rule.why.length).toBeGreaterThan(10);
      expect(rule.examples.fire.length).toBeGreaterThan(0);
      expect(rule.examples.quiet.length).toBeGreaterThan(0);
      expect(!!rule.test || !!rule.check).toBe(true);
    }
  });
});

describe.each(rules.map((r) => [r.rule.id, r] as const))('%s', (id, { rule }) => {
  it.each(rule.examples.fire.map((e) => [label(e), e] as const))('fires on %s', async (_l, ex) => {
    const engine = await getEngine();
    const v = engine.analyze(exampleCall(ex), exampleContext(ex), examplePolicy(ex));
    expect(v.findings.map((f) => f.rule)).toContain(id);
  });
  it.each(rule.examples.quiet.map((e) => [label(e), e] as const))('stays quiet on %s', async (_l, ex) => {
    const engine = await getEngine();
    const v = engine.analyze(exampleCall(ex), exampleContext(ex), examplePolicy(ex));
    expect(v.findings.map((f) => f.rule)).not.toContain(id);
  });
});

/** Rules a user may ask for by name: their examples with the user's message, lowered only when asked. */
const askable = rules.filter((r) => r.rule.askable).map((r) => [r.rule.id, r.rule.askable!] as const);

describe.each(askable)('%s asked for by the user', (id, ask) => {
  const withMessage = async (message: string, call: string | Record<string, unknown>) => (await getEngine()).analyze(exampleCall(call), { ...EMPTY_CONTEXT, now: 1_800_000_000_000, userMessage: message });
  it.each(ask.examples.asked)('lowered after "%s": %s', async (message, call) => {
    const v = await withMessage(message, call);
    expect(v.findings.map((f) => f.rule)).toContain(id);
    expect(v.asked_for).toBeDefined();
    expect(v.legitimacy).toBeLessThan(1);
    // reported, not out of sight
    expect(v.decision).not.toBe('Allow');
  });
  it.each(ask.examples.unasked)('left alone after "%s": %s', async (message, call) => {
    const v = await withMessage(message, call);
    expect(v.findings.map((f) => f.rule)).toContain(id);
    expect(v.asked_for).toBeUndefined();
  });
});

it('no request lowers a strongly malicious rule: none may be asked for, and each reaches Alert alone, so legitimacy weighs it', () => {
  for (const { rule } of rules.filter((r) => r.rule.strong)) {
    expect(rule.askable, rule.id).toBeUndefined();
    expect(rule.score, rule.id).toBeGreaterThanOrEqual(50);
  }
});

it('every rule a user may ask for has examples of both kinds', () => {
  expect(askable.length).toBeGreaterThan(5);
  for (const [, ask] of askable) {
    expect(ask.asks.length).toBeGreaterThan(0);
    for (const a of ask.asks) expect(a).toMatch(/^[a-z]+(?: [a-z]+)*$/);
    expect(ask.examples.asked.length).toBeGreaterThan(0);
    expect(ask.examples.unasked.length).toBeGreaterThan(0);
  }
});
