import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';
import { startDaemon, type Daemon } from './helpers/daemon.js';

const GOLDEN = 'test/golden/doctor/healthy.json';
const ROOT = join(import.meta.dirname, '..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

/**
 * Checks whose status depends on the machine rather than on proxilion: a p95 over 100 ms on two
 * shared cores is the machine, not a regression, and whether a docker CLI or engine is installed is
 * the machine's business. Only their place in the report is compared.
 */
const TIMING_DEPENDENT = new Set(['runtime.latency', 'runtime.docker']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Report {
  version: string;
  gateway: string;
  generated_at: string;
  summary: Record<string, number>;
  checks: Array<{ id: string; group: string; title: string; status: string; reason: string; symptom?: string; measured?: Record<string, unknown>; fix?: string[]; duration_ms: number }>;
}

/**
 * Everything that changes between two runs on one machine, or between machines, replaced by a
 * placeholder: the temp dir, the checkout and node paths, the user, the daemon's port and pid, the
 * version, throwaway session ids, and figures with a unit of time or size. Measured numbers are all
 * volatile here (latency, memory, sizes, counts of sessions that concurrent probes create), so only
 * their names and types are compared.
 */
function masker(v: { dir: string; port: number; pid: number }) {
  const rules: Array<[RegExp, string]> = [
    [new RegExp(escape(realpathSync(v.dir)), 'g'), '<TMP>'],
    [new RegExp(escape(v.dir), 'g'), '<TMP>'],
    [new RegExp(escape(ROOT), 'g'), '<ROOT>'],
    [new RegExp(escape(process.execPath), 'g'), '<NODE>'],
    [new RegExp(`\\b${escape(userInfo().username)}\\b`, 'g'), '<USER>'],
    [new RegExp(`\\b${v.port}\\b`, 'g'), '<PORT>'],
    [new RegExp(`\\b${v.pid}\\b`, 'g'), '<PID>'],
    [new RegExp(`\\b${escape(VERSION)}\\b`, 'g'), '<VERSION>'],
    [/\bproxilion-doctor-[0-9a-f]{6,}\b/g, 'proxilion-doctor-<ID>'],
    [/\b\d+(?:\.\d+)? ?(ms|s|seconds|MiB|KiB|MB|KB|GB|GiB|bytes|B)\b/g, '<N> $1'],
    [/\b\d+ active sessions?\b/g, '<N> active sessions'],
  ];
  const text = (s: string) => rules.reduce((acc, [re, to]) => acc.replace(re, to), s);
  const value = (x: unknown): unknown => (typeof x === 'number' ? '<number>' : typeof x === 'string' ? text(x) : x);
  return (r: Report) => ({
    version: '<VERSION>',
    gateway: text(r.gateway),
    generated_at: '<TIME>',
    // the counts follow from the statuses below, which the test checks apart
    summary: '<derived from checks>',
    checks: r.checks.map((c) =>
      TIMING_DEPENDENT.has(c.id)
        ? { id: c.id, group: c.group, title: c.title, status: '<timing-dependent>' }
        : {
            id: c.id,
            group: c.group,
            title: c.title,
            status: c.status,
            reason: text(c.reason),
            ...(c.symptom !== undefined ? { symptom: text(c.symptom) } : {}),
            ...(c.measured !== undefined ? { measured: Object.fromEntries(Object.entries(c.measured).map(([k, x]) => [k, value(x)])) } : {}),
            ...(c.fix !== undefined ? { fix: c.fix.map(text) } : {}),
            duration_ms: '<ms>',
          },
    ),
  });
}

describe('proxilion doctor --json against a healthy gateway (golden)', () => {
  let dir = '';
  let daemon: Daemon;
  let report: Report;
  let code: number | null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'px-doctor-golden-'));
    // a fresh user: HOME and the working directory are the temp dir, so no hook, policy or rc file of the machine counts
    const env = { HOME: dir, XDG_STATE_HOME: join(dir, 'state'), XDG_CONFIG_HOME: '' };
    daemon = await startDaemon({ dir, env });
    const r = spawnSync(process.execPath, [BIN, 'doctor', '--json', '--gateway', daemon.url], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        MODE: '', ALERT_THRESHOLD: '', BLOCK_THRESHOLD: '', TERMINATE_THRESHOLD: '', LISTEN_ADDR: '', SESSION_STORE: '', POLICY_FILE: '',
        PROXILION_API_KEY: '', REDIS_URL: '', ALERT_WEBHOOK_URL: '', CORS_ORIGINS: '', PROXILION_SOCKET: '', ENABLE_SEMANTIC_ANALYSIS: '', ANTHROPIC_API_KEY: '',
        NO_COLOR: '1',
        ...env,
        SESSION_DB: daemon.db,
      },
    });
    code = r.status;
    expect(r.stderr).toBe('');
    report = JSON.parse(r.stdout) as Report;
  }, 60_000);
  afterAll(async () => {
    await daemon?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('matches the golden report, volatile values masked (UPDATE_GOLDEN=1 rewrites it)', () => {
    const actual = JSON.stringify(masker({ dir, port: daemon.port, pid: daemon.proc.pid! })(report), null, 2) + '\n';
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, actual);
    expect(existsSync(GOLDEN), `${GOLDEN} missing: run with UPDATE_GOLDEN=1 once and review it`).toBe(true);
    expect(actual).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('has a summary that counts the statuses, and an exit code that follows from them', () => {
    const counts = { pass: 0, warn: 0, fail: 0, skip: 0 } as Record<string, number>;
    for (const c of report.checks) counts[c.status]!++;
    expect(report.summary).toEqual(counts);
    expect(code).toBe(counts.fail ? 1 : 0);
  });

  it('fails no check but the timing-dependent ones against a healthy gateway', () => {
    expect(report.checks.filter((c) => c.status === 'fail' && !TIMING_DEPENDENT.has(c.id))).toEqual([]);
  });
});
