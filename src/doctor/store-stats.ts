import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { redacted } from '../config/docs.js';
import { SETTINGS, type Setting } from '../config/settings.js';
import { parseInfo } from './redis-info.js';

/** Keys one look at Redis examines at most: SCAN is cheap per call, not over millions of keys. */
const REDIS_SCAN_LIMIT = 10_000;
const REDIS_TIMEOUT_MS = 2000;

const iso = (ms: number | null | undefined): string | null => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null);
const message = (e: unknown): string => (e as Error)?.message ?? String(e);

/**
 * What the configured session store holds, for the diagnostic bundle: counts, the oldest and newest
 * audit event, sizes. Read-only and bounded: the SQLite file is opened read-only (SQLite may create the
 * empty -wal/-shm companions a WAL reader needs, as the daemon does at start); Redis gets only reads
 * (INFO, DBSIZE, a bounded SCAN, XLEN, one stream entry at each end). A failure is part of the answer.
 */
export async function storeStats(config: Config, now: number = Date.now()): Promise<Record<string, unknown>> {
  switch (config.sessionStore) {
    case 'sqlite':
      return sqliteStats(resolve(config.sessionDb), now);
    case 'redis':
      return redisStats(config.redisUrl!);
    case 'inmemory':
      return { kind: 'inmemory', note: "sessions live in the daemon's memory and leave with it; metrics.txt has proxilion_active_sessions" };
  }
}

const size = (path: string): number | null => {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
};

async function sqliteStats(path: string, now: number): Promise<Record<string, unknown>> {
  const base = { kind: 'sqlite', path };
  if (!existsSync(path)) return { ...base, exists: false, note: "no session file: nothing has been recorded yet, or SESSION_DB names another file than the daemon's" };
  const files = { db_bytes: size(path), wal_bytes: size(`${path}-wal`), shm_bytes: size(`${path}-shm`) };
  let db: import('better-sqlite3').Database | undefined;
  try {
    const { default: Database } = await import('better-sqlite3');
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 1000 });
    const one = <T>(sql: string, ...args: unknown[]) => db!.prepare(sql).get(...args) as T;
    const pragma = (name: string) => db!.pragma(name, { simple: true }) as unknown;
    const sessions = one<{ total: number; active: number; terminated: number }>(
      "SELECT count(*) AS total, coalesce(sum(expires_at > ?), 0) AS active, coalesce(sum(status = 'terminated'), 0) AS terminated FROM sessions",
      now,
    );
    const events = one<{ total: number; oldest: number | null; newest: number | null }>('SELECT count(*) AS total, min(at) AS oldest, max(at) AS newest FROM events');
    const decisions = db.prepare('SELECT decision, count(*) AS n FROM events GROUP BY decision ORDER BY decision').all() as Array<{ decision: string; n: number }>;
    return {
      ...base,
      exists: true,
      ...files,
      schema_version: pragma('user_version'),
      journal_mode: pragma('journal_mode'),
      page_size: pragma('page_size'),
      page_count: pragma('page_count'),
      freelist_count: pragma('freelist_count'),
      sessions: { total: sessions.total, active: sessions.active, terminated: sessions.terminated },
      events: { total: events.total, oldest: iso(events.oldest), newest: iso(events.newest), by_decision: Object.fromEntries(decisions.map((d) => [d.decision, d.n])) },
    };
  } catch (e) {
    return { ...base, exists: true, ...files, error: message(e) };
  } finally {
    db?.close();
  }
}

async function redisStats(url: string): Promise<Record<string, unknown>> {
  const base = { kind: 'redis', location: redacted(SETTINGS.redisUrl as Setting<unknown>, url) };
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: REDIS_TIMEOUT_MS,
    commandTimeout: REDIS_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    // one attempt: the bundle says what it found, it does not wait for a server to come back
    retryStrategy: () => null,
  });
  let lastError: unknown;
  client.on('error', (e) => (lastError = e));
  try {
    await client.connect();
    const info = parseInfo(await client.info());
    const keys = await client.dbsize();
    let cursor = '0';
    let scanned = 0;
    let sessions = 0;
    do {
      const [next, found] = await client.scan(cursor, 'MATCH', 'session:*', 'COUNT', 1000);
      cursor = next;
      scanned += found.length;
      // a session's hash is session:ID (':' in an id is escaped); its lists are session:ID:requests and :history
      sessions += found.filter((k) => !k.slice('session:'.length).includes(':')).length;
    } while (cursor !== '0' && scanned < REDIS_SCAN_LIMIT);
    const events = await client.xlen('events');
    const at = (entries: Array<[string, string[]]>): string | null => {
      const fields = entries[0]?.[1];
      const json = fields?.[fields.indexOf('event') + 1];
      try {
        return json ? iso((JSON.parse(json) as { at?: number }).at) : null;
      } catch {
        return null;
      }
    };
    return {
      ...base,
      redis_version: info.redis_version ?? null,
      role: info.role ?? null,
      used_memory: info.used_memory_human ?? null,
      maxmemory: info.maxmemory ? Number(info.maxmemory) : null,
      maxmemory_policy: info.maxmemory_policy ?? null,
      connected_clients: info.connected_clients ? Number(info.connected_clients) : null,
      keys,
      sessions: { counted: sessions, keys_scanned: scanned, complete: cursor === '0' },
      events: { total: events, oldest: at(await client.xrange('events', '-', '+', 'COUNT', 1)), newest: at(await client.xrevrange('events', '+', '-', 'COUNT', 1)) },
    };
  } catch (e) {
    return { ...base, error: message(lastError ?? e) };
  } finally {
    client.disconnect();
  }
}

