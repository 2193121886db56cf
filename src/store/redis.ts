import { Redis } from 'ioredis';
import { MAX_HISTORY, MAX_ORG_EVENTS, ORG_WINDOW_MS, type SessionContext } from '../engine/session.js';
import { CALLS_WINDOW_MS, advanceSession, checkCacheEntry, checkCacheKey, fromSessionFields, isLive, pageLimit, toAuditEvent, toSessionFields, type SessionFields, type SessionState } from './record.js';
import { StoreError, type AppendInput, type AuditEvent, type EventPage, type EventQuery, type LoadQuery, type LoadedSession, type SessionRecord, type SessionStore, type StoreOptions, type SweepResult } from './types.js';

export interface RedisStoreOptions extends StoreOptions {
  /** Audit events kept at most: the stream's approximate MAXLEN. */
  maxEvents?: number;
  /** A command without a reply after this long fails, so no request waits on a stalled server. */
  commandTimeoutMs?: number;
  /** Return even when the server cannot be reached yet, and keep reconnecting (REDIS_WAIT_AT_START). */
  waitAtStart?: boolean;
}

/** Request timestamps kept per session: `callsLastHour` counts at most this many. */
const MAX_REQUESTS = 10_000;
/** Stream entries one `events` or `sweep` call reads before it returns what it has found. */
const EVENT_SCAN_BUDGET = 10_000;
const EVENT_CHUNK = 1000;
/** Session hashes one `list`, `countActive` or `sweep` call looks at: the first this many SCAN finds. */
const SESSION_SCAN_LIMIT = 10_000;
/**
 * Compare-and-set attempts of one append before it gives up. Each failure means another gateway committed;
 * eight gateways appending to one session all at once stay well within it.
 */
const MAX_COMMIT_TRIES = 30;
/** advanceSession's event id before the commit script assigns the real one (ids start at 1). */
const PENDING_ID = 0;

const EVENTS = 'events';
const EVENTS_SEQ = 'events:seq';

/**
 * Session ids come from clients. ':' and '%' are escaped in them, so that no id can
 * name another session's sub-key (id `a:history` would otherwise be `session:a`'s history list); every
 * other id appears as-is, so `HGETALL session:ID` works as the troubleshooting guide shows.
 */
const escapeId = (id: string): string => id.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'));
const unescapeId = (s: string): string => s.replace(/%3A|%25/g, (c) => (c === '%25' ? '%' : ':'));
const sessionKey = (id: string): string => `session:${escapeId(id)}`;
/** A session's hash and the lists that share its lifetime. */
const withLists = (hash: string): [hash: string, requests: string, history: string] => [hash, `${hash}:requests`, `${hash}:history`];
const sessionKeys = (id: string) => withLists(sessionKey(id));
const orgKey = (org: string): string => `org:${org}:events`;
const cacheKey = (key: string): string => `cache:${escapeId(key)}`;
const streamId = (id: number): string => `${id}-0`;

/**
 * One call, committed atomically if the session hash still has the version the caller read: the audit id
 * (INCR), the stream entry, the hash, the request and history lists, the org list, and every TTL.
 * Returns { event id }, or { 0, the hash as it now is } when another gateway changed the session first: the
 * caller retries from it at once, a round trip ahead of a gateway that has to read the hash for its next call.
 *
 * The audit id is known only here, so the event arrives as JSON without its opening brace and the id is
 * spliced in front. The stream entry is written before anything else: Redis does not roll a script back,
 * so a failing XADD must leave the session untouched. The stream's top id is the authority: should
 * events:seq be lost (evicted, deleted by hand), ids still only go up.
 *
 * KEYS: hash, requests, history, events, events:seq[, org events]
 * ARGV: expected version ('' when absent), first event id ('' starts a new incarnation), call time,
 *       event JSON without '{', session TTL ms, retention ms, stream MAXLEN, then the hash's field/value pairs
 */
const COMMIT = `
if (redis.call('HGET', KEYS[1], 'version') or '') ~= ARGV[1] then return { 0, redis.call('HGETALL', KEYS[1]) } end
local id = redis.call('INCR', KEYS[5])
local top = redis.call('XREVRANGE', KEYS[4], '+', '-', 'COUNT', 1)[1]
if top then
  local last = tonumber(string.match(top[1], '^%d+'))
  if id <= last then id = last + 1; redis.call('SET', KEYS[5], id) end
end
local sid = string.format('%d', id)
local event = '{"id":' .. sid .. ',' .. ARGV[4]
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[7], sid .. '-0', 'event', event)
local first = ARGV[2]
if first == '' then
  first = sid
  redis.call('DEL', KEYS[2], KEYS[3])
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'version', sid, 'first_event_id', first, unpack(ARGV, 8))
redis.call('RPUSH', KEYS[2], ARGV[3])
redis.call('LTRIM', KEYS[2], -${MAX_REQUESTS}, -1)
redis.call('RPUSH', KEYS[3], event)
redis.call('LTRIM', KEYS[3], -${MAX_HISTORY}, -1)
for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], ARGV[5]) end
if KEYS[6] then
  redis.call('RPUSH', KEYS[6], event)
  redis.call('LTRIM', KEYS[6], -${MAX_ORG_EVENTS}, -1)
  redis.call('PEXPIRE', KEYS[6], ${ORG_WINDOW_MS})
end
redis.call('PEXPIRE', KEYS[4], ARGV[6])
-- events:seq outlives every key that holds one of its ids, so it never restarts under them
redis.call('PEXPIRE', KEYS[5], math.max(tonumber(ARGV[5]), tonumber(ARGV[6]), ${ORG_WINDOW_MS}))
return { id }
`;

/**
 * A session and the engine's view of it, in one snapshot. Calls are counted back from the newest
 * request timestamp and stop at the first outside the window: bounded by MAX_REQUESTS, and a clock
 * stepping back can only shorten the count.
 *
 * KEYS: hash, requests, history[, org events]   ARGV: the window's start (calls at or before it are not counted)
 */
const LOAD = `
local cutoff = tonumber(ARGV[1])
local calls, i = 0, redis.call('LLEN', KEYS[2]) - 1
while i >= 0 do
  local chunk = redis.call('LRANGE', KEYS[2], math.max(0, i - 255), i)
  for j = #chunk, 1, -1 do
    if tonumber(chunk[j]) <= cutoff then i = -1; break end
    calls = calls + 1
  end
  i = i - 256
end
local org = {}
if KEYS[4] then org = redis.call('LRANGE', KEYS[4], 0, -1) end
return { redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[3], 0, -1), calls, org }
`;

/** Deletes a session if it is still expired at ARGV[1]: another gateway may have renewed it since the scan. */
const DROP_EXPIRED = `
local expires = redis.call('HGET', KEYS[1], 'expires_at')
if not expires or tonumber(expires) > tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
return redis.call('DEL', KEYS[1])
`;

type Arg = string | number;
interface Scripts {
  commitCall(numKeys: number, ...args: Arg[]): Promise<[id: number, current?: string[]]>;
  loadSession(numKeys: number, ...args: Arg[]): Promise<[hash: string[], history: string[], calls: number, org: string[]]>;
  dropExpired(numKeys: number, ...args: Arg[]): Promise<number>;
}

/** A session hash as HGETALL returns it (field → value); empty when the session does not exist. */
type SessionHash = Record<string, string>;

const numberOrNull = (v: string | undefined): number | null => (v === undefined ? null : Number(v));

function toState(id: string, h: SessionHash): SessionState | undefined {
  if (h.version === undefined) return undefined;
  return fromSessionFields({
    id,
    user_id: h.user_id!,
    org_id: h.org_id ?? null,
    created_at: Number(h.created_at),
    last_seen: Number(h.last_seen),
    expires_at: Number(h.expires_at),
    request_count: Number(h.request_count),
    max_score: Number(h.max_score),
    phases: h.phases!,
    phase: h.phase ?? null,
    status: h.status as SessionFields['status'],
    terminated_at: numberOrNull(h.terminated_at),
    terminate_reason: h.terminate_reason ?? null,
    first_event_id: Number(h.first_event_id),
  });
}

/**
 * The hash fields the commit script is given: all but the id (in the key) and `first_event_id` (which the
 * script sets). Absent values are left out, so HGETALL reads them as absent.
 */
function hashFields(state: SessionState): string[] {
  const { id: _id, first_event_id: _first, ...fields } = toSessionFields(state);
  return Object.entries(fields).flatMap(([k, v]) => (v === null ? [] : [k, String(v)]));
}

const pairs = (flat: string[]): SessionHash => {
  const h: SessionHash = {};
  for (let i = 0; i + 1 < flat.length; i += 2) h[flat[i]!] = flat[i + 1]!;
  return h;
};

const parseEvent = (json: string): AuditEvent => JSON.parse(json) as AuditEvent;

/**
 * Sessions and the audit log in Redis, shared by several gateway replicas. Key layout (see the
 * troubleshooting guide; every key has a TTL):
 * - `session:{id}` hash: the record, `first_event_id`, and `version`: the id of the event that last wrote
 *   it, unique, so a reset and a new session of the same id never bring back a version read before
 * - `session:{id}:requests` list of call times (ms), newest last, at most MAX_REQUESTS
 * - `session:{id}:history` list of audit events (JSON), newest last, at most MAX_HISTORY
 * - `org:{org}:events` list of the org's audit events (JSON), newest last, at most MAX_ORG_EVENTS
 * - `events` stream: the audit log, entry `<id>-0` with field `event`; `events:seq` its id counter
 * - `cache:{key}` string `<expiresAt>:<value>`, with PXAT expiresAt
 *
 * TTLs are durations counted from the call (PEXPIRE expiresAt - at), not the instant expiresAt: a
 * replayed or test clock may be far from the server's, and whether a session is live at `now` is still
 * decided by its stored expires_at (isLive), as in every store. The TTL only reclaims the memory.
 * A cache entry is the exception, as cacheSet has no call time: it expires at the instant expiresAt on the
 * server's clock, so a caller's clock behind the server's loses entries early (a miss, not a wrong answer).
 * Its stored expiresAt still decides whether it is live at `now`.
 *
 * Needs Redis ≥ 6.2 (exclusive XRANGE bounds, SCAN TYPE), standalone or a primary: the commit script
 * writes the session's, its org's and the audit log's keys at once, which Redis Cluster does not allow
 * across hash slots.
 */
export class RedisStore implements SessionStore {
  readonly kind = 'redis' as const;
  private readonly scripts: Scripts;
  private readonly ttlMs: number;
  private readonly retentionMs: number;
  private readonly maxEvents: number;
  /** Appends of one session in this process run one after another, so they never conflict with each other. */
  private readonly appending = new Map<string, Promise<unknown>>();
  private lastError: Error | undefined;
  private closed = false;

  private constructor(
    private readonly client: Redis,
    readonly location: string,
    opts: RedisStoreOptions,
  ) {
    this.ttlMs = opts.ttlMs;
    this.retentionMs = opts.retentionMs;
    this.maxEvents = opts.maxEvents ?? 100_000;
    client.on('error', (e: Error) => (this.lastError = e));
    client.on('ready', () => (this.lastError = undefined));
    client.defineCommand('commitCall', { lua: COMMIT });
    client.defineCommand('loadSession', { lua: LOAD });
    client.defineCommand('dropExpired', { lua: DROP_EXPIRED });
    this.scripts = client as unknown as Scripts;
  }

  /**
   * Connects and checks the server answers, with the configured password and database. Once running,
   * a command fails at once while the server is unreachable (no offline queue) and after
   * `commandTimeoutMs` when it stalls, and the client reconnects by itself with capped backoff.
   */
  static async connect(url: string, opts: RedisStoreOptions): Promise<RedisStore> {
    const location = redactUrl(url);
    const client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      commandTimeout: opts.commandTimeoutMs ?? 1000,
      connectTimeout: 3000,
      // a command lost with its connection is failed, never resent behind its caller's back
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times - 1, 6), 5000),
    });
    const store = new RedisStore(client, location, opts);
    try {
      await client.connect();
      // ioredis selects the database quietly on connect; selecting it here makes a bad number an error
      const db = Number(client.options.db ?? 0);
      if (db) await client.select(db);
      await client.ping();
    } catch (e) {
      const cause = store.lastError ?? (e as Error);
      if (opts.waitAtStart && unreachable(cause)) return store;
      client.disconnect();
      throw startupError(location, cause);
    }
    return store;
  }

  /** The connection is up and ready for commands. */
  get connected(): boolean {
    return this.client.status === 'ready';
  }

  async load(q: LoadQuery): Promise<LoadedSession> {
    const keys = [...sessionKeys(q.sessionId), ...(q.orgId === undefined ? [] : [orgKey(q.orgId)])];
    const [hash, history, calls, org] = await this.use('load', () => this.scripts.loadSession(keys.length, ...keys, q.now - CALLS_WINDOW_MS));
    const context: SessionContext = { sessionId: q.sessionId, orgId: q.orgId, now: q.now, history: [] };
    if (q.orgId !== undefined) context.org = org.map(parseEvent).filter((e) => e.sessionId !== q.sessionId && e.at > q.now - ORG_WINDOW_MS);
    const state = toState(q.sessionId, pairs(hash));
    if (!state || !isLive(state.record, q.now)) return { context };
    return { record: state.record, context: { ...context, history: history.map(parseEvent), startedAt: state.record.createdAt, callsLastHour: calls } };
  }

  append(input: AppendInput): Promise<SessionRecord> {
    const prev = this.appending.get(input.sessionId) ?? Promise.resolve();
    const run = prev.then(() => this.commit(input));
    const settled = run.catch(() => undefined);
    this.appending.set(input.sessionId, settled);
    void settled.then(() => this.appending.get(input.sessionId) === settled && this.appending.delete(input.sessionId));
    return run;
  }

  /**
   * The next state is computed here by advanceSession, the bookkeeping every store shares, from the hash
   * as read; the commit script applies it only if no other gateway wrote the session in between. So two
   * gateways taking turns with one session's calls end where one gateway would.
   */
  private async commit(input: AppendInput): Promise<SessionRecord> {
    const keys = [...sessionKeys(input.sessionId), EVENTS, EVENTS_SEQ, ...(input.orgId === undefined ? [] : [orgKey(input.orgId)])];
    const { id: _, ...event } = toAuditEvent(PENDING_ID, input);
    const eventTail = JSON.stringify(event).slice(1);
    let hash: SessionHash = await this.use('append', () => this.client.hgetall(keys[0]!));
    for (let tries = 0; tries < MAX_COMMIT_TRIES; tries++) {
      const prev = toState(input.sessionId, hash);
      const next = advanceSession(prev, input, PENDING_ID, this.ttlMs);
      const fresh = next.firstEventId === PENDING_ID;
      const ttl = Math.ceil(next.record.expiresAt - input.event.at);
      const args = [hash.version ?? '', fresh ? '' : next.firstEventId, input.event.at, eventTail, ttl, Math.ceil(this.retentionMs), this.maxEvents, ...hashFields(next)];
      const [id, current] = await this.use('append', () => this.scripts.commitCall(keys.length, ...keys, ...args));
      if (id > 0) return next.record;
      hash = pairs(current!);
      // gateways that keep colliding on one session fall out of step (random, growing pause)
      if (tries > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** tries, 50)));
    }
    throw new StoreError(`REDIS_URL=${this.location}: append to session "${input.sessionId}" lost ${MAX_COMMIT_TRIES} races with other gateways writing it; the call was not recorded`);
  }

  async get(sessionId: string, now: number): Promise<SessionRecord | undefined> {
    const state = toState(sessionId, await this.use('get', () => this.client.hgetall(sessionKey(sessionId))));
    return state && isLive(state.record, now) ? state.record : undefined;
  }

  async list(q: { now: number; limit: number }): Promise<SessionRecord[]> {
    const live: SessionRecord[] = [];
    await this.use('list', async () => {
      for await (const keys of this.sessionHashes()) {
        const hashes = await this.batch(keys, (p, k) => p.hgetall(k));
        keys.forEach((k, i) => {
          const state = toState(unescapeId(k.slice('session:'.length)), hashes[i] as SessionHash);
          if (state && isLive(state.record, q.now)) live.push(state.record);
        });
      }
    });
    return live.sort((a, b) => b.lastSeen - a.lastSeen).slice(0, Math.max(0, q.limit));
  }

  async reset(sessionId: string): Promise<boolean> {
    return (await this.use('reset', () => this.client.del(...sessionKeys(sessionId)))) > 0;
  }

  /**
   * Pages the stream forward from `after`, filtering as it goes. A page stops after EVENT_SCAN_BUDGET
   * entries even when not full (a rare session or decision in a long log): it then carries `next`, the
   * last entry read, so the caller continues from there and no call reads the whole log.
   */
  async events(q: EventQuery): Promise<EventPage> {
    const limit = pageLimit(q);
    const filtered = q.sessionId !== undefined || q.decision !== undefined || q.since !== undefined;
    const events: AuditEvent[] = [];
    let cursor = q.after ?? 0;
    let scanned = 0;
    while (events.length < limit) {
      if (scanned >= EVENT_SCAN_BUDGET) return { events, next: cursor };
      const count = Math.min(EVENT_SCAN_BUDGET - scanned, filtered ? EVENT_CHUNK : limit - events.length);
      const entries = await this.use('events', () => this.client.xrange(EVENTS, `(${streamId(cursor)}`, '+', 'COUNT', count));
      for (const [id, fields] of entries) {
        cursor = parseInt(id, 10);
        scanned++;
        const e = parseEvent(fields[1]!);
        if ((q.sessionId === undefined || e.sessionId === q.sessionId) && (q.decision === undefined || e.decision === q.decision) && (q.since === undefined || e.at >= q.since)) {
          events.push(e);
          if (events.length === limit) return { events, next: cursor };
        }
      }
      if (entries.length < count) break;
    }
    return { events };
  }

  async countActive(now: number): Promise<number> {
    return this.use('countActive', async () => {
      let n = 0;
      for await (const keys of this.sessionHashes()) {
        for (const expires of await this.batch(keys, (p, k) => p.hget(k, 'expires_at'))) if (Number(expires) > now) n++;
      }
      return n;
    });
  }

  async cacheGet(key: string, now: number): Promise<string | undefined> {
    checkCacheKey(`REDIS_URL=${this.location}`, key);
    const stored = await this.use('cacheGet', () => this.client.get(cacheKey(key)));
    if (stored === null) return undefined;
    const colon = stored.indexOf(':');
    return Number(stored.slice(0, colon)) > now ? stored.slice(colon + 1) : undefined;
  }

  async cacheSet(key: string, value: string, expiresAt: number): Promise<void> {
    checkCacheEntry(`REDIS_URL=${this.location}`, key, value, expiresAt);
    // PXAT takes a positive integer; an instant already past deletes the key, as an expired entry should
    const at = Math.max(1, Math.ceil(expiresAt));
    await this.use('cacheSet', () => this.client.set(cacheKey(key), `${expiresAt}:${value}`, 'PXAT', at));
  }

  /**
   * Keys expire by their TTLs; this deletes the sessions that are expired at `now` but whose keys remain
   * (a TTL is counted from the call on the server's clock), and trims the audit stream up to its first
   * event within retention: the stream is in id order, which is time order up to the gateways' clock skew.
   * Cache entries expire on their own (PXAT), so it deletes and reports none.
   */
  async sweep(now: number): Promise<SweepResult> {
    return this.use('sweep', async () => {
      let sessions = 0;
      for await (const keys of this.sessionHashes()) {
        const expires = await this.batch(keys, (p, k) => p.hget(k, 'expires_at'));
        const expired = keys.filter((_, i) => Number(expires[i]) <= now);
        const dropped = await this.batch(expired, (p, k) => p.dropExpired(3, ...withLists(k), now));
        sessions += dropped.reduce<number>((sum, d) => sum + Number(d), 0);
      }
      return { sessions, events: await this.trimEvents(now - this.retentionMs), cached: 0 };
    });
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.connected) await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  /** Removes the events before the first one at or after `cutoff`, reading at most EVENT_SCAN_BUDGET entries. */
  private async trimEvents(cutoff: number): Promise<number> {
    let lastOld = 0;
    for (let scanned = 0; scanned < EVENT_SCAN_BUDGET; scanned += EVENT_CHUNK) {
      const entries = await this.client.xrange(EVENTS, `(${streamId(lastOld)}`, '+', 'COUNT', EVENT_CHUNK);
      const kept = entries.findIndex(([, fields]) => parseEvent(fields[1]!).at >= cutoff);
      if (kept >= 0) return this.client.xtrim(EVENTS, 'MINID', entries[kept]![0]);
      if (entries.length > 0) lastOld = parseInt(entries[entries.length - 1]![0], 10);
      if (entries.length < EVENT_CHUNK) break;
    }
    // every entry read is past retention: trim them all; the next sweep goes on from there
    return lastOld === 0 ? 0 : this.client.xtrim(EVENTS, 'MINID', streamId(lastOld + 1));
  }

  /** Session hash keys in SCAN batches, each at most once, at most SESSION_SCAN_LIMIT per call. */
  private async *sessionHashes(): AsyncGenerator<string[]> {
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', 'session:*', 'COUNT', 1000, 'TYPE', 'hash');
      cursor = next;
      const batch = keys.filter((k) => !seen.has(k) && seen.size < SESSION_SCAN_LIMIT && seen.add(k));
      if (batch.length > 0) yield batch;
    } while (cursor !== '0' && seen.size < SESSION_SCAN_LIMIT);
  }

  /** One pipelined command per key; the first error fails the whole batch. */
  private async batch(keys: string[], command: (p: ReturnType<Redis['pipeline']> & Scripts, key: string) => unknown): Promise<unknown[]> {
    if (keys.length === 0) return [];
    const p = this.client.pipeline();
    for (const k of keys) command(p as ReturnType<Redis['pipeline']> & Scripts, k);
    return ((await p.exec()) ?? []).map(([err, value]) => {
      if (err) throw err;
      return value;
    });
  }

  /** Runs a command, turning a Redis or connection failure into a StoreError that names the server. */
  private async use<T>(what: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      // ioredis's own words for a dropped connection ("Stream isn't writeable…") say less than the last connection error
      const reason = this.closed ? 'the store is closed' : this.connected ? (err as Error).message : `not connected${this.lastError ? `: ${this.lastError.message}` : ''}; reconnecting by itself`;
      throw new StoreError(`REDIS_URL=${this.location}: ${what} failed (${reason})`);
    }
  }
}

/** The URL as logs and errors may show it: no password, no query (it may carry options with secrets). */
function redactUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new StoreError('REDIS_URL is not a valid URL; expected redis://[:PASSWORD@]HOST[:PORT][/DB] or rediss://… for TLS');
  }
  const location = `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new StoreError(`REDIS_URL=${location}: the scheme must be redis:// or rediss:// (TLS)`);
  if (!/^\/?\d*$/.test(u.pathname)) throw new StoreError(`REDIS_URL=${location}: the path must be a database number, as in redis://HOST:6379/2`);
  return location;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
const unreachable = (e: Error): boolean => UNREACHABLE.has((e as NodeJS.ErrnoException).code ?? '') || /timed out/i.test(e.message);

/**
 * Why the server could not be used, and what to change. The ioredis error is not attached as the cause:
 * a failed handshake carries its command, password included.
 */
function startupError(location: string, e: Error): StoreError {
  const at = `REDIS_URL=${location}`;
  const reason = e.message;
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(reason)) {
    const what = /NOAUTH/.test(reason) ? 'the server requires a password' : 'password rejected';
    return new StoreError(`${at}: ${what} (${reason}); give the server's password as redis://:PASSWORD@HOST:PORT, or redis://USER:PASSWORD@HOST:PORT for an ACL user`);
  }
  if (/DB index is out of range|invalid DB index/i.test(reason)) {
    return new StoreError(`${at}: no such database (${reason}); use a number below the server's "databases" setting (16 by default)`);
  }
  if (/certificate|CERT_|SSL|TLS/.test(reason) || /CERT|SSL|TLS/.test((e as NodeJS.ErrnoException).code ?? '')) {
    return new StoreError(`${at}: TLS failed (${reason}); if a private CA signed the server's certificate, name its PEM file in NODE_EXTRA_CA_CERTS`);
  }
  if (unreachable(e)) return new StoreError(`${at}: cannot connect (${reason}); is redis-server running? check REDIS_URL, or set REDIS_WAIT_AT_START=true to start anyway and keep reconnecting`);
  return new StoreError(`${at}: cannot use the server (${reason}); check REDIS_URL points at a Redis server (6.2 or newer)`);
}
