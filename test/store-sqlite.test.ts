import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { StoreError, type AppendInput, type StoreOptions } from '../src/store/types.js';
import { MAX_HISTORY } from '../src/engine/session.js';

const ROOT = join(import.meta.dirname, '..');
const T0 = Date.UTC(2025, 0, 1);
const OPTS: StoreOptions = { ttlMs: 3_600_000, retentionMs: 86_400_000 };

const dir = mkdtempSync(join(tmpdir(), 'proxilion-store-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `db-${++files}.db`);

function call(sessionId: string, at: number): AppendInput {
  return { sessionId, userId: 'alice', summary: 'ls', mode: 'monitor', event: { at, tool: 'bash', score: 0, decision: 'Allow', tactics: [], rules: [], targets: [] } };
}

/** Reads the file with a connection of its own, as another process would. */
function inspect<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Another process appending to `shared` the way a second proxilion would: the event and the count in one IMMEDIATE transaction. */
const CHILD = `
import Database from 'better-sqlite3';
const [path, count] = process.argv.slice(1);
const db = new Database(path);
db.pragma('busy_timeout = 5000');
const insert = db.prepare("INSERT INTO events (at, session_id, user_id, tool, summary, score, decision, mode, rules, tactics, targets) VALUES (?, 'shared', 'child', 'bash', 'child', 0, 'Allow', 'monitor', '[]', '[]', '[]')");
const bump = db.prepare("UPDATE sessions SET request_count = request_count + 1 WHERE id = 'shared'");
const append = db.transaction((at) => { insert.run(at); bump.run(); });
process.stdout.write('ready\\n');
for (let i = 0; i < Number(count); i++) append.immediate(${T0} + i);
db.close();
`;

describe('sqlite store', () => {
  it('commits appends of one tick together, in order, and commits what is pending at close', async () => {
    const path = freshPath();
    const store = new SqliteStore(path, OPTS);
    const records = await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(call(i % 2 ? 'a' : 'b', T0 + i))));
    expect(records.filter((r) => r.id === 'a').map((r) => r.requestCount)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const { context } = await store.load({ sessionId: 'b', now: T0 + 100 });
    expect(context.history.map((e) => e.at)).toEqual(Array.from({ length: 25 }, (_, i) => T0 + 2 * i));
    const late = store.append(call('a', T0 + 60));
    await store.close();
    expect((await late).requestCount).toBe(26);
    expect(inspect(path, (db) => db.prepare("SELECT count(*) FROM events WHERE session_id = 'a'").pluck().get())).toBe(26);
  });

  it('keeps a cached history exact while another connection appends, past the history bound and across a reset', async () => {
    const path = freshPath();
    const daemon = new SqliteStore(path, OPTS);
    const hook = new SqliteStore(path, OPTS);
    let at = T0;
    const expectHistory = async (n: number, last: number, hour: number) => {
      const { context } = await daemon.load({ sessionId: 's', now: at + 1 });
      expect(context.history).toHaveLength(n);
      expect(context.history.at(-1)!.at).toBe(last);
      expect(context.history.every((e, i) => i === 0 || e.at > context.history[i - 1]!.at)).toBe(true);
      expect(context.callsLastHour).toBe(hour);
    };
    for (let i = 0; i < 3; i++) await daemon.append(call('s', (at += 1000)));
    await expectHistory(3, at, 3);
    await hook.append(call('s', (at += 1000)));
    await expectHistory(4, at, 4);
    // 250 more from the other connection: more than one history page, so the cache must not keep a gap
    for (let i = 0; i < 250; i++) await hook.append(call('s', (at += 10)));
    await expectHistory(MAX_HISTORY, at, 254);
    await daemon.append(call('s', (at += 10)));
    await expectHistory(MAX_HISTORY, at, 255);
    // an hour later only the newest calls count, though the history still holds older ones
    for (let i = 0; i < 5; i++) await daemon.append(call('s', (at += 1_000_000)));
    await expectHistory(MAX_HISTORY, at, 4);
    await hook.reset('s');
    await hook.append(call('s', (at += 1000)));
    await expectHistory(1, at, 1);
    await Promise.all([daemon.close(), hook.close()]);
  });

  it('opens the file in WAL mode at the current schema version', async () => {
    const path = freshPath();
    writeFileSync(path, '');
    const store = new SqliteStore(path, OPTS);
    expect(store.location).toBe(path);
    await store.close();
    const { mode, version, tables } = inspect(path, (db) => ({
      mode: db.pragma('journal_mode', { simple: true }),
      version: db.pragma('user_version', { simple: true }),
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('sessions', 'events') ORDER BY name").pluck().all(),
    }));
    expect(mode).toBe('wal');
    expect(version).toBeGreaterThanOrEqual(1);
    expect(tables).toEqual(['events', 'sessions']);

    const again = new SqliteStore(path, OPTS);
    expect(await again.ping()).toBe(true);
    await again.close();
    expect(inspect(path, (db) => db.pragma('user_version', { simple: true }))).toBe(version);
  });

  it('creates a missing directory 0700 and a new file 0600', async () => {
    const nested = join(dir, 'private', 'state');
    const path = join(nested, 'sessions.db');
    const store = new SqliteStore(path, OPTS);
    await store.append(call('s1', T0));
    expect(statSync(join(dir, 'private')).mode & 0o777).toBe(0o700);
    expect(statSync(nested).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it('refuses a file written by a newer proxilion', () => {
    const path = freshPath();
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => new SqliteStore(path, OPTS)).toThrow(StoreError);
    expect(() => new SqliteStore(path, OPTS)).toThrow(new RegExp(`${path}: schema version 999 is newer than this proxilion understands`));
    expect(inspect(path, (d) => d.pragma('user_version', { simple: true }))).toBe(999);
  });

  it('names the path and the way out when the file is not a database', () => {
    const path = freshPath();
    writeFileSync(path, 'not a database, only some words that are long enough to fill a header page\n'.repeat(20));
    let error: unknown;
    try {
      new SqliteStore(path, OPTS);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toContain(`SESSION_DB=${path}: cannot open (file is not a database)`);
    expect((error as StoreError).message).toContain('point SESSION_DB elsewhere');
  });

  it('shares one file between two stores', async () => {
    const path = freshPath();
    const a = new SqliteStore(path, OPTS);
    const b = new SqliteStore(path, OPTS);
    await a.append(call('s1', T0));
    expect((await b.get('s1', T0 + 1))?.requestCount).toBe(1);
    await b.append(call('s1', T0 + 1000));
    const { record, context } = await a.load({ sessionId: 's1', now: T0 + 2000 });
    expect(record?.requestCount).toBe(2);
    expect(context.history.map((e) => e.at)).toEqual([T0, T0 + 1000]);
    expect(await b.reset('s1')).toBe(true);
    expect(await a.get('s1', T0 + 3000)).toBeUndefined();
    await a.close();
    await b.close();
  });

  it('shares cache entries between two stores on one file, as replicas do', async () => {
    const path = freshPath();
    const a = new SqliteStore(path, OPTS);
    const b = new SqliteStore(path, OPTS);
    await a.cacheSet('opinion', 'benign', T0 + 1000);
    expect(await b.cacheGet('opinion', T0)).toBe('benign');
    await b.cacheSet('opinion', 'malicious', T0 + 2000);
    expect(await a.cacheGet('opinion', T0 + 1500)).toBe('malicious');
    expect((await b.sweep(T0 + 2000)).cached).toBe(1);
    expect(await a.cacheGet('opinion', T0)).toBeUndefined();
    await a.close();
    await b.close();
  });

  it('adds the cache to a file written by the first schema version, keeping its sessions', async () => {
    const path = freshPath();
    const old = new SqliteStore(path, OPTS);
    await old.append(call('s1', T0));
    await old.close();
    const db = new Database(path);
    db.exec('DROP TABLE cache');
    db.pragma('user_version = 1');
    db.close();

    const store = new SqliteStore(path, OPTS);
    expect(inspect(path, (d) => d.pragma('user_version', { simple: true }))).toBeGreaterThan(1);
    expect((await store.get('s1', T0 + 1))?.requestCount).toBe(1);
    await store.cacheSet('k', 'v', T0 + 1000);
    expect(await store.cacheGet('k', T0)).toBe('v');
    await store.close();
  });

  it('loses no event or count while another process appends to the same session', async () => {
    const path = freshPath();
    const store = new SqliteStore(path, OPTS);
    await store.append(call('shared', T0));
    const rounds = 1500;
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, path, String(rounds)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    await new Promise<void>((ready, fail) => {
      child.stdout.once('data', () => ready());
      child.once('exit', () => fail(new Error(`child exited early: ${stderr}`)));
    });
    for (let i = 1; i <= rounds; i++) await store.append(call('shared', T0 + i));
    expect(await exited, stderr).toBe(0);

    const total = 1 + 2 * rounds;
    expect((await store.get('shared', T0 + 10))?.requestCount).toBe(total);
    expect(inspect(path, (db) => db.prepare("SELECT count(*) FROM events WHERE session_id = 'shared'").pluck().get())).toBe(total);
    await store.close();
  });

  it('sweeps more rows than one batch holds, letting other work run between the batches', async () => {
    const path = freshPath();
    const store = new SqliteStore(path, OPTS);
    await store.append(call('s1', T0));
    /** Events past retention, written by another connection. */
    const addOld = (n: number) => {
      const db = new Database(path);
      const insert = db.prepare("INSERT INTO events (at, session_id, user_id, tool, summary, score, decision, mode, rules, tactics, targets) VALUES (?, 'old', 'u', 'bash', 'x', 0, 'Allow', 'monitor', '[]', '[]', '[]')");
      db.transaction(() => {
        for (let i = 0; i < n; i++) insert.run(T0 - OPTS.retentionMs - 1 - i);
      })();
      db.close();
    };
    addOld(12_345);
    const order: string[] = [];
    const swept = store.sweep(T0 + 1).then((r) => (order.push('swept'), r));
    setImmediate(() => order.push('a request'));
    expect(await swept).toEqual({ sessions: 0, events: 12_345, cached: 0 });
    expect(order).toEqual(['a request', 'swept']);
    expect((await store.events({ limit: 10 })).events.map((e) => e.sessionId)).toEqual(['s1']);
    // closed halfway, the sweep stops without an error
    addOld(12_345);
    const interrupted = store.sweep(T0 + 1);
    await store.close();
    expect((await interrupted).events).toBe(5000);
  });
});

describe('openStore', () => {
  it('opens the in-memory and SQLite stores', async () => {
    const memory = await openStore('inmemory', OPTS);
    expect(memory.kind).toBe('inmemory');
    const path = freshPath();
    const sqlite = await openStore('sqlite', { ...OPTS, path });
    expect([sqlite.kind, sqlite.location]).toEqual(['sqlite', path]);
    await sqlite.close();
    expect(existsSync(path)).toBe(true);
  });

  it('refuses Redis without REDIS_URL and SQLite without a file', async () => {
    await expect(openStore('redis', OPTS)).rejects.toThrow(/set REDIS_URL/);
    await expect(openStore('sqlite', OPTS)).rejects.toBeInstanceOf(StoreError);
  });
});
