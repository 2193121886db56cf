import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer, isIP } from 'node:net';
import { VERSION } from '../../../version.js';
import type { Check, CheckResult, DoctorContext } from '../../types.js';
import { isLoopbackHost } from '../../net.js';
import { execText, hostPort, setting, unbracket, userName, whoAmI } from './shared.js';

/** How long the port's holder has to answer GET /health: a hung process must not stall doctor. */
const PROBE_MS = 1500;
/** Time spent walking /proc for the socket's owner; past it the PID is reported unknown. */
const PID_SCAN_MS = 1500;


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

export const port: Check = {
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

