import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';
import { bash, startDaemon, type Daemon } from './helpers/daemon.js';
import { redisSkipReason, startRedis, type RedisServer } from './helpers/redis.js';
import type { CheckReport } from '../src/doctor/types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'doctor');
const SLOW_GATEWAY = join(FIXTURES, 'slow-gateway.mjs');
const HOLD_MEMORY = join(FIXTURES, 'hold-memory.mjs');

type CheckJson = Omit<CheckReport, 'duration_ms' | 'group' | 'title'>;

interface Doctor {
  code: number;
  stdout: string;
  checks: Record<string, CheckJson>;
}

/** Settings a developer's shell (or vitest, MODE=test) may carry that would change what doctor examines. */
const CLEAN_ENV = {
  MODE: '', ALERT_THRESHOLD: '', BLOCK_THRESHOLD: '', TERMINATE_THRESHOLD: '', LISTEN_ADDR: '', SESSION_STORE: '', SESSION_DB: '', REDIS_URL: '',
  SESSION_TTL_HOURS: '', EVENT_RETENTION_DAYS: '', LOG_ALL_REQUESTS: '', ENABLE_SEMANTIC_ANALYSIS: '', PROXILION_API_KEY: '', PROXILION_SOCKET: '',
  POLICY_FILE: '', STORE_FAIL_MODE: '', NO_COLOR: '1', XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'px-doctor-state-')),
};

/**
 * The real CLI, as an operator runs it: `proxilion doctor --json --only … --gateway …`. Asynchronous, so
 * the daemons this test file started keep having their output read while doctor runs.
 */
async function doctor(gateway: string, only: string, env: Record<string, string> = {}): Promise<Doctor> {
  const { code, stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'doctor', '--json', '--only', only, '--gateway', gateway], {
    env: { ...process.env, ...CLEAN_ENV, ...env },
    timeout: 40_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  let report: { checks: CheckJson[] };
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`doctor exited ${code} without a JSON report; stderr:\n${stderr}\nstdout:\n${stdout}`);
  }
  return { code, stdout, checks: Object.fromEntries(report.checks.map((c) => [c.id, c])) };
}

/**
 * doctor, again while a timing check (`id`) does not have `status`, at most 3 runs. The machine is
 * shared (2 cores, other test files running): a burst of their work can push one probe series over a
 * line, and load only ever adds latency. What the test controls, the gateway's own delay, is the same
 * in every run, so a status that never comes is still a failure.
 */
async function doctorSettled(gateway: string, only: string, env: Record<string, string>, id: string, status: CheckJson['status']): Promise<Doctor> {
  let r = await doctor(gateway, only, env);
  for (let run = 1; run < 3 && r.checks[id]?.status !== status; run++) r = await doctor(gateway, only, env);
  return r;
}

/** A loopback port nothing listens on: one that was free a moment ago. */
const closedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const statuses = (d: Doctor, ids: string[]) => Object.fromEntries(ids.map((id) => [id, d.checks[id]?.status]));
const GATEWAY_CHECKS = ['runtime.gateway', 'runtime.latency', 'runtime.memory', 'runtime.sessions'];
const REDIS_CHECKS = ['runtime.redis-latency', 'runtime.redis-clients', 'runtime.redis-memory'];

describe('doctor runtime checks against a real gateway', () => {
  const daemons: Daemon[] = [];
  afterAll(async () => {
    await Promise.all(daemons.map((d) => d.stop()));
  });
  const daemon = async (opts: Parameters<typeof startDaemon>[0] = {}) => {
    const d = await startDaemon(opts);
    daemons.push(d);
    return d;
  };

  it('passes gateway, latency, memory and sessions on a healthy daemon, and skips Redis when the store is not redis', async () => {
    const d = await daemon();
    const r = await doctorSettled(d.url, 'runtime', {}, 'runtime.latency', 'pass');
    expect(r.code, r.stdout).toBe(0);
    expect(statuses(r, GATEWAY_CHECKS), r.stdout).toEqual({ 'runtime.gateway': 'pass', 'runtime.latency': 'pass', 'runtime.memory': 'pass', 'runtime.sessions': 'pass' });
    expect(r.checks['runtime.gateway']!.measured).toMatchObject({ status: 'healthy', session_store: 'sqlite', store_connected: true, mode: 'monitor' });
    expect(r.checks['runtime.latency']!.measured).toMatchObject({ probes: 20 });
    expect(r.checks['runtime.latency']!.measured!.p95_ms).toBeLessThan(50);
    expect(r.checks['runtime.memory']!.measured!.rss_mib).toBeGreaterThan(10);
    expect(r.checks['runtime.sessions']!.measured).toMatchObject({ ttl_hours: 24 });
    for (const id of REDIS_CHECKS) expect(r.checks[id]).toMatchObject({ status: 'skip', reason: 'SESSION_STORE is sqlite in this environment, not redis' });
    // the probes ran in a throwaway session that was reset afterwards: no session is left behind
    const probe = String(/throwaway session (proxilion-doctor-[0-9a-f]+)/.exec(r.checks['runtime.latency']!.reason)?.[1]);
    expect((await d.get(`/sessions/${probe}`)).status).toBe(404);
  }, 60_000);

  it('fails runtime.gateway with the way to start it when nothing answers, and skips what needs the gateway', async () => {
    const port = await closedPort();
    const r = await doctor(`http://127.0.0.1:${port}`, 'runtime');
    expect(r.code).toBe(1);
    const g = r.checks['runtime.gateway']!;
    expect(g.status).toBe('fail');
    expect(g.reason).toContain(`the gateway at http://127.0.0.1:${port} does not answer GET /health`);
    expect(g.measured).toMatchObject({ error: 'E_UNREACHABLE' });
    expect(g.fix).toContain(`proxilion serve --listen 127.0.0.1:${port}   # start it where doctor looks`);
    expect(g.fix!.join('\n')).toContain(`lsof -nP -iTCP:${port} -sTCP:LISTEN`);
    for (const id of ['runtime.latency', 'runtime.memory', 'runtime.sessions']) {
      expect(r.checks[id]!.status, id).toBe('skip');
      expect(r.checks[id]!.reason, id).toContain(`the gateway at http://127.0.0.1:${port} does not answer (E_UNREACHABLE)`);
    }
  }, 30_000);

  describe('a slow gateway (a preload inside the daemon delays every POST /analyze)', () => {
    let warn: Daemon;
    let fail: Daemon;
    beforeAll(async () => {
      [warn, fail] = await Promise.all([
        // 60 ms leaves the warn band room for a loaded machine's scheduling delay, which only adds
        daemon({ nodeArgs: ['--import', SLOW_GATEWAY], env: { PROXILION_TEST_ANALYZE_DELAY_MS: '60' } }),
        daemon({ nodeArgs: ['--import', SLOW_GATEWAY], env: { PROXILION_TEST_ANALYZE_DELAY_MS: '150' } }),
      ]);
    }, 30_000);

    it('warns between the 50 ms and 100 ms lines', async () => {
      const r = await doctorSettled(warn.url, 'runtime.latency,runtime.gateway', {}, 'runtime.latency', 'warn');
      const l = r.checks['runtime.latency']!;
      expect(l.status, r.stdout).toBe('warn');
      expect(l.measured!.p95_ms).toBeGreaterThanOrEqual(60);
      // the delay is outside the analysis, and the fix says so
      expect(l.measured!.server_p95_ms).toBeLessThan(50);
      expect(l.fix![0]).toMatch(/^# the gateway reports [\d.]+ ms \(p95\) of analysis in a [\d.]+ ms round trip/);
      expect(l.fix).toContain('uptime   # load average above the core count: the gateway shares its CPU');
      expect(l.fix).toContain(`curl -s ${warn.url}/metrics | grep -E '^proxilion_(total_)?analysis_duration_seconds_(sum|count)'`);
      expect(r.checks['runtime.gateway']!.status).toBe('pass');
      expect(r.code).toBe(0);
    }, 60_000);

    it('fails over the 100 ms line, naming the configuration that slows calls down', async () => {
      const r = await doctor(fail.url, 'runtime.latency', { LOG_ALL_REQUESTS: 'true' });
      const l = r.checks['runtime.latency']!;
      expect(l.status, r.stdout).toBe('fail');
      expect(l.reason).toContain('over the 100 ms line');
      expect(l.measured!.p95_ms).toBeGreaterThan(100);
      expect(l.symptom).toContain('over 100 ms');
      expect(l.fix).toContain(`LOG_ALL_REQUESTS=false proxilion serve --listen 127.0.0.1:${fail.port}   # or restart it the way it was started (systemd, docker…)`);
      expect(r.code).toBe(1);
    }, 30_000);
  });

  describe('a gateway holding a lot of memory (a preload inside the daemon keeps buffers resident)', () => {
    it('warns over 512 MiB and fails over 1 GiB resident', async () => {
      const [big, huge] = await Promise.all([
        daemon({ nodeArgs: ['--import', HOLD_MEMORY], env: { PROXILION_TEST_HOLD_MIB: '600' } }),
        daemon({ nodeArgs: ['--import', HOLD_MEMORY], env: { PROXILION_TEST_HOLD_MIB: '1100' } }),
      ]);
      const [w, f] = await Promise.all([doctor(big.url, 'runtime.memory'), doctor(huge.url, 'runtime.memory')]);
      expect(w.checks['runtime.memory']).toMatchObject({ status: 'warn' });
      expect(w.checks['runtime.memory']!.measured!.rss_mib).toBeGreaterThan(512);
      expect(f.checks['runtime.memory']).toMatchObject({ status: 'fail' });
      expect(f.checks['runtime.memory']!.measured!.rss_mib).toBeGreaterThan(1024);
      expect(f.checks['runtime.memory']!.fix).toContain(`kill -TERM $(lsof -t -iTCP:${huge.port} -sTCP:LISTEN)   # answers the calls in flight, then exits`);
      expect(f.code).toBe(1);
      await Promise.all([big.stop(), huge.stop()]);
    }, 40_000);
  });
});

describe.skipIf(redisSkipReason)('doctor runtime checks against a real Redis', () => {
  const servers: RedisServer[] = [];
  const daemons: Daemon[] = [];
  const clients: Redis[] = [];
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await Promise.all(daemons.map((d) => d.stop()));
    await Promise.all(servers.map((s) => s.stop()));
  });
  const redis = async (opts: Parameters<typeof startRedis>[0] = {}) => {
    const s = await startRedis(opts);
    servers.push(s);
    return s;
  };
  const redisEnv = (s: { url: string }) => ({ SESSION_STORE: 'redis', REDIS_URL: s.url });

  describe('a healthy Redis behind a gateway', () => {
    let server: RedisServer;
    let d: Daemon;
    beforeAll(async () => {
      server = await redis();
      await server.cli('CONFIG', 'SET', 'maxmemory', '256mb');
      d = await startDaemon({ env: redisEnv(server) });
      daemons.push(d);
      expect((await d.post(bash('ls', { session_id: 'real-user-session' }))).status).toBe(200);
    }, 30_000);

    it('passes every runtime check', async () => {
      const r = await doctorSettled(d.url, 'runtime', redisEnv(server), 'runtime.latency', 'pass');
      expect(statuses(r, [...GATEWAY_CHECKS, ...REDIS_CHECKS]), r.stdout).toEqual(Object.fromEntries([...GATEWAY_CHECKS, ...REDIS_CHECKS].map((id) => [id, 'pass'])));
      expect(r.code).toBe(0);
      expect(r.checks['runtime.gateway']!.measured).toMatchObject({ session_store: 'redis', store_connected: true });
      expect(r.checks['runtime.sessions']!.measured!.keys_sampled).toBeGreaterThanOrEqual(1);
      expect(r.checks['runtime.sessions']!.measured!.keys_without_ttl).toBe(0);
      expect(r.checks['runtime.redis-memory']!.measured).toMatchObject({ maxmemory_mib: 256, maxmemory_policy: 'noeviction' });
      expect(r.checks['runtime.redis-clients']!.measured!.maxclients).toBe(10000);
      expect(r.checks['runtime.redis-latency']!.measured!.pings).toBe(10);
      // the probes' session was reset; the real one is untouched
      expect(await server.cli('EXISTS', 'session:real-user-session')).toBe('1\n');
      expect(await server.cli('--scan', '--pattern', 'session:proxilion-doctor-*')).toBe('');
    }, 60_000);

    it('fails runtime.sessions on session keys without a TTL, with EXPIRE commands for them', async () => {
      await server.cli('HSET', 'session:legacy-1', 'user_id', 'old-gateway');
      await server.cli('RPUSH', 'session:legacy-1:requests', '1700000000000');
      try {
        const r = await doctor(d.url, 'runtime.sessions', redisEnv(server));
        const s = r.checks['runtime.sessions']!;
        expect(s.status, r.stdout).toBe('fail');
        expect(s.reason).toMatch(/2 of \d+ session keys sampled in Redis at redis:\/\/127\.0\.0\.1:\d+ have no TTL/);
        expect(s.measured).toMatchObject({ keys_without_ttl: 2, ttl_hours: 24 });
        expect(s.fix).toContain(`redis-cli -u redis://127.0.0.1:${server.port} EXPIRE session:legacy-1 86400`);
        expect(s.fix).toContain(`redis-cli -u redis://127.0.0.1:${server.port} EXPIRE session:legacy-1:requests 86400`);
        expect(r.code).toBe(1);
        // doctor only looked: the keys are as they were
        expect(await server.cli('TTL', 'session:legacy-1')).toBe('-1\n');
      } finally {
        await server.cli('DEL', 'session:legacy-1', 'session:legacy-1:requests');
      }
    }, 30_000);
  });

  it('fails runtime.redis-memory when noeviction meets a full maxmemory, with the real policy and sizes and no password', async () => {
    const password = 's3cret-doctor-pw';
    const server = await redis({ password });
    const filler = new Redis(server.url, { maxRetriesPerRequest: 0 });
    clients.push(filler);
    await server.cli('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    const used = Number(/used_memory:(\d+)/.exec(await server.cli('INFO', 'memory'))![1]);
    await server.cli('CONFIG', 'SET', 'maxmemory', String(used + 2 * 1024 * 1024));
    // fill until Redis refuses a write: what the gateway's commits would then meet
    let refused: Error | undefined;
    for (let i = 0; i < 10_000 && !refused; i++) await filler.set(`fill:${i}`, 'x'.repeat(10_000)).catch((e: Error) => (refused = e));
    expect(refused?.message).toMatch(/OOM/);

    const r = await doctor(`http://127.0.0.1:${await closedPort()}`, 'runtime.redis-memory,runtime.redis-latency', redisEnv(server));
    const m = r.checks['runtime.redis-memory']!;
    expect(m.status, r.stdout).toBe('fail');
    expect(m.reason).toContain('maxmemory-policy noeviction: with noeviction Redis refuses writes once maxmemory is reached');
    expect(m.measured).toMatchObject({ maxmemory_policy: 'noeviction' });
    expect(m.measured!.used_percent).toBeGreaterThanOrEqual(90);
    const cli = `redis-cli -u 'redis://:<redacted>@127.0.0.1:${server.port}'`;
    expect(m.fix).toContain(`${cli} CONFIG SET maxmemory 64mb   # maxmemory-policy stays noeviction`);
    expect(m.fix).toContain(`${cli} CONFIG REWRITE   # keep it across restarts (needs a redis.conf)`);
    expect(r.checks['runtime.redis-latency']!.status).toBe('pass');
    expect(r.stdout).not.toContain(password);
    expect(r.code).toBe(1);
    // doctor changed nothing
    expect(await server.cli('CONFIG', 'GET', 'maxmemory-policy')).toBe('maxmemory-policy\nnoeviction\n');
  }, 40_000);

  it('warns on a Redis without a memory limit, and on an allkeys policy', async () => {
    const server = await redis();
    const gw = `http://127.0.0.1:${await closedPort()}`;
    const unbounded = (await doctor(gw, 'runtime.redis-memory', redisEnv(server))).checks['runtime.redis-memory']!;
    expect(unbounded.status).toBe('warn');
    expect(unbounded.reason).toContain('maxmemory 0 (no limit)');
    expect(unbounded.fix).toContain(`redis-cli -u redis://127.0.0.1:${server.port} CONFIG SET maxmemory 256mb`);

    await server.cli('CONFIG', 'SET', 'maxmemory', '128mb');
    await server.cli('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    const allkeys = (await doctor(gw, 'runtime.redis-memory', redisEnv(server))).checks['runtime.redis-memory']!;
    expect(allkeys.status).toBe('warn');
    expect(allkeys.reason).toContain('allkeys-lru evicts any key under memory pressure');
    expect(allkeys.fix).toContain(`redis-cli -u redis://127.0.0.1:${server.port} CONFIG SET maxmemory-policy noeviction`);
  }, 30_000);

  it('warns when connections near maxclients', async () => {
    const server = await redis();
    await server.cli('CONFIG', 'SET', 'maxclients', '20');
    const held = Array.from({ length: 16 }, () => new Redis(server.url, { maxRetriesPerRequest: 0 }));
    clients.push(...held);
    await Promise.all(held.map((c) => c.ping()));
    // 16 held + doctor's own = 17 of 20 (85 %); a redis-cli connection the server has not yet seen close adds one
    const r = await doctor(`http://127.0.0.1:${await closedPort()}`, 'runtime.redis-clients', redisEnv(server));
    const c = r.checks['runtime.redis-clients']!;
    expect(c.status, r.stdout).toBe('warn');
    expect(c.measured).toMatchObject({ maxclients: 20 });
    expect([17, 18]).toContain(c.measured!.connected_clients);
    expect(c.fix).toContain(`redis-cli -u redis://127.0.0.1:${server.port} CONFIG SET maxclients 40   # the open-file limit of redis-server caps it (ulimit -n)`);
    for (const h of held) h.disconnect();
  }, 30_000);

  it('fails runtime.redis-latency when the configured Redis is down, with the gateway degraded and the other Redis checks skipped', async () => {
    const server = await redis();
    await server.stop();
    const d = await startDaemon({ env: { ...redisEnv(server), REDIS_WAIT_AT_START: 'true' } });
    daemons.push(d);
    const r = await doctor(d.url, 'runtime', redisEnv(server));
    expect(r.code).toBe(1);
    const g = r.checks['runtime.gateway']!;
    expect(g.status, r.stdout).toBe('warn');
    expect(g.reason).toContain('degraded: the gateway answers but its redis session store does not');
    expect(g.fix).toContain(`redis-cli -u redis://127.0.0.1:${server.port} PING`);
    const l = r.checks['runtime.redis-latency']!;
    expect(l.status).toBe('fail');
    expect(l.reason).toMatch(new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${server.port}: .*ECONNREFUSED`));
    expect(l.fix).toEqual([`redis-cli -u redis://127.0.0.1:${server.port} PING`, `redis-server --port ${server.port} --bind 127.0.0.1   # or: systemctl start redis-server`]);
    for (const id of ['runtime.redis-clients', 'runtime.redis-memory']) {
      expect(r.checks[id]!.status, id).toBe('skip');
      expect(r.checks[id]!.reason, id).toContain(`Redis at redis://127.0.0.1:${server.port} does not answer`);
    }
  }, 30_000);

  it('fails runtime.redis-latency on a wrong password, without printing either password', async () => {
    const server = await redis({ password: 'the-right-one' });
    const url = server.url.replace('the-right-one', 'a-wrong-one');
    const r = await doctor(`http://127.0.0.1:${await closedPort()}`, 'runtime.redis-latency', redisEnv({ url }));
    const l = r.checks['runtime.redis-latency']!;
    expect(l.status, r.stdout).toBe('fail');
    expect(l.reason).toMatch(/refuses the credentials in REDIS_URL: WRONGPASS/);
    expect(l.fix![0]).toBe(`redis-cli -u 'redis://:<redacted>@127.0.0.1:${server.port}' PING   # with the password the server expects in place of <redacted>`);
    expect(r.stdout).not.toMatch(/the-right-one|a-wrong-one/);
  }, 30_000);
});
