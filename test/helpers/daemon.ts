import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './cli.js';

export interface Daemon {
  proc: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  dir: string;
  db: string;
  /** Every JSON log line so far. */
  logs: Array<Record<string, unknown>>;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
  post(body: unknown, init?: { headers?: Record<string, string>; path?: string }): Promise<{ status: number; json: any }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  /** Waits for a log line whose msg matches. */
  waitLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

/** Environment variables a developer's shell might set that would change the daemon under test. */
const CLEAN_ENV: Record<string, string> = {
  MODE: '', ALERT_THRESHOLD: '', BLOCK_THRESHOLD: '', TERMINATE_THRESHOLD: '', LISTEN_ADDR: '', SESSION_STORE: '', SESSION_DB: '', POLICY_FILE: '',
  PROXILION_API_KEY: '', LOG_LEVEL: '', RUST_LOG: '', LOG_ALL_REQUESTS: '', ALERT_WEBHOOK_URL: '', CORS_ORIGINS: '', NO_COLOR: '1',
  REDIS_URL: '', REDIS_WAIT_AT_START: '', STORE_FAIL_MODE: '', SESSION_TTL_HOURS: '', PROXILION_SOCKET: '',
  ENABLE_SEMANTIC_ANALYSIS: '', ANTHROPIC_API_KEY: '', ANTHROPIC_BASE_URL: '', SEMANTIC_PROVIDER: '', SEMANTIC_MODEL: '', SEMANTIC_BASE_URL: '', SEMANTIC_API_KEY: '', OPENAI_API_KEY: '',
};

/**
 * Starts the real `proxilion serve` on a free loopback port with a fresh SQLite file, unless `db` names one.
 * `nodeArgs` go to node before the launcher, e.g. `--import <preload>` to inject a test hook into the daemon.
 */
export async function startDaemon(opts: { args?: string[]; env?: Record<string, string>; db?: string; dir?: string; nodeArgs?: string[] } = {}): Promise<Daemon> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'px-daemon-'));
  const db = opts.db ?? join(dir, 'sessions.db');
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, 'serve', '--port', '0', '--session-db', db, ...(opts.args ?? [])], {
    env: { ...process.env, ...CLEAN_ENV, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const waiters: Array<{ msg: string; resolve: (l: Record<string, unknown>) => void }> = [];
  let buf = '';
  let stderrText = '';
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderrText += chunk;
    buf += chunk;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let obj: Record<string, unknown>;
      try {
        obj = JSON.parse(line);
      } catch {
        continue;
      }
      logs.push(obj);
      for (const w of waiters.splice(0)) if (obj.msg === w.msg) w.resolve(obj);
      else waiters.push(w);
    }
  });
  proc.stdout!.resume();
  const exited = new Promise<number | string>((r) => proc.once('exit', (code, sig) => r(code ?? sig ?? -1)));
  const waitLog = (msg: string, timeoutMs = 20_000) => {
    const seen = logs.find((l) => l.msg === msg);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no "${msg}" log within ${timeoutMs} ms; stderr:\n${stderrText}`)), timeoutMs);
      waiters.push({ msg, resolve: (l) => (clearTimeout(t), resolve(l)) });
      void exited.then((code) => reject(new Error(`daemon exited (${code}) before logging "${msg}"; stderr:\n${stderrText}`)));
    });
  };
  const ready = await waitLog('proxilion gateway listening');
  const port = ready.port as number;
  const url = `http://127.0.0.1:${port}`;
  return {
    proc, url, port, dir, db, logs, exited, waitLog,
    stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
    async post(body, init = {}) {
      const res = await fetch(url + (init.path ?? '/analyze'), { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
    async get(path, headers = {}) {
      const res = await fetch(url + path, { headers });
      const text = await res.text();
      let json: any;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, json, text, headers: res.headers };
    },
  };
}

/** The seeds' request body, with overrides. */
export const bash = (command: string, extra: Record<string, unknown> = {}) => ({ tool_call: { Bash: { command } }, user_id: 'test', session_id: 'test', ...extra });
