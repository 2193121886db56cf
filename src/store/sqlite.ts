import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MAX_HISTORY, MAX_ORG_EVENTS, ORG_WINDOW_MS } from '../engine/session.js';
import type { Mode } from '../engine/policy.js';
import type { Tactic } from '../engine/rule.js';
import { CALLS_WINDOW_MS, advanceSession, callsAfter, checkCacheEntry, checkCacheKey, fromSessionFields, isLive, pageLimit, toAuditEvent, toSessionFields, type SessionFields, type SessionState } from './record.js';
import { setRecent } from './recent.js';
import { StoreError, type AppendInput, type AuditEvent, type EventPage, type EventQuery, type LoadQuery, type LoadedSession, type SessionRecord, type SessionStore, type StoreOptions, type SweepResult } from './types.js';

/** Schema versions in order; `PRAGMA user_version` is the number applied. Append, never edit. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL,
     org_id TEXT,
     created_at INTEGER NOT NULL,
     last_seen INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     request_count INTEGER NOT NULL,
     max_score REAL NOT NULL,
     phases TEXT NOT NULL,
     phase TEXT,
     status TEXT NOT NULL CHECK (status IN ('active', 'terminated')),
     terminated_at INTEGER,
     terminate_reason TEXT,
     first_event_id INTEGER NOT NULL
   );
   CREATE INDEX sessions_expires ON sessions(expires_at);
   CREATE INDEX sessions_last_seen ON sessions(last_seen);
   -- AUTOINCREMENT: ids are never reused after a sweep, so paging cursors and first_event_id stay valid
   CREATE TABLE events (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     session_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     org_id TEXT,
     agent TEXT,
     tool TEXT NOT NULL,
     summary TEXT NOT NULL,
     score REAL NOT NULL,
     decision TEXT NOT NULL,
     mode TEXT NOT NULL,
     rules TEXT NOT NULL,
     tactics TEXT NOT NULL,
     targets TEXT NOT NULL,
     user_message TEXT,
     ai_response TEXT,
     refused INTEGER NOT NULL DEFAULT 0
   );
   -- an index ends with the rowid: (session_id) serves a session's history by id, (decision) paging by decision
   CREATE INDEX events_session ON events(session_id);
   CREATE INDEX events_session_at ON events(session_id, at);
   CREATE INDEX events_org_at ON events(org_id, at);
   CREATE INDEX events_decision ON events(decision);
   CREATE INDEX events_at ON events(at);`,
  // not WITHOUT ROWID: SQLite advises that only for rows under about 1/20 of a page, and values run to 64 KiB
  `CREATE TABLE cache (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX cache_expires ON cache(expires_at);`,
];

/** Sessions whose state and recent history are kept in memory between calls (least recently used evicted). */
const CACHED_SESSIONS = 1000;

/**
 * A session's recent history as of event `lastId`. A load reads only the events after it, so a busy
 * session does not re-read and re-parse its whole history on every call; and none at all while the
 * file's data_version is still `version`, since this connection adds its own events as it commits them.
 */
interface CachedHistory {
  firstEventId: number;
  lastId: number;
  events: AuditEvent[];
  /** Every event since firstEventId is held (the MAX_HISTORY bound never cut any off). */
  complete: boolean;
  version: number;
}

/** A session row as this connection last read or wrote it, valid while the file's data_version is still `version`. */
interface CachedState {
  state: SessionState | undefined;
  version: number;
}

/** Rows a sweep deletes per statement: each batch is its own short write transaction. */
const SWEEP_BATCH = 5000;

type SessionRow = SessionFields;

interface EventRow {
  id: number;
  at: number;
  session_id: string;
  user_id: string;
  org_id: string | null;
  agent: string | null;
  tool: string;
  summary: string;
  score: number;
  decision: string;
  mode: string;
  rules: string;
  tactics: string;
  targets: string;
  user_message: string | null;
  ai_response: string | null;
  refused: number;
}

const SESSION_COLUMNS = ['id', 'user_id', 'org_id', 'created_at', 'last_seen', 'expires_at', 'request_count', 'max_score', 'phases', 'phase', 'status', 'terminated_at', 'terminate_reason', 'first_event_id'] as const;
const EVENT_COLUMNS = ['at', 'session_id', 'user_id', 'org_id', 'agent', 'tool', 'summary', 'score', 'decision', 'mode', 'rules', 'tactics', 'targets', 'user_message', 'ai_response', 'refused'] as const;

const insertSql = (table: string, columns: readonly string[], verb = 'INSERT') => `${verb} INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`;

const parseJson = <T>(text: string): T => JSON.parse(text) as T;


function toEvent(row: EventRow): AuditEvent {
  return {
    id: row.id,
    at: row.at,
    sessionId: row.session_id,
    userId: row.user_id,
    orgId: row.org_id ?? undefined,
    agent: row.agent ?? undefined,
    tool: row.tool,
    summary: row.summary,
    score: row.score,
    decision: row.decision,
    mode: row.mode as Mode,
    rules: parseJson<string[]>(row.rules),
    tactics: parseJson<Tactic[]>(row.tactics),
    targets: parseJson<string[]>(row.targets),
    userMessage: row.user_message ?? undefined,
    aiResponse: row.ai_response ?? undefined,
    refused: row.refused ? true : undefined,
  };
}

function toEventRow(input: AppendInput): Omit<EventRow, 'id'> {
  const e = input.event;
  return {
    at: e.at,
    session_id: input.sessionId,
    user_id: input.userId,
    org_id: input.orgId ?? null,
    agent: input.agent ?? null,
    tool: e.tool,
    summary: input.summary,
    score: e.score,
    decision: e.decision,
    mode: input.mode,
    rules: JSON.stringify(e.rules),
    tactics: JSON.stringify(e.tactics),
    targets: JSON.stringify(e.targets),
    user_message: e.userMessage ?? null,
    ai_response: e.aiResponse ?? null,
    refused: input.refused ? 1 : 0,
  };
}

/**
 * Sessions and the audit log in one SQLite file, shared at once by the daemon, agent hooks and CLI
 * commands (WAL: readers never block the writer; busy_timeout: writers queue instead of failing).
 * The work is synchronous (better-sqlite3); the methods are async only to share the store contract.
 */
export class SqliteStore implements SessionStore {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  private readonly db: Database.Database;
  private readonly ttlMs: number;
  private readonly retentionMs: number;
  private readonly queries = new Map<string, Database.Statement>();
  private readonly cache = new Map<string, CachedHistory>();
  private readonly states = new Map<string, CachedState>();

  private readonly selectSession: Database.Statement<[string], SessionRow>;
  private readonly insertEvent: Database.Statement<[Omit<EventRow, 'id'>]>;
  private readonly upsertSession: Database.Statement<[SessionRow]>;
  private readonly history: Database.Statement<[string, number], EventRow>;
  private readonly callsSince: Database.Statement<[string, number, number], number>;
  private readonly orgRecent: Database.Statement<[string, number, string], EventRow>;
  private readonly listLive: Database.Statement<[number, number], SessionRow>;
  private readonly deleteSession: Database.Statement<[string]>;
  private readonly countLive: Database.Statement<[number], number>;
  private readonly sweepSessions: Database.Statement<[number]>;
  private readonly sweepEvents: Database.Statement<[number]>;
  private readonly selectCached: Database.Statement<[string, number], string>;
  private readonly upsertCached: Database.Statement<[string, string, number]>;
  private readonly sweepCached: Database.Statement<[number]>;
  private readonly dataVersion: Database.Statement<[], number>;
  private readonly appendTx: Database.Transaction<(inputs: readonly AppendInput[]) => SessionRecord[]>;
  /** Appends waiting for the next group commit. */
  private pending: Array<{ input: AppendInput; resolve: (r: SessionRecord) => void; reject: (e: unknown) => void }> = [];
  /** Opened to record calls (StoreOptions.forWriting), rather than only to read the audit log. */
  private readonly forWriting: boolean;
  private readonly loadTx: Database.Transaction<(q: LoadQuery) => LoadedSession>;

  constructor(path: string, opts: StoreOptions) {
    this.location = resolve(path);
    this.ttlMs = opts.ttlMs;
    this.retentionMs = opts.retentionMs;
    this.forWriting = opts.forWriting ?? false;
    this.db = openDatabase(this.location, this.forWriting);
    const db = this.db;

    this.selectSession = db.prepare('SELECT * FROM sessions WHERE id = ?');
    this.insertEvent = db.prepare(insertSql('events', EVENT_COLUMNS));
    // an update in place: REPLACE would delete the row and insert it again, rewriting every index entry
    this.upsertSession = db.prepare(`${insertSql('sessions', SESSION_COLUMNS)} ON CONFLICT(id) DO UPDATE SET ${SESSION_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`);
    this.history = db.prepare(`SELECT * FROM events WHERE session_id = ? AND id >= ? ORDER BY id DESC LIMIT ${MAX_HISTORY}`);
    this.callsSince = db.prepare<[string, number, number], number>('SELECT count(*) FROM events WHERE session_id = ? AND at > ? AND id >= ?').pluck();
    this.orgRecent = db.prepare(`SELECT * FROM events WHERE org_id = ? AND at > ? AND session_id <> ? ORDER BY at DESC, id DESC LIMIT ${MAX_ORG_EVENTS}`);
    this.listLive = db.prepare('SELECT * FROM sessions WHERE expires_at > ? ORDER BY last_seen DESC LIMIT ?');
    this.deleteSession = db.prepare('DELETE FROM sessions WHERE id = ?');
    this.countLive = db.prepare<[number], number>('SELECT count(*) FROM sessions WHERE expires_at > ?').pluck();
    this.sweepSessions = db.prepare(`DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at <= ? LIMIT ${SWEEP_BATCH})`);
    this.sweepEvents = db.prepare(`DELETE FROM events WHERE id IN (SELECT id FROM events WHERE at < ? LIMIT ${SWEEP_BATCH})`);
    this.selectCached = db.prepare<[string, number], string>('SELECT value FROM cache WHERE key = ? AND expires_at > ?').pluck();
    this.upsertCached = db.prepare('INSERT OR REPLACE INTO cache (key, value, expires_at) VALUES (?, ?, ?)');
    this.sweepCached = db.prepare(`DELETE FROM cache WHERE rowid IN (SELECT rowid FROM cache WHERE expires_at <= ? LIMIT ${SWEEP_BATCH})`);
    // changes whenever another connection (a hook, the CLI, another daemon) commits to the file
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();

    this.appendTx = db.transaction((inputs: readonly AppendInput[]) => {
      const version = this.dataVersion.get()!;
      return inputs.map((input) => {
        const eventId = Number(this.insertEvent.run(toEventRow(input)).lastInsertRowid);
        const state = advanceSession(this.stateOf(input.sessionId, version), input, eventId, this.ttlMs);
        this.upsertSession.run(toSessionFields(state));
        setRecent(this.states, input.sessionId, { state, version }, CACHED_SESSIONS);
        this.ownEvent(eventId, input, version);
        return state.record;
      });
    });
    // one read transaction, so history, counts and org events come from the same snapshot
    this.loadTx = db.transaction((q: LoadQuery): LoadedSession => {
      const version = this.dataVersion.get()!;
      const stored = this.stateOf(q.sessionId, version);
      const state = stored && isLive(stored.record, q.now) ? stored : undefined;
      const org = q.orgId === undefined ? undefined : this.orgRecent.all(q.orgId, q.now - ORG_WINDOW_MS, q.sessionId).reverse().map(toEvent);
      const context = { sessionId: q.sessionId, orgId: q.orgId, now: q.now, history: [], ...(org && { org }) };
      if (!state) return { context };
      const h = this.recentHistory(q.sessionId, state.firstEventId, version);
      const hourAgo = q.now - CALLS_WINDOW_MS;
      const coversHour = h.complete || (h.events.length > 0 && h.events[0]!.at <= hourAgo);
      return {
        record: state.record,
        context: {
          ...context,
          history: h.events,
          startedAt: state.record.createdAt,
          callsLastHour: coversHour ? callsAfter(h.events, 0, hourAgo) : (this.callsSince.get(q.sessionId, hourAgo, state.firstEventId) ?? 0),
        },
      };
    });
  }

  async load(q: LoadQuery): Promise<LoadedSession> {
    return this.use('load', () => this.loadTx(q));
  }

  /**
   * Group commit: the appends that arrive within one turn of the event loop share one transaction,
   * because a commit costs about ten page writes (the event, its indexes, the session) whatever
   * it holds. Each promise still resolves only after its event is committed.
   */
  append(input: AppendInput): Promise<SessionRecord> {
    return new Promise((resolve, reject) => {
      if (this.pending.push({ input, resolve, reject }) === 1) setImmediate(() => this.commitPending());
    });
  }

  private commitPending(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let records: SessionRecord[];
    try {
      // IMMEDIATE takes the write lock before reading the sessions, so concurrent writers queue on
      // busy_timeout instead of failing to upgrade a read lock
      records = this.use('append', () => this.appendTx.immediate(batch.map((b) => b.input)));
    } catch (e) {
      for (const b of batch) b.reject(e);
      return;
    }
    batch.forEach((b, i) => b.resolve(records[i]!));
  }

  async get(sessionId: string, now: number): Promise<SessionRecord | undefined> {
    return this.use('get', () => this.live(sessionId, now)?.record);
  }

  async list(q: { now: number; limit: number }): Promise<SessionRecord[]> {
    return this.use('list', () => this.listLive.all(q.now, Math.max(0, q.limit)).map((r) => fromSessionFields(r).record));
  }

  async reset(sessionId: string): Promise<boolean> {
    this.states.delete(sessionId);
    return this.use('reset', () => this.deleteSession.run(sessionId).changes > 0);
  }

  async events(q: EventQuery): Promise<EventPage> {
    const limit = pageLimit(q);
    const filters = ([['session_id = ?', q.sessionId], ['decision = ?', q.decision], ['at >= ?', q.since]] as const).filter(([, v]) => v !== undefined);
    const sql = `SELECT * FROM events WHERE ${['id > ?', ...filters.map(([c]) => c)].join(' AND ')} ORDER BY id LIMIT ?`;
    const params = [q.after ?? 0, ...filters.map(([, v]) => v!), limit];
    return this.use('events', () => {
      const events = (this.query(sql).all(...params) as EventRow[]).map(toEvent);
      return { events, next: events.length === limit ? events[limit - 1]!.id : undefined };
    });
  }

  async countActive(now: number): Promise<number> {
    return this.use('countActive', () => this.countLive.get(now) ?? 0);
  }

  async cacheGet(key: string, now: number): Promise<string | undefined> {
    checkCacheKey(`SESSION_DB=${this.location}`, key);
    return this.use('cacheGet', () => this.selectCached.get(key, now));
  }

  async cacheSet(key: string, value: string, expiresAt: number): Promise<void> {
    checkCacheEntry(`SESSION_DB=${this.location}`, key, value, expiresAt);
    this.use('cacheSet', () => this.upsertCached.run(key, value, expiresAt));
  }

  /**
   * Deletes in batches, one per turn of the event loop, so a large backlog (the first sweep after a
   * long stop) does not hold up the requests in between. Stops early when the store is closed.
   */
  async sweep(now: number): Promise<SweepResult> {
    const swept: SweepResult = { sessions: 0, events: 0, cached: 0 };
    const passes = [['sessions', this.sweepSessions, now], ['events', this.sweepEvents, now - this.retentionMs], ['cached', this.sweepCached, now]] as const;
    for (const [what, stmt, bound] of passes) {
      for (let n = SWEEP_BATCH; n === SWEEP_BATCH; swept[what] += n) {
        if (!this.db.open) return swept;
        n = this.use('sweep', () => stmt.run(bound).changes);
        // this connection's own deletes do not move data_version: forget what the cache holds of them
        if (n > 0) this.forgetCached();
        if (n === SWEEP_BATCH) await new Promise((r) => setImmediate(r));
      }
    }
    return swept;
  }

  private forgetCached(): void {
    this.states.clear();
    this.cache.clear();
  }

  async ping(): Promise<boolean> {
    try {
      return this.db.prepare('SELECT 1').pluck().get() === 1;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    try {
      this.commitPending();
      // statistics for the query planner, which only a writer's changes can make stale
      if (this.forWriting) this.db.pragma('optimize');
    } finally {
      this.db.close();
    }
  }

  private recentHistory(sessionId: string, firstEventId: number, version: number): CachedHistory {
    let h = this.cache.get(sessionId);
    if (!h || h.firstEventId !== firstEventId) h = { firstEventId, lastId: firstEventId - 1, events: [], complete: true, version: -1 };
    if (h.version !== version) {
      // another connection may have written since: read what came after the cached events
      h = withEvents(h, this.history.all(sessionId, h.lastId + 1).reverse().map(toEvent));
      h.version = version;
    }
    setRecent(this.cache, sessionId, h, CACHED_SESSIONS);
    return h;
  }

  /** An event this connection just wrote joins its session's cached history, when that history is current. */
  private ownEvent(eventId: number, input: AppendInput, version: number): void {
    const h = this.cache.get(input.sessionId);
    if (h && h.version === version && h.lastId < eventId) this.cache.set(input.sessionId, withEvents(h, [toAuditEvent(eventId, input)]));
  }

  /** The session's stored state (live or not), from the cache while no other connection has written. */
  private stateOf(sessionId: string, version: number): SessionState | undefined {
    const cached = this.states.get(sessionId);
    if (cached?.version === version) return cached.state;
    const state = this.readState(sessionId);
    setRecent(this.states, sessionId, { state, version }, CACHED_SESSIONS);
    return state;
  }

  private live(sessionId: string, now: number): SessionState | undefined {
    const state = this.readState(sessionId);
    return state && isLive(state.record, now) ? state : undefined;
  }

  private readState(sessionId: string): SessionState | undefined {
    const row = this.selectSession.get(sessionId);
    return row && fromSessionFields(row);
  }

  /** The few statements built per call (event filters), prepared once each. */
  private query(sql: string): Database.Statement {
    let stmt = this.queries.get(sql);
    if (!stmt) this.queries.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  private use<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (err) {
      if (err instanceof Database.SqliteError) throw new StoreError(`SESSION_DB=${this.location}: ${what} failed (${err.code}: ${err.message})`, { cause: err });
      throw err;
    }
  }
}

/**
 * A cached history with newer events (oldest first) after it. A page as long as the whole window may
 * not reach back to the cached events; it then fills the window alone, so the slice leaves no gap,
 * but older events may exist unseen: the history is no longer complete.
 */
function withEvents(h: CachedHistory, fresh: AuditEvent[]): CachedHistory {
  if (fresh.length === 0) return h;
  const all = h.events.concat(fresh);
  const cut = fresh.length === MAX_HISTORY || all.length > MAX_HISTORY;
  return { firstEventId: h.firstEventId, lastId: all[all.length - 1]!.id, events: cut ? all.slice(-MAX_HISTORY) : all, complete: h.complete && !cut, version: h.version };
}

function openDatabase(path: string, forWriting: boolean): Database.Database {
  let db: Database.Database | undefined;
  try {
    const dir = dirname(path);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    // create the file ourselves so it is private from the start; SQLite gives -wal and -shm the same mode
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    db = new Database(path);
    db.pragma('busy_timeout = 5000');
    if (db.pragma('journal_mode = WAL', { simple: true }) !== 'wal') throw new Error('the file system does not support write-ahead logging');
    // with WAL, NORMAL syncs at checkpoints, not at every commit: a committed call survives kill -9 of
    // the process (the WAL is in the OS page cache); only an OS crash or power loss can lose the last ones
    db.pragma('synchronous = NORMAL');
    migrate(db, path);
    if (forWriting) requireWritable(db, path);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof StoreError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new StoreError(`SESSION_DB=${path}: cannot open (${reason}); check the directory is writable and the file is a proxilion session database, or point SESSION_DB elsewhere`, { cause: err });
  }
}

/**
 * SQLite opens a file it may not write read-only without a word, and only the first write fails
 * (in WAL mode even taking the write lock succeeds). A header write rolled back fails as that first
 * write would, and leaves the file as it was.
 */
function requireWritable(db: Database.Database, path: string): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  } catch (err) {
    if (!(err instanceof Database.SqliteError) || !err.code.startsWith('SQLITE_READONLY')) throw err;
    const who = process.getuid ? `uid ${process.getuid()}` : 'this user';
    throw new StoreError(`SESSION_DB=${path}: the file is read-only for ${who}, so no call could be recorded (${err.code}); make it writable (chmod u+w ${path}, or chown it to this user) or point SESSION_DB elsewhere`, { cause: err });
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

function migrate(db: Database.Database, path: string): void {
  const latest = MIGRATIONS.length;
  const version = (): number => {
    const v = db.pragma('user_version', { simple: true }) as number;
    if (v > latest) throw new StoreError(`SESSION_DB=${path}: schema version ${v} is newer than this proxilion understands (${latest}); upgrade proxilion or point SESSION_DB elsewhere`);
    return v;
  };
  if (version() === latest) return;
  // IMMEDIATE, and the version read again under the lock: two processes opening a new file migrate it once
  db.transaction(() => {
    for (const sql of MIGRATIONS.slice(version())) db.exec(sql);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}
