import type { Redis } from 'ioredis';
import { redacted } from '../../../config/docs.js';
import { SETTINGS } from '../../../config/settings.js';
import type { CheckResult, DoctorContext } from '../../types.js';
import { parseInfo } from '../../redis-info.js';
import { skip, round1 } from './shared.js';
import { shellQuote } from '../../../engine/toolcall.js';

export interface RedisTarget {
  url: string;
  /** The URL as reports may show it: the password redacted, as `proxilion config` shows it. */
  shown: string;
  host: string;
  port: string;
}

/** The Redis this environment configures; the skip when there is none. */
export function redisTarget(ctx: DoctorContext): RedisTarget | CheckResult {
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
export const redisCli = (t: RedisTarget): string => `redis-cli -u ${shellQuote(t.shown)}`;

export interface RedisDown {
  down: true;
  why: 'auth' | 'tls' | 'other';
  message: string;
}

/**
 * Connects for one check and always disconnects: no retries, no offline queue, short timeouts, so a
 * server that does not answer costs seconds, not the check's whole time.
 */
export async function connectRedis(ctx: DoctorContext, target: RedisTarget): Promise<{ redis: Redis; close: () => void; connectMs: number } | RedisDown> {
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
    connectionName: 'proxilion-doctor' });
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
export async function withRedis(ctx: DoctorContext, target: RedisTarget, work: (redis: Redis) => Promise<CheckResult>): Promise<CheckResult> {
  const c = await connectRedis(ctx, target);
  if ('down' in c) return skip(`Redis at ${target.shown} does not answer (${c.message}); runtime.redis-latency reports it`);
  try {
    return await work(c.redis);
  } finally {
    c.close();
  }
}

/** A setting from INFO when it reports it (Redis 7 does), else CONFIG GET, which managed Redis may rename or forbid. */
export async function setting(redis: Redis, info: Record<string, string>, infoField: string, name: string): Promise<{ value: string } | { error: string }> {
  if (info[infoField] !== undefined) return { value: info[infoField]! };
  try {
    const reply = (await redis.config('GET', name)) as string[];
    if (reply.length >= 2) return { value: reply[1]! };
    return { error: `CONFIG GET ${name} returned nothing` };
  } catch (e) {
    return { error: `CONFIG GET ${name}: ${(e as Error).message.trim()}` };
  }
}

/**
 * The check's Redis with its INFO. Managed Redis may refuse INFO: then a warning saying what could
 * not be checked, and where to look instead.
 */
export function withRedisInfo(
  ctx: DoctorContext,
  refused: { what: string; symptom: string; fix: string },
  work: (redis: Redis, info: Record<string, string>, target: RedisTarget) => Promise<CheckResult>,
): Promise<CheckResult> {
  const target = redisTarget(ctx);
  if (!('url' in target)) return Promise.resolve(target);
  return withRedis(ctx, target, async (redis) => {
    let info: Record<string, string>;
    try {
      info = parseInfo(await redis.info());
    } catch (e) {
      return { status: 'warn', reason: `INFO is refused on ${target.shown} (${(e as Error).message.trim()}), so ${refused.what}`, symptom: refused.symptom, fix: [refused.fix] };
    }
    return work(redis, info, target);
  });
}
