import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type Policy } from '../src/engine/policy.js';
import type { AnalyzeRequest } from '../src/engine/request.js';
import type { Verdict } from '../src/engine/verdict.js';
import { SemanticClient, type ConsultResult } from '../src/semantic/client.js';
import { ConcurrencyLimit } from '../src/semantic/limiter.js';
import { priceOf } from '../src/semantic/prices.js';
import { anthropicProvider, openaiProvider, type Usage } from '../src/semantic/providers.js';
import { SecondOpinionReviewer } from '../src/semantic/reviewer.js';
import { MemoryStore } from '../src/store/memory.js';
import { answerJson, startFakeLlm, type FakeLlm } from './helpers/fake-llm.js';
import { getEngine } from './helpers/engine.js';

/**
 * The second-opinion client against a local server speaking each provider's documented wire format
 * (the providers cannot be reached from here): answers, prose, garbage, 429, 5xx, hangs, the
 * circuit breaker, the concurrency cap, the cache, and what is sent.
 */

const AMBIGUOUS = 'cat /etc/passwd';
const servers: FakeLlm[] = [];
const clients: SemanticClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fake(format: 'anthropic' | 'openai'): Promise<FakeLlm> {
  const s = await startFakeLlm(format);
  servers.push(s);
  return s;
}

interface Harness {
  reviewer: SecondOpinionReviewer;
  client: SemanticClient;
  results: ConsultResult[];
  usage: Array<{ usage: Usage; cost: number }>;
  circuit: string[];
  /** Cache lookups: true for a hit. */
  lookups: boolean[];
  store: MemoryStore;
}

function harness(llm: FakeLlm, format: 'anthropic' | 'openai', over: Partial<ConstructorParameters<typeof SemanticClient>[0]> & { cacheTtlMs?: number; store?: MemoryStore } = {}): Harness {
  const results: ConsultResult[] = [];
  const usage: Harness['usage'] = [];
  const circuit: string[] = [];
  const lookups: boolean[] = [];
  const model = format === 'anthropic' ? 'claude-haiku-4-5' : 'llama3.1:8b';
  const provider = format === 'anthropic' ? anthropicProvider(llm.baseUrl, 'sk-ant-test-key') : openaiProvider(llm.baseUrl, undefined);
  const client = new SemanticClient({
    provider, model, timeoutMs: 1500, maxRetries: 2, concurrency: 4, breakerFailures: 3, breakerCooldownMs: 60_000,
    price: priceOf(provider.name, model).price,
    observer: { usage: (u, cost) => usage.push({ usage: u, cost }), circuit: (state) => circuit.push(state) },
    ...over,
  });
  clients.push(client);
  const store = over.store ?? new MemoryStore({ ttlMs: 3_600_000, retentionMs: 3_600_000 });
  const reviewer = new SecondOpinionReviewer(client, store, { band: { min: 40, max: 80 }, maxAdjustment: 30, cacheTtlMs: over.cacheTtlMs ?? 0, onResult: (r) => results.push(r), onCache: (hit) => lookups.push(hit) });
  return { reviewer, client, results, usage, circuit, lookups, store };
}

async function ruled(command: string): Promise<{ req: AnalyzeRequest; verdict: Verdict }> {
  const engine = await getEngine();
  const call = { kind: 'bash' as const, command, args: [], env: {} };
  return { req: { call, userId: 'u' }, verdict: engine.analyze(call) };
}

async function review(h: Harness, command = AMBIGUOUS, extra: Partial<AnalyzeRequest> = {}, policy: Policy = DEFAULT_POLICY): Promise<{ before: Verdict; after: Verdict }> {
  const { req, verdict } = await ruled(command);
  return { before: verdict, after: await h.reviewer.review({ ...req, ...extra }, verdict, policy, Date.now()) };
}

describe.each(['anthropic', 'openai'] as const)('%s wire format', (format) => {
  it('a normal answer moves an ambiguous score and shows its reasoning as a finding', async () => {
    const llm = await fake(format);
    llm.script({ text: answerJson('malicious', 25, 'lists accounts to pick one to take over'), usage: { input: 400, output: 50 } });
    const h = harness(llm, format);
    const { before, after } = await review(h);
    expect(before.threat_score).toBeGreaterThanOrEqual(40);
    expect(before.threat_score).toBeLessThanOrEqual(80);
    expect(after.threat_score).toBe(Math.min(100, before.threat_score + 25));
    expect(after.decision).toBe(before.threat_score + 25 >= 70 ? 'Block' : 'Alert');
    const f = after.findings.find((x) => x.analyzer === 'semantic')!;
    expect(f).toMatchObject({ rule: 'PX-SEM-001', score: 25, evidence: 'malicious, +25: lists accounts to pick one to take over' });
    expect(after.second_opinion).toMatchObject({ check: 'semantic', status: 'given', pattern_score: before.threat_score, applied: 25, cached: false });
    expect(h.results).toEqual(['answered']);
    expect(h.usage).toHaveLength(1);
    expect(h.usage[0]!.usage).toMatchObject({ input: 400, output: 50 });

    const sent = llm.received[0]!;
    if (format === 'anthropic') {
      expect(sent.headers['x-api-key']).toBe('sk-ant-test-key');
      expect(sent.headers['anthropic-version']).toBe('2023-06-01');
      expect(sent.body).toMatchObject({ model: 'claude-haiku-4-5', max_tokens: 300, temperature: 0, system: [{ type: 'text', cache_control: { type: 'ephemeral' } }] });
      expect((sent.body.messages as Array<{ content: string }>)[0]!.content).toContain('cat /etc/passwd');
      // claude-haiku-4-5 at $1 / $5 per million tokens
      expect(h.usage[0]!.cost).toBeCloseTo((400 * 1 + 50 * 5) / 1e6, 12);
    } else {
      expect(sent.headers.authorization).toBeUndefined();
      expect(sent.body).toMatchObject({ model: 'llama3.1:8b', temperature: 0, messages: [{ role: 'system' }, { role: 'user' }] });
      expect((sent.body.messages as Array<{ content: string }>)[1]!.content).toContain('cat /etc/passwd');
      expect(h.usage[0]!.cost).toBe(0);
    }
  });

  it('JSON wrapped in prose and a code fence is read', async () => {
    const llm = await fake(format);
    llm.script({ text: `Looking at this command, it reads the account list.\n\n\`\`\`json\n${answerJson('benign', -12, 'routine')}\n\`\`\`\nHope this helps.` });
    const { before, after } = await review(harness(llm, format));
    expect(after.threat_score).toBe(before.threat_score - 12);
    expect(after.findings.find((x) => x.analyzer === 'semantic')).toMatchObject({ rule: 'PX-SEM-002', score: 0 });
  });

  it('out-of-range values are clamped to the maximum adjustment', async () => {
    const llm = await fake(format);
    llm.script({ text: '{"verdict": "malicious", "adjustment": "+95", "confidence": 7}' });
    const { before, after } = await review(harness(llm, format));
    expect(after.second_opinion).toMatchObject({ proposed: 30, applied: 30, confidence: 1 });
    expect(after.threat_score).toBe(Math.min(100, before.threat_score + 30));
  });

  it('garbage leaves the rule verdict and says the opinion was unreadable', async () => {
    const llm = await fake(format);
    llm.script({ text: 'I am sorry, I cannot help with security questions.' });
    const h = harness(llm, format);
    const { before, after } = await review(h);
    expect(after.threat_score).toBe(before.threat_score);
    expect(after.decision).toBe(before.decision);
    expect(after.findings.find((x) => x.analyzer === 'semantic')).toMatchObject({ rule: 'PX-SEM-004', score: 0, evidence: expect.stringContaining("the model's answer could not be read") });
    expect(h.results).toEqual(['invalid_answer']);
    // the provider itself worked: garbage does not count towards the breaker
    expect(h.client.breaker.state()).toBe('closed');
  });
});

describe('retries, timeouts and the breaker', () => {
  it('429 with retry-after is retried after the time it asks for', async () => {
    const llm = await fake('anthropic');
    llm.script({ status: 429, headers: { 'retry-after': '0.3' }, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } } }, { text: answerJson('malicious', 10) });
    const h = harness(llm, 'anthropic');
    const { after } = await review(h);
    expect(llm.received).toHaveLength(2);
    expect(llm.received[1]!.at - llm.received[0]!.at).toBeGreaterThanOrEqual(280);
    expect(after.second_opinion).toMatchObject({ status: 'given', applied: 10 });
    expect(h.results).toEqual(['answered']);
  });

  it('a retry-after longer than the timeout is not waited for', async () => {
    const llm = await fake('anthropic');
    llm.script({ status: 429, headers: { 'retry-after': '30' } });
    const h = harness(llm, 'anthropic');
    const t0 = Date.now();
    const { before, after } = await review(h);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(llm.received).toHaveLength(1);
    expect(after.threat_score).toBe(before.threat_score);
    expect(after.second_opinion).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('answered 429: status 429; the retry it asks for (30000 ms) does not fit SEMANTIC_TIMEOUT_MS') });
    expect(h.results).toEqual(['rate_limited']);
  });

  it('500 is retried with backoff, up to SEMANTIC_MAX_RETRIES', async () => {
    const llm = await fake('openai');
    llm.script({ status: 500 }, { text: answerJson('benign', -5) });
    const ok = harness(llm, 'openai');
    expect((await review(ok)).after.second_opinion).toMatchObject({ status: 'given', applied: -5 });
    expect(llm.received).toHaveLength(2);

    const down = await fake('openai');
    down.setDefault({ status: 503 });
    const h = harness(down, 'openai', { timeoutMs: 5000 });
    const { after } = await review(h);
    expect(down.received).toHaveLength(3);
    expect(after.second_opinion).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('answered 503: status 503, 3 attempts') });
    expect(h.results).toEqual(['server_error']);
  });

  it('a 401 is not retried and names the key to check', async () => {
    const llm = await fake('anthropic');
    llm.setDefault({ status: 401, body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } } });
    const h = harness(llm, 'anthropic');
    const { after } = await review(h);
    expect(llm.received).toHaveLength(1);
    expect(after.second_opinion?.reason).toBe(`${llm.url}/v1/messages answered 401: invalid x-api-key (check ANTHROPIC_API_KEY or SEMANTIC_API_KEY)`);
    expect(h.results).toEqual(['client_error']);
  });

  it('a provider that hangs is given up on at the timeout, and the rule verdict stands', async () => {
    const llm = await fake('anthropic');
    llm.setDefault({ hang: true });
    const h = harness(llm, 'anthropic', { timeoutMs: 400 });
    const t0 = Date.now();
    const { before, after } = await review(h);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(380);
    expect(took).toBeLessThan(3000);
    expect(after.threat_score).toBe(before.threat_score);
    expect(after.second_opinion).toMatchObject({ status: 'unavailable', reason: 'no answer within 400 ms (SEMANTIC_TIMEOUT_MS)' });
    expect(h.results).toEqual(['timeout']);
  });

  it('the breaker opens after repeated failures, stops calling, and closes after a successful trial', async () => {
    let now = 1_000_000;
    const llm = await fake('openai');
    llm.setDefault({ status: 500 });
    const h = harness(llm, 'openai', { maxRetries: 0, breakerFailures: 3, breakerCooldownMs: 10_000, clock: () => now });
    for (let i = 0; i < 3; i++) await review(h);
    expect(llm.received).toHaveLength(3);
    expect(h.client.breaker.state()).toBe('open');
    expect(h.circuit).toEqual(['open']);

    const { after } = await review(h);
    expect(llm.received).toHaveLength(3);
    expect(after.second_opinion).toMatchObject({ status: 'unavailable', reason: 'the provider failed repeatedly; calls resume in 10 s (SEMANTIC_BREAKER_COOLDOWN_MS)' });
    expect(h.results.at(-1)).toBe('circuit_open');

    // after the cooldown one trial goes out; its failure opens the circuit again at once
    now += 10_000;
    await review(h);
    expect(llm.received).toHaveLength(4);
    expect(h.client.breaker.state()).toBe('open');
    await review(h);
    expect(llm.received).toHaveLength(4);

    now += 10_000;
    llm.setDefault({ text: answerJson('malicious', 7) });
    expect((await review(h)).after.second_opinion).toMatchObject({ status: 'given', applied: 7 });
    expect(h.client.breaker.state()).toBe('closed');
    expect(h.circuit).toEqual(['open', 'half_open', 'open', 'half_open', 'closed']);
    expect(llm.received).toHaveLength(5);
  });

  it('no more than SEMANTIC_CONCURRENCY requests are in flight; the others wait their turn', async () => {
    const llm = await fake('anthropic');
    llm.setDefault({ delayMs: 150, then: { text: answerJson('suspicious', 0) } });
    const h = harness(llm, 'anthropic', { concurrency: 2, timeoutMs: 5000 });
    const calls = ['cat /etc/passwd', 'whoami && id && uname -a', 'cat .env', 'base64 .env', 'dig axfr example.com @ns1.example.com'];
    const out = await Promise.all(calls.map((c) => review(h, c)));
    expect(out.every((o) => o.after.second_opinion?.status === 'given')).toBe(true);
    expect(llm.received).toHaveLength(5);
    expect(llm.maxInFlight()).toBe(2);
  });

  it('a caller that cannot get a slot before its deadline is turned away, and a freed slot goes to the next in line', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    const held = await limit.acquire(Date.now() + 1000);
    expect(held).toBeTypeOf('function');
    const t0 = Date.now();
    expect(await limit.acquire(Date.now() + 100)).toBeUndefined();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    const waiting = limit.acquire(Date.now() + 1000);
    // the queue holds one: a third caller is refused at once
    expect(await limit.acquire(Date.now() + 1000)).toBeUndefined();
    held!();
    const next = await waiting;
    expect(next).toBeTypeOf('function');
    next!();
    expect(await limit.acquire(Date.now())).toBeTypeOf('function');
  });
});

describe('what is asked, and when', () => {
  it('calls outside the band are never sent', async () => {
    const llm = await fake('anthropic');
    const h = harness(llm, 'anthropic');
    for (const c of ['git status', 'npm test', 'chmod u+s /tmp/x']) {
      const { before, after } = await review(h, c);
      expect(after).toBe(before);
    }
    expect(llm.received).toHaveLength(0);
  });

  it('a policy that disables the analyzer turns the second opinion off', async () => {
    const llm = await fake('anthropic');
    const h = harness(llm, 'anthropic');
    const policy = { ...DEFAULT_POLICY, disabledAnalyzers: ['semantic' as const] };
    const { before, after } = await review(h, AMBIGUOUS, {}, policy);
    expect(after).toBe(before);
    expect(llm.received).toHaveLength(0);
  });

  it('secrets in the call are redacted before they leave the machine', async () => {
    const llm = await fake('anthropic');
    const h = harness(llm, 'anthropic');
    const key = 'AKIAIOSFODNN7EXAMPLE';
    const { before } = await review(h, `AWS_ACCESS_KEY_ID=${key} DB_PASSWORD=hunter2hunter2 cat /etc/passwd`);
    expect(before.threat_score).toBeGreaterThanOrEqual(40);
    const sent = JSON.stringify(llm.received[0]!.body);
    expect(sent).not.toContain(key);
    expect(sent).not.toContain('hunter2hunter2');
    expect(sent).toContain('[REDACTED');
  });

  it('the conversation check uses the same client, with the turns in the prompt', async () => {
    const llm = await fake('anthropic');
    llm.script({ text: answerJson('malicious', 20, 'the user asked for a README fix, not account discovery') });
    const h = harness(llm, 'anthropic');
    const { after } = await review(h, AMBIGUOUS, { userMessage: 'please fix the typo in README.md', aiResponse: 'Sure, first let me check the users.' });
    expect(after.findings.find((f) => f.analyzer === 'conversation_analysis')).toMatchObject({ rule: 'PX-CONVAI-001', score: 20 });
    const body = llm.received[0]!.body as { system: Array<{ text: string }>; messages: Array<{ content: string }> };
    expect(body.system[0]!.text).toContain("the user's last message");
    expect(body.messages[0]!.content).toContain('please fix the typo in README.md');
  });

  it('a cached opinion is reused without asking again, until its TTL runs out', async () => {
    const llm = await fake('anthropic');
    llm.setDefault({ text: answerJson('malicious', 15) });
    const h = harness(llm, 'anthropic', { cacheTtlMs: 60_000 });
    const { req, verdict } = await ruled(AMBIGUOUS);
    const t = Date.now();
    const first = await h.reviewer.review(req, verdict, DEFAULT_POLICY, t);
    const second = await h.reviewer.review(req, verdict, DEFAULT_POLICY, t + 1000);
    expect(llm.received).toHaveLength(1);
    expect(first.second_opinion).toMatchObject({ cached: false, applied: 15 });
    expect(second.second_opinion).toMatchObject({ cached: true, applied: 15 });
    expect(second.threat_score).toBe(first.threat_score);
    expect(h.results).toEqual(['answered', 'cache_hit']);
    await h.reviewer.review(req, verdict, DEFAULT_POLICY, t + 61_000);
    expect(llm.received).toHaveLength(2);
    expect(h.lookups).toEqual([false, true, false]);
  });

  it('with the cache off (TTL 0) every call is asked, and no lookup is counted', async () => {
    const llm = await fake('anthropic');
    const h = harness(llm, 'anthropic');
    await review(h);
    await review(h);
    expect(llm.received).toHaveLength(2);
    expect(h.lookups).toEqual([]);
  });
});
