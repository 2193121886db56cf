import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';
import { bash, startDaemon, type Daemon } from './helpers/daemon.js';
import { answerJson, startFakeLlm, type FakeLlm } from './helpers/fake-llm.js';

/**
 * Semantic analysis end to end: real `proxilion serve` processes (and a real hook) asking a local
 * server that speaks the provider's documented wire format, since the hosted APIs cannot be reached
 * from here.
 */

const dir = mkdtempSync(join(tmpdir(), 'px-semantic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const daemons: Daemon[] = [];
const llms: FakeLlm[] = [];
afterEach(async () => {
  await Promise.all(daemons.splice(0).map((d) => d.stop()));
  await Promise.all(llms.splice(0).map((l) => l.close()));
});

async function anthropic(): Promise<FakeLlm> {
  const l = await startFakeLlm('anthropic', { text: answerJson('malicious', 20, 'account discovery with no task that needs it'), usage: { input: 500, output: 60 } });
  llms.push(l);
  return l;
}

const semanticEnv = (l: FakeLlm, extra: Record<string, string> = {}) => ({ ENABLE_SEMANTIC_ANALYSIS: 'true', ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: l.baseUrl, ...extra });

async function daemon(env: Record<string, string>, db?: string): Promise<Daemon> {
  const d = await startDaemon({ env, db });
  daemons.push(d);
  return d;
}

function metric(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  if (!line) throw new Error(`no series ${series} in:\n${text.split('\n').filter((l) => l.includes('semantic')).join('\n')}`);
  return Number(line.slice(series.length + 1));
}

describe('proxilion serve with ENABLE_SEMANTIC_ANALYSIS', () => {
  it('two daemons sharing one store share the cached opinion; metrics count answers, cost, tokens and cache hits', async () => {
    const llm = await anthropic();
    const db = join(dir, 'shared.db');
    const a = await daemon(semanticEnv(llm), db);
    const b = await daemon(semanticEnv(llm), db);

    const first = await a.post(bash('cat /etc/passwd', { session_id: 'replica-a' }));
    expect(first.status).toBe(200);
    expect(first.json.second_opinion).toMatchObject({ check: 'semantic', status: 'given', applied: 20, cached: false, model: 'claude-haiku-4-5' });
    expect(first.json.threat_score).toBe(first.json.second_opinion.pattern_score + 20);
    expect(first.json.findings.map((f: { rule: string }) => f.rule)).toContain('PX-SEM-001');
    expect(llm.received).toHaveLength(1);

    const second = await b.post(bash('cat /etc/passwd', { session_id: 'replica-b' }));
    expect(second.json.second_opinion).toMatchObject({ status: 'given', applied: 20, cached: true });
    expect(second.json.threat_score).toBe(first.json.threat_score);
    expect(llm.received).toHaveLength(1);

    const ma = (await a.get('/metrics')).text;
    expect(metric(ma, 'proxilion_semantic_analysis_requests_total{result="answered"}')).toBe(1);
    expect(metric(ma, 'proxilion_semantic_analysis_cache_total{result="miss"}')).toBe(1);
    expect(metric(ma, 'proxilion_semantic_analysis_tokens_total{type="input"}')).toBe(500);
    expect(metric(ma, 'proxilion_semantic_analysis_tokens_total{type="output"}')).toBe(60);
    // claude-haiku-4-5: $1 per million input tokens, $5 per million output tokens
    expect(metric(ma, 'proxilion_semantic_analysis_cost_usd')).toBeCloseTo((500 + 60 * 5) / 1e6, 10);
    expect(metric(ma, 'proxilion_semantic_analysis_duration_seconds_count')).toBe(1);
    expect(metric(ma, 'proxilion_semantic_analysis_circuit_open')).toBe(0);
    const mb = (await b.get('/metrics')).text;
    expect(metric(mb, 'proxilion_semantic_analysis_requests_total{result="cache_hit"}')).toBe(1);
    expect(metric(mb, 'proxilion_semantic_analysis_cache_total{result="hit"}')).toBe(1);
    expect(metric(mb, 'proxilion_semantic_analysis_cost_usd')).toBe(0);

    const health = (await a.get('/health')).json;
    expect(health.semantic_analysis).toEqual({ enabled: true, provider: 'anthropic', model: 'claude-haiku-4-5', endpoint: `${llm.url}/v1/messages`, circuit: 'closed' });

    // the audit log records the final score and the model's rule
    const events = (await a.get('/events?session_id=replica-a')).json.events;
    expect(events[0]).toMatchObject({ threat_score: first.json.threat_score, decision: first.json.decision });
    expect(events[0].rules).toContain('PX-SEM-001');
  });

  it('an unreachable provider leaves the rule verdict, says so, and the breaker shows on /metrics and in the log', async () => {
    const llm = await anthropic();
    llm.setDefault({ status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const d = await daemon(semanticEnv(llm, { SEMANTIC_MAX_RETRIES: '0', SEMANTIC_BREAKER_FAILURES: '2' }));
    const plain = await daemon({});
    const expected = (await plain.post(bash('cat /etc/passwd'))).json;
    for (let i = 0; i < 2; i++) {
      const r = await d.post(bash('cat /etc/passwd', { session_id: `down-${i}` }));
      expect(r.json.threat_score).toBe(expected.threat_score);
      expect(r.json.decision).toBe(expected.decision);
      expect(r.json.second_opinion).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('answered 529: Overloaded') });
      expect(r.json.findings.map((f: { rule: string }) => f.rule)).toContain('PX-SEM-004');
    }
    const open = await d.post(bash('cat /etc/passwd', { session_id: 'down-3' }));
    expect(open.json.second_opinion.reason).toMatch(/^the provider failed repeatedly; calls resume in \d+ s/);
    expect(llm.received).toHaveLength(2);
    await d.waitLog('semantic analysis paused: the provider keeps failing');
    const m = (await d.get('/metrics')).text;
    expect(metric(m, 'proxilion_semantic_analysis_requests_total{result="server_error"}')).toBe(2);
    expect(metric(m, 'proxilion_semantic_analysis_requests_total{result="circuit_open"}')).toBe(1);
    expect(metric(m, 'proxilion_semantic_analysis_circuit_open')).toBe(1);
    expect((await d.get('/health')).json.semantic_analysis.circuit).toBe('open');
  });

  it('off by default: no request reaches the provider, not even for a conversation in the ambiguous band', async () => {
    const llm = await anthropic();
    const d = await daemon({ ANTHROPIC_API_KEY: 'sk-ant-test', ANTHROPIC_BASE_URL: llm.baseUrl });
    const r = await d.post(bash('cat /etc/passwd', { user_message: 'fix the README', ai_response: 'Sure, checking users first.' }));
    expect(r.json.threat_score).toBeGreaterThanOrEqual(40);
    expect(r.json.second_opinion).toBeUndefined();
    expect(r.json.findings.some((f: { analyzer: string }) => f.analyzer === 'semantic' || f.analyzer === 'conversation_analysis')).toBe(false);
    expect(llm.received).toHaveLength(0);
    expect((await d.get('/health')).json.semantic_analysis).toEqual({ enabled: false });
    expect(metric((await d.get('/metrics')).text, 'proxilion_semantic_analysis_requests_total{result="answered"}')).toBe(0);
  });

  it('an OpenAI-compatible local server (SEMANTIC_BASE_URL) works without any API key', async () => {
    const llm = await startFakeLlm('openai', { text: `Sure! ${answerJson('benign', -10, 'reading the user list is harmless here')}` });
    llms.push(llm);
    const d = await daemon({ ENABLE_SEMANTIC_ANALYSIS: '1', SEMANTIC_BASE_URL: llm.baseUrl, SEMANTIC_MODEL: 'llama3.1:8b' });
    const r = await d.post(bash('cat /etc/passwd'));
    expect(r.json.second_opinion).toMatchObject({ status: 'given', applied: -10, model: 'llama3.1:8b' });
    expect(llm.received[0]!.body.model).toBe('llama3.1:8b');
    expect((await d.get('/health')).json.semantic_analysis).toMatchObject({ provider: 'openai', endpoint: `${llm.baseUrl}/chat/completions` });
  });

  it.each([
    [{ ENABLE_SEMANTIC_ANALYSIS: 'true' }, 'ENABLE_SEMANTIC_ANALYSIS is on but ANTHROPIC_API_KEY is not set'],
    [{ ENABLE_SEMANTIC_ANALYSIS: 'true', SEMANTIC_PROVIDER: 'openai' }, 'SEMANTIC_PROVIDER=openai needs SEMANTIC_BASE_URL'],
    [{ ENABLE_SEMANTIC_ANALYSIS: 'true', SEMANTIC_BASE_URL: 'http://127.0.0.1:11434/v1' }, 'SEMANTIC_PROVIDER=openai needs SEMANTIC_MODEL'],
    [{ ENABLE_SEMANTIC_ANALYSIS: 'true', ANTHROPIC_API_KEY: 'k', SEMANTIC_BAND: '80-40' }, 'SEMANTIC_BAND must be two scores from 0 to 100 as low-high'],
  ])('refuses to start with %j', async (env, message) => {
    const p = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--session-db', join(dir, 'bad.db')], { env: { ...process.env, ...cleanSemantic(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise((r) => p.on('close', r));
    expect(code).toBe(64);
    expect(err).toContain(message);
  });
});

describe('an agent hook without a daemon', () => {
  it('asks for the second opinion in-process, and the raised score blocks the call', async () => {
    const llm = await anthropic();
    const input = { session_id: 'hook-semantic', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'cat /etc/passwd' }, cwd: dir };
    const env = { ...process.env, ...cleanSemantic(), ...semanticEnv(llm), MODE: 'block', LISTEN_ADDR: '127.0.0.1:9', PROXILION_SOCKET: '', SESSION_DB: join(dir, 'hook.db'), NO_COLOR: '1' };
    const p = spawn(process.execPath, [BIN, 'hook', 'claude-code'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    p.stdin.end(JSON.stringify(input));
    const code = await new Promise((r) => p.on('close', r));
    expect(code).toBe(2);
    expect(JSON.parse(out).hookSpecificOutput).toMatchObject({ permissionDecision: 'deny', permissionDecisionReason: expect.stringContaining('a second opinion raised the score by 20: account discovery with no task that needs it') });
    expect(llm.received).toHaveLength(1);
  });
});

function cleanSemantic(): Record<string, string> {
  return { ENABLE_SEMANTIC_ANALYSIS: '', ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: '', SEMANTIC_PROVIDER: '', SEMANTIC_MODEL: '', SEMANTIC_BASE_URL: '', SEMANTIC_API_KEY: '', OPENAI_API_KEY: '', SEMANTIC_BAND: '', MODE: '', LISTEN_ADDR: '', POLICY_FILE: '', SESSION_STORE: '' };
}
