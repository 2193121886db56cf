import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binariesSkipReason, requireBinaries } from './helpers/binaries.js';
import { BIN, run } from './helpers/cli.js';
import { bash, startDaemon } from './helpers/daemon.js';
import { redisSkipReason, startRedis, type RedisServer } from './helpers/redis.js';
import type { CheckReport } from '../src/doctor/types.js';

const VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

type CheckJson = Omit<CheckReport, 'duration_ms' | 'group' | 'title'>;

/** Every file and directory of this test file lives here, removed at the end. */
const root = mkdtempSync(join(tmpdir(), 'px-doctor-deploy-'));
// traversable, so the read-only tests' other user reaches its own directory inside
chmodSync(root, 0o755);
const tmp = (name: string): string => mkdtempSync(join(root, `${name}-`));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const home = tmp('home');

/**
 * Settings of the developer's shell that would change what the checks look at. SESSION_DB defaults
 * to a file in a fresh directory, so no check reads ~/.local/state by accident.
 */
const CLEAN: Record<string, string> = {
  SESSION_STORE: '', SESSION_DB: join(home, 'state', 'sessions.db'), REDIS_URL: '', LISTEN_ADDR: '', PROXILION_SOCKET: '', POLICY_FILE: '',
  PROXILION_API_KEY: '', ENABLE_SEMANTIC_ANALYSIS: '', HOME: home, XDG_STATE_HOME: '',
};

/** The real CLI: `proxilion doctor --json --only <only>`; returns the exit code, the one check's report, and all output. */
function doctor(only: string, env: Record<string, string> = {}, gateway?: string): { code: number | null; check: CheckJson; output: string } {
  const r = run(['doctor', '--json', '--only', only, ...(gateway ? ['--gateway', gateway] : [])], { env: { ...CLEAN, ...env } });
  let report: { checks: CheckJson[] };
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`doctor printed no JSON (exit ${r.code}); stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  const check = report.checks.find((c) => c.id === only);
  if (!check) throw new Error(`no ${only} in the report: ${r.stdout}`);
  return { code: r.code, check, output: r.stdout + r.stderr };
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** A separate node process listening on a loopback port (its pid is not ours); resolves once it listens. */
async function squatter(script: string): Promise<{ proc: ChildProcess; port: number; file: string }> {
  // a script file, so the command line the check reports names it (an -e script would be cut short)
  const file = join(tmp('squatter'), 'px-port-squatter.cjs');
  writeFileSync(file, script);
  const proc = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(proc);
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    proc.once('exit', (code) => reject(new Error(`the squatter exited (${code}) before listening`)));
  });
  return { proc, port, file };
}

const printPort = `function () { process.stdout.write(this.address().port + '\\n'); }`;
/** Accepts connections and never answers: a program that is not HTTP at all. */
const SILENT_TCP = `require('node:net').createServer(() => {}).listen(0, '127.0.0.1', ${printPort})`;
/** Another web server: 404 for every path. */
const OTHER_HTTP = `require('node:http').createServer((q, s) => { s.writeHead(404, { server: 'not-proxilion/1.0' }); s.end('no'); }).listen(0, '127.0.0.1', ${printPort})`;

describe('deployment.port', () => {
  it('fails when another program holds the port, naming its PID and command line, with kill and a free port as the fix', async () => {
    const { proc, port, file } = await squatter(SILENT_TCP);
    const { code, check } = doctor('deployment.port', {}, `http://127.0.0.1:${port}`);
    expect(code).toBe(1);
    expect(check.status).toBe('fail');
    expect(check.measured!.pid).toBe(proc.pid);
    expect(check.measured!.command).toBe(`${process.execPath} ${file}`);
    expect(check.reason).toContain(`pid ${proc.pid}`);
    expect(check.measured!.answer).toMatch(/no HTTP answer to GET \/health within/);
    expect(check.fix).toContain(`kill ${proc.pid}`);
    const moved = check.fix!.map((f) => /^LISTEN_ADDR=127\.0\.0\.1:(\d+) proxilion serve$/.exec(f)).find(Boolean);
    expect(Number(moved![1])).not.toBe(port);
    proc.kill();
  });

  it('reads the port from LISTEN_ADDR when the gateway URL is not on this machine; a wildcard address collides with a loopback listener', async () => {
    const { proc, port } = await squatter(OTHER_HTTP);
    const { check } = doctor('deployment.port', { LISTEN_ADDR: `0.0.0.0:${port}` }, 'http://192.0.2.10:8787');
    expect(check.status).toBe('fail');
    expect(check.reason).toContain(`LISTEN_ADDR 0.0.0.0:${port}`);
    expect(check.measured!.pid).toBe(proc.pid);
    expect(check.measured!.answer).toContain('HTTP 404 from "not-proxilion/1.0"');
    // found in the kernel's table (not only by lsof): the listener's address matched the wildcard
    expect(check.measured!.address).toBe('127.0.0.1');
    expect(check.fix!.some((f) => /^LISTEN_ADDR=0\.0\.0\.0:\d+ proxilion serve$/.test(f))).toBe(true);
    proc.kill();
  });

  it('passes when the gateway itself holds its port, with its version and PID', async () => {
    const d = await startDaemon();
    try {
      const { code, check } = doctor('deployment.port', {}, d.url);
      expect(code).toBe(0);
      expect(check.status).toBe('pass');
      expect(check.reason).toContain(`held by proxilion ${VERSION}, pid ${d.proc.pid}`);
      expect(check.measured).toMatchObject({ port: d.port, pid: d.proc.pid, version: VERSION });

      // the same daemon, stopped (SIGSTOP): still in LISTEN, but it no longer answers /health
      d.proc.kill('SIGSTOP');
      try {
        const hung = doctor('deployment.port', {}, d.url).check;
        expect(hung.status).toBe('fail');
        expect(hung.reason).toContain(`held by a proxilion daemon, pid ${d.proc.pid}`);
        expect(hung.fix).toContain(`kill ${d.proc.pid}`);
      } finally {
        d.proc.kill('SIGCONT');
      }
    } finally {
      await d.stop();
    }
  });

  it('warns when the proxilion holding the port is another version than this one (not restarted after an upgrade)', async () => {
    // what an older daemon answers: the /health body with its own version
    const old = `require('node:http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'application/json' }); s.end(JSON.stringify({ status: 'healthy', version: '0.0.1-old', mode: 'monitor' })); }).listen(0, '127.0.0.1', ${printPort})`;
    const { proc, port } = await squatter(old);
    const { code, check } = doctor('deployment.port', {}, `http://127.0.0.1:${port}`);
    expect(code).toBe(0);
    expect(check.status).toBe('warn');
    expect(check.reason).toContain(`held by proxilion 0.0.1-old, pid ${proc.pid}`);
    expect(check.reason).toContain(`but this proxilion is ${VERSION}`);
    expect(check.fix).toEqual([`kill ${proc.pid}`, 'proxilion serve']);
    proc.kill();
  });

  // the squatter is root's, the doctor runs as nobody: /proc/PID/fd of root's process is closed to it, as is lsof's view
  const otherUser = process.getuid?.() === 0 ? binariesSkipReason(['setpriv'], "the other user's port holder test") : 'needs root, to run the doctor as another user than the port holder';
  it.skipIf(otherUser)("says so when the holder is another user's process it cannot look into, and gives the sudo lsof fix", async () => {
    const setpriv = requireBinaries(['setpriv'], "the other user's port holder test").setpriv!;
    const { proc, port } = await squatter(SILENT_TCP);
    const r = spawnSyncJson(setpriv, ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, BIN, 'doctor', '--json', '--only', 'deployment.port', '--gateway', `http://127.0.0.1:${port}`], { ...CLEAN });
    const check = r.checks.find((c) => c.id === 'deployment.port')!;
    expect(check.status).toBe('fail');
    expect(check.measured).toMatchObject({ pid: null, address: '127.0.0.1' });
    expect(check.reason).toContain('held by another program of uid 0 (root), whose processes nobody cannot look into');
    expect(check.fix![0]).toMatch(/^# the socket belongs to uid 0; \d+ processes of other users could not be looked at$/);
    expect(check.fix).toContain(`sudo lsof -nP -iTCP:${port} -sTCP:LISTEN`);
    proc.kill();
  });

  it('passes when the only listener is on another address ([::1]), and proxilion serve then really binds 127.0.0.1 on that port', async () => {
    const { proc, port } = await squatter(`require('node:net').createServer(() => {}).listen(0, '::1', ${printPort})`);
    const { check } = doctor('deployment.port', {}, `http://127.0.0.1:${port}`);
    expect(check).toMatchObject({ status: 'pass', measured: { port, listening: false } });
    // commander keeps the last --port: the daemon binds 127.0.0.1 on the port [::1] already holds
    const d = await startDaemon({ args: ['--port', String(port)] });
    expect(d.port).toBe(port);
    await d.stop();
    proc.kill();
  });

  it('passes when nothing listens: the port is free for proxilion serve (whether it should be running is runtime.gateway)', async () => {
    const port = await freePort();
    const { code, check } = doctor('deployment.port', {}, `http://127.0.0.1:${port}`);
    expect(code).toBe(0);
    expect(check).toMatchObject({ status: 'pass', measured: { port, listening: false } });
    expect(check.reason).toContain('is free (the gateway is not running: start it with proxilion serve)');
  });
});

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A session file as the daemon writes it: real calls recorded, then a clean stop (WAL checkpointed). */
async function daemonDb(dir: string): Promise<string> {
  const db = join(dir, 'sessions.db');
  const d = await startDaemon({ db, dir });
  for (const command of ['ls -la', 'git status', 'cat ~/.aws/credentials', 'npm test']) expect((await d.post(bash(command))).status).toBe(200);
  await d.stop();
  return db;
}

describe('deployment.sqlite', () => {
  let good: string;
  beforeAll(async () => {
    good = await daemonDb(tmp('db'));
  });

  /** A copy of the daemon's file in its own directory. */
  const copy = (): string => {
    const path = join(tmp('db'), 'sessions.db');
    copyFileSync(good, path);
    return path;
  };

  it('passes on the file a real daemon wrote, and leaves it exactly as it was (no -wal or -shm created)', () => {
    const path = copy();
    const dir = join(path, '..');
    const before = { files: readdirSync(dir), sha: sha(path), mtime: statSync(path).mtimeMs };
    const { code, check } = doctor('deployment.sqlite', { SESSION_DB: path });
    expect(code).toBe(0);
    expect(check.status).toBe('pass');
    expect(check.reason).toContain(`${path}: integrity_check ok, WAL`);
    expect(check.measured).toMatchObject({ path, journal_mode: 'wal', integrity: 'ok' });
    expect({ files: readdirSync(dir), sha: sha(path), mtime: statSync(path).mtimeMs }).toEqual(before);
  });

  it('passes while the daemon has the file open', async () => {
    const path = copy();
    const d = await startDaemon({ db: path });
    try {
      await d.post(bash('whoami'));
      const { check } = doctor('deployment.sqlite', { SESSION_DB: path });
      expect(check.status).toBe('pass');
      expect((await d.post(bash('id'))).status).toBe(200);
    } finally {
      await d.stop();
    }
  });

  it('passes on a file not created yet, and does not create it', () => {
    const dir = tmp('db');
    const path = join(dir, 'new', 'sessions.db');
    const { check } = doctor('deployment.sqlite', { SESSION_DB: path });
    expect(check.status).toBe('pass');
    expect(check.reason).toContain('does not exist yet: proxilion serve creates it');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails when the file cannot be created because a component of its directory is a regular file', () => {
    const dir = tmp('db');
    writeFileSync(join(dir, 'state'), 'a file, not a directory\n');
    const { check } = doctor('deployment.sqlite', { SESSION_DB: join(dir, 'state', 'proxilion', 'sessions.db') });
    expect(check.status).toBe('fail');
    expect(check.reason).toBe(`${join(dir, 'state', 'proxilion', 'sessions.db')} cannot be created: ${join(dir, 'state')} is not a directory`);
    expect(check.fix).toContain(`ls -ld ${join(dir, 'state')}`);
  });

  it('fails on a corrupt file with integrity_check\'s own message, and the fix names the real path', () => {
    const path = copy();
    // garbage over page 2 (a table's root page): the header still says SQLite, the b-tree does not hold
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, 4096);
    closeSync(fd);
    const { code, check } = doctor('deployment.sqlite', { SESSION_DB: path });
    expect(code).toBe(1);
    expect(check.status).toBe('fail');
    // the sessions table is the first the schema creates, so its root is page 2
    expect(check.reason).toMatch(new RegExp(`^${path} fails integrity_check: Tree 2 page 2: btreeInitPage\\(\\) returns error code 11`));
    expect(check.measured!.integrity).toContain('Tree 2 page 2: btreeInitPage() returns error code 11');
    expect(check.fix!.some((f) => new RegExp(`^mv ${path} ${path}\\.corrupt-\\d{8}$`).test(f))).toBe(true);
    expect(check.fix).toContain(`sqlite3 ${path} .recover | sqlite3 ${path}.recovered && mv ${path}.recovered ${path}`);
  });

  it('fails when the schema page is garbage behind an intact header: SQLite refuses it before integrity_check lists anything', () => {
    const path = copy();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 - 100, 0x5a), 0, 4096 - 100, 100);
    closeSync(fd);
    const { check } = doctor('deployment.sqlite', { SESSION_DB: path });
    expect(check).toMatchObject({ status: 'fail', reason: `${path} is corrupt: database disk image is malformed`, measured: { error: 'SQLITE_CORRUPT: database disk image is malformed' } });
  });

  it('fails on a file that is not an SQLite database', () => {
    const path = join(tmp('db'), 'sessions.db');
    writeFileSync(path, 'x'.repeat(4096));
    const { check } = doctor('deployment.sqlite', { SESSION_DB: path });
    expect(check).toMatchObject({ status: 'fail', reason: `${path} is not an SQLite database (its header is not SQLite's)` });
  });

  it('warns on an intact file in rollback-journal mode rather than WAL', () => {
    const path = join(tmp('db'), 'sessions.db');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    const { code, check } = doctor('deployment.sqlite', { SESSION_DB: path });
    expect(code).toBe(0);
    expect(check).toMatchObject({ status: 'warn', measured: { journal_mode: 'rollback', integrity: 'ok' } });
    expect(check.fix).toContain(`sqlite3 ${path} 'PRAGMA journal_mode=WAL'`);
  });

  it('skips when the sessions do not live in SQLite', () => {
    expect(doctor('deployment.sqlite', { SESSION_STORE: 'inmemory' }).check).toMatchObject({ status: 'skip', reason: 'SESSION_STORE=inmemory: no SQLite file is used' });
  });

  // Mode bits bind every user but root, and these tests usually run as root: then the doctor (and the
  // daemon that shows the symptom) run as `nobody` through setpriv, nobody owning the directory and a
  // 0444 file. Run as anyone else, the 0444 file of their own is the same situation without setpriv.
  const runningAsRoot = process.getuid?.() === 0;
  const setprivMissing = runningAsRoot ? binariesSkipReason(['setpriv'], 'the read-only SQLite file tests') : undefined;
  describe.skipIf(setprivMissing)('a read-only file, for the user that runs proxilion', () => {
    let path: string;
    let as: string[];
    const user = runningAsRoot ? { name: 'nobody', uid: 65534 } : { name: userInfo().username, uid: process.getuid!() };
    /** argv that runs the CLI as `user`. */
    const cli = (...args: string[]) => [...as, process.execPath, BIN, ...args];
    beforeAll(() => {
      as = runningAsRoot ? [requireBinaries(['setpriv'], 'the read-only SQLite file tests').setpriv!, '--reuid=nobody', '--regid=nogroup', '--clear-groups'] : [];
      path = copy();
      const dir = join(path, '..');
      if (runningAsRoot) {
        chmodSync(dir, 0o755);
        // nobody:nogroup on Debian
        chownSync(dir, 65534, 65534);
        chownSync(path, 65534, 65534);
      }
      chmodSync(path, 0o444);
    });

    it('fails, naming the path, its mode and owner, with chmod u+w as the fix', () => {
      const [file, ...args] = cli('doctor', '--json', '--only', 'deployment.sqlite');
      const r = spawnSyncJson(file!, args, { ...CLEAN, HOME: join(path, '..'), SESSION_DB: path });
      const check = r.checks.find((c) => c.id === 'deployment.sqlite')!;
      expect(check.status).toBe('fail');
      expect(check.reason).toBe(`${path} is read-only for ${user.name} (uid ${user.uid}): mode 0444, owner uid ${user.uid}`);
      expect(check.fix).toEqual([`ls -l ${path}`, `chmod u+w ${path}`, expect.stringMatching(/^# /)]);
    });

    it('and the daemon as that user refuses to start on it, while the audit log stays readable', () => {
      const env = { ...process.env, ...CLEAN, MODE: '', HOME: join(path, '..') };
      const [file, ...args] = cli('serve', '--port', '0', '--session-db', path);
      const serve = spawnSync(file!, args, { env, encoding: 'utf8', timeout: 30_000 });
      expect(serve.status).toBe(70);
      expect(serve.stderr).toContain(`SESSION_DB=${path}: the file is read-only for uid ${user.uid}, so no call could be recorded (SQLITE_READONLY`);
      expect(serve.stderr).toContain(`chmod u+w ${path}`);
      const [efile, ...eargs] = cli('events', '--json', '--session-db', path);
      const events = spawnSync(efile!, eargs, { env, encoding: 'utf8', timeout: 30_000 });
      expect(events.stderr).toBe('');
      expect(events.status).toBe(0);
    });
  });
});

/** The doctor as another user (through setpriv): run()'s environment, with its JSON parsed. */
function spawnSyncJson(file: string, args: string[], env: Record<string, string>): { checks: CheckJson[] } {
  const r = spawnSync(file, args, { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1', MODE: '', ALERT_THRESHOLD: '', BLOCK_THRESHOLD: '', TERMINATE_THRESHOLD: '', ...env } });
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`doctor printed no JSON (exit ${r.status}); stderr:\n${r.stderr}`);
  }
}

const REDIS_PASSWORD = 'right-horse-battery';
const WRONG_PASSWORD = 'wrong-staple-9931';

describe.skipIf(redisSkipReason)('deployment.redis', () => {
  let plain: RedisServer;
  let locked: RedisServer;
  beforeAll(async () => {
    [plain, locked] = await Promise.all([startRedis(), startRedis({ password: REDIS_PASSWORD })]);
  });
  afterAll(async () => {
    await Promise.all([plain?.stop(), locked?.stop()]);
  });

  const redis = (url: string) => doctor('deployment.redis', { SESSION_STORE: 'redis', REDIS_URL: url });

  it('passes on a reachable server', () => {
    const { code, check } = redis(plain.url);
    expect(code).toBe(0);
    expect(check.status).toBe('pass');
    expect(check.reason).toMatch(new RegExp(`^redis://127\\.0\\.0\\.1:${plain.port} answers PONG, Redis \\d`));
  });

  it('passes with the right password, and never prints it', () => {
    const { check, output } = redis(locked.url);
    expect(check.status).toBe('pass');
    expect(check.measured!.redis_url).toBe(`redis://:***@127.0.0.1:${locked.port}`);
    expect(output).not.toContain(REDIS_PASSWORD);
  });

  it('fails on a wrong password without printing either password, and proxilion serve refuses the same URL', () => {
    const url = `redis://:${WRONG_PASSWORD}@127.0.0.1:${locked.port}`;
    const { code, check, output } = redis(url);
    expect(code).toBe(1);
    expect(check.status).toBe('fail');
    expect(check.reason).toBe(`Redis at 127.0.0.1:${locked.port} rejects the password REDIS_URL gives`);
    expect(check.measured!.error).toMatch(/WRONGPASS/);
    expect(check.fix).toContain(`redis-cli -u 'redis://:<password>@127.0.0.1:${locked.port}' ping`);
    expect(output).not.toContain(WRONG_PASSWORD);
    expect(output).not.toContain(REDIS_PASSWORD);

    const serve = run(['serve', '--port', '0'], { env: { ...CLEAN, SESSION_STORE: 'redis', REDIS_URL: url } });
    expect(serve.code).not.toBe(0);
    expect(serve.stderr).toMatch(/password rejected/);
  });

  it('fails when the server wants a password and REDIS_URL gives none', () => {
    const { check } = redis(`redis://127.0.0.1:${locked.port}`);
    expect(check).toMatchObject({ status: 'fail', reason: `Redis at 127.0.0.1:${locked.port} requires a password and REDIS_URL gives none` });
    expect(check.fix).toContain(`REDIS_URL=redis://:<password>@127.0.0.1:${locked.port} proxilion serve`);
  });

  it('fails on a database number the server does not have', () => {
    const { check } = redis(`${plain.url}/99`);
    expect(check).toMatchObject({ status: 'fail', reason: `Redis at 127.0.0.1:${plain.port} has no database 99` });
  });

  it('fails when Redis is down, with redis-cli ping against the real host and port', async () => {
    const gone = await startRedis();
    await gone.stop();
    const { code, check } = redis(gone.url);
    expect(code).toBe(1);
    expect(check.status).toBe('fail');
    expect(check.reason).toContain(`nothing accepts connections at 127.0.0.1:${gone.port} (ECONNREFUSED)`);
    expect(check.fix).toContain(`redis-cli -h 127.0.0.1 -p ${gone.port} ping`);
  });

  it('skips when the sessions do not live in Redis', () => {
    expect(doctor('deployment.redis', { SESSION_STORE: 'sqlite' }).check).toMatchObject({ status: 'skip', reason: 'SESSION_STORE=sqlite: Redis is not used' });
  });
});

describe('deployment.config', () => {
  it('passes on a valid configuration', () => {
    expect(doctor('deployment.config').check.status).toBe('pass');
  });

  it('fails on a bad variable, as proxilion serve does: it refuses to start with exit 64', () => {
    const { code, check } = doctor('deployment.config', { MODE: 'blok' });
    expect(code).toBe(1);
    expect(check.status).toBe('fail');
    expect(check.measured!.problems).toBe('MODE must be one of monitor, alert, block, terminate; got "blok"');
    const serve = run(['serve', '--port', '0'], { env: { ...CLEAN, MODE: 'blok' } });
    expect(serve.code).toBe(64);
    expect(serve.stderr).toContain('MODE must be one of monitor, alert, block, terminate; got "blok"');
  });

  it('does not print the password of a REDIS_URL it rejects', () => {
    const { check, output } = doctor('deployment.config', { SESSION_STORE: 'redis', REDIS_URL: `http://:${WRONG_PASSWORD}@localhost:6379` });
    expect(check.status).toBe('fail');
    expect(check.measured!.problems).toContain('http://:<redacted>@localhost:6379');
    expect(output).not.toContain(WRONG_PASSWORD);
  });

  it('other checks still look at the store when an unrelated setting is bad', () => {
    const { check } = doctor('deployment.sqlite', { MODE: 'blok' });
    expect(check.status).toBe('pass');
  });
});

