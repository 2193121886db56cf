import { execFile } from 'node:child_process';
import { constants as fsConstants, promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import type { Check } from '../../types.js';
import { setting, whoAmI } from './shared.js';

/** integrity_check reads every page; past this a big file is left for the operator to check by hand. */
const INTEGRITY_MS = 12_000;
/** Problems integrity_check lists at most. */
const INTEGRITY_MAX_ERRORS = 10;

/**
 * Runs in a child process: better-sqlite3 is synchronous, and a child is the only way to stop a
 * long integrity_check at the deadline (kill) without blocking the other checks meanwhile.
 * argv: better-sqlite3's path, the file, '1' to open it immutable (no -wal/-shm created).
 */
const INTEGRITY_SCRIPT = `
const [, modulePath, file, immutable, max] = process.argv;
const out = {};
try {
  const Database = require(modulePath);
  const name = immutable === '1' ? 'file:' + encodeURI(file).replace(/[?#]/g, (c) => encodeURIComponent(c)) + '?immutable=1' : file;
  const db = new Database(name, { readonly: true, fileMustExist: true, timeout: 500 });
  // iterated: integrity_check may report rows, then throw SQLITE_CORRUPT further on; all() would drop the rows
  out.integrity = [];
  try { for (const row of db.prepare('PRAGMA integrity_check(' + Number(max) + ')').pluck().iterate()) out.integrity.push(row); } finally { db.close(); }
} catch (e) { out.error = { code: e.code || null, message: String(e.message) }; }
process.stdout.write(JSON.stringify(out));
`;

type Integrity = { integrity?: string[]; error?: { code: string | null; message: string } } | { timedOut: true };

function integrityCheck(path: string, immutable: boolean, signal: AbortSignal): Promise<Integrity> {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-e', INTEGRITY_SCRIPT, modulePath, path, immutable ? '1' : '0', String(INTEGRITY_MAX_ERRORS)],
      // SQLITE_USE_URI: better-sqlite3 reads it once, at load, to accept file: names (for immutable=1)
      { env: { ...process.env, SQLITE_USE_URI: '1' }, signal, timeout: INTEGRITY_MS, killSignal: 'SIGKILL', encoding: 'utf8', maxBuffer: 1 << 20 },
      (err, stdout) => {
        try {
          return done(JSON.parse(stdout) as Integrity);
        } catch {
          if (err && ((err as { killed?: boolean }).killed || err.name === 'AbortError')) return done({ timedOut: true });
          done({ error: { code: null, message: err?.message ?? 'the integrity check printed nothing' } });
        }
      },
    );
  });
}

/** The journal mode the header records: bytes 18 and 19 are 2 for WAL, 1 for a rollback journal. */
function headerJournal(head: Buffer): 'wal' | 'rollback' | 'unknown' | 'not-sqlite' {
  if (head.length < 100) return 'unknown';
  if (!head.subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))) return 'not-sqlite';
  return head[18] === 2 && head[19] === 2 ? 'wal' : head[18] === 1 && head[19] === 1 ? 'rollback' : 'unknown';
}

async function writable(path: string): Promise<{ ok: true } | { ok: false; code: string }> {
  try {
    await fsp.access(path, fsConstants.W_OK);
    return { ok: true };
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code ?? 'EACCES' };
  }
}

async function statOf(path: string): Promise<import('node:fs').Stats | NodeJS.ErrnoException> {
  try {
    return await fsp.stat(path);
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

const today = (): string => new Date().toISOString().slice(0, 10).replace(/-/g, '');
const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');

/** The fix for a path this user cannot write: chmod when it is theirs, chown otherwise, a look at the mount for EROFS. */
function permissionFix(path: string, st: import('node:fs').Stats | undefined, code: string, me: { name: string; uid: number }, dir: boolean): string[] {
  const look = dir ? `ls -ld ${path}` : `ls -l ${path}`;
  if (code === 'EROFS') return [look, `findmnt -T ${path}`, '# the file system is mounted read-only: remount it read-write, or point SESSION_DB at a writable place'];
  const own = st && st.uid === me.uid;
  return [look, own ? `chmod u+w ${path}` : `sudo chown ${me.name} ${path}`, '# as the user that runs proxilion serve, which these checks assume is this user'];
}

export const sqlite: Check = {
  id: 'deployment.sqlite',
  group: 'deployment',
  title: 'the SQLite session file is writable and intact',
  timeoutMs: INTEGRITY_MS + 3000,
  async run(ctx) {
    const store = setting(ctx, 'sessionStore');
    if ('problem' in store) return { status: 'skip', reason: 'SESSION_STORE is invalid (see deployment.config)' };
    if (store.value !== 'sqlite') return { status: 'skip', reason: `SESSION_STORE=${store.value}: no SQLite file is used` };
    const db = setting(ctx, 'sessionDb');
    if ('problem' in db) return { status: 'skip', reason: 'SESSION_DB is invalid (see deployment.config)' };
    const path = resolve(ctx.cwd, db.value);
    const dir = dirname(path);
    const me = whoAmI();
    const relative = path === db.value ? '' : ` (SESSION_DB=${db.value} is relative: the daemon resolves it against its own working directory)`;

    const st = await statOf(path);
    if (st instanceof Error) {
      if (st.code !== 'ENOENT' && st.code !== 'ENOTDIR') {
        return { status: 'fail', reason: `${path} cannot be looked at: ${st.code}`, symptom: 'proxilion serve cannot open its session file', measured: { path, error: st.code ?? st.message }, fix: [`ls -ld ${dir}`, `namei -l ${path}`] };
      }
      // missing: would `proxilion serve` create it (mkdir -p, then the file)?
      let ancestor = dir;
      let ast = await statOf(ancestor);
      while (ast instanceof Error && (ast.code === 'ENOENT' || ast.code === 'ENOTDIR') && dirname(ancestor) !== ancestor) ast = await statOf((ancestor = dirname(ancestor)));
      if (ast instanceof Error || !ast.isDirectory()) {
        return {
          status: 'fail',
          reason: `${path} cannot be created: ${ancestor} is ${ast instanceof Error ? `not reachable (${ast.code})` : 'not a directory'}`,
          symptom: 'proxilion serve exits at start: SESSION_DB cannot be opened',
          measured: { path, blocking: ancestor },
          fix: [`ls -ld ${ancestor}`, '# point SESSION_DB at a file in a directory, e.g.', `SESSION_DB=${resolve(ctx.home, '.local/state/proxilion/sessions.db')} proxilion serve`],
        };
      }
      const w = await writable(ancestor);
      if (!w.ok) {
        return {
          status: 'fail',
          reason: `${path} does not exist and ${me.name} cannot create it: ${ancestor} is not writable (${w.code})`,
          symptom: 'proxilion serve exits at start: SESSION_DB cannot be created',
          measured: { path, blocking: ancestor, error: w.code },
          fix: ancestor === dir ? permissionFix(ancestor, ast, w.code, me, true) : [`sudo install -d -o ${me.name} -m 700 ${dir}`],
        };
      }
      return { status: 'pass', reason: `${path} does not exist yet: proxilion serve creates it${ancestor === dir ? '' : ` (and ${dir})`} on first start${relative}`, measured: { path, exists: false } };
    }
    if (!st.isFile()) {
      return { status: 'fail', reason: `${path} is not a file (it is a ${st.isDirectory() ? 'directory' : 'special file'})`, symptom: 'proxilion serve exits at start: SESSION_DB cannot be opened', measured: { path }, fix: [`ls -ld ${path}`, '# point SESSION_DB at a file, e.g.', `SESSION_DB=${path}/sessions.db`] };
    }

    const measured: Record<string, string | number | boolean | null> = { path, size_bytes: st.size, user: me.name };
    const symptomRo = 'proxilion serve refuses to start on the file (SQLITE_READONLY), and hooks deciding in-process judge each call without its session (session_store_unavailable: true) and record nothing';
    const dw = await writable(dir);
    if (!dw.ok) {
      return {
        status: 'fail',
        reason: `the directory ${dir} is not writable by ${me.name} (${dw.code}): SQLite creates ${path}-wal and -shm next to the file`,
        symptom: symptomRo,
        measured: { ...measured, error: dw.code },
        fix: permissionFix(dir, (await statOf(dir)) as import('node:fs').Stats, dw.code, me, true),
      };
    }
    // the -wal and -shm siblings count too: one left behind by another user (say a root sqlite3 session) blocks writes as surely
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      const fst = file === path ? st : await statOf(file);
      if (fst instanceof Error) continue;
      const w = await writable(file);
      if (!w.ok) {
        return {
          status: 'fail',
          reason: `${file} is read-only for ${me.name} (uid ${me.uid}): mode ${octal(fst.mode)}, owner uid ${fst.uid}${w.code === 'EROFS' ? ', on a read-only file system' : ''}`,
          symptom: symptomRo,
          measured: { ...measured, file, mode: octal(fst.mode), owner_uid: fst.uid, error: w.code },
          fix: permissionFix(file, fst, w.code, me, false),
        };
      }
    }
    if (st.size === 0) return { status: 'pass', reason: `${path} is empty: proxilion serve sets it up when it opens it${relative}`, measured };

    let head: Buffer;
    try {
      const fh = await fsp.open(path, 'r');
      try {
        const { buffer, bytesRead } = await fh.read(Buffer.alloc(100), 0, 100, 0);
        head = buffer.subarray(0, bytesRead);
      } finally {
        await fh.close();
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      return { status: 'fail', reason: `${path} cannot be read by ${me.name} (${code})`, symptom: symptomRo, measured: { ...measured, error: code }, fix: permissionFix(path, st, code, me, false) };
    }
    const journal = headerJournal(head);
    measured.journal_mode = journal;
    const corruptFix = [
      '# stop proxilion serve first, then either set the file aside (a new one is created at start):',
      `mv ${path} ${path}.corrupt-${today()}`,
      '# or recover what can be read into a new file:',
      `sqlite3 ${path} .recover | sqlite3 ${path}.recovered && mv ${path}.recovered ${path}`,
    ];
    if (journal === 'not-sqlite') {
      return { status: 'fail', reason: `${path} is not an SQLite database (its header is not SQLite's)`, symptom: 'proxilion serve exits at start: file is not a database', measured, fix: [`file ${path}`, ...corruptFix.slice(0, 2)] };
    }

    // With no -wal, no connection has the file open: immutable=1 reads it without creating -wal/-shm
    // (a read-only open would leave both behind, owned by whoever ran doctor). A daemon starting
    // meanwhile writes to its new -wal, not the main file, until a checkpoint. With a -wal, the
    // ordinary read-only open shares it and -shm with the daemon and sees a consistent snapshot.
    const walExists = !((await statOf(`${path}-wal`)) instanceof Error);
    const r = await integrityCheck(path, !walExists, ctx.signal);
    if ('timedOut' in r) {
      return {
        status: 'warn',
        reason: `integrity_check did not finish within ${INTEGRITY_MS / 1000} s (${Math.round(st.size / 1e6)} MB): run it by hand`,
        symptom: 'none by itself: the file is large',
        measured,
        fix: [`sqlite3 -readonly ${path} 'PRAGMA integrity_check'`, `proxilion config   # EVENT_RETENTION_DAYS bounds the file's growth`],
      };
    }
    // one row can hold several lines, under a "*** in database main ***" heading
    const problems = (r.integrity ?? []).flatMap((row) => row.split('\n')).filter((l) => l && !/^\*\*\* in database/.test(l));
    const intact = problems.length === 1 && problems[0] === 'ok' && !r.error;
    if (problems.length) measured.integrity = problems.join('; ');
    if (r.error) measured.error = `${r.error.code ?? 'error'}: ${r.error.message}`;
    const corrupt = r.error?.code === 'SQLITE_CORRUPT' || r.error?.code === 'SQLITE_NOTADB';
    if (r.error && !corrupt && problems.length === 0) {
      return {
        status: 'warn',
        reason: `integrity_check could not run: ${r.error.message}`,
        symptom: r.error.code === 'SQLITE_BUSY' ? 'another process holds the file locked' : 'the file could not be opened read-only',
        measured,
        fix: [`ls -l ${path}*`, `sqlite3 -readonly ${path} 'PRAGMA integrity_check'`],
      };
    }
    if (!intact) {
      const what = problems.length ? `fails integrity_check: ${problems.slice(0, 3).join('; ')}` : `is corrupt: ${r.error!.message}`;
      return { status: 'fail', reason: `${path} ${what}`, symptom: 'calls fail with "database disk image is malformed", or sessions and events go missing', measured, fix: corruptFix };
    }
    if (journal !== 'wal') {
      return {
        status: 'warn',
        reason: `${path} is intact but in ${journal === 'rollback' ? 'rollback-journal (delete)' : 'an unknown'} mode, not WAL: proxilion serve switches it to WAL when it opens it`,
        symptom: 'if it stays this way, writers block readers: hooks and the CLI wait on the daemon; WAL needs a local file system (not NFS/SMB)',
        measured,
        fix: ['# with proxilion serve stopped:', `sqlite3 ${path} 'PRAGMA journal_mode=WAL'`, `findmnt -T ${path}   # WAL needs shared memory: a local file system`],
      };
    }
    return { status: 'pass', reason: `${path}: integrity_check ok, WAL, ${st.size} bytes, writable by ${me.name}${relative}`, measured };
  },
};

