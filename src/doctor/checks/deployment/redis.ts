import type { Check, CheckResult } from '../../types.js';
import { hostPort, setting, unbracket } from './shared.js';

const REDIS_TIMEOUT_MS = 2000;

interface RedisTarget {
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username: string;
  password: string;
  /** The URL with the password masked: all a report may show. */
  shown: string;
}

function redisTarget(url: string): RedisTarget {
  const u = new URL(url);
  const host = unbracket(u.hostname);
  const port = Number(u.port || 6379);
  const db = Number(u.pathname.replace(/^\//, '') || 0);
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const auth = username || password ? `${username}${password ? ':***' : ''}@` : '';
  return { host, port, db, tls: u.protocol === 'rediss:', username, password, shown: `${u.protocol}//${auth}${hostPort(host, port)}${db ? `/${db}` : ''}` };
}

/** What went wrong talking to Redis, most telling first: ioredis rejects with "Connection is closed." and emits the cause. */
function redisFailure(t: RedisTarget, e: Error & { code?: string }): CheckResult {
  const scrub = (s: string): string => (t.password ? s.split(t.password).join('***') : s);
  const message = scrub(e.message);
  const at = hostPort(t.host, t.port);
  const cli = `redis-cli ${t.tls ? '--tls ' : ''}-h ${t.host} -p ${t.port}`;
  const withPassword = `${t.tls ? 'rediss' : 'redis'}://${t.username}:<password>@${at}${t.db ? `/${t.db}` : ''}`;
  const measured = { redis_url: t.shown, error: message };
  const down = 'proxilion serve exits at start (or keeps reconnecting with REDIS_WAIT_AT_START), and calls meet STORE_FAIL_MODE';
  if (/NOAUTH/.test(message)) {
    return { status: 'fail', reason: `Redis at ${at} requires a password and REDIS_URL gives none`, symptom: down, measured, fix: [`REDIS_URL=${withPassword} proxilion serve`, `redis-cli -u '${withPassword}' ping`] };
  }
  if (/WRONGPASS|invalid password|invalid username-password/i.test(message)) {
    return {
      status: 'fail',
      reason: `Redis at ${at} rejects the ${t.username ? `user "${t.username}" or its ` : ''}password REDIS_URL gives`,
      symptom: down,
      measured,
      fix: [`grep -E '^(requirepass|user) ' /etc/redis/redis.conf`, `redis-cli -u '${withPassword}' ping`, `REDIS_URL=${withPassword} proxilion serve`],
    };
  }
  if (/DB index is out of range|invalid DB index/i.test(message)) {
    const auth = t.username || t.password ? `${t.username}${t.password ? ':<password>' : ''}@` : '';
    return {
      status: 'fail',
      reason: `Redis at ${at} has no database ${t.db}`,
      symptom: down,
      measured,
      fix: [`${cli}${t.password ? ' -a <password>' : ''} CONFIG GET databases`, `REDIS_URL=${t.tls ? 'rediss' : 'redis'}://${auth}${at}/0   # a number below "databases" (16 by default)`],
    };
  }
  if (/certificate|CERT_|SSL|TLS|self.signed/i.test(message) || /CERT|SSL|TLS/.test(e.code ?? '')) {
    return { status: 'fail', reason: `the TLS handshake with ${at} failed: ${message}`, symptom: down, measured, fix: ['NODE_EXTRA_CA_CERTS=/path/to/ca.pem proxilion serve   # the CA that signed the server certificate', `redis-cli --tls --cacert /path/to/ca.pem -h ${t.host} -p ${t.port} ping`] };
  }
  if (e.code === 'ECONNREFUSED') {
    return { status: 'fail', reason: `nothing accepts connections at ${at} (ECONNREFUSED): Redis is down or REDIS_URL names the wrong port`, symptom: down, measured, fix: [`${cli} ping`, 'sudo systemctl start redis-server', `# or correct REDIS_URL (now ${t.shown})`] };
  }
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return { status: 'fail', reason: `the Redis host ${t.host} does not resolve (${e.code})`, symptom: down, measured, fix: [`getent hosts ${t.host}`, `# correct REDIS_URL (now ${t.shown})`] };
  }
  if (e.code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) {
    return {
      status: 'fail',
      reason: `no answer from ${at} within ${REDIS_TIMEOUT_MS} ms${t.tls ? ' (rediss://: if the server does not speak TLS, use redis://)' : ''}`,
      symptom: down,
      measured,
      fix: [`${cli} ping`, `nc -vz ${t.host} ${t.port}   # a firewall or a wrong host drops the connection`],
    };
  }
  if (/RESP|Protocol error/i.test(message)) {
    return { status: 'fail', reason: `something other than Redis answers at ${at}${t.tls ? '' : ' (or it expects TLS: use rediss://)'}`, symptom: down, measured, fix: [`${cli} ping`, `# correct REDIS_URL (now ${t.shown})`] };
  }
  return { status: 'fail', reason: `Redis at ${at} cannot be used: ${message}`, symptom: down, measured, fix: [`${cli} ping`] };
}

export const redis: Check = {
  id: 'deployment.redis',
  group: 'deployment',
  title: 'Redis is reachable and authenticated',
  timeoutMs: REDIS_TIMEOUT_MS * 2 + 1000,
  async run(ctx) {
    const store = setting(ctx, 'sessionStore');
    if ('problem' in store) return { status: 'skip', reason: 'SESSION_STORE is invalid (see deployment.config)' };
    if (store.value !== 'redis') return { status: 'skip', reason: `SESSION_STORE=${store.value}: Redis is not used` };
    const url = setting(ctx, 'redisUrl');
    if ('problem' in url) return { status: 'skip', reason: 'REDIS_URL is invalid (see deployment.config)' };
    if (!url.value) return { status: 'skip', reason: 'SESSION_STORE=redis but REDIS_URL is not set (see deployment.config)' };
    const t = redisTarget(url.value);

    // loaded here: only a Redis deployment pays for ioredis
    const { Redis } = await import('ioredis');
    const client = new Redis(url.value, {
      lazyConnect: true,
      connectTimeout: REDIS_TIMEOUT_MS,
      commandTimeout: REDIS_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      // one attempt: doctor reports the failure, it does not wait it out
      retryStrategy: () => null,
      reconnectOnError: () => false,
    });
    const errors: Array<Error & { code?: string }> = [];
    client.on('error', (e: Error) => errors.push(e));
    const stop = () => client.disconnect();
    ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      const started = performance.now();
      await client.connect();
      // ioredis selects the database quietly on connect; selecting it again makes a bad number an error
      if (t.db) await client.select(t.db);
      const pong = await client.ping();
      const pingMs = Math.round((performance.now() - started) * 10) / 10;
      let version: string | null = null;
      try {
        version = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? null;
      } catch {
        // INFO may be renamed away; the version is a nicety
      }
      return { status: 'pass', reason: `${t.shown} answers ${pong}${t.password ? ' with the password given' : ''}${version ? `, Redis ${version}` : ''}`, measured: { redis_url: t.shown, connect_and_ping_ms: pingMs, redis_version: version } };
    } catch (e) {
      return redisFailure(t, errors.find((x) => !/Connection is closed/.test(x.message)) ?? (e as Error));
    } finally {
      ctx.signal.removeEventListener('abort', stop);
      client.disconnect();
    }
  },
};
