import type { Check, CheckResult, DoctorContext } from '../../types.js';
import { type Measured, skip,  restartLines, metricValue } from './shared.js';
import { type RedisTarget, redisTarget, redisCli, withRedis } from './redis-connect.js';
import { gatewayRefused } from './gateway-answers.js';
import { shellQuote } from '../../../engine/toolcall.js';

const SESSIONS_WARN = 10_000;
const SESSIONS_FAIL = 100_000;
/** The Redis store counts active sessions among the first 10,000 keys it scans, so its gauge stops there. */
const REDIS_COUNT_CAP = 10_000;
/** SCAN calls of the TTL sample (COUNT 100 each): enough to find a stray key, bounded on a big keyspace. */
const TTL_SCAN_ROUNDS = 5;
const TTL_SAMPLE_MAX = 300;

export const sessions: Check = {
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
  } };

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
    ] };
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
        ...forever.slice(0, 3).map((k) => `${cli} EXPIRE ${shellQuote(k)} ${seconds}`),
        `# proxilion serve gives every key it writes a TTL of SESSION_TTL_HOURS (${ttlHours ?? 24} h = ${seconds} s): keys without one were written or PERSISTed by something else (an older gateway, a script); find it, and keep SESSION_TTL_HOURS set on every gateway using this Redis`,
        `${cli} --scan --pattern 'session:*' | head -1000 | while read -r k; do [ "$(${cli} TTL "$k")" = -1 ] && echo "$k"; done   # the rest of them`,
      ] };
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
    ...(status !== 'pass' ? { fix: worst.flatMap((p) => p.fix ?? []) } : {}) };
}
