import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import { configJson } from '../cli/config.js';
import { redacted } from '../config/docs.js';
import { SETTINGS, type Setting } from '../config/settings.js';
import { doctorJson, summarize, type DoctorSummary } from '../report/doctor.js';
import { VERSION } from '../version.js';
import { CHECKS } from './checks/index.js';
import { gatewayLabel } from './context.js';
import { runChecks } from './run.js';
import { storeStats } from './store-stats.js';
import type { DoctorContext } from './types.js';

/** Log lines the bundle carries at most, and the most it reads from the end of a log file to find them. */
export const LOG_LINES = 500;
const LOG_TAIL_BYTES = 1024 * 1024;
/** No file of the bundle is larger: a runaway /metrics or log cannot make it unbounded. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
const JOURNAL_TIMEOUT_MS = 5000;
const STORE_TIMEOUT_MS = 5000;
/** A secret shorter than this is not searched for in the text: it would match ordinary words and numbers. */
const MIN_SECRET = 4;
/** Variables outside proxilion's settings whose names say they hold a secret (GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY…). */
const SECRET_NAME = /(^|_)(API_?KEY|ACCESS_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH)(_|$)/i;
const MIN_OTHER_SECRET = 8;

export interface BundleFile {
  name: string;
  data: Buffer;
}

export interface Bundle {
  files: BundleFile[];
  gateway: { url: string; answered: boolean; status?: string; version?: string; error?: string };
  doctor: DoctorSummary;
  /** Where the log tail came from (a file, journalctl) or why there is none. */
  log: string;
  /** The variables whose values were redacted, by name (a URL's secret part is said as such). */
  redacted: string[];
}

const message = (e: unknown): string => (e as Error)?.message ?? String(e);

/** A value found in the environment that must not leave the machine, and what it is called. */
interface Secret {
  name: string;
  value: string;
  /** One of proxilion's own secret settings, which config.json always redacts. */
  setting: boolean;
}

/**
 * The secret values this environment holds: proxilion's secret settings (the API keys whole, the
 * password of REDIS_URL, the path and credentials of ALERT_WEBHOOK_URL, which for Slack-style hooks is
 * the secret), and any other variable named like a key, token, secret or password.
 */
export function environmentSecrets(env: NodeJS.ProcessEnv): Secret[] {
  const out: Secret[] = [];
  const add = (name: string, value: string | undefined, setting = true) => {
    if (!value || value.length < (setting ? MIN_SECRET : MIN_OTHER_SECRET)) return;
    out.push({ name, value, setting });
    // inside a JSON file a quote or backslash in the value is escaped, and the plain value no longer matches
    const escaped = JSON.stringify(value).slice(1, -1);
    if (escaped !== value) out.push({ name, value: escaped, setting });
  };
  const settingVars = new Set<string>();
  for (const s of Object.values(SETTINGS) as Setting<unknown>[]) {
    for (const e of s.env) {
      const name = typeof e === 'string' ? e : e.name;
      settingVars.add(name);
      const value = env[name];
      if (!s.secret || !value) continue;
      if (s.secret === 'value') add(name, value);
      else {
        let u: URL | undefined;
        try {
          u = new URL(value);
        } catch {
          // not a URL: the whole value is all there is to hide
          add(name, value);
          continue;
        }
        add(`${name} password`, u.password);
        add(`${name} password`, safeDecode(u.password));
        if (s.secret === 'url-path') {
          add(`${name} user`, u.username);
          const rest = `${u.pathname === '/' ? '' : u.pathname}${u.search}${u.hash}`;
          add(`${name} path`, rest);
          add(`${name} path`, safeDecode(rest));
        }
      }
    }
  }
  for (const [name, value] of Object.entries(env)) if (!settingVars.has(name) && SECRET_NAME.test(name)) add(name, value, false);
  // the longest first, so a value that contains another is replaced whole
  return out.sort((a, b) => b.value.length - a.value.length);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Every occurrence of a secret replaced by `<redacted>`; returns which secrets were found. */
export function scrub(text: string, secrets: readonly Secret[]): { text: string; found: string[] } {
  const found: string[] = [];
  for (const s of secrets) {
    if (!text.includes(s.value)) continue;
    text = text.split(s.value).join('<redacted>');
    found.push(s.name);
  }
  return { text, found };
}

/** Cuts text over MAX_FILE_BYTES, saying so at the end. */
function bounded(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= MAX_FILE_BYTES) return text;
  return `${bytes.subarray(0, MAX_FILE_BYTES).toString('utf8')}\n[cut: ${bytes.length} bytes, the bundle keeps the first ${MAX_FILE_BYTES}]\n`;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

/** The operating system, the machine and this process's limits: what a bug report always asks for. */
export function systemInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    os: { type: os.type(), platform: process.platform, release: os.release(), version: os.version(), arch: process.arch, machine: os.machine(), hostname: os.hostname() },
    cpus: { count: cpus.length, available_parallelism: os.availableParallelism(), model: cpus[0]?.model ?? null },
    memory: { total_bytes: os.totalmem(), free_bytes: os.freemem() },
    node: { version: process.version, v8: process.versions.v8, uv: process.versions.uv, openssl: process.versions.openssl },
    uptime_seconds: Math.round(os.uptime()),
    load_average: os.loadavg().map((n) => Math.round(n * 100) / 100),
    in_container: inContainer(),
    // of this process: the daemon started from the same shell or unit usually has the same
    process_limits: processLimits(),
  };
}

function inContainer(): boolean {
  if (existsSync('/.dockerenv') || existsSync('/run/.containerenv')) return true;
  try {
    return /docker|kubepods|containerd|lxc/.test(readFileSync('/proc/1/cgroup', 'utf8'));
  } catch {
    return false;
  }
}

/** /proc/self/limits as `{ "Max open files": { soft, hard, units } }`; null where there is no /proc. */
function processLimits(): Record<string, { soft: string; hard: string; units: string }> | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return null;
  }
  const out: Record<string, { soft: string; hard: string; units: string }> = {};
  for (const line of text.split('\n').slice(1)) {
    // columns are aligned: the name, then soft, hard and units separated by runs of spaces
    const m = /^(.+?)\s{2,}(\S+)\s+(\S+)\s*(\S*)\s*$/.exec(line);
    if (m) out[m[1]!] = { soft: m[2]!, hard: m[3]!, units: m[4]! };
  }
  return out;
}

/** The last LOG_LINES lines of a file, reading at most LOG_TAIL_BYTES from its end. */
export async function tailFile(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const start = Math.max(0, size - LOG_TAIL_BYTES);
    const buf = Buffer.alloc(size - start);
    const { bytesRead } = await file.read(buf, 0, buf.length, start);
    let lines = buf.subarray(0, bytesRead).toString('utf8').split('\n');
    // a read that starts mid-file starts mid-line
    if (start > 0) lines = lines.slice(1);
    if (lines[lines.length - 1] === '') lines.pop();
    return lines.slice(-LOG_LINES).join('\n') + '\n';
  } finally {
    await file.close();
  }
}

const NO_LOG = `# No daemon log in this bundle.
# proxilion serve writes its log as JSON lines to stderr; there is no log file unless you make one:
#   proxilion serve 2>> /var/log/proxilion.log
#   proxilion diagnose --log /var/log/proxilion.log
# Under systemd:  journalctl -u <unit> --no-pager -n ${LOG_LINES} > proxilion.log   (then --log proxilion.log)
# Under Docker:   docker logs --tail ${LOG_LINES} <container> > proxilion.log 2>&1
`;

/** The daemon's log tail: --log FILE, else the systemd journal of unit proxilion, else a note on how to get one. */
async function daemonLog(file: string | undefined): Promise<{ text: string; source: string }> {
  if (file !== undefined) {
    try {
      const text = await tailFile(file);
      return { text, source: `the last ${text.split('\n').length - 1} lines of ${file}` };
    } catch (e) {
      return { text: `# --log ${file} could not be read: ${message(e)}\n${NO_LOG}`, source: `no log: ${file} could not be read (${message(e)})` };
    }
  }
  const journal = await new Promise<{ out: string; error?: string }>((resolve) => {
    execFile('journalctl', ['-u', 'proxilion', '--no-pager', '-q', '-n', String(LOG_LINES), '-o', 'short-iso'], { timeout: JOURNAL_TIMEOUT_MS, maxBuffer: LOG_TAIL_BYTES * 2 }, (e, stdout) =>
      resolve({ out: stdout ?? '', error: e ? message(e) : undefined }),
    );
  });
  if (journal.out.trim()) return { text: journal.out, source: 'journalctl -u proxilion' };
  const why = journal.error?.includes('ENOENT') ? 'journalctl is not installed' : journal.error ? `journalctl failed: ${journal.error}` : 'the journal has no entries for unit proxilion';
  return { text: `# ${why}\n${NO_LOG}`, source: `no log: ${why}; pass --log FILE` };
}

/** config.json: what `proxilion config --json` shows, or the problems and the variables as set. */
function configFile(ctx: Omit<DoctorContext, 'signal'>): unknown {
  if (ctx.config.value) return configJson(ctx.config.value);
  const environment: Record<string, string> = {};
  for (const s of Object.values(SETTINGS) as Setting<unknown>[]) {
    for (const e of s.env) {
      const name = typeof e === 'string' ? e : e.name;
      const value = ctx.env[name];
      if (value) environment[name] = redacted(s, value);
    }
  }
  return { problems: ctx.config.problems, environment };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** A promise's value, or its error as text: one part failing is written into its file, never thrown. */
const settle = <T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> =>
  p.then((value) => ({ ok: true as const, value }), (e: unknown) => ({ ok: false as const, error: message(e) }));

/**
 * Collects the troubleshooting guide's diagnostic bundle: the snapshot (health, metrics, log, store) at
 * once, then the doctor checks. Every file is then searched for the environment's secret values, which
 * are replaced whatever part they came in through, and only then cut to its size bound, so that no cut
 * can leave half a secret.
 */
export async function collectBundle(ctx: Omit<DoctorContext, 'signal'>, opts: { logFile?: string; now?: Date } = {}): Promise<Bundle> {
  const now = opts.now ?? new Date();
  const [health, metrics, log, store] = await Promise.all([
    settle(ctx.client.health()),
    settle(ctx.client.metrics()),
    daemonLog(opts.logFile),
    ctx.config.value
      ? withTimeout(storeStats(ctx.config.value, now.getTime()), STORE_TIMEOUT_MS, 'reading the store').catch((e: unknown) => ({ kind: ctx.config.value!.sessionStore, error: message(e) }))
      : Promise.resolve({ error: 'the configuration is invalid (see config.json), so the store it names is unknown' }),
  ]);
  // after the snapshot, not beside it: the detection checks send probe calls, which would show up in
  // the metrics and the store's counts as if the gateway had seen them
  const reports = await runChecks(CHECKS, ctx);
  const gatewayUrl = gatewayLabel(ctx);
  const version = [
    `proxilion ${VERSION}`,
    `node ${process.version}`,
    `gateway ${gatewayUrl}: ${health.ok ? `proxilion ${health.value.version}, ${health.value.status}` : `did not answer (${health.error})`}`,
    `generated ${now.toISOString()}`,
  ].join('\n') + '\n';

  const raw: Array<[string, string]> = [
    ['version.txt', version],
    ['system.json', json(systemInfo())],
    ['daemon.log', log.text],
    ['metrics.txt', metrics.ok ? metrics.value : `# GET /metrics from ${gatewayUrl} failed: ${metrics.error}\n`],
    ['health.json', json(health.ok ? health.value : { error: health.error, gateway: gatewayUrl })],
    ['config.json', json(configFile(ctx))],
    ['store.json', json(store)],
    ['doctor.json', json(doctorJson(reports, gatewayUrl, now))],
  ];
  const secrets = environmentSecrets(ctx.env);
  // config.json holds the settings' secrets back by itself: name them whether or not a scrub found one
  const found = new Set(secrets.filter((s) => s.setting).map((s) => s.name));
  const files = raw.map(([name, text]) => {
    const clean = scrub(text, secrets);
    clean.found.forEach((f) => found.add(f));
    return { name, data: Buffer.from(bounded(clean.text), 'utf8') };
  });
  return {
    files,
    gateway: health.ok ? { url: gatewayUrl, answered: true, status: health.value.status, version: health.value.version } : { url: gatewayUrl, answered: false, error: health.error },
    doctor: summarize(reports),
    log: log.source,
    redacted: [...found].sort(),
  };
}
