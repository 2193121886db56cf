import type { Check, CheckResult, DoctorContext } from '../../types.js';
import { MIB, type Measured, skip, round1, mib, percent, quantile } from './shared.js';
import { type RedisTarget, redisTarget, redisCli, type RedisDown, connectRedis, withRedisInfo, setting } from './redis-connect.js';
import { isLoopbackHost } from '../../net.js';

const REDIS_PINGS = 10;
const REDIS_PING_WARN_MS = 5;
const REDIS_PING_FAIL_MS = 50;
const CLIENTS_WARN = 0.8;
const CLIENTS_FAIL = 0.95;
const NOEVICTION_WARN = 0.75;
const NOEVICTION_FAIL = 0.9;

export const redisLatency: Check = {
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
      ...(isLoopbackHost(target.host) ? [`redis-server --port ${target.port} --bind ${target.host}   # or: systemctl start redis-server`] : [`nc -zv ${target.host} ${target.port}   # a firewall or the wrong host?`]),
    ],
  };
}

export const redisClients: Check = {
  id: 'runtime.redis-clients',
  group: 'runtime',
  title: 'Redis has connections to spare (maxclients)',
  async run(ctx) {
    return withRedisInfo(ctx, { what: 'connections cannot be counted', symptom: 'maxclients cannot be checked from here', fix: '# check the client count and limit in the Redis provider\'s console' }, async (redis, info, target) => {
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

export const redisMemory: Check = {
  id: 'runtime.redis-memory',
  group: 'runtime',
  title: 'Redis memory is bounded and its eviction policy keeps sessions',
  async run(ctx) {
    return withRedisInfo(ctx, { what: 'memory and the eviction policy cannot be checked', symptom: 'Redis may refuse writes (OOM) or evict sessions without this check noticing', fix: '# check maxmemory and maxmemory-policy in the Redis provider\'s console' }, async (redis, info, target) => {
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
