import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { Redis } from 'ioredis';
import { ProxilionError } from '../../client/error.js';
import { redacted } from '../../config/docs.js';
import { SETTINGS } from '../../config/settings.js';
import type { Check, CheckResult, DoctorContext } from '../types.js';
import { parseInfo } from '../redis-info.js';

// The guide's lines. Latency is the round trip an agent's hook waits for, as a client sees it.
const LATENCY_WARN_MS = 50;
const LATENCY_FAIL_MS = 100;
const PROBES = 20;
/** The series stops early past this, so a slow gateway still gets a verdict within the check's time. */
const PROBE_BUDGET_MS = 6000;
const PROBE_COMMAND = 'git status';

const MIB = 1024 * 1024;
const MEMORY_WARN_BYTES = 512 * MIB;
const MEMORY_FAIL_BYTES = 1024 * MIB;

const SESSIONS_WARN = 10_000;
const SESSIONS_FAIL = 100_000;
/** The Redis store counts active sessions among the first 10,000 keys it scans, so its gauge stops there. */
const REDIS_COUNT_CAP = 10_000;
/** SCAN calls of the TTL sample (COUNT 100 each): enough to find a stray key, bounded on a big keyspace. */
const TTL_SCAN_ROUNDS = 5;
const TTL_SAMPLE_MAX = 300;

const REDIS_PINGS = 10;
const REDIS_PING_WARN_MS = 5;
const REDIS_PING_FAIL_MS = 50;
const CLIENTS_WARN = 0.8;
const CLIENTS_FAIL = 0.95;
const NOEVICTION_WARN = 0.75;
const NOEVICTION_FAIL = 0.9;

type Measured = NonNullable<CheckResult['measured']>;

const skip = (reason: string): CheckResult => ({ status: 'skip', reason });
const round1 = (n: number): number => Math.round(n * 10) / 10;
const mib = (bytes: number): number => round1(bytes / MIB);
const percent = (ratio: number): number => Math.round(ratio * 100);

/** Nearest-rank quantile of sorted samples: a value that was actually measured. */
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;

/** A value as one shell word: quoted only when it has to be (session ids come from clients). */
const shellWord = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

const portOf = (gw: URL): string => gw.port || (gw.protocol === 'https:' ? '443' : '80');

/** `host:port` of the gateway URL, as `proxilion serve --listen` takes it. */
const listenAddress = (gw: URL): string => `${gw.hostname}:${portOf(gw)}`;

const isLoopback = (host: string): boolean => host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '::1';

/** A command that prints the gateway's PID on this machine, when it runs here. */
function pidCommand(ctx: DoctorContext): string | undefined {
  if (ctx.socket) return `lsof -t ${shellWord(ctx.socket)}`;
  if (!isLoopback(ctx.gateway.hostname)) return undefined;
  return `lsof -t -iTCP:${portOf(ctx.gateway)} -sTCP:LISTEN`;
}

/** How to start the gateway where doctor looked for it. */
const serveCommand = (ctx: DoctorContext, env = ''): string =>
  `${env ? `${env} ` : ''}proxilion serve ${ctx.socket ? `--socket ${shellWord(ctx.socket)}` : `--listen ${listenAddress(ctx.gateway)}`}`;

/** Restarting frees what the process holds; SIGTERM drains calls in flight first. */
function restartLines(ctx: DoctorContext, env = ''): string[] {
  const pid = pidCommand(ctx);
  if (!pid) return [`# on ${ctx.gateway.hostname}: restart proxilion serve the way it was started (systemd, docker…)${env ? `, with ${env}` : ''}`];
  return [`kill -TERM $(${pid})   # answers the calls in flight, then exits`, `${serveCommand(ctx, env)}   # or restart it the way it was started (systemd, docker…)`];
}

/** curl's arguments for a path of the gateway, over its socket when doctor uses one. */
const curlTarget = (ctx: DoctorContext, path: string): string =>
  ctx.socket ? `--unix-socket ${shellWord(ctx.socket)} http://localhost${path}` : `${ctx.gateway.origin}${ctx.gateway.pathname.replace(/\/+$/, '')}${path}`;
const metricsUrl = (ctx: DoctorContext): string => curlTarget(ctx, '/metrics');

/** A Prometheus sample without labels; undefined when the exposition does not have it. */
function metricValue(text: string, ...names: string[]): number | undefined {
  for (const name of names) {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([^ \\n]+)`, 'm').exec(text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

const isTransport = (e: unknown): e is ProxilionError => e instanceof ProxilionError && (e.code === 'E_UNREACHABLE' || e.code === 'E_TIMEOUT');

/** The skip of every check that needs the gateway, when it does not answer: runtime.gateway reports that. */
const gatewayDown = (ctx: DoctorContext, e: unknown): CheckResult => skip(`the gateway at ${ctx.client.target} does not answer (${(e as ProxilionError).code}); runtime.gateway says why`);

/** A call the gateway answered with an error, or an answer that is not the gateway's. */
function gatewayRefused(ctx: DoctorContext, e: unknown, route: string): CheckResult {
  if (isTransport(e)) return gatewayDown(ctx, e);
  const err = e as ProxilionError;
  if (err.status === 401) {
    return {
      status: 'warn', reason: `the gateway refuses ${route} without its API key, so this could not be measured`,
      symptom: 'doctor runs without the PROXILION_API_KEY the gateway was started with',
      measured: { status: 401 },
      fix: ['export PROXILION_API_KEY=…   # the key the gateway was started with', `proxilion doctor --only runtime --gateway ${ctx.gateway.href}`],
    };
  }
  const [method, path] = route.split(' ') as [string, string];
  const body = method === 'POST' ? ` -H 'content-type: application/json' -d '{"tool_call":{"Bash":{"command":"${PROBE_COMMAND}"}},"user_id":"proxilion-doctor"}'` : '';
  return {
    status: 'fail',
    reason: `${route} failed: ${err.message ?? String(e)}`,
    symptom: `${route} does not work, so agents and dashboards that use it do not either`,
    measured: { status: err.status ?? null },
    fix: [
      `curl -si -X ${method}${body} ${curlTarget(ctx, path)}   # the answer as it comes`,
      ...(err.status === 503 ? storeFix(ctx, ctx.config.value?.sessionStore ?? 'sqlite') : []),
    ],
  };
}

// ————— the gateway —————

const gateway: Check = {
  id: 'runtime.gateway',
  group: 'runtime',
  title: 'the gateway answers /health',
  async run(ctx) {
    let h;
    try {
      h = await ctx.client.health();
    } catch (e) {
      return gatewayUnreachable(ctx, e);
    }
    const measured: Measured = { status: h.status, version: h.version, mode: h.mode, session_store: h.session_store, store_connected: h.store_connected, uptime_seconds: h.uptime_seconds };
    const about = `version ${h.version}, mode ${h.mode}, ${h.session_store} store, up ${h.uptime_seconds} s`;
    if (h.status === 'healthy' && h.store_connected) return { status: 'pass', reason: `healthy: ${about}`, measured };
    return {
      status: 'warn',
      reason: `degraded: the gateway answers but its ${h.session_store} session store does not (${about})`,
      symptom: 'calls are analyzed without their session history (STORE_FAIL_MODE=stateless, the verdict says "session_store_unavailable") or refused with 503 (refuse)',
      measured,
      fix: storeFix(ctx, h.session_store),
    };
  },
};

function gatewayUnreachable(ctx: DoctorContext, e: unknown): CheckResult {
  const err = e as ProxilionError;
  if (!isTransport(e)) {
    return {
      status: 'fail',
      reason: `something answers at ${ctx.client.target}, but not as a proxilion gateway: ${err.message ?? String(e)}`,
      symptom: 'agent hooks and clients get errors instead of verdicts',
      measured: { status: err.status ?? null },
      fix: [...(pidCommand(ctx) ? [`ps -o pid,args -p $(${pidCommand(ctx)})   # what holds the address`] : []), `proxilion doctor --gateway http://HOST:PORT   # if the gateway listens elsewhere`],
    };
  }
  const where = ctx.socket ? `--socket ${ctx.socket}` : listenAddress(ctx.gateway);
  const local = pidCommand(ctx) !== undefined;
  if (err.code === 'E_TIMEOUT') {
    return {
      status: 'fail',
      reason: `the gateway at ${ctx.client.target} accepts connections but does not answer GET /health in time: ${err.message}`,
      symptom: 'agent hooks wait until PROXILION_HOOK_BUDGET_MS runs out, then fall back to PROXILION_FAIL_MODE',
      measured: { error: err.code, target: ctx.client.target },
      fix: [...(local ? [`ps -o pid,pcpu,rss,etime,args -p $(${pidCommand(ctx)})   # a process stuck at 100 % CPU, or swapping`] : []), ...restartLines(ctx)],
    };
  }
  return {
    status: 'fail',
    reason: `the gateway at ${ctx.client.target} does not answer GET /health: ${err.message}`,
    symptom: `agent hooks fall back to PROXILION_FAIL_MODE (${ctx.config.value?.failMode ?? 'open'}): calls run unchecked, or are all refused`,
    measured: { error: err.code, target: ctx.client.target },
    fix: [
      local ? `${serveCommand(ctx)}   # start it where doctor looks` : `# on ${ctx.gateway.hostname}: ${serveCommand(ctx)}`,
      ...(!local ? [] : ctx.socket ? [`ls -l ${shellWord(ctx.socket)}`] : [`lsof -nP -iTCP:${portOf(ctx.gateway)} -sTCP:LISTEN   # is anything listening on ${where}?`]),
      `proxilion doctor --gateway http://HOST:PORT   # if it runs elsewhere (default: PROXILION_SOCKET, else LISTEN_ADDR)`,
    ],
  };
}

/** What to look at when the gateway says its store is not connected. */
function storeFix(ctx: DoctorContext, kind: string): string[] {
  const c = ctx.config.value;
  if (kind === 'redis') {
    const t = redisTarget(ctx);
    const cli = 'url' in t ? redisCli(t) : 'redis-cli';
    return [`${cli} PING`, 'proxilion doctor --only runtime.redis-latency,deployment'];
  }
  if (kind === 'sqlite' && c) return [`ls -l ${shellWord(c.sessionDb)}   # the gateway's user must be able to write it`, `df -h ${shellWord(dirname(c.sessionDb))}`, 'proxilion doctor --only deployment'];
  return ['proxilion doctor --only deployment'];
}

// ————— latency —————

const latency: Check = {
  id: 'runtime.latency',
  group: 'runtime',
  title: `p95 latency of POST /analyze is under ${LATENCY_WARN_MS} ms`,
  timeoutMs: 12_000,
  async run(ctx) {
    // A session of its own, reset afterwards, so real sessions never see the probes.
    const session = `proxilion-doctor-${randomBytes(6).toString('hex')}`;
    const probe = () => ctx.client.analyzeCommand(PROBE_COMMAND, { sessionId: session, userId: 'proxilion-doctor' });
    const rtt: number[] = [];
    const server: number[] = [];
    let answered = false;
    try {
      // The first call pays once for the connection and lazy loading, which a running agent does not.
      await probe();
      answered = true;
      const started = performance.now();
      for (let i = 0; i < PROBES && !ctx.signal.aborted && performance.now() - started < PROBE_BUDGET_MS; i++) {
        const t = performance.now();
        const verdict = await probe();
        rtt.push(performance.now() - t);
        if (typeof verdict.duration_us === 'number') server.push(verdict.duration_us / 1000);
      }
    } catch (e) {
      if (answered && e instanceof ProxilionError && e.code === 'E_TIMEOUT') {
        return {
          status: 'fail', reason: `a probe got no answer in time after ${rtt.length} answered: ${e.message}`,
          symptom: 'agent hooks wait until their budget runs out, then fall back to PROXILION_FAIL_MODE',
          measured: { probes: rtt.length, session_id: session }, fix: slowFix(ctx, undefined),
        };
      }
      return gatewayRefused(ctx, e, 'POST /analyze');
    } finally {
      if (answered) await ctx.client.resetSession(session).catch(() => undefined);
    }
    if (rtt.length === 0) return skip('no probe finished within the check\'s time');
    const sorted = [...rtt].sort((a, b) => a - b);
    const p95 = round1(quantile(sorted, 0.95));
    const serverP95 = server.length ? round1(quantile([...server].sort((a, b) => a - b), 0.95)) : undefined;
    const measured: Measured = { probes: rtt.length, p50_ms: round1(quantile(sorted, 0.5)), p95_ms: p95, max_ms: round1(sorted[sorted.length - 1]!), server_p95_ms: serverP95 ?? null };
    const series = `${rtt.length} sequential \`${PROBE_COMMAND}\` calls in throwaway session ${session} (reset afterwards; its audit events stay in /events)`;
    if (p95 < LATENCY_WARN_MS) return { status: 'pass', reason: `p95 ${p95} ms over ${series}: under the ${LATENCY_WARN_MS} ms line`, measured };
    const failing = p95 > LATENCY_FAIL_MS;
    return {
      status: failing ? 'fail' : 'warn',
      reason: `p95 ${p95} ms over ${series}: ${failing ? `over the ${LATENCY_FAIL_MS} ms line` : `over the ${LATENCY_WARN_MS} ms line (fails over ${LATENCY_FAIL_MS} ms)`}`,
      symptom: failing ? 'every agent tool call waits over 100 ms for its verdict; hooks with a tight PROXILION_HOOK_BUDGET_MS fall back to PROXILION_FAIL_MODE' : 'agents wait noticeably for each verdict',
      measured,
      fix: slowFix(ctx, serverP95, p95),
    };
  },
};

/** The guide's causes of a slow gateway, as far as this environment tells which apply. */
function slowFix(ctx: DoctorContext, serverP95: number | undefined, p95?: number): string[] {
  const out: string[] = [];
  if (serverP95 !== undefined && p95 !== undefined) {
    out.push(serverP95 * 2 < p95
      ? `# the gateway reports ${serverP95} ms (p95) of analysis in a ${p95} ms round trip: the rest is the network, a proxy, or a busy event loop`
      : `# the analysis itself takes ${serverP95} ms (p95): see which analyzer or the store takes it`);
  }
  out.push('uptime   # load average above the core count: the gateway shares its CPU');
  const pid = pidCommand(ctx);
  if (pid) out.push(`ps -o pid,pcpu,rss,etime,args -p $(${pid})`);
  out.push(`curl -s ${metricsUrl(ctx)} | grep -E '^proxilion_(total_)?analysis_duration_seconds_(sum|count)'`);
  const c = ctx.config.value;
  if (c?.logAllRequests) out.push('# LOG_ALL_REQUESTS=true writes a log line for every call:', ...restartLines(ctx, 'LOG_ALL_REQUESTS=false'));
  if (c?.enableSemanticAnalysis) out.push(`# ENABLE_SEMANTIC_ANALYSIS=true asks ${c.semanticModel} about ambiguous calls, a round trip to the API each:`, ...restartLines(ctx, 'ENABLE_SEMANTIC_ANALYSIS=false'));
  if (c?.sessionStore === 'redis') out.push('proxilion doctor --only runtime.redis-latency   # every call reads and writes its session in Redis');
  if (c?.sessionStore === 'sqlite') out.push(`df -hT ${shellWord(dirname(c.sessionDb))}   # SQLite on a network or overlay file system is slow`);
  return out;
}

// ————— memory —————

const memory: Check = {
  id: 'runtime.memory',
  group: 'runtime',
  title: 'the gateway\'s memory is bounded',
  async run(ctx) {
    let text;
    try {
      text = await ctx.client.metrics();
    } catch (e) {
      return gatewayRefused(ctx, e, 'GET /metrics');
    }
    const rss = metricValue(text, 'proxilion_process_resident_memory_bytes', 'process_resident_memory_bytes');
    if (rss === undefined || !Number.isFinite(rss)) return skip('the gateway\'s /metrics has no process_resident_memory_bytes, so its memory cannot be read from here');
    const heap = metricValue(text, 'proxilion_nodejs_heap_size_used_bytes', 'nodejs_heap_size_used_bytes');
    const active = metricValue(text, 'proxilion_active_sessions');
    const measured: Measured = { rss_mib: mib(rss), heap_used_mib: heap === undefined ? null : mib(heap), active_sessions: active ?? null };
    const lines = `warns at ${MEMORY_WARN_BYTES / MIB} MiB, fails at ${MEMORY_FAIL_BYTES / MIB} MiB`;
    if (rss < MEMORY_WARN_BYTES) return { status: 'pass', reason: `resident memory ${mib(rss)} MiB (${lines})`, measured };
    const failing = rss >= MEMORY_FAIL_BYTES;
    const c = ctx.config.value;
    const fix = [
      `curl -s ${metricsUrl(ctx)} | grep -E '^proxilion_(active_sessions|nodejs_heap_size_used_bytes|process_resident_memory_bytes) '   # is it sessions piling up?`,
      ...restartLines(ctx),
    ];
    if (c?.sessionStore === 'inmemory') {
      fix.push(`# SESSION_STORE=inmemory keeps every session in this process for SESSION_TTL_HOURS (${c.sessionTtlHours}) after its last call: a shorter TTL, or SESSION_STORE=sqlite, holds fewer here`);
    } else if (c) {
      fix.push(`# sessions live in the ${c.sessionStore} store, not in this process: growth that a restart resets and active sessions do not explain is worth reporting, with proxilion diagnose`);
    }
    return {
      status: failing ? 'fail' : 'warn',
      reason: `resident memory ${mib(rss)} MiB (${lines})`,
      symptom: failing ? 'the gateway risks being killed for memory (OOM killer, container limit), dropping every agent\'s check' : 'memory grows: sessions accumulating, or a leak',
      measured,
      fix,
    };
  },
};

// ————— sessions —————

const sessions: Check = {
  id: 'runtime.sessions',
  group: 'runtime',
  title: 'sessions expire and do not pile up',
  async run(ctx) {
    const ttlHours = ctx.config.value?.sessionTtlHours;
    const target = redisTarget(ctx);
    const [count, ttls] = await Promise.all([activeSessions(ctx), 'url' in target ? sessionTtls(ctx, target, ttlHours) : undefined]);
    const merged = merge(ttls ? [count, ttls] : [count]);
    // The configured TTL is context, not a finding: the schema already refuses one that is not positive.
    if (ttlHours === undefined) return merged;
    return { ...merged, reason: `SESSION_TTL_HOURS is ${ttlHours}; ${merged.reason}`, ...(merged.status === 'skip' ? {} : { measured: { ttl_hours: ttlHours, ...merged.measured } }) };
  },
};

async function activeSessions(ctx: DoctorContext): Promise<CheckResult> {
  let text;
  try {
    text = await ctx.client.metrics();
  } catch (e) {
    return gatewayRefused(ctx, e, 'GET /metrics');
  }
  const n = metricValue(text, 'proxilion_active_sessions');
  if (n === undefined) return skip('the gateway\'s /metrics has no proxilion_active_sessions');
  const capped = ctx.config.value?.sessionStore === 'redis' && n >= REDIS_COUNT_CAP;
  const shown = `${n}${capped ? ' or more (the Redis store stops counting there)' : ''}`;
  if (n < SESSIONS_WARN) return { status: 'pass', reason: `${n} active sessions (warns at ${SESSIONS_WARN}, fails at ${SESSIONS_FAIL})`, measured: { active_sessions: n } };
  const ttl = ctx.config.value?.sessionTtlHours;
  return {
    status: n >= SESSIONS_FAIL ? 'fail' : 'warn',
    reason: `${shown} active sessions (warns at ${SESSIONS_WARN}, fails at ${SESSIONS_FAIL})`,
    symptom: 'the store and the gateway grow with sessions that are not used any more, and listing or sweeping them slows down',
    measured: { active_sessions: n },
    fix: [
      'proxilion sessions --limit 20   # many ids used once: a hook or client that makes a new session id per call',
      ...(ttl ? restartLines(ctx, `SESSION_TTL_HOURS=${Math.max(1, Math.floor(ttl / 2))}`) : []),
    ],
  };
}

/** Samples session keys and reads their TTLs: a key without one never expires. Read-only (SCAN, TTL). */
async function sessionTtls(ctx: DoctorContext, target: RedisTarget, ttlHours: number | undefined): Promise<CheckResult> {
  return withRedis(ctx, target, async (redis) => {
    const keys: string[] = [];
    let cursor = '0';
    for (let round = 0; round < TTL_SCAN_ROUNDS && keys.length < TTL_SAMPLE_MAX; round++) {
      const [next, found] = await redis.scan(cursor, 'MATCH', 'session:*', 'COUNT', 100);
      keys.push(...found);
      cursor = next;
      if (cursor === '0') break;
    }
    const sample = [...new Set(keys)].slice(0, TTL_SAMPLE_MAX);
    if (sample.length === 0) return { status: 'pass', reason: `no session keys in Redis at ${target.shown} to sample` };
    const p = redis.pipeline();
    for (const k of sample) p.ttl(k);
    const ttls = ((await p.exec()) ?? []).map(([err, v]) => (err ? undefined : Number(v)));
    // -2: the key expired between SCAN and TTL, which is TTLs working
    const forever = sample.filter((_, i) => ttls[i] === -1);
    const measured: Measured = { keys_sampled: sample.length, keys_without_ttl: forever.length };
    if (forever.length === 0) return { status: 'pass', reason: `all ${sample.length} session keys sampled in Redis have a TTL`, measured };
    const seconds = Math.round((ttlHours ?? 24) * 3600);
    const cli = redisCli(target);
    return {
      status: 'fail',
      reason: `${forever.length} of ${sample.length} session keys sampled in Redis at ${target.shown} have no TTL (e.g. ${forever.slice(0, 3).join(', ')}), so they never expire`,
      symptom: 'Redis memory grows with every such session; under maxmemory-policy noeviction writes eventually fail',
      measured,
      fix: [
        ...forever.slice(0, 3).map((k) => `${cli} EXPIRE ${shellWord(k)} ${seconds}`),
        `# proxilion serve gives every key it writes a TTL of SESSION_TTL_HOURS (${ttlHours ?? 24} h = ${seconds} s): keys without one were written or PERSISTed by something else (an older gateway, a script); find it, and keep SESSION_TTL_HOURS set on every gateway using this Redis`,
        `${cli} --scan --pattern 'session:*' | head -1000 | while read -r k; do [ "$(${cli} TTL "$k")" = -1 ] && echo "$k"; done   # the rest of them`,
      ],
    };
  });
}

/** One result from several: the worst status; reasons, measurements and fixes together. */
function merge(parts: readonly CheckResult[]): CheckResult {
  const order = ['fail', 'warn', 'pass'] as const;
  const status = order.find((s) => parts.some((p) => p.status === s));
  if (!status) return skip(parts.map((p) => p.reason).join('; '));
  const worst = parts.filter((p) => p.status === status);
  return {
    status,
    reason: parts.map((p) => p.reason).join('; '),
    ...(worst.some((p) => p.symptom) ? { symptom: worst.map((p) => p.symptom).filter(Boolean).join('; ') } : {}),
    measured: Object.assign({}, ...parts.map((p) => p.measured ?? {})) as Measured,
    ...(status !== 'pass' ? { fix: worst.flatMap((p) => p.fix ?? []) } : {}),
  };
}

// ————— Redis —————

interface RedisTarget {
  url: string;
  /** The URL as reports may show it: the password redacted, as `proxilion config` shows it. */
  shown: string;
  host: string;
  port: string;
}

/** The Redis this environment configures; the skip when there is none. */
function redisTarget(ctx: DoctorContext): RedisTarget | CheckResult {
  // With an invalid configuration the raw variables still say which Redis it means.
  const store = ctx.config.value?.sessionStore ?? (ctx.env.SESSION_STORE || 'sqlite');
  if (store !== 'redis') return skip(`SESSION_STORE is ${store} in this environment, not redis`);
  const url = ctx.config.value?.redisUrl ?? ctx.env.REDIS_URL;
  if (!url) return skip('SESSION_STORE=redis but REDIS_URL is not set; deployment.config reports it');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return skip('REDIS_URL is not a URL; deployment.config reports it');
  }
  return { url, shown: redacted(SETTINGS.redisUrl, url), host: u.hostname, port: u.port || '6379' };
}

/** redis-cli aimed at the server, without the password: an operator fills it in. */
const redisCli = (t: RedisTarget): string => `redis-cli -u ${shellWord(t.shown)}`;

interface RedisDown {
  down: true;
  why: 'auth' | 'tls' | 'other';
  message: string;
}

/**
 * Connects for one check and always disconnects: no retries, no offline queue, short timeouts, so a
 * server that does not answer costs seconds, not the check's whole time.
 */
async function connectRedis(ctx: DoctorContext, target: RedisTarget): Promise<{ redis: Redis; close: () => void; connectMs: number } | RedisDown> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(target.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    commandTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    // after a refused handshake ioredis waits this long for a socket that is already closed
    disconnectTimeout: 100,
    // shows who is connected in CLIENT LIST; a server that refuses the name is ignored by ioredis
    connectionName: 'proxilion-doctor',
  });
  let lastError: Error | undefined;
  redis.on('error', (e: Error) => (lastError = e));
  const close = () => {
    ctx.signal.removeEventListener('abort', close);
    redis.disconnect();
  };
  ctx.signal.addEventListener('abort', close, { once: true });
  const started = performance.now();
  try {
    await redis.connect();
    await redis.ping();
    return { redis, close, connectMs: round1(performance.now() - started) };
  } catch (e) {
    close();
    // ioredis reports a refused handshake as "Connection is closed"; the error event has the cause
    const cause = lastError ?? (e as Error);
    const code = (cause as NodeJS.ErrnoException).code;
    const why = /WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(cause.message) ? 'auth' : /certificate|CERT_|SSL|TLS/i.test(`${cause.message} ${code ?? ''}`) ? 'tls' : 'other';
    return { down: true, why, message: code && !cause.message.includes(code) ? `${code}: ${cause.message}` : cause.message };
  }
}

/** Runs `work` on a fresh connection; when Redis does not answer, skips: runtime.redis-latency reports that. */
async function withRedis(ctx: DoctorContext, target: RedisTarget, work: (redis: Redis) => Promise<CheckResult>): Promise<CheckResult> {
  const c = await connectRedis(ctx, target);
  if ('down' in c) return skip(`Redis at ${target.shown} does not answer (${c.message}); runtime.redis-latency reports it`);
  try {
    return await work(c.redis);
  } finally {
    c.close();
  }
}


/** A setting from INFO when it reports it (Redis 7 does), else CONFIG GET, which managed Redis may rename or forbid. */
async function setting(redis: Redis, info: Record<string, string>, infoField: string, name: string): Promise<{ value: string } | { error: string }> {
  if (info[infoField] !== undefined) return { value: info[infoField]! };
  try {
    const reply = (await redis.config('GET', name)) as string[];
    if (reply.length >= 2) return { value: reply[1]! };
    return { error: `CONFIG GET ${name} returned nothing` };
  } catch (e) {
    return { error: `CONFIG GET ${name}: ${(e as Error).message.trim()}` };
  }
}

const redisLatency: Check = {
  id: 'runtime.redis-latency',
  group: 'runtime',
  title: `Redis answers PING within ${REDIS_PING_WARN_MS} ms`,
  async run(ctx) {
    const target = redisTarget(ctx);
    if (!('url' in target)) return target;
    const c = await connectRedis(ctx, target);
    if ('down' in c) return redisUnreachable(ctx, target, c);
    const pings: number[] = [];
    try {
      for (let i = 0; i < REDIS_PINGS && !ctx.signal.aborted; i++) {
        const t = performance.now();
        await c.redis.ping();
        pings.push(performance.now() - t);
      }
    } catch (e) {
      return { status: 'fail', reason: `Redis at ${target.shown} stopped answering PING: ${(e as Error).message}`, symptom: 'session reads and writes fail or stall', measured: { pings: pings.length }, fix: [`${redisCli(target)} PING`] };
    } finally {
      c.close();
    }
    const sorted = pings.sort((a, b) => a - b);
    // The other checks run at once in this process and load the same machine, so slower pings carry
    // doctor's own load; the fastest is what the network and the server cost every call.
    const fastest = round1(sorted[0]!);
    const measured: Measured = { pings: sorted.length, ping_min_ms: fastest, ping_median_ms: round1(quantile(sorted, 0.5)), ping_max_ms: round1(sorted[sorted.length - 1]!), connect_ms: c.connectMs };
    const lines = `warns over ${REDIS_PING_WARN_MS} ms, fails over ${REDIS_PING_FAIL_MS} ms`;
    const reason = `the fastest of ${sorted.length} PINGs to ${target.shown} took ${fastest} ms (${lines})`;
    if (fastest <= REDIS_PING_WARN_MS) return { status: 'pass', reason, measured };
    const cli = redisCli(target);
    return {
      status: fastest > REDIS_PING_FAIL_MS ? 'fail' : 'warn',
      reason,
      symptom: 'every call waits for several Redis round trips (read the session, commit the call), so the gateway is slow by that many times this',
      measured,
      fix: [
        `${cli} --latency   # round trips as they happen (Ctrl-C to stop): steady is the network, spikes are the server`,
        `${cli} SLOWLOG GET 10   # commands that block the server`,
        `${cli} INFO stats | grep -E 'instantaneous_ops_per_sec|latest_fork_usec'`,
        `# run Redis in the gateways' network: ${target.host} is a round trip away from every call`,
      ],
    };
  },
};

function redisUnreachable(ctx: DoctorContext, target: RedisTarget, down: RedisDown): CheckResult {
  const cli = redisCli(target);
  const symptom = `proxilion serve exits at start (70) unless REDIS_WAIT_AT_START=true; a running gateway is degraded and follows STORE_FAIL_MODE (${ctx.config.value?.storeFailMode ?? 'stateless'})`;
  if (down.why === 'tls') {
    return {
      status: 'fail',
      reason: `the TLS handshake with Redis at ${target.shown} fails: ${down.message}`,
      symptom,
      measured: { error: down.message },
      fix: [`openssl s_client -connect ${target.host}:${target.port} -servername ${target.host} </dev/null | head -20   # who signed the server's certificate`, 'export NODE_EXTRA_CA_CERTS=/path/to/ca.pem   # when a private CA signed it'],
    };
  }
  if (down.why === 'auth') {
    return {
      status: 'fail',
      reason: `Redis at ${target.shown} refuses the credentials in REDIS_URL: ${down.message}`,
      symptom,
      measured: { error: down.message },
      fix: [`${cli} PING   # with the password the server expects in place of <redacted>`, `export REDIS_URL='redis://:PASSWORD@${target.host}:${target.port}'   # or redis://USER:PASSWORD@… for an ACL user`],
    };
  }
  return {
    status: 'fail',
    reason: `cannot reach Redis at ${target.shown}: ${down.message}`,
    symptom,
    measured: { error: down.message },
    fix: [
      `${cli} PING`,
      ...(isLoopback(target.host) ? [`redis-server --port ${target.port} --bind ${target.host}   # or: systemctl start redis-server`] : [`nc -zv ${target.host} ${target.port}   # a firewall or the wrong host?`]),
    ],
  };
}

const redisClients: Check = {
  id: 'runtime.redis-clients',
  group: 'runtime',
  title: 'Redis has connections to spare (maxclients)',
  async run(ctx) {
    const target = redisTarget(ctx);
    if (!('url' in target)) return target;
    return withRedis(ctx, target, async (redis) => {
      let info;
      try {
        info = parseInfo(await redis.info());
      } catch (e) {
        return { status: 'warn', reason: `INFO is refused on ${target.shown} (${(e as Error).message.trim()}), so connections cannot be counted`, symptom: 'maxclients cannot be checked from here', fix: ['# check the client count and limit in the Redis provider\'s console'] };
      }
      const connected = Number(info.connected_clients);
      const max = await setting(redis, info, 'maxclients', 'maxclients');
      if ('error' in max) return skip(`cannot read maxclients: ${max.error} (managed Redis often renames or forbids CONFIG; check the limit in its console)`);
      const maxclients = Number(max.value);
      const rejected = Number(info.rejected_connections ?? 0);
      const ratio = connected / maxclients;
      const measured: Measured = { connected_clients: connected, maxclients, used_percent: percent(ratio), rejected_connections: rejected };
      const lines = `warns over ${percent(CLIENTS_WARN)} %, fails at ${percent(CLIENTS_FAIL)} %`;
      const also = rejected > 0 ? `; ${rejected} connections were rejected since Redis started` : '';
      if (ratio <= CLIENTS_WARN) return { status: 'pass', reason: `${connected} of ${maxclients} connections in use (${lines})${also}`, measured };
      const cli = redisCli(target);
      return {
        status: ratio >= CLIENTS_FAIL ? 'fail' : 'warn',
        reason: `${connected} of ${maxclients} connections in use, ${percent(ratio)} % (${lines})${also}`,
        symptom: 'at maxclients Redis refuses new connections ("max number of clients reached"): a gateway that restarts or reconnects cannot reach its sessions',
        measured,
        fix: [
          `${cli} CLIENT LIST | grep -o 'addr=[^:]*' | sort | uniq -c | sort -rn | head   # who holds them`,
          `${cli} CONFIG SET maxclients ${Math.max(maxclients * 2, connected * 2)}   # the open-file limit of redis-server caps it (ulimit -n)`,
          `${cli} CONFIG REWRITE   # keep it across restarts (needs a redis.conf)`,
        ],
      };
    });
  },
};

const redisMemory: Check = {
  id: 'runtime.redis-memory',
  group: 'runtime',
  title: 'Redis memory is bounded and its eviction policy keeps sessions',
  async run(ctx) {
    const target = redisTarget(ctx);
    if (!('url' in target)) return target;
    return withRedis(ctx, target, async (redis) => {
      let info;
      try {
        info = parseInfo(await redis.info());
      } catch (e) {
        return { status: 'warn', reason: `INFO is refused on ${target.shown} (${(e as Error).message.trim()}), so memory and the eviction policy cannot be checked`, symptom: 'Redis may refuse writes (OOM) or evict sessions without this check noticing', fix: ['# check maxmemory and maxmemory-policy in the Redis provider\'s console'] };
      }
      const used = Number(info.used_memory);
      const maxSetting = await setting(redis, info, 'maxmemory', 'maxmemory');
      const policySetting = await setting(redis, info, 'maxmemory_policy', 'maxmemory-policy');
      if ('error' in maxSetting || 'error' in policySetting) {
        const why = 'error' in maxSetting ? maxSetting.error : (policySetting as { error: string }).error;
        return {
          status: 'warn',
          reason: `cannot read maxmemory and maxmemory-policy: ${why} (managed Redis often renames or forbids CONFIG)`,
          symptom: 'Redis may refuse writes (OOM) or evict sessions without this check noticing',
          measured: { used_memory_mib: mib(used) },
          fix: ['# check maxmemory and maxmemory-policy in the Redis provider\'s console: a limit, and noeviction or a volatile-* policy'],
        };
      }
      const maxmemory = Number(maxSetting.value);
      const policy = policySetting.value;
      const evicted = Number(info.evicted_keys ?? 0);
      const ratio = maxmemory > 0 ? used / maxmemory : 0;
      const measured: Measured = { used_memory_mib: mib(used), maxmemory_mib: mib(maxmemory), used_percent: maxmemory > 0 ? percent(ratio) : null, maxmemory_policy: policy, evicted_keys: evicted };
      const cli = redisCli(target);
      const about = `used_memory ${mib(used)} MiB of maxmemory ${maxmemory > 0 ? `${mib(maxmemory)} MiB (${percent(ratio)} %)` : '0 (no limit)'}, maxmemory-policy ${policy}`;
      const persist = `${cli} CONFIG REWRITE   # keep it across restarts (needs a redis.conf)`;
      // Room for the current data twice over, in whole MiB: headroom a config value can state.
      const roomier = `${Math.ceil(Math.max(maxmemory * 2, used * 2, 64 * MIB) / MIB)}mb`;
      const c = ctx.config.value;
      const shorter = c ? [`# or keep less: SESSION_TTL_HOURS (now ${c.sessionTtlHours}) and EVENT_RETENTION_DAYS (now ${c.eventRetentionDays}) bound what the gateway stores`] : [];

      if (policy === 'noeviction' && maxmemory > 0 && ratio >= NOEVICTION_WARN) {
        const failing = ratio >= NOEVICTION_FAIL;
        return {
          status: failing ? 'fail' : 'warn',
          reason: `${about}: with noeviction Redis refuses writes once maxmemory is reached${failing ? '' : `, and ${percent(ratio)} % is used`}`,
          symptom: failing
            ? 'calls cannot be recorded ("OOM command not allowed when used memory > \'maxmemory\'"): the gateway answers per STORE_FAIL_MODE, without sessions or with 503'
            : 'writes will fail with OOM as sessions grow',
          measured,
          fix: [
            `${cli} CONFIG SET maxmemory ${roomier}   # maxmemory-policy stays noeviction`,
            persist,
            `${cli} --bigkeys   # what fills it`,
            ...shorter,
            `# or, instead of refusing writes, evict the keys nearest to expiry (sessions may then be forgotten early): ${cli} CONFIG SET maxmemory-policy volatile-ttl`,
          ],
        };
      }
      if (policy.startsWith('allkeys-')) {
        return {
          status: 'warn',
          reason: `${about}: ${policy} evicts any key under memory pressure, live sessions included, so a terminated session can come back clean`,
          symptom: 'sessions lose their history and terminations when Redis is full',
          measured,
          fix: [`${cli} CONFIG SET maxmemory-policy noeviction`, ...(maxmemory > 0 ? [`${cli} CONFIG SET maxmemory ${roomier}   # noeviction refuses writes at the limit: leave room`] : []), persist],
        };
      }
      if (maxmemory === 0) {
        return {
          status: 'warn',
          reason: `${about}: Redis grows without a limit until the machine runs out of memory`,
          symptom: 'the OS or the container may kill Redis, losing every session at once',
          measured,
          fix: [`${cli} CONFIG SET maxmemory ${Math.ceil(Math.max(256 * MIB, used * 4) / MIB)}mb`, ...(policy === 'noeviction' ? [] : [`${cli} CONFIG SET maxmemory-policy noeviction`]), persist],
        };
      }
      if (evicted > 0 && policy !== 'noeviction') {
        return {
          status: 'warn',
          reason: `${about}: ${evicted} keys were evicted since Redis started, sessions among them`,
          symptom: 'sessions lose their history and terminations',
          measured,
          fix: [`${cli} CONFIG SET maxmemory ${roomier}`, persist, ...shorter],
        };
      }
      return { status: 'pass', reason: about, measured };
    });
  },
};

export const RUNTIME_CHECKS: Check[] = [gateway, latency, memory, sessions, redisLatency, redisClients, redisMemory];
