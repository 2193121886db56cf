import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_HISTORY, ORG_WINDOW_MS, type SessionEvent } from '../src/engine/session.js';
import { MemoryStore } from '../src/store/memory.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { MAX_CACHE_KEY_CHARS, MAX_CACHE_VALUE_BYTES, StoreError, type AppendInput, type SessionStore, type StoreOptions } from '../src/store/types.js';
import { freshRedisStore, redisSkipReason } from './helpers/redis.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2025, 0, 1);
const OPTS: StoreOptions = { ttlMs: 2 * HOUR, retentionMs: 24 * HOUR };

const dir = mkdtempSync(join(tmpdir(), 'proxilion-store-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Every store implementation, each run through the same contract. A new store is one line here. */
type StoreFactory = [kind: string, create: (opts: StoreOptions) => SessionStore | Promise<SessionStore>];
const STORES: StoreFactory[] = [
  ['inmemory', (opts) => new MemoryStore(opts)],
  ['sqlite', (opts) => new SqliteStore(join(dir, `contract-${++files}.db`), opts)],
  ...(redisSkipReason ? [] : [['redis', freshRedisStore] satisfies StoreFactory]),
];

function call(sessionId: string, at: number, over: Partial<SessionEvent> = {}, input: Partial<AppendInput> = {}): AppendInput {
  return {
    sessionId,
    userId: 'alice',
    orgId: 'acme',
    agent: 'claude-code',
    summary: `call at ${at}`,
    mode: 'block',
    event: { at, tool: 'bash', score: 10, decision: 'Allow', tactics: [], rules: [], targets: [], ...over },
    ...input,
  };
}

describe.each(STORES)('%s store contract', (kind, create) => {
  let store: SessionStore;
  beforeEach(async () => {
    store = await create(OPTS);
  });
  afterEach(() => store.close());

  it('creates a session on its first append', async () => {
    expect(await store.get('s1', T0)).toBeUndefined();
    const loaded = await store.load({ sessionId: 's1', now: T0 });
    expect(loaded.record).toBeUndefined();
    expect(loaded.context.history).toEqual([]);

    const rec = await store.append(call('s1', T0, { score: 30 }));
    expect(rec).toMatchObject({ id: 's1', userId: 'alice', orgId: 'acme', createdAt: T0, lastSeen: T0, expiresAt: T0 + OPTS.ttlMs, requestCount: 1, maxScore: 30, phases: [], status: 'active' });
    expect(rec.phase).toBeUndefined();
    expect(await store.get('s1', T0 + 1)).toEqual(rec);
  });

  it('counts the last hour back from the newest call, stopping at the first outside it, so a clock stepping back only shortens it', async () => {
    for (const m of [0, 30, 50, 70]) await store.append(call('ordered', T0 + m * MIN));
    expect((await store.load({ sessionId: 'ordered', now: T0 + 80 * MIN })).context.callsLastHour).toBe(3);
    // 60 min, then 2 min (the clock stepped back, outside the window), then 61 min
    for (const m of [60, 2, 61]) await store.append(call('stepped', T0 + m * MIN));
    expect((await store.load({ sessionId: 'stepped', now: T0 + 65 * MIN })).context.callsLastHour).toBe(1);
  });

  it('counts calls, keeps the highest score and the phases in first-reached order', async () => {
    await store.append(call('s1', T0, { score: 40, tactics: ['exfiltration'] }));
    await store.append(call('s1', T0 + 1000, { score: 90, tactics: ['credential_access', 'exfiltration'] }));
    const rec = await store.append(call('s1', T0 + 2000, { score: 20, tactics: ['reconnaissance'] }, { userId: 'bob' }));
    expect(rec).toMatchObject({ requestCount: 3, maxScore: 90, lastSeen: T0 + 2000, createdAt: T0, userId: 'alice' });
    expect(rec.phases).toEqual(['exfiltration', 'credential_access', 'reconnaissance']);
    expect(rec.phase).toBe('exfiltration');
    expect(await store.get('s1', T0 + 3000)).toEqual(rec);
  });

  it('hands the engine the history oldest first, bounded, with the session start', async () => {
    const n = MAX_HISTORY + 5;
    for (let i = 0; i < n; i++) await store.append(call('s1', T0 + i * 1000, { score: i, rules: [`r${i}`], targets: [`/t/${i}`], userMessage: i === n - 1 ? 'last' : undefined }));
    const { record, context } = await store.load({ sessionId: 's1', now: T0 + n * 1000 });
    expect(record?.requestCount).toBe(n);
    expect(context.sessionId).toBe('s1');
    expect(context.now).toBe(T0 + n * 1000);
    expect(context.startedAt).toBe(T0);
    expect(context.history).toHaveLength(MAX_HISTORY);
    expect(context.history[0]).toMatchObject({ at: T0 + 5000, score: 5, rules: ['r5'], targets: ['/t/5'], tool: 'bash', decision: 'Allow' });
    expect(context.history.at(-1)).toMatchObject({ at: T0 + (n - 1) * 1000, score: n - 1, userMessage: 'last' });
    const times = context.history.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('starts history afresh after a reset, keeping the audit events', async () => {
    await store.append(call('s1', T0, { score: 80 }));
    await store.append(call('s1', T0 + 1000));
    expect(await store.reset('s1')).toBe(true);
    expect(await store.get('s1', T0 + 2000)).toBeUndefined();
    const afterReset = await store.load({ sessionId: 's1', now: T0 + 2000 });
    expect(afterReset.record).toBeUndefined();
    expect(afterReset.context.history).toEqual([]);

    const rec = await store.append(call('s1', T0 + 3000, { score: 5 }));
    expect(rec).toMatchObject({ requestCount: 1, maxScore: 5, createdAt: T0 + 3000 });
    const { context } = await store.load({ sessionId: 's1', now: T0 + 4000 });
    expect(context.history.map((e) => e.at)).toEqual([T0 + 3000]);
    expect(context.callsLastHour).toBe(1);
    expect((await store.events({ sessionId: 's1', limit: 10 })).events).toHaveLength(3);
  });

  it('resetting an unknown session returns false', async () => {
    expect(await store.reset('nope')).toBe(false);
  });

  it('keeps a terminated session terminated until it is reset', async () => {
    await store.append(call('s1', T0));
    const term = await store.append(call('s1', T0 + 1000, { score: 95 }, { terminate: { reason: 'score 95' } }));
    expect(term).toMatchObject({ status: 'terminated', terminatedAt: T0 + 1000, terminateReason: 'score 95' });
    const refused = await store.append(call('s1', T0 + 2000, { score: 95, decision: 'Terminate' }, { refused: true }));
    expect(refused).toMatchObject({ status: 'terminated', terminatedAt: T0 + 1000, terminateReason: 'score 95', requestCount: 3 });
    expect((await store.load({ sessionId: 's1', now: T0 + 3000 })).record?.status).toBe('terminated');
    expect((await store.get('s1', T0 + 3000))?.status).toBe('terminated');
    const last = (await store.events({ sessionId: 's1', limit: 10 })).events.at(-1);
    expect(last).toMatchObject({ refused: true, decision: 'Terminate', mode: 'block', agent: 'claude-code', summary: `call at ${T0 + 2000}` });

    await store.reset('s1');
    const fresh = await store.append(call('s1', T0 + 4000));
    expect(fresh.status).toBe('active');
    expect(fresh.terminatedAt).toBeUndefined();
    expect(fresh.terminateReason).toBeUndefined();
  });

  it('expires a session TTL after its last call, and replaces it on the next call', async () => {
    await store.append(call('s1', T0, { score: 70, tactics: ['collection'] }, { terminate: { reason: 'x' } }));
    await store.append(call('s1', T0 + HOUR));
    const expiry = T0 + HOUR + OPTS.ttlMs;
    expect((await store.get('s1', expiry - 1))?.expiresAt).toBe(expiry);
    expect(await store.get('s1', expiry)).toBeUndefined();
    const loaded = await store.load({ sessionId: 's1', now: expiry });
    expect(loaded.record).toBeUndefined();
    expect(loaded.context.history).toEqual([]);
    expect(await store.countActive(expiry)).toBe(0);
    expect(await store.list({ now: expiry, limit: 10 })).toEqual([]);

    const rec = await store.append(call('s1', expiry + 1, { score: 3 }, { userId: 'bob' }));
    expect(rec).toMatchObject({ createdAt: expiry + 1, requestCount: 1, maxScore: 3, phases: [], status: 'active', userId: 'bob' });
    expect((await store.load({ sessionId: 's1', now: expiry + 2 })).context.history.map((e) => e.at)).toEqual([expiry + 1]);
  });

  it('sweeps expired sessions and events past retention, leaving fresh ones', async () => {
    await store.append(call('old', T0));
    await store.append(call('new', T0 + 23 * HOUR));
    const now = T0 + OPTS.retentionMs + 1;
    expect(await store.sweep(now)).toEqual({ sessions: 1, events: 1, cached: 0 });
    expect(await store.get('new', now)).toBeDefined();
    expect((await store.events({ limit: 10 })).events.map((e) => e.sessionId)).toEqual(['new']);
    expect(await store.sweep(now)).toEqual({ sessions: 0, events: 0, cached: 0 });
  });

  it('pages events by id and filters them by session, decision and time', async () => {
    for (let i = 0; i < 7; i++) await store.append(call(i % 2 ? 'odd' : 'even', T0 + i * 1000, { decision: i % 3 === 0 ? 'Block' : 'Allow' }));

    const first = await store.events({ limit: 3 });
    expect(first.events.map((e) => e.at)).toEqual([T0, T0 + 1000, T0 + 2000]);
    expect(first.next).toBe(first.events[2]!.id);
    const second = await store.events({ limit: 3, after: first.next });
    expect(second.events.map((e) => e.at)).toEqual([T0 + 3000, T0 + 4000, T0 + 5000]);
    const third = await store.events({ limit: 3, after: second.next });
    expect(third.events.map((e) => e.at)).toEqual([T0 + 6000]);
    expect(third.next).toBeUndefined();
    const ids = [...first.events, ...second.events, ...third.events].map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(7);

    expect((await store.events({ sessionId: 'odd', limit: 10 })).events.map((e) => e.at)).toEqual([T0 + 1000, T0 + 3000, T0 + 5000]);
    expect((await store.events({ decision: 'Block', limit: 10 })).events.map((e) => e.at)).toEqual([T0, T0 + 3000, T0 + 6000]);
    expect((await store.events({ since: T0 + 5000, limit: 10 })).events.map((e) => e.at)).toEqual([T0 + 5000, T0 + 6000]);
    expect((await store.events({ sessionId: 'even', decision: 'Block', since: T0 + 1, limit: 10 })).events.map((e) => e.at)).toEqual([T0 + 6000]);
    expect((await store.events({ limit: 0 })).events).toHaveLength(1);

    const [e] = (await store.events({ limit: 1 })).events;
    expect(e).toMatchObject({ sessionId: 'even', userId: 'alice', orgId: 'acme', agent: 'claude-code', summary: `call at ${T0}`, mode: 'block', tool: 'bash', score: 10, decision: 'Block' });
    expect(e!.refused).toBeUndefined();
  });

  it('hands the engine recent org events of other sessions, with their users', async () => {
    await store.append(call('other', T0, { score: 2 }, { userId: 'bob' }));
    await store.append(call('mine', T0 + 10 * MIN, { score: 1 }));
    await store.append(call('other', T0 + 30 * MIN, { score: 3 }, { userId: 'bob' }));
    await store.append(call('third', T0 + 40 * MIN, { score: 4 }, { userId: 'carol' }));
    await store.append(call('elsewhere', T0 + 41 * MIN, { score: 5 }, { orgId: 'globex' }));
    await store.append(call('loner', T0 + 42 * MIN, { score: 6 }, { orgId: undefined }));

    const now = T0 + ORG_WINDOW_MS + 5 * MIN;
    const { context } = await store.load({ sessionId: 'mine', orgId: 'acme', now });
    expect(context.orgId).toBe('acme');
    expect(context.org?.map((e) => [e.userId, e.score])).toEqual([['bob', 3], ['carol', 4]]);
    expect((await store.load({ sessionId: 'mine', now })).context.org).toBeUndefined();
    expect((await store.load({ sessionId: 'nobody', orgId: 'acme', now })).context.org?.map((e) => e.score)).toEqual([1, 3, 4]);
  });

  it('counts the calls of the last hour beyond the history window', async () => {
    for (let i = 0; i < 5; i++) await store.append(call('s1', T0 + i * 20 * MIN));
    const { context } = await store.load({ sessionId: 's1', now: T0 + 80 * MIN + 1 });
    expect(context.callsLastHour).toBe(3);
    expect(context.history).toHaveLength(5);
  });

  it('lists live sessions most recently seen first, and counts them', async () => {
    await store.append(call('a', T0));
    await store.append(call('b', T0 + 2000));
    await store.append(call('c', T0 + 1000));
    await store.append(call('a', T0 + 3000));
    expect((await store.list({ now: T0 + 4000, limit: 10 })).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    expect((await store.list({ now: T0 + 4000, limit: 2 })).map((r) => r.id)).toEqual(['a', 'b']);
    expect(await store.countActive(T0 + 4000)).toBe(3);
    expect(await store.countActive(T0 + 1000 + OPTS.ttlMs)).toBe(2);
  });

  describe('cache', () => {
    // Redis expires an entry by the server's clock, so these times are real ones, not T0
    const now = Date.now();

    it('misses an absent key, and returns what was set until it expires', async () => {
      expect(await store.cacheGet('absent', now)).toBeUndefined();
      await store.cacheSet('k', 'first', now + HOUR);
      expect(await store.cacheGet('k', now)).toBe('first');
      await store.cacheSet('k', 'second', now + 2 * HOUR);
      expect(await store.cacheGet('k', now + HOUR)).toBe('second');
      expect(await store.cacheGet('k', now + 2 * HOUR - 1)).toBe('second');
      expect(await store.cacheGet('k', now + 2 * HOUR)).toBeUndefined();
    });

    it('takes an entry already expired without error, and it replaces a live one', async () => {
      await store.cacheSet('k', 'live', now + HOUR);
      await store.cacheSet('k', 'stale', now - 1);
      expect(await store.cacheGet('k', now)).toBeUndefined();
    });

    it('keeps keys apart that differ only in escaped characters, and unicode values intact', async () => {
      const value = 'naïve 漢字 🚀 \u0000 "quoted" :colon:';
      await store.cacheSet('a:b', value, now + HOUR);
      await store.cacheSet('a%3Ab', 'other', now + HOUR);
      expect(await store.cacheGet('a:b', now)).toBe(value);
      expect(await store.cacheGet('a%3Ab', now)).toBe('other');
    });

    it('sweeps expired entries and keeps live ones', async () => {
      await store.cacheSet('gone-1', 'x', now + MIN);
      await store.cacheSet('gone-2', 'x', now + 2 * MIN);
      await store.cacheSet('kept', 'y', now + HOUR);
      const { cached } = await store.sweep(now + 2 * MIN);
      // Redis expires entries itself, on its own clock, and reports none
      expect(cached).toBe(kind === 'redis' ? 0 : 2);
      expect(await store.cacheGet('kept', now + 2 * MIN)).toBe('y');
      expect((await store.sweep(now + 2 * MIN)).cached).toBe(0);
    });

    it('refuses a key or value past the limits, naming the limit', async () => {
      const long = 'k'.repeat(MAX_CACHE_KEY_CHARS + 1);
      await expect(store.cacheSet(long, 'v', now + HOUR)).rejects.toThrow(StoreError);
      await expect(store.cacheSet(long, 'v', now + HOUR)).rejects.toThrow(`over the limit of ${MAX_CACHE_KEY_CHARS}`);
      await expect(store.cacheGet(long, now)).rejects.toThrow(`over the limit of ${MAX_CACHE_KEY_CHARS}`);
      // 'é' is two UTF-8 bytes: within the limit in characters, past it in bytes
      const big = 'é'.repeat(MAX_CACHE_VALUE_BYTES / 2 + 1);
      await expect(store.cacheSet('k', big, now + HOUR)).rejects.toThrow(StoreError);
      await expect(store.cacheSet('k', big, now + HOUR)).rejects.toThrow(`${MAX_CACHE_VALUE_BYTES + 2} bytes is over the limit of ${MAX_CACHE_VALUE_BYTES}`);
      await expect(store.cacheSet('k', 'v', Number.NaN)).rejects.toThrow(StoreError);
      expect(await store.cacheGet('k', now)).toBeUndefined();

      const key = 'k'.repeat(MAX_CACHE_KEY_CHARS);
      const value = 'v'.repeat(MAX_CACHE_VALUE_BYTES);
      await store.cacheSet(key, value, now + HOUR);
      expect(await store.cacheGet(key, now)).toBe(value);
    });
  });

  it('answers ping and closes idempotently', async () => {
    expect(await store.ping()).toBe(true);
    await store.close();
    await store.close();
  });
});

describe('inmemory store bounds', () => {
  it('evicts the least recently seen sessions past maxSessions', async () => {
    const store = new MemoryStore({ ...OPTS, maxSessions: 2 });
    await store.append(call('a', T0));
    await store.append(call('b', T0 + 1));
    await store.append(call('a', T0 + 2));
    await store.append(call('c', T0 + 3));
    expect((await store.list({ now: T0 + 4, limit: 10 })).map((r) => r.id)).toEqual(['c', 'a']);
    expect(await store.get('b', T0 + 4)).toBeUndefined();
  });

  it('evicts the least recently set cache entries past maxCacheEntries', async () => {
    const store = new MemoryStore({ ...OPTS, maxCacheEntries: 2 });
    const until = T0 + HOUR;
    await store.cacheSet('a', '1', until);
    await store.cacheSet('b', '2', until);
    await store.cacheSet('a', '3', until);
    await store.cacheSet('c', '4', until);
    expect(await Promise.all(['a', 'b', 'c'].map((k) => store.cacheGet(k, T0)))).toEqual(['3', undefined, '4']);
  });

  it('drops the oldest events past maxEvents, from the log and the history alike', async () => {
    const store = new MemoryStore({ ...OPTS, maxEvents: 3 });
    for (let i = 0; i < 5; i++) await store.append(call(i < 3 ? 's1' : 's2', T0 + i));
    expect((await store.events({ limit: 10 })).events.map((e) => e.at)).toEqual([T0 + 2, T0 + 3, T0 + 4]);
    const { record, context } = await store.load({ sessionId: 's1', orgId: 'acme', now: T0 + 5 });
    expect(record?.requestCount).toBe(3);
    expect(context.history.map((e) => e.at)).toEqual([T0 + 2]);
    expect(context.org?.map((e) => e.at)).toEqual([T0 + 3, T0 + 4]);
  });
});
