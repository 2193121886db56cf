import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, SETTINGS, loadConfig, reloadPolicy, type ConfigFlags, type Setting } from '../src/config.js';
import { redacted, settingsMarkdown } from '../src/config/docs.js';

const HOME = '/home/tester';
/** Never process.env: vitest itself sets MODE=test. */
const load = (env: Record<string, string> = {}, flags: ConfigFlags = {}) => loadConfig(flags, { HOME, ...env });

function problems(env: Record<string, string>, flags: ConfigFlags = {}): string[] {
  try {
    load(env, flags);
  } catch (e) {
    if (e instanceof ConfigError) return [...e.problems];
    throw e;
  }
  throw new Error('expected a ConfigError');
}

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'px-config-')), name);
  writeFileSync(file, text);
  return file;
}

describe('defaults', () => {
  it('gives every documented default, each marked as such', () => {
    const c = load();
    expect(c).toMatchObject({
      mode: 'monitor', thresholds: { alert: 50, block: 70, terminate: 90 }, listen: { host: '127.0.0.1', port: 8787 }, sessionStore: 'sqlite',
      sessionDb: `${HOME}/.local/state/proxilion/sessions.db`, sessionTtlHours: 24, eventRetentionDays: 30, enableSemanticAnalysis: false,
      semanticModel: 'claude-haiku-4-5', logAllRequests: false, logLevel: 'info', maxBodyBytes: 1048576, requestTimeoutMs: 10000, corsOrigins: ['*'],
      alertWebhookFormat: 'json', policy: { thresholds: { alert: 50, block: 70, terminate: 90 }, disabledAnalyzers: [], allowRules: [], allow: [], deny: [] },
    });
    for (const k of ['socket', 'redisUrl', 'anthropicApiKey', 'apiKey', 'policyFile', 'alertWebhookUrl']) expect(c).not.toHaveProperty(k);
    expect(c.sources.mode).toBe('default');
    expect(c.sources['thresholds.block']).toBe('default');
    expect(c.sources).not.toHaveProperty('apiKey');
  });

  it('puts the session file under XDG_STATE_HOME, ignoring a relative one', () => {
    expect(load({ XDG_STATE_HOME: '/var/state' }).sessionDb).toBe('/var/state/proxilion/sessions.db');
    expect(load({ XDG_STATE_HOME: 'relative/state' }).sessionDb).toBe(`${HOME}/.local/state/proxilion/sessions.db`);
  });

  it('treats an empty variable as unset', () => {
    const c = load({ MODE: '', ALERT_THRESHOLD: '', REDIS_URL: '' });
    expect(c.mode).toBe('monitor');
    expect(c.sources.mode).toBe('default');
    expect(c.thresholds.alert).toBe(50);
  });

  it('reads every variable DESIGN.md §5 names', () => {
    const read = new Set(Object.values(SETTINGS).flatMap((s) => s.env.map((e) => (typeof e === 'string' ? e : e.name))));
    for (const v of ['MODE', 'LISTEN_ADDR', 'ALERT_THRESHOLD', 'BLOCK_THRESHOLD', 'TERMINATE_THRESHOLD', 'SESSION_STORE', 'SESSION_DB', 'REDIS_URL', 'SESSION_TTL_HOURS',
      'ENABLE_SEMANTIC_ANALYSIS', 'ANTHROPIC_API_KEY', 'SEMANTIC_MODEL', 'LOG_ALL_REQUESTS', 'LOG_LEVEL', 'RUST_LOG', 'PROXILION_API_KEY', 'POLICY_FILE']) {
      expect(read, v).toContain(v);
    }
  });
});

describe('each variable', () => {
  // [variable, good text, key, parsed value, bad text, what the error says it accepts]
  const table: Array<[string, string, string, unknown, string, string]> = [
    ['MODE', ' Block ', 'mode', 'block', 'blok', 'one of monitor, alert, block, terminate'],
    ['LISTEN_ADDR', '0.0.0.0:9000', 'listen', { host: '0.0.0.0', port: 9000 }, 'localhost', 'host:port, [ipv6]:port or :port'],
    ['PROXILION_SOCKET', '/run/px.sock', 'socket', '/run/px.sock', ' ', 'a Unix socket path'],
    ['SESSION_STORE', 'inmemory', 'sessionStore', 'inmemory', 'postgres', 'one of sqlite, inmemory, redis'],
    ['SESSION_DB', '/data/s.db', 'sessionDb', '/data/s.db', '   ', 'a file path'],
    ['REDIS_URL', 'redis://:pw@cache:6379/0', 'redisUrl', 'redis://:pw@cache:6379/0', 'http://cache:6379', 'a redis:// or rediss:// URL'],
    ['SESSION_TTL_HOURS', '0.5', 'sessionTtlHours', 0.5, '0', 'a number greater than 0'],
    ['EVENT_RETENTION_DAYS', '7', 'eventRetentionDays', 7, '7.5', 'a whole number from 1 to 3650'],
    ['ENABLE_SEMANTIC_ANALYSIS', 'no', 'enableSemanticAnalysis', false, 'maybe', 'true, false, 1, 0, yes or no'],
    ['ANTHROPIC_API_KEY', 'sk-ant-x', 'anthropicApiKey', 'sk-ant-x', ' ', 'an Anthropic API key'],
    ['SEMANTIC_MODEL', 'claude-sonnet-4-5', 'semanticModel', 'claude-sonnet-4-5', ' ', 'a model name'],
    ['SEMANTIC_PROVIDER', 'OpenAI', 'semanticProvider', 'openai', 'ollama', 'one of anthropic, openai'],
    ['ANTHROPIC_BASE_URL', 'https://llm-proxy.internal', 'anthropicBaseUrl', 'https://llm-proxy.internal', 'api.anthropic.com', 'an http:// or https:// URL'],
    ['SEMANTIC_BASE_URL', 'http://127.0.0.1:11434/v1', 'semanticBaseUrl', 'http://127.0.0.1:11434/v1', 'localhost:11434', 'an http:// or https:// URL'],
    ['SEMANTIC_API_KEY', 'sk-local', 'semanticApiKey', 'sk-local', ' ', 'an API key'],
    ['SEMANTIC_BAND', '30-90', 'semanticBand', { min: 30, max: 90 }, '90-30', 'two scores from 0 to 100 as low-high'],
    ['SEMANTIC_BAND', '55-55', 'semanticBand', { min: 55, max: 55 }, '40-80-90', 'two scores from 0 to 100 as low-high'],
    ['SEMANTIC_MAX_ADJUSTMENT', '10', 'semanticMaxAdjustment', 10, '31', 'a whole number from 0 to 30'],
    ['SEMANTIC_TIMEOUT_MS', '800', 'semanticTimeoutMs', 800, '10', 'a whole number from 50 to 60000'],
    ['SEMANTIC_MAX_RETRIES', '0', 'semanticMaxRetries', 0, '6', 'a whole number from 0 to 5'],
    ['SEMANTIC_CONCURRENCY', '8', 'semanticConcurrency', 8, '0', 'a whole number from 1 to 64'],
    ['SEMANTIC_BREAKER_FAILURES', '3', 'semanticBreakerFailures', 3, 'x', 'a whole number from 1 to 1000'],
    ['SEMANTIC_BREAKER_COOLDOWN_MS', '5000', 'semanticBreakerCooldownMs', 5000, '50', 'a whole number from 100 to 3600000'],
    ['SEMANTIC_CACHE_TTL_SECONDS', '0', 'semanticCacheTtlSeconds', 0, '-5', 'a whole number from 0 to 2592000'],
    ['SEMANTIC_PRICE_USD_PER_MTOK', '0.8, 4', 'semanticPrice', { input: 0.8, output: 4 }, '0.8', 'two prices in USD per million tokens as input,output'],
    ['LOG_ALL_REQUESTS', 'YES', 'logAllRequests', true, 'y', 'true, false, 1, 0, yes or no'],
    ['LOG_LEVEL', 'debug', 'logLevel', 'debug', 'verbose', 'one of trace, debug, info, warn, error'],
    ['PROXILION_API_KEY', 'tok', 'apiKey', 'tok', ' ', 'a secret token'],
    ['MAX_BODY_BYTES', '2048', 'maxBodyBytes', 2048, '1mb', 'a whole number from 1024 to 67108864'],
    ['REQUEST_TIMEOUT_MS', '2500', 'requestTimeoutMs', 2500, '-1', 'a whole number from 100 to 600000'],
    ['CORS_ORIGINS', 'https://a.example, http://b.example:8080', 'corsOrigins', ['https://a.example', 'http://b.example:8080'], 'a.example/path', '* or a comma-separated list of origins'],
    ['ALERT_WEBHOOK_URL', 'https://hooks.example/T1/x', 'alertWebhookUrl', 'https://hooks.example/T1/x', 'ftp://hooks.example', 'an http:// or https:// URL'],
    ['ALERT_WEBHOOK_URL', 'http://127.0.0.1:9093/api/v2/alerts', 'alertWebhookUrl', 'http://127.0.0.1:9093/api/v2/alerts', 'hooks.example/x', 'an http:// or https:// URL'],
    ['ALERT_WEBHOOK_URL', 'http://localhost:8080/hook', 'alertWebhookUrl', 'http://localhost:8080/hook', 'http://', 'an http:// or https:// URL'],
    ['ALERT_WEBHOOK_FORMAT', 'alertmanager', 'alertWebhookFormat', 'alertmanager', 'slack', 'one of json, alertmanager'],
  ];
  it.each(table)('%s', (variable, good, key, value, bad, accepts) => {
    const c = load({ [variable]: good });
    expect(c[key as keyof typeof c]).toEqual(value);
    expect(c.sources[key]).toBe(`env ${variable}`);
    // a secret's rejected value is not echoed back (a URL keeps its host)
    const setting = SETTINGS[key as keyof typeof SETTINGS] as Setting<unknown>;
    expect(problems({ [variable]: bad })).toEqual([`${variable} must be ${setting.value.accepts}; got "${redacted(setting, bad)}"`]);
    if (setting.secret === 'value') expect(problems({ [variable]: bad })[0]).not.toContain(`"${bad}"`);
    expect(problems({ [variable]: bad })[0]).toContain(accepts);
  });

  it.each([
    ['ALERT_THRESHOLD', 'alert'],
    ['BLOCK_THRESHOLD', 'block'],
    ['TERMINATE_THRESHOLD', 'terminate'],
  ] as const)('%s', (variable, k) => {
    const value = { alert: '10', block: '60', terminate: '95' }[k];
    const c = load({ [variable]: value });
    expect(c.thresholds[k]).toBe(Number(value));
    expect(c.policy.thresholds[k]).toBe(Number(value));
    expect(c.sources[`thresholds.${k}`]).toBe(`env ${variable}`);
    for (const bad of ['high', '101', '-5']) expect(problems({ [variable]: bad })).toEqual([`${variable} must be a number from 0 to 100; got "${bad}"`]);
  });

  it('names the variable and the accepted values exactly', () => {
    expect(problems({ MODE: 'blok' })).toEqual(['MODE must be one of monitor, alert, block, terminate; got "blok"']);
    expect(problems({}, { mode: 'blok' })).toEqual(['--mode must be one of monitor, alert, block, terminate; got "blok"']);
  });

  it('reports every problem at once', () => {
    const e = (() => {
      try {
        load({ MODE: 'x', ALERT_THRESHOLD: 'y', LISTEN_ADDR: 'z' });
      } catch (err) {
        return err as ConfigError;
      }
    })()!;
    expect(e.problems.map((p) => p.split(' ')[0])).toEqual(['MODE', 'ALERT_THRESHOLD', 'LISTEN_ADDR']);
    expect(e.message).toMatch(/^3 configuration problems:\n {2}MODE/);
  });
});

describe('LISTEN_ADDR and --port', () => {
  it.each([
    ['127.0.0.1:8787', '127.0.0.1', 8787],
    ['[::1]:8787', '::1', 8787],
    [':9999', '127.0.0.1', 9999],
    ['gateway.internal:80', 'gateway.internal', 80],
    ['0.0.0.0:0', '0.0.0.0', 0],
  ])('%s', (addr, host, port) => {
    expect(load({ LISTEN_ADDR: addr }).listen).toEqual({ host, port });
  });

  it.each(['8787', 'host:99999', '[::1]', 'a b:1', 'host:'])('rejects %j', (addr) => {
    expect(problems({ LISTEN_ADDR: addr })[0]).toMatch(/^LISTEN_ADDR must be host:port/);
  });

  it('--port overrides the port and says so', () => {
    const c = load({ LISTEN_ADDR: '0.0.0.0:9000' }, { port: '7000' });
    expect(c.listen).toEqual({ host: '0.0.0.0', port: 7000 });
    expect(c.sources.listen).toBe('env LISTEN_ADDR, flag --port');
    expect(load({}, { port: '7000' }).sources.listen).toBe('flag --port');
    expect(load({}, { listen: '[::1]:1', port: '2' }).listen).toEqual({ host: '::1', port: 2 });
    expect(problems({}, { port: '70000' })).toEqual(['--port must be a whole number from 0 to 65535; got "70000"']);
    expect(c.sources).not.toHaveProperty('port');
  });
});

describe('RUST_LOG', () => {
  it.each([
    ['debug', 'debug'],
    ['WARN', 'warn'],
    ['proxilion=debug,hyper=warn', 'debug'],
    ['warn,proxilion=trace', 'trace'],
    ['hyper=warn,info', 'info'],
    ['proxilion_gateway=error', 'error'],
    ['proxilion::server[req]=debug', 'debug'],
    ['off', 'error'],
  ])('%s → %s', (value, level) => {
    const c = load({ RUST_LOG: value });
    expect(c.logLevel).toBe(level);
    expect(c.sources.logLevel).toBe('env RUST_LOG');
  });

  it('leaves the level unset when it only names other targets', () => {
    const c = load({ RUST_LOG: 'hyper=warn,tower=debug' });
    expect(c.logLevel).toBe('info');
    expect(c.sources.logLevel).toBe('default');
  });

  it('rejects a bad level for proxilion, naming RUST_LOG', () => {
    expect(problems({ RUST_LOG: 'proxilion=loud' })[0]).toMatch(/^RUST_LOG must be a level \(trace, debug, info, warn, error, off\) or directives/);
  });

  it('loses to LOG_LEVEL, and both lose to --log-level', () => {
    expect(load({ RUST_LOG: 'trace', LOG_LEVEL: 'warn' })).toMatchObject({ logLevel: 'warn', sources: { logLevel: 'env LOG_LEVEL' } });
    expect(load({ RUST_LOG: 'trace', LOG_LEVEL: 'warn' }, { logLevel: 'error' })).toMatchObject({ logLevel: 'error', sources: { logLevel: 'flag --log-level' } });
  });
});

describe('precedence: flag > environment > policy file > default', () => {
  it('takes thresholds from each layer and says where each came from', () => {
    const file = tempFile('policy.yaml', 'version: 1\nthresholds:\n  alert: 40\n  block: 60\n  terminate: 80\n');
    const c = load({ POLICY_FILE: file, BLOCK_THRESHOLD: '65' }, { terminateThreshold: '85' });
    expect(c.thresholds).toEqual({ alert: 40, block: 65, terminate: 85 });
    expect(c.policy.thresholds).toEqual(c.thresholds);
    expect(c.sources['thresholds.alert']).toBe(`policy ${file}:3`);
    expect(c.sources['thresholds.block']).toBe('env BLOCK_THRESHOLD');
    expect(c.sources['thresholds.terminate']).toBe('flag --terminate-threshold');
    expect(c.sources.policyFile).toBe('env POLICY_FILE');
  });

  it('takes every flag over its variable', () => {
    const env = { MODE: 'alert', LISTEN_ADDR: ':1', PROXILION_SOCKET: '/a', SESSION_STORE: 'inmemory', SESSION_DB: '/a.db', LOG_LEVEL: 'warn', MAX_BODY_BYTES: '2048' };
    const flags: ConfigFlags = { mode: 'block', listen: ':2', socket: '/b', sessionStore: 'sqlite', sessionDb: '/b.db', logLevel: 'debug', maxBody: '4096', alertThreshold: '1', blockThreshold: '2', terminateThreshold: '3' };
    const c = load({ ...env, ALERT_THRESHOLD: '10', BLOCK_THRESHOLD: '20', TERMINATE_THRESHOLD: '30' }, flags);
    expect(c).toMatchObject({ mode: 'block', listen: { port: 2 }, socket: '/b', sessionStore: 'sqlite', sessionDb: '/b.db', logLevel: 'debug', maxBodyBytes: 4096, thresholds: { alert: 1, block: 2, terminate: 3 } });
    for (const [key, flag] of [['mode', '--mode'], ['listen', '--listen'], ['socket', '--socket'], ['sessionStore', '--session-store'], ['sessionDb', '--session-db'], ['logLevel', '--log-level'], ['maxBodyBytes', '--max-body'], ['thresholds.alert', '--alert-threshold']]) {
      expect(c.sources[key!]).toBe(`flag ${flag}`);
    }
  });

  it('--policy wins over POLICY_FILE', () => {
    const a = tempFile('a.yaml', 'thresholds: { alert: 11 }\n');
    const b = tempFile('b.toml', '[thresholds]\nalert = 22\n');
    const c = load({ POLICY_FILE: a }, { policy: b });
    expect(c.policyFile).toBe(b);
    expect(c.thresholds.alert).toBe(22);
    expect(c.sources['thresholds.alert']).toBe(`policy ${b}:2`);
  });
});

describe('cross-field rules', () => {
  it('keeps alert ≤ block ≤ terminate, naming where each value came from', () => {
    expect(problems({ ALERT_THRESHOLD: '80' }, { blockThreshold: '60' })).toEqual([
      'thresholds must satisfy alert ≤ block ≤ terminate; got alert 80 (env ALERT_THRESHOLD), block 60 (flag --block-threshold), terminate 90 (default)',
    ]);
    const file = tempFile('p.yaml', 'thresholds:\n  block: 95\n');
    expect(problems({ POLICY_FILE: file })[0]).toContain(`block 95 (policy ${file}:2), terminate 90 (default)`);
    // a rejected value is reported once, not again as a broken order
    expect(problems({ ALERT_THRESHOLD: '80', BLOCK_THRESHOLD: 'bad' })).toEqual(['BLOCK_THRESHOLD must be a number from 0 to 100; got "bad"']);
  });

  it('needs REDIS_URL for the redis store', () => {
    expect(problems({ SESSION_STORE: 'redis' })).toEqual(['SESSION_STORE=redis needs REDIS_URL (e.g. redis://localhost:6379)']);
    expect(problems({}, { sessionStore: 'redis' })).toEqual(['--session-store=redis needs REDIS_URL (e.g. redis://localhost:6379)']);
    expect(load({ SESSION_STORE: 'redis', REDIS_URL: 'redis://localhost:6379' }).redisUrl).toBe('redis://localhost:6379');
  });

  it('picks the OpenAI-compatible provider when SEMANTIC_BASE_URL is set, and then needs SEMANTIC_MODEL', () => {
    expect(load({}).semanticProvider).toBe('anthropic');
    const local = load({ ENABLE_SEMANTIC_ANALYSIS: 'true', SEMANTIC_BASE_URL: 'http://127.0.0.1:8080/v1', SEMANTIC_MODEL: 'qwen2.5-coder' });
    expect(local).toMatchObject({ semanticProvider: 'openai', semanticModel: 'qwen2.5-coder', semanticBand: { min: 40, max: 80 }, semanticTimeoutMs: 2000 });
    expect(local.semanticApiKey).toBeUndefined();
    expect(problems({ ENABLE_SEMANTIC_ANALYSIS: 'true', SEMANTIC_BASE_URL: 'http://127.0.0.1:8080/v1' })).toEqual(['SEMANTIC_PROVIDER=openai needs SEMANTIC_MODEL, the name http://127.0.0.1:8080/v1 knows the model by (e.g. llama3.1:8b)']);
    expect(problems({ ENABLE_SEMANTIC_ANALYSIS: 'true', SEMANTIC_PROVIDER: 'openai', SEMANTIC_MODEL: 'm' })[0]).toMatch(/^SEMANTIC_PROVIDER=openai needs SEMANTIC_BASE_URL/);
    // OPENAI_API_KEY is read when SEMANTIC_API_KEY is not set
    expect(load({ OPENAI_API_KEY: 'sk-o' }).semanticApiKey).toBe('sk-o');
    // nothing is required while the feature is off
    expect(load({ SEMANTIC_PROVIDER: 'openai' }).enableSemanticAnalysis).toBe(false);
  });

  it('needs ANTHROPIC_API_KEY for semantic analysis', () => {
    expect(problems({ ENABLE_SEMANTIC_ANALYSIS: 'true' })).toEqual(['ENABLE_SEMANTIC_ANALYSIS is on but ANTHROPIC_API_KEY is not set: set the key, point SEMANTIC_BASE_URL at a local OpenAI-compatible server, or turn semantic analysis off']);
    expect(load({ ENABLE_SEMANTIC_ANALYSIS: '1', ANTHROPIC_API_KEY: 'k' }).enableSemanticAnalysis).toBe(true);
  });

  it('lists policy file problems with the others', () => {
    const file = tempFile('p.yaml', 'version: 1\nbogus: 1\n');
    expect(problems({ MODE: 'x', POLICY_FILE: file })).toEqual(['MODE must be one of monitor, alert, block, terminate; got "x"', `${file}:2: bogus: unknown key (expected version, thresholds, disabled_analyzers, allow, deny, exceptions)`]);
  });
});

describe('reloadPolicy', () => {
  it('re-reads the file; flag and environment thresholds keep winning', async () => {
    const file = tempFile('p.yaml', 'thresholds: { alert: 40, block: 60 }\ndeny:\n  - host: "*.ngrok-free.app"\n    reason: no tunnels\n');
    const c = load({ POLICY_FILE: file, BLOCK_THRESHOLD: '65' });
    expect(c.policy.deny).toHaveLength(1);
    writeFileSync(file, 'thresholds: { alert: 45, block: 55, terminate: 99 }\n');
    const p = await reloadPolicy(c);
    expect(p.thresholds).toEqual({ alert: 45, block: 65, terminate: 99 });
    expect(p.deny).toEqual([]);
  });

  it('throws the line-precise problems, so the caller can keep its policy', async () => {
    const file = tempFile('p.yaml', 'deny:\n  - host: x.example\n    reason: r\n');
    const c = load({ POLICY_FILE: file });
    writeFileSync(file, 'deny:\n  - host: x.example\n    reson: r\n');
    const e = await reloadPolicy(c).catch((err: unknown) => err as ConfigError);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).problems).toEqual([`${file}:2: deny[0].reason: is required: say why this entry exists`, `${file}:3: deny[0].reson: unknown key (expected command, path, host, regex, users, agents, reason, score)`]);
  });

  it('refuses a file whose thresholds break the order with the ones that stay', async () => {
    const file = tempFile('p.yaml', 'thresholds: { block: 60 }\n');
    const c = load({ POLICY_FILE: file, TERMINATE_THRESHOLD: '80' });
    writeFileSync(file, 'thresholds: { block: 85 }\n');
    await expect(reloadPolicy(c)).rejects.toThrow(`thresholds must satisfy alert ≤ block ≤ terminate; got alert 50 (default), block 85 (policy ${file}:1), terminate 80 (env TERMINATE_THRESHOLD)`);
  });

  it('without a policy file gives the effective thresholds and nothing else', async () => {
    expect(await reloadPolicy(load({ ALERT_THRESHOLD: '33' }))).toEqual({ thresholds: { alert: 33, block: 70, terminate: 90 }, disabledAnalyzers: [], allowRules: [], allow: [], deny: [] });
  });
});

describe('docs', () => {
  it('README.md carries the settings table as the schema renders it', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(settingsMarkdown());
  });
});
