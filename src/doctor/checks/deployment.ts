import { execFile } from 'node:child_process';
import { constants as fsConstants, promises as fsp, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { createServer, isIP } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { resolveSetting } from '../../config/resolve.js';
import { SETTINGS, type SettingKey, type SettingValue } from '../../config/settings.js';
import { VERSION } from '../../version.js';
import type { Check, CheckResult, DoctorContext } from '../types.js';

/** Configuration: every setting and the policy file as this environment gives them. */
const config: Check = {
  id: 'deployment.config',
  group: 'deployment',
  title: 'configuration is valid',
  async run(ctx) {
    if (ctx.config.problems) {
      // rejected values are quoted back with their secrets masked (config/resolve.ts)
      const problems = ctx.config.problems;
      return {
        status: 'fail',
        reason: `${problems.length} setting(s) are invalid, so proxilion serve would not start`,
        symptom: 'the gateway exits at start with exit code 64, or was started with other settings than these',
        measured: { problems: problems.join('; ') },
        fix: ['proxilion config --check', ...problems.map((p) => `# ${p}`)],
      };
    }
    const c = ctx.config.value;
    return { status: 'pass', reason: `mode ${c.mode}, thresholds ${c.thresholds.alert}/${c.thresholds.block}/${c.thresholds.terminate}, store ${c.sessionStore}${c.policyFile ? `, policy ${c.policyFile}` : ''}` };
  },
};

/**
 * One setting as the environment gives it, read on its own: a bad MODE must not stop the SQLite or
 * Redis check from looking at the store (deployment.config reports the MODE).
 */
function setting<K extends SettingKey>(ctx: DoctorContext, key: K): { value: SettingValue<K> } | { problem: string } {
  const r = resolveSetting(SETTINGS[key] as never, {}, ctx.env);
  return 'problem' in r ? { problem: r.problem } : { value: r.value as SettingValue<K> };
}

/** The user this check runs as: file access is answered for this user, which may not be the daemon's. */
function whoAmI(): { name: string; uid: number } {
  const uid = process.getuid?.() ?? -1;
  try {
    return { name: userInfo().username, uid };
  } catch {
    return { name: String(uid), uid };
  }
}

// ---------------------------------------------------------------------------------------------
// deployment.port

/** How long the port's holder has to answer GET /health: a hung process must not stall doctor. */
const PROBE_MS = 1500;
/** Time spent walking /proc for the socket's owner; past it the PID is reported unknown. */
const PID_SCAN_MS = 1500;

const unbracket = (h: string): string => h.replace(/^\[|\]$/g, '');
const isLoopbackHost = (h: string): boolean => h === 'localhost' || h === '::1' || /^127\./.test(h) || /^::ffff:127\./i.test(h);
const hostPort = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;

interface PortTarget {
  /** The address the gateway binds (a wildcard stays a wildcard): what a listener conflicts with. */
  bindHost: string;
  port: number;
  /** Where GET /health goes. */
  health: URL;
  /** Where the port came from, for the reason. */
  from: string;
}

/**
 * The port under examination: the gateway URL's when it is on this machine (loopback), since that is
 * what clients reach; else the configured LISTEN_ADDR, where `proxilion serve` here would bind.
 */
function portTarget(ctx: DoctorContext): PortTarget | CheckResult {
  const g = ctx.gateway;
  const host = unbracket(g.hostname);
  if (isLoopbackHost(host)) {
    const port = Number(g.port || (g.protocol === 'https:' ? 443 : 80));
    return { bindHost: host, port, health: new URL(`${g.pathname.replace(/\/+$/, '')}/health`, g.origin), from: `gateway ${g.origin}` };
  }
  const listen = setting(ctx, 'listen');
  if ('problem' in listen) return { status: 'skip', reason: `the gateway ${g.origin} is not on this machine and LISTEN_ADDR is invalid (see deployment.config)` };
  const { host: bindHost, port } = listen.value;
  if (port === 0) return { status: 'pass', reason: `LISTEN_ADDR ${hostPort(bindHost, port)}: port 0, the daemon takes any free port when it starts` };
  const probeHost = bindHost === '0.0.0.0' ? '127.0.0.1' : bindHost === '::' ? '::1' : bindHost;
  return { bindHost, port, health: new URL(`http://${hostPort(probeHost, port)}/health`), from: `LISTEN_ADDR ${hostPort(bindHost, port)}` };
}

interface Listener {
  /** 16 bytes; IPv4 as ::ffff:a.b.c.d, so both tables compare alike. */
  addr: Buffer;
  shown: string;
  inode: string;
  uid: number;
}

const V4_MAPPED = Buffer.from('00000000000000000000ffff', 'hex');
const v4Bytes = (dotted: string): Buffer => Buffer.concat([V4_MAPPED, Buffer.from(dotted.split('.').map(Number))]);

function v6Bytes(text: string): Buffer | undefined {
  let s = text.split('%')[0]!;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const b = v4Bytes(v4[1]!).subarray(12);
    s = s.slice(0, -v4[1]!.length) + `${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  if (groups.length !== 8) return undefined;
  return Buffer.from(groups.map((x) => x.padStart(4, '0')).join(''), 'hex');
}

const ipBytes = (host: string): Buffer | undefined => (isIP(host) === 4 ? v4Bytes(host) : isIP(host) === 6 ? v6Bytes(host) : undefined);

function showIp(b: Buffer): string {
  if (b.subarray(0, 12).equals(V4_MAPPED)) return [...b.subarray(12)].join('.');
  const groups = Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

const isWildcard4 = (b: Buffer): boolean => b.equals(v4Bytes('0.0.0.0'));
const isWildcard6 = (b: Buffer): boolean => b.equals(Buffer.alloc(16));
const isV4 = (b: Buffer): boolean => b.subarray(0, 12).equals(V4_MAPPED);

/**
 * Whether binding `host` would collide with a socket listening on `l` (same port). Linux lets
 * `::` take IPv4 too unless the socket is v6only, which /proc does not show: assumed not.
 */
function conflicts(l: Listener, hosts: Buffer[]): boolean {
  return hosts.some((h) => {
    if (l.addr.equals(h) || isWildcard6(l.addr) || isWildcard6(h)) return true;
    if (isWildcard4(l.addr) || isWildcard4(h)) return isV4(l.addr) && isV4(h);
    return false;
  });
}

/** /proc/net/tcp{,6} keeps an address as 32-bit words in host (little-endian) order. */
function procAddress(hex: string): Buffer {
  if (hex.length === 8) return Buffer.concat([V4_MAPPED, Buffer.from(hex, 'hex').reverse()]);
  return Buffer.concat(Array.from({ length: 4 }, (_, i) => Buffer.from(hex.slice(i * 8, i * 8 + 8), 'hex').reverse()));
}

/** The LISTEN sockets on `port`, from the kernel's tables; undefined where there is no /proc (not Linux). */
function procListeners(port: number): Listener[] | undefined {
  const out: Listener[] = [];
  let readAny = false;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
      readAny = true;
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // fields: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      if (f.length < 10 || f[3] !== '0A') continue;
      const [hex, portHex] = f[1]!.split(':') as [string, string];
      if (parseInt(portHex, 16) !== port || f[9] === '0') continue;
      const addr = procAddress(hex);
      out.push({ addr, shown: showIp(addr), inode: f[9]!, uid: Number(f[7]) });
    }
  }
  return readAny ? out : undefined;
}

interface Owners {
  pids: number[];
  /** Processes whose open files this user may not list (another user's, or hidepid). */
  unreadable: number;
  /** The walk stopped at its time limit. */
  cut: boolean;
}

/**
 * The processes holding the sockets, the way lsof finds them: a process's /proc/PID/fd links read
 * `socket:[INODE]`. Synchronous reads, one process at a time with a yield between, under a deadline.
 */
async function socketOwners(inodes: ReadonlySet<string>, signal: AbortSignal): Promise<Owners> {
  const deadline = Date.now() + PID_SCAN_MS;
  const pids: number[] = [];
  let unreadable = 0;
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return { pids, unreadable, cut: false };
  }
  for (const entry of entries) {
    if (Date.now() > deadline || signal.aborted) return { pids: pids.sort((a, b) => a - b), unreadable, cut: true };
    const dir = `/proc/${entry}/fd`;
    let fds: string[];
    try {
      fds = readdirSync(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EACCES' || (e as NodeJS.ErrnoException).code === 'EPERM') unreadable++;
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`${dir}/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) {
        pids.push(Number(entry));
        break;
      }
    }
    await new Promise((r) => setImmediate(r));
  }
  return { pids: pids.sort((a, b) => a - b), unreadable, cut: false };
}

function execText(file: string, args: string[], signal: AbortSignal, timeout = 2000): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(file, args, { signal, timeout, encoding: 'utf8' }, (err, stdout) => done(err && !stdout ? undefined : stdout));
  });
}

/** The name /etc/passwd gives a uid, when it has one. */
function userName(uid: number): string | undefined {
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.split(':')[2] === String(uid))?.split(':')[0];
  } catch {
    return undefined;
  }
}

/** `lsof -t` prints the PIDs alone; missing lsof or no match gives none. */
async function lsofPids(port: number, signal: AbortSignal): Promise<number[]> {
  const out = await execText('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-t'], signal);
  return [...new Set((out ?? '').split(/\s+/).filter((s) => /^\d+$/.test(s)).map(Number))].sort((a, b) => a - b);
}

/** A process's command line, as `ps -o args` shows it (shortened). */
async function commandOf(pid: number, signal: AbortSignal): Promise<string | undefined> {
  let cmd: string | undefined;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    cmd = (await execText('ps', ['-o', 'args=', '-p', String(pid)], signal))?.trim();
  }
  if (!cmd) return undefined;
  return cmd.length > 160 ? `${cmd.slice(0, 157)}...` : cmd;
}

type Probe = { kind: 'refused' } | { kind: 'proxilion'; version: string; status: string } | { kind: 'other'; answer: string };

/** GET /health with a short deadline: whatever holds the port says what it is, or shows it is not proxilion. */
function probeHealth(url: URL, signal: AbortSignal): Promise<Probe> {
  return new Promise((done) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeout = AbortSignal.timeout(PROBE_MS);
    // agent false: no kept-alive socket holds the doctor process open afterwards
    const req = request(url, { method: 'GET', agent: false, headers: { accept: 'application/json' }, signal: AbortSignal.any([signal, timeout]), rejectUnauthorized: false }, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 65536) body += chunk;
      });
      res.on('error', () => done({ kind: 'other', answer: `HTTP ${res.statusCode}, then the connection broke` }));
      res.on('end', () => {
        try {
          const h = JSON.parse(body) as { status?: unknown; version?: unknown };
          if (res.statusCode === 200 && typeof h.version === 'string' && (h.status === 'healthy' || h.status === 'degraded')) return done({ kind: 'proxilion', version: h.version, status: h.status });
        } catch {
          // not JSON: not proxilion
        }
        const server = res.headers.server ? ` from "${res.headers.server}"` : '';
        done({ kind: 'other', answer: `HTTP ${res.statusCode}${server} to GET ${url.pathname}, not proxilion's health` });
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') return done({ kind: 'refused' });
      if (timeout.aborted) return done({ kind: 'other', answer: `no HTTP answer to GET ${url.pathname} within ${PROBE_MS} ms` });
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return done({ kind: 'other', answer: 'it closed the connection without an HTTP answer' });
      if (e.code?.startsWith('HPE_')) return done({ kind: 'other', answer: 'it answers, but not in HTTP' });
      done({ kind: 'other', answer: `GET ${url.pathname} failed: ${e.code ?? e.message}` });
    });
    req.end();
  });
}

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createServer();
    s.once('error', () => done(false));
    s.listen({ host, port, exclusive: true }, () => s.close(() => done(true)));
  });
}

/** A free port close to the wanted one, for the "run it elsewhere" fix; a brief bind is the only sure test. */
async function freePortNear(host: string, port: number): Promise<number | undefined> {
  const bindHost = host === 'localhost' ? '127.0.0.1' : host;
  for (let p = port + 1; p <= Math.min(port + 20, 65535); p++) if (await canBind(bindHost, p)) return p;
  return undefined;
}

const port: Check = {
  id: 'deployment.port',
  group: 'deployment',
  title: "the gateway's port is free or held by proxilion",
  timeoutMs: 8000,
  async run(ctx) {
    const target = portTarget(ctx);
    if ('status' in target) return target;
    const { bindHost, port: p, from } = target;
    const hosts = bindHost === 'localhost' ? [v4Bytes('127.0.0.1'), v6Bytes('::1')!] : [ipBytes(bindHost)].filter((b): b is Buffer => !!b);
    const [listeners, probe] = await Promise.all([Promise.resolve(procListeners(p)), probeHealth(target.health, ctx.signal)]);
    // a host name other than localhost cannot be matched to the tables' addresses: any listener on the port counts
    const holding = listeners?.filter((l) => hosts.length === 0 || conflicts(l, hosts));
    const where = `port ${p} (${from})`;
    if (probe.kind === 'refused' && (holding === undefined || holding.length === 0)) {
      // free is what deployment needs; whether the daemon should be running is runtime.gateway's question
      return { status: 'pass', reason: `${where} is free (the gateway is not running: start it with proxilion serve)`, measured: { port: p, listening: false } };
    }

    let owners: Owners = { pids: [], unreadable: 0, cut: false };
    if (holding?.length) owners = await socketOwners(new Set(holding.map((l) => l.inode)), ctx.signal);
    if (owners.pids.length === 0) owners.pids = await lsofPids(p, ctx.signal);
    const pid = owners.pids[0];
    const command = pid !== undefined ? await commandOf(pid, ctx.signal) : undefined;
    const holder = pid !== undefined ? `pid ${pid}${command ? ` (${command})` : ''}` : undefined;
    const measured: Record<string, string | number | boolean | null> = { port: p, listening: true, pid: pid ?? null, command: command ?? null };
    if (owners.pids.length > 1) measured.pids = owners.pids.join(',');
    if (holding?.length) measured.address = [...new Set(holding.map((l) => l.shown))].join(',');

    if (probe.kind === 'proxilion') {
      measured.version = probe.version;
      const by = `held by proxilion ${probe.version}${holder ? `, ${holder}` : ''}`;
      if (probe.version !== VERSION) {
        return {
          status: 'warn',
          reason: `${where} is ${by}, but this proxilion is ${VERSION}: the daemon was not restarted after an upgrade`,
          symptom: 'fixes and rules of the installed version are not in effect; hooks and the daemon may disagree',
          measured,
          fix: [pid !== undefined ? `kill ${pid}` : `# stop the running daemon (lsof -nP -iTCP:${p} -sTCP:LISTEN shows its pid)`, 'proxilion serve'],
        };
      }
      return { status: 'pass', reason: `${where} is ${by}`, measured };
    }

    measured.answer = probe.kind === 'other' ? probe.answer : 'connection refused from here, though the port is in LISTEN';
    const free = await freePortNear(bindHost, p);
    const elsewhere = `LISTEN_ADDR=${hostPort(bindHost, free ?? p + 1)} proxilion serve`;
    const unknownOwner = [
      holding?.length && owners.unreadable > 0
        ? `# the socket belongs to uid ${holding[0]!.uid}; ${owners.unreadable} processes of other users could not be looked at`
        : owners.cut
          ? `# the search for the socket's process stopped after ${PID_SCAN_MS} ms`
          : '# the process holding it could not be found',
      `sudo lsof -nP -iTCP:${p} -sTCP:LISTEN`,
      'sudo kill <pid from lsof>',
    ];
    const hung = command !== undefined && /proxilion/.test(command) && /\bserve\b/.test(command);
    if (hung) {
      return {
        status: 'fail',
        reason: `${where} is held by a proxilion daemon, ${holder}, that does not answer as one: ${measured.answer}`,
        symptom: 'hooks and clients time out or fall back to their fail mode; a new proxilion serve cannot bind the port',
        measured,
        fix: [`kill ${pid}`, `# if it is still there after a few seconds: kill -9 ${pid}`, 'proxilion serve'],
      };
    }
    const owner = holding?.[0] && pid === undefined ? ` of uid ${holding[0].uid}${userName(holding[0].uid) ? ` (${userName(holding[0].uid)})` : ''}, whose processes ${whoAmI().name} cannot look into` : '';
    return {
      status: 'fail',
      reason: `${where} is held by another program${holder ? `: ${holder}` : owner}; ${measured.answer}`,
      symptom: 'proxilion serve exits at start with "address already in use", or clients reach that program instead of the gateway',
      measured,
      fix: [
        ...(pid !== undefined ? [`ps -o pid,user,args -p ${pid}`, `kill ${pid}`] : unknownOwner),
        `# or run proxilion on a free port${free === undefined ? '' : ` (${free} is free)`}, and point clients at it:`,
        elsewhere,
      ],
    };
  },
};

// ---------------------------------------------------------------------------------------------
// deployment.sqlite

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

const sqlite: Check = {
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
    const symptomRo = 'calls are answered with session_store_unavailable: true and nothing is recorded; the daemon logs SQLITE_READONLY "attempt to write a readonly database"';
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

// ---------------------------------------------------------------------------------------------
// deployment.redis

const REDIS_TIMEOUT_MS = 2000;

interface RedisTarget {
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username: string;
  password: string;
  /** The URL with the password masked: all a report may show. */
  shown: string;
}

function redisTarget(url: string): RedisTarget {
  const u = new URL(url);
  const host = unbracket(u.hostname);
  const port = Number(u.port || 6379);
  const db = Number(u.pathname.replace(/^\//, '') || 0);
  const username = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  const auth = username || password ? `${username}${password ? ':***' : ''}@` : '';
  return { host, port, db, tls: u.protocol === 'rediss:', username, password, shown: `${u.protocol}//${auth}${hostPort(host, port)}${db ? `/${db}` : ''}` };
}

/** What went wrong talking to Redis, most telling first: ioredis rejects with "Connection is closed." and emits the cause. */
function redisFailure(t: RedisTarget, e: Error & { code?: string }): CheckResult {
  const scrub = (s: string): string => (t.password ? s.split(t.password).join('***') : s);
  const message = scrub(e.message);
  const at = hostPort(t.host, t.port);
  const cli = `redis-cli ${t.tls ? '--tls ' : ''}-h ${t.host} -p ${t.port}`;
  const withPassword = `${t.tls ? 'rediss' : 'redis'}://${t.username}:<password>@${at}${t.db ? `/${t.db}` : ''}`;
  const measured = { redis_url: t.shown, error: message };
  const down = 'proxilion serve exits at start (or keeps reconnecting with REDIS_WAIT_AT_START), and calls meet STORE_FAIL_MODE';
  if (/NOAUTH/.test(message)) {
    return { status: 'fail', reason: `Redis at ${at} requires a password and REDIS_URL gives none`, symptom: down, measured, fix: [`REDIS_URL=${withPassword} proxilion serve`, `redis-cli -u '${withPassword}' ping`] };
  }
  if (/WRONGPASS|invalid password|invalid username-password/i.test(message)) {
    return {
      status: 'fail',
      reason: `Redis at ${at} rejects the ${t.username ? `user "${t.username}" or its ` : ''}password REDIS_URL gives`,
      symptom: down,
      measured,
      fix: [`grep -E '^(requirepass|user) ' /etc/redis/redis.conf`, `redis-cli -u '${withPassword}' ping`, `REDIS_URL=${withPassword} proxilion serve`],
    };
  }
  if (/DB index is out of range|invalid DB index/i.test(message)) {
    const auth = t.username || t.password ? `${t.username}${t.password ? ':<password>' : ''}@` : '';
    return {
      status: 'fail',
      reason: `Redis at ${at} has no database ${t.db}`,
      symptom: down,
      measured,
      fix: [`${cli}${t.password ? ' -a <password>' : ''} CONFIG GET databases`, `REDIS_URL=${t.tls ? 'rediss' : 'redis'}://${auth}${at}/0   # a number below "databases" (16 by default)`],
    };
  }
  if (/certificate|CERT_|SSL|TLS|self.signed/i.test(message) || /CERT|SSL|TLS/.test(e.code ?? '')) {
    return { status: 'fail', reason: `the TLS handshake with ${at} failed: ${message}`, symptom: down, measured, fix: ['NODE_EXTRA_CA_CERTS=/path/to/ca.pem proxilion serve   # the CA that signed the server certificate', `redis-cli --tls --cacert /path/to/ca.pem -h ${t.host} -p ${t.port} ping`] };
  }
  if (e.code === 'ECONNREFUSED') {
    return { status: 'fail', reason: `nothing accepts connections at ${at} (ECONNREFUSED): Redis is down or REDIS_URL names the wrong port`, symptom: down, measured, fix: [`${cli} ping`, 'sudo systemctl start redis-server', `# or correct REDIS_URL (now ${t.shown})`] };
  }
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    return { status: 'fail', reason: `the Redis host ${t.host} does not resolve (${e.code})`, symptom: down, measured, fix: [`getent hosts ${t.host}`, `# correct REDIS_URL (now ${t.shown})`] };
  }
  if (e.code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) {
    return {
      status: 'fail',
      reason: `no answer from ${at} within ${REDIS_TIMEOUT_MS} ms${t.tls ? ' (rediss://: if the server does not speak TLS, use redis://)' : ''}`,
      symptom: down,
      measured,
      fix: [`${cli} ping`, `nc -vz ${t.host} ${t.port}   # a firewall or a wrong host drops the connection`],
    };
  }
  if (/RESP|Protocol error/i.test(message)) {
    return { status: 'fail', reason: `something other than Redis answers at ${at}${t.tls ? '' : ' (or it expects TLS: use rediss://)'}`, symptom: down, measured, fix: [`${cli} ping`, `# correct REDIS_URL (now ${t.shown})`] };
  }
  return { status: 'fail', reason: `Redis at ${at} cannot be used: ${message}`, symptom: down, measured, fix: [`${cli} ping`] };
}

const redis: Check = {
  id: 'deployment.redis',
  group: 'deployment',
  title: 'Redis is reachable and authenticated',
  timeoutMs: REDIS_TIMEOUT_MS * 2 + 1000,
  async run(ctx) {
    const store = setting(ctx, 'sessionStore');
    if ('problem' in store) return { status: 'skip', reason: 'SESSION_STORE is invalid (see deployment.config)' };
    if (store.value !== 'redis') return { status: 'skip', reason: `SESSION_STORE=${store.value}: Redis is not used` };
    const url = setting(ctx, 'redisUrl');
    if ('problem' in url) return { status: 'skip', reason: 'REDIS_URL is invalid (see deployment.config)' };
    if (!url.value) return { status: 'skip', reason: 'SESSION_STORE=redis but REDIS_URL is not set (see deployment.config)' };
    const t = redisTarget(url.value);

    // loaded here: only a Redis deployment pays for ioredis
    const { Redis } = await import('ioredis');
    const client = new Redis(url.value, {
      lazyConnect: true,
      connectTimeout: REDIS_TIMEOUT_MS,
      commandTimeout: REDIS_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      // one attempt: doctor reports the failure, it does not wait it out
      retryStrategy: () => null,
      reconnectOnError: () => false,
    });
    const errors: Array<Error & { code?: string }> = [];
    client.on('error', (e: Error) => errors.push(e));
    const stop = () => client.disconnect();
    ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      const started = performance.now();
      await client.connect();
      // ioredis selects the database quietly on connect; selecting it again makes a bad number an error
      if (t.db) await client.select(t.db);
      const pong = await client.ping();
      const pingMs = Math.round((performance.now() - started) * 10) / 10;
      let version: string | null = null;
      try {
        version = /redis_version:(\S+)/.exec(await client.info('server'))?.[1] ?? null;
      } catch {
        // INFO may be renamed away; the version is a nicety
      }
      return { status: 'pass', reason: `${t.shown} answers ${pong}${t.password ? ' with the password given' : ''}${version ? `, Redis ${version}` : ''}`, measured: { redis_url: t.shown, connect_and_ping_ms: pingMs, redis_version: version } };
    } catch (e) {
      return redisFailure(t, errors.find((x) => !/Connection is closed/.test(x.message)) ?? (e as Error));
    } finally {
      ctx.signal.removeEventListener('abort', stop);
      client.disconnect();
    }
  },
};

export const DEPLOYMENT_CHECKS: Check[] = [config, port, sqlite, redis];
