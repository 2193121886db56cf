import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../src/config.js';
import { run } from './helpers/cli.js';

const home = mkdtempSync(join(tmpdir(), 'px-cli-config-'));
/** Every setting's variable blanked (blank = unset), so the test's own environment cannot leak in. */
const CLEAN = Object.fromEntries([...Object.values(SETTINGS).flatMap((s) => s.env.map((e) => (typeof e === 'string' ? e : e.name))), 'XDG_STATE_HOME'].map((v) => [v, '']));
const config = (args: string[], env: Record<string, string> = {}) => run(['config', ...args], { env: { ...CLEAN, HOME: home, ...env } });

function policyFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'px-cli-policy-')), 'policy.yaml');
  writeFileSync(file, text);
  return file;
}

describe('proxilion config', () => {
  it('prints each effective value and where it came from', () => {
    const file = policyFile('version: 1\nthresholds:\n  alert: 45\n');
    const r = config(['--mode', 'block', '--policy', file], { BLOCK_THRESHOLD: '75', LOG_LEVEL: 'debug', SEMANTIC_PRICE_USD_PER_MTOK: '0.8, 4' });
    expect(r.code).toBe(0);
    const line = (key: string) => r.stdout.split('\n').find((l) => l.startsWith(`${key} `))?.split(/\s{2,}/);
    expect(line('mode')).toEqual(['mode', 'block', 'flag --mode']);
    expect(line('thresholds.alert')).toEqual(['thresholds.alert', '45', `policy ${file}:3`]);
    expect(line('thresholds.block')).toEqual(['thresholds.block', '75', 'env BLOCK_THRESHOLD']);
    expect(line('thresholds.terminate')).toEqual(['thresholds.terminate', '90', 'default']);
    expect(line('logLevel')).toEqual(['logLevel', 'debug', 'env LOG_LEVEL']);
    expect(line('sessionDb')).toEqual(['sessionDb', `${home}/.local/state/proxilion/sessions.db`, 'default']);
    expect(line('apiKey')).toEqual(['apiKey', '(not set)', 'not set']);
    // values that are not plain text are written back the way they are set
    expect(line('listen')).toEqual(['listen', '127.0.0.1:8787', 'default']);
    expect(line('semanticBand')).toEqual(['semanticBand', '40-80', 'default']);
    expect(line('semanticPrice')).toEqual(['semanticPrice', '0.8,4', 'env SEMANTIC_PRICE_USD_PER_MTOK']);
    expect(r.stdout).toContain(`policy ${file}: 0 allow and exception entries, 0 deny entries`);
  });

  it('never prints secrets', () => {
    const r = config(['--json'], { PROXILION_API_KEY: 'tok-123456', ANTHROPIC_API_KEY: 'sk-ant-abcdef', ENABLE_SEMANTIC_ANALYSIS: 'yes', REDIS_URL: 'redis://user:hunter2@cache:6379/0', SESSION_STORE: 'redis', ALERT_WEBHOOK_URL: 'https://hooks.slack.example/services/T0/B0/XyZsecret' });
    expect(r.code).toBe(0);
    for (const secret of ['tok-123456', 'sk-ant-abcdef', 'hunter2', 'XyZsecret']) expect(r.stdout).not.toContain(secret);
    const { settings } = JSON.parse(r.stdout);
    expect(settings.apiKey).toEqual({ value: '<redacted>', source: 'env PROXILION_API_KEY' });
    expect(settings.redisUrl.value).toBe('redis://user:<redacted>@cache:6379/0');
    expect(settings.alertWebhookUrl.value).toBe('https://hooks.slack.example/<redacted>');
    expect(settings.sessionStore).toEqual({ value: 'redis', source: 'env SESSION_STORE' });
    expect(settings.listen.value).toEqual({ host: '127.0.0.1', port: 8787 });
    expect(settings.corsOrigins.value).toEqual(['*']);
    expect(settings['thresholds.alert']).toEqual({ value: 50, source: 'default' });
    expect(config(['--json', '--listen', '[::1]:9000']).stdout).toContain('"listen":{"value":{"host":"::1","port":9000},"source":"flag --listen"}');
  });

  it('--check exits 0 on a valid configuration and 64 listing every problem', () => {
    const ok = config(['--check', '--policy', join(import.meta.dirname, '..', 'examples', 'policy.yaml')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^configuration is valid \(policy .*examples\/policy\.yaml: 4 allow and exception entries, 3 deny entries\)/);
    const bad = config(['--check', '--port', 'x'], { MODE: 'blok', SESSION_TTL_HOURS: '0' });
    expect(bad.code).toBe(64);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe([
      'proxilion: 3 configuration problems:',
      '  MODE must be one of monitor, alert, block, terminate; got "blok"',
      '  --port must be a whole number from 0 to 65535; got "x"',
      '  SESSION_TTL_HOURS must be a number greater than 0; got "0"',
      '',
    ].join('\n'));
  });

  it('--check reports a bad policy file by line', () => {
    const file = policyFile('deny:\n  - host: a.example\n    reason: r\n  - regex: "(a*)*"\n    reason: r\n');
    const r = config(['--check'], { POLICY_FILE: file });
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`proxilion: ${file}:4: deny[1].regex: regex not accepted: nested quantifier (a repeated group that itself contains a quantifier) at position 1\n`);
  });

  it('--help documents every setting from the schema', () => {
    const r = config(['--help']);
    expect(r.code).toBe(0);
    for (const v of ['MODE, --mode', 'RUST_LOG', 'SESSION_DB, --session-db  [default $XDG_STATE_HOME/proxilion/sessions.db]', 'EVENT_RETENTION_DAYS', '--check']) expect(r.stdout).toContain(v);
  });
});
