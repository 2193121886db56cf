import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';
import { RedisStore, type RedisStoreOptions } from '../src/store/redis.js';
import { StoreError, type AppendInput } from '../src/store/types.js';
import type { SessionEvent } from '../src/engine/session.js';
import { redisSkipReason, startRedis, type RedisServer } from './helpers/redis.js';

const T0 = Date.UTC(2025, 0, 1);
const OPTS: RedisStoreOptions = { ttlMs: 3_600_000, retentionMs: 86_400_000 };

function call(sessionId: string, at: number, over: Partial<SessionEvent> = {}, input: Partial<AppendInput> = {}): AppendInput {
  return { sessionId, userId: 'alice', orgId: 'acme', summary: 'ls', mode: 'block', event: { at, tool: 'bash', score: 10, decision: 'Allow', tactics: [], rules: [], targets: [], ...over }, ...input };
}

const lines = (out: string): string[] => out.split('\n').filter((l) => l !== '');

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function failure(p: Promise<unknown>): Promise<StoreError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

describe.skipIf(redisSkipReason)('redis store', () => {
  let server: RedisServer;
  const opened: RedisStore[] = [];
  const open = async (opts: RedisStoreOptions = OPTS, url = server.url) => {
    const store = await RedisStore.connect(url, opts);
    opened.push(store);
    return store;
  };
  beforeAll(async () => {
    server = await startRedis();
  });
  beforeEach(() => server.cli('FLUSHALL'));
  afterEach(() => Promise.all(opened.splice(0).map((s) => s.close())));
  afterAll(() => server?.stop());

  it('lays out keys as the troubleshooting guide shows them', async () => {
    const store = await open();
    await store.append(call('s1', T0, { score: 40, tactics: ['exfiltration'] }));
    await store.append(call('s1', T0 + 1000, { score: 95 }, { terminate: { reason: 'score 95' } }));

    const fields = lines(await server.cli('HGETALL', 'session:s1'));
    const hash = Object.fromEntries(fields.flatMap((f, i) => (i % 2 ? [] : [[f, fields[i + 1]]])));
    expect(hash).toEqual({
      user_id: 'alice', org_id: 'acme', created_at: String(T0), last_seen: String(T0 + 1000), expires_at: String(T0 + 1000 + OPTS.ttlMs),
      request_count: '2', max_score: '95', phases: '["exfiltration"]', phase: 'exfiltration', status: 'terminated',
      terminated_at: String(T0 + 1000), terminate_reason: 'score 95', first_event_id: '1', version: '2',
    });
    expect(lines(await server.cli('LRANGE', 'session:s1:requests', '0', '-1'))).toEqual([String(T0), String(T0 + 1000)]);
    const history = lines(await server.cli('LRANGE', 'session:s1:history', '0', '-1')).map((l) => JSON.parse(l));
    expect(history.map((e) => [e.id, e.at, e.score])).toEqual([[1, T0, 40], [2, T0 + 1000, 95]]);
    expect(lines(await server.cli('XRANGE', 'events', '-', '+')).filter((l) => /^\d+-0$/.test(l))).toEqual(['1-0', '2-0']);
  });

  it('gives every key it writes a TTL', async () => {
    const store = await open();
    await store.append(call('s1', T0));
    await store.append(call('s2', T0, {}, { orgId: undefined }));
    const keys = lines(await server.cli('--scan')).sort();
    expect(keys).toEqual(['events', 'events:seq', 'org:acme:events', 'session:s1', 'session:s1:history', 'session:s1:requests', 'session:s2', 'session:s2:history', 'session:s2:requests']);
    for (const key of keys) expect(Number(await server.cli('PTTL', key)), key).toBeGreaterThan(0);
    expect(Number(await server.cli('PTTL', 'session:s1'))).toBeLessThanOrEqual(OPTS.ttlMs);
  });

  it('keeps a cache entry as the README shows it, expiring at expiresAt', async () => {
    const store = await open();
    const expiresAt = Date.now() + OPTS.ttlMs;
    await store.cacheSet('opinion:1', 'benign', expiresAt);
    expect(lines(await server.cli('--scan'))).toEqual(['cache:opinion%3A1']);
    expect(await server.cli('GET', 'cache:opinion%3A1')).toBe(`${expiresAt}:benign\n`);
    const ttl = Number(await server.cli('PTTL', 'cache:opinion%3A1'));
    expect(ttl).toBeGreaterThan(OPTS.ttlMs - 60_000);
    expect(ttl).toBeLessThanOrEqual(OPTS.ttlMs);
  });

  it('expires keys by their TTL, after which the session reads as absent', async () => {
    const store = await open({ ...OPTS, ttlMs: 1000 });
    const at = Date.now();
    await store.append(call('s1', at));
    expect((await store.load({ sessionId: 's1', now: at + 1 })).record?.requestCount).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await server.cli('EXISTS', 'session:s1', 'session:s1:requests', 'session:s1:history')).toBe('0\n');
    const { record, context } = await store.load({ sessionId: 's1', now: at + 500 });
    expect(record).toBeUndefined();
    expect(context.history).toEqual([]);
    expect((await store.append(call('s1', Date.now()))).requestCount).toBe(1);
  });

  it('escapes ":" and "%" in session ids, so no id can name another session\'s keys', async () => {
    const store = await open();
    for (const id of ['a', 'a:history', 'a%3Ahistory']) await store.append(call(id, T0));
    await store.append(call('a', T0 + 1));
    const keys = lines(await server.cli('--scan', '--pattern', 'session:*')).sort();
    expect(keys).toEqual(['session:a', 'session:a%253Ahistory', 'session:a%253Ahistory:history', 'session:a%253Ahistory:requests', 'session:a%3Ahistory', 'session:a%3Ahistory:history', 'session:a%3Ahistory:requests', 'session:a:history', 'session:a:requests']);
    expect(Object.fromEntries((await store.list({ now: T0 + 2, limit: 10 })).map((r) => [r.id, r.requestCount]))).toEqual({ a: 2, 'a:history': 1, 'a%3Ahistory': 1 });
    expect((await store.load({ sessionId: 'a:history', now: T0 + 2 })).context.history).toHaveLength(1);
  });

  it('keeps every call of a session that two gateways append to, in turns and at once', async () => {
    const [a, b] = [await open(), await open()];
    for (let i = 0; i < 20; i++) await (i % 2 ? a : b).append(call('s', T0 + i));
    const records = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).append(call('s', T0 + 20 + i))));
    expect(records.map((r) => r.requestCount).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => 21 + i));

    const { record, context } = await b.load({ sessionId: 's', now: T0 + 200 });
    expect(record).toMatchObject({ requestCount: 120, createdAt: T0, lastSeen: T0 + 119 });
    expect(context.history).toHaveLength(120);
    expect(context.callsLastHour).toBe(120);
    const { events } = await a.events({ sessionId: 's', limit: 1000 });
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('keeps audit ids increasing when events:seq is lost', async () => {
    const store = await open();
    for (let i = 0; i < 3; i++) await store.append(call('s', T0 + i));
    await server.cli('DEL', 'events:seq');
    await store.append(call('s', T0 + 3));
    expect((await store.events({ limit: 10 })).events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });

  it('stops a filtered page after its scan budget and hands back where to go on', async () => {
    const raw = new Redis(server.url);
    const entry = (id: number, sessionId: string) => JSON.stringify({ id, at: T0 + id, sessionId, userId: 'u', tool: 'bash', summary: 'ls', score: 0, decision: 'Allow', mode: 'block', rules: [], tactics: [], targets: [] });
    const p = raw.pipeline();
    for (let id = 1; id <= 10_050; id++) p.xadd('events', `${id}-0`, 'event', entry(id, 'hay'));
    p.xadd('events', '10051-0', 'event', entry(10_051, 'needle'));
    await p.exec();
    raw.disconnect();

    const store = await open();
    expect(await store.events({ sessionId: 'needle', limit: 10 })).toEqual({ events: [], next: 10_000 });
    const rest = await store.events({ sessionId: 'needle', limit: 10, after: 10_000 });
    expect(rest.events.map((e) => e.id)).toEqual([10_051]);
    expect(rest.next).toBeUndefined();
  });

  it('fails a command on a stalled server after commandTimeoutMs instead of hanging', async () => {
    const store = await open({ ...OPTS, commandTimeoutMs: 300 });
    await server.cli('CLIENT', 'PAUSE', '1000', 'ALL');
    try {
      const started = Date.now();
      expect((await failure(store.get('s', T0))).message).toMatch(/get failed \(Command timed out\)/);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await server.cli('CLIENT', 'UNPAUSE');
    }
  });

  it('fails fast while Redis is down, and reconnects by itself once it is back', async () => {
    const store = await open();
    await store.append(call('s', T0));
    expect(store.connected).toBe(true);

    await server.stop();
    await until('the store notices the server is gone', () => !store.connected, 5000);
    const started = Date.now();
    const e = await failure(store.append(call('s', T0 + 1)));
    expect(e.message).toContain(`REDIS_URL=${server.url}: append failed (not connected`);
    await failure(store.load({ sessionId: 's', now: T0 + 1 }));
    expect(await store.ping()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);

    await server.restart();
    await until('the store is back', () => store.ping(), 10_000);
    expect(store.connected).toBe(true);
    expect((await store.append(call('s', T0 + 2))).requestCount).toBe(1);
  });

  it('refuses a wrong or missing password, a bad database and an unreachable server with a clear error', async () => {
    const secured = await startRedis({ password: 'correct-horse' });
    try {
      const plain = `127.0.0.1:${secured.port}`;
      const good = await open(OPTS, secured.url);
      expect(good.location).toBe(`redis://${plain}`);
      expect(await good.ping()).toBe(true);

      for (const url of [`redis://:battery-staple@${plain}/2`, `redis://default:battery-staple@${plain}`, `redis://${plain}`]) {
        const e = await failure(RedisStore.connect(url, OPTS));
        expect(e.message).toMatch(url.includes('@') ? /: password rejected \(WRONGPASS/ : /: the server requires a password \(NOAUTH/);
        expect(e.message).toMatch(new RegExp(`^REDIS_URL=redis://(default@)?${plain}(/2)?: `));
        expect(e.message).not.toContain('battery-staple');
        expect(e.cause).toBeUndefined();
      }
      expect((await failure(RedisStore.connect(`${secured.url}/99`, OPTS))).message).toMatch(/^REDIS_URL=redis:\/\/127\.0\.0\.1:\d+\/99: no such database \(.*\); use a number below/);
    } finally {
      await secured.stop();
    }

    const started = Date.now();
    const down = await failure(RedisStore.connect('redis://:pw@127.0.0.1:1', OPTS));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(down.message).toMatch(/^REDIS_URL=redis:\/\/127\.0\.0\.1:1: cannot connect \(connect ECONNREFUSED .*\); is redis-server running\? check REDIS_URL, or set REDIS_WAIT_AT_START=true/);
    expect((await failure(RedisStore.connect('http://127.0.0.1:6379', OPTS))).message).toContain('must be redis:// or rediss://');
  });

  it('starts without the server when told to wait for it', async () => {
    const store = await open({ ...OPTS, waitAtStart: true }, 'redis://127.0.0.1:1');
    expect(store.connected).toBe(false);
    expect(await store.ping()).toBe(false);
    expect((await failure(store.get('s', T0))).message).toContain('not connected: connect ECONNREFUSED');
  });

  it('uses the database number REDIS_URL names', async () => {
    const store = await open(OPTS, `${server.url}/3`);
    await store.append(call('in-db-3', T0));
    expect(await server.cli('-n', '3', 'EXISTS', 'session:in-db-3')).toBe('1\n');
    expect(await server.cli('-n', '0', 'EXISTS', 'session:in-db-3')).toBe('0\n');
  });

  it('is what openStore opens for SESSION_STORE=redis', async () => {
    const store = await openStore('redis', { ...OPTS, redisUrl: server.url });
    opened.push(store as RedisStore);
    expect(store.kind).toBe('redis');
    expect(store.location).toBe(server.url);
    await expect(openStore('redis', OPTS)).rejects.toThrow(/SESSION_STORE=redis needs a server: set REDIS_URL/);
  });
});
