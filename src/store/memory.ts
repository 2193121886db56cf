import { MAX_HISTORY, MAX_ORG_EVENTS, ORG_WINDOW_MS, type SessionContext } from '../engine/session.js';
import { CALLS_WINDOW_MS, advanceSession, callsAfter, checkCacheEntry, checkCacheKey, isLive, pageLimit, toAuditEvent, type SessionState } from './record.js';
import { Queue } from './queue.js';
import { setRecent } from './recent.js';
import type { AppendInput, AuditEvent, EventPage, EventQuery, LoadQuery, LoadedSession, SessionRecord, SessionStore, StoreOptions, SweepResult } from './types.js';

export interface MemoryStoreOptions extends StoreOptions {
  /** Sessions kept at most; the least recently seen go first. */
  maxSessions?: number;
  /** Audit events kept at most; the oldest go first. */
  maxEvents?: number;
  /** Cache entries kept at most; the least recently set go first. */
  maxCacheEntries?: number;
}

/** Errors name the store as SQLite's and Redis's name their file and server. */
const WHERE = 'SESSION_STORE=inmemory';

/**
 * Sessions and audit log inside the process: for a single daemon, tests and trials. Bounded in sessions,
 * events and cache entries, and sessions expire like everywhere else.
 *
 * Windowed look-ups (calls in the last hour, org events) walk back from the newest event and stop at the
 * first one outside the window: calls are appended in time order, so a clock stepping back can only
 * shorten a window, never make a look-up scan the whole log. A session's calls in the last hour are
 * found by binary search instead while its events are in time order, which gives the same count.
 */
export class MemoryStore implements SessionStore {
  readonly kind = 'inmemory' as const;
  readonly location = 'memory';
  private readonly maxSessions: number;
  private readonly maxEvents: number;
  private readonly maxCacheEntries: number;
  /** In least-recently-seen order: an append moves its session to the end. */
  private readonly sessions = new Map<string, SessionState>();
  /** Every event in id order, and the same events per session and per org. */
  private log = new Queue<AuditEvent>();
  private bySession = new Map<string, Queue<AuditEvent>>();
  private byOrg = new Map<string, Queue<AuditEvent>>();
  /** Sessions with an event older than the one before it (a clock stepped back): their windows are walked, not searched. */
  private unordered = new Set<string>();
  private lastId = 0;
  /** In set order: a set moves its key to the end. */
  private readonly cache = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly opts: MemoryStoreOptions) {
    this.maxSessions = opts.maxSessions ?? 10_000;
    this.maxEvents = opts.maxEvents ?? 100_000;
    this.maxCacheEntries = opts.maxCacheEntries ?? 10_000;
  }

  async load(q: LoadQuery): Promise<LoadedSession> {
    const state = this.live(q.sessionId, q.now);
    const context: SessionContext = { sessionId: q.sessionId, orgId: q.orgId, now: q.now, history: [] };
    if (state) {
      const own = this.bySession.get(q.sessionId) ?? new Queue();
      const start = firstFrom(own, 0, (e) => e.id >= state.firstEventId);
      const since = q.now - CALLS_WINDOW_MS;
      context.history = own.slice(Math.max(start, own.length - MAX_HISTORY));
      context.startedAt = state.record.createdAt;
      context.callsLastHour = this.unordered.has(q.sessionId) ? callsAfter(own, start, since) : own.length - firstFrom(own, start, (e) => e.at > since);
    }
    if (q.orgId !== undefined) context.org = this.orgEvents(q.orgId, q.sessionId, q.now);
    return { record: state?.record, context };
  }

  async append(input: AppendInput): Promise<SessionRecord> {
    const event = toAuditEvent(++this.lastId, input);
    this.log.push(event);
    this.index(event);
    while (this.log.length > this.maxEvents) this.dropOldestEvent();

    const state = advanceSession(this.sessions.get(input.sessionId), input, event.id, this.opts.ttlMs);
    this.sessions.delete(input.sessionId);
    this.sessions.set(input.sessionId, state);
    for (const id of this.sessions.keys()) {
      if (this.sessions.size <= this.maxSessions) break;
      this.sessions.delete(id);
    }
    return state.record;
  }

  async get(sessionId: string, now: number): Promise<SessionRecord | undefined> {
    return this.live(sessionId, now)?.record;
  }

  async list(q: { now: number; limit: number }): Promise<SessionRecord[]> {
    return [...this.sessions.values()]
      .map((s) => s.record)
      .filter((r) => isLive(r, q.now))
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .slice(0, Math.max(0, q.limit));
  }

  async reset(sessionId: string): Promise<boolean> {
    return this.sessions.delete(sessionId);
  }

  async events(q: EventQuery): Promise<EventPage> {
    const limit = pageLimit(q);
    const source = (q.sessionId === undefined ? this.log : this.bySession.get(q.sessionId)) ?? new Queue();
    const events: AuditEvent[] = [];
    for (let i = firstFrom(source, 0, (e) => e.id > (q.after ?? 0)); i < source.length && events.length < limit; i++) {
      const e = source.at(i)!;
      if ((q.decision === undefined || e.decision === q.decision) && (q.since === undefined || e.at >= q.since)) events.push(e);
    }
    return { events, next: events.length === limit ? events[limit - 1]!.id : undefined };
  }

  async countActive(now: number): Promise<number> {
    let n = 0;
    for (const s of this.sessions.values()) if (isLive(s.record, now)) n++;
    return n;
  }

  async cacheGet(key: string, now: number): Promise<string | undefined> {
    checkCacheKey(WHERE, key);
    const entry = this.cache.get(key);
    return entry && entry.expiresAt > now ? entry.value : undefined;
  }

  async cacheSet(key: string, value: string, expiresAt: number): Promise<void> {
    checkCacheEntry(WHERE, key, value, expiresAt);
    setRecent(this.cache, key, { value, expiresAt }, this.maxCacheEntries);
  }

  async sweep(now: number): Promise<SweepResult> {
    let sessions = 0;
    for (const [id, s] of this.sessions) {
      if (!isLive(s.record, now)) {
        this.sessions.delete(id);
        sessions++;
      }
    }
    const cutoff = now - this.opts.retentionMs;
    const kept = this.log.slice().filter((e) => e.at >= cutoff);
    const events = this.log.length - kept.length;
    if (events > 0) this.reindex(kept);
    let cached = 0;
    for (const [key, entry] of this.cache) {
      if (entry.expiresAt <= now) {
        this.cache.delete(key);
        cached++;
      }
    }
    return { sessions, events, cached };
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}

  private live(sessionId: string, now: number): SessionState | undefined {
    const s = this.sessions.get(sessionId);
    return s && isLive(s.record, now) ? s : undefined;
  }

  private orgEvents(orgId: string, sessionId: string, now: number): AuditEvent[] {
    const all = this.byOrg.get(orgId) ?? new Queue();
    const out: AuditEvent[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < MAX_ORG_EVENTS; i--) {
      const e = all.at(i)!;
      if (e.at <= now - ORG_WINDOW_MS) break;
      if (e.sessionId !== sessionId) out.push(e);
    }
    return out.reverse();
  }

  /** The oldest event is also the oldest of its session and of its org, so it leaves each list at the front. */
  private dropOldestEvent(): void {
    const e = this.log.shift()!;
    if (!shift(this.bySession, e.sessionId)) this.unordered.delete(e.sessionId);
    if (e.orgId !== undefined) shift(this.byOrg, e.orgId);
  }

  private reindex(log: AuditEvent[]): void {
    this.log = new Queue(log);
    this.bySession = new Map();
    this.byOrg = new Map();
    this.unordered = new Set();
    for (const e of log) this.index(e);
  }

  /** Files an event (the newest so far) under its session and its org. */
  private index(e: AuditEvent): void {
    if ((this.bySession.get(e.sessionId)?.at(-1)?.at ?? -Infinity) > e.at) this.unordered.add(e.sessionId);
    push(this.bySession, e.sessionId, e);
    if (e.orgId !== undefined) push(this.byOrg, e.orgId, e);
  }
}

function push(index: Map<string, Queue<AuditEvent>>, key: string, e: AuditEvent): void {
  const list = index.get(key);
  if (list) list.push(e);
  else index.set(key, new Queue([e]));
}

/** Drops the first event of a list; false when the list is gone with it (or was not there). */
function shift(index: Map<string, Queue<AuditEvent>>, key: string): boolean {
  const list = index.get(key);
  if (!list) return false;
  list.shift();
  if (list.length > 0) return true;
  index.delete(key);
  return false;
}

/** The first index at or after `start` whose event passes `test`, for a test that holds from some index on. */
function firstFrom(list: Queue<AuditEvent>, start: number, test: (e: AuditEvent) => boolean): number {
  let lo = start;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(list.at(mid)!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
