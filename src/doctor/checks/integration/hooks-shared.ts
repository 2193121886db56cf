import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ProxilionClient } from '../../../client/client.js';
import { readSettings } from '../../../config/resolve.js';
import type { Mode } from '../../../engine/policy.js';
import { failureAction } from '../../../integrations/hook-action.js';
import type { DoctorContext } from '../../types.js';

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The process could not be started at all. */
  error?: string;
}

const PROCESS_TIMEOUT_MS = 10_000;
const MAX_OUTPUT = 256 * 1024;

/**
 * Runs one program with input on stdin, as an agent or a shell runs a hook. It gets its own process
 * group, so a timeout or an aborted check also ends what `sh -c` started.
 */
export function runProcess(file: string, args: readonly string[], opts: { input?: string; cwd: string; env: NodeJS.ProcessEnv; signal: AbortSignal; timeoutMs?: number }): Promise<Ran> {
  return new Promise((resolveRan) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs ?? PROCESS_TIMEOUT_MS);
    const onAbort = () => {
      timedOut = true;
      kill();
    };
    opts.signal.addEventListener('abort', onAbort, { once: true });
    const done = (r: Omit<Ran, 'stdout' | 'stderr' | 'timedOut'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      resolveRan({ ...r, stdout, stderr, timedOut });
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => void (stdout.length < MAX_OUTPUT && (stdout += d)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr.length < MAX_OUTPUT && (stderr += d)));
    // a hook that exits without reading its input is the hook's business, not an error here
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => done({ code: null, signal: null, error: e.message }));
    child.on('close', (code, signal) => done({ code, signal }));
    child.stdin.end(opts.input ?? '');
  });
}

/** How a run ended, in a few words, with the line of its stderr that says why. */
export function ended(r: Ran): string {
  const how = r.error ? `could not start: ${r.error}` : r.timedOut ? `did not finish within ${PROCESS_TIMEOUT_MS} ms` : r.signal ? `was killed by ${r.signal}` : `exited ${r.code}`;
  const said = telling(r.stderr);
  return said ? `${how}: ${said}` : how;
}

/**
 * The line of stderr that says what went wrong: Node's "Error: Cannot find module …" comes after a
 * stack frame and a caret, so the first line alone would say nothing.
 */
function telling(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /\b(error|not found|no such file|cannot|permission denied)\b/i.test(l)) ?? lines[0] ?? '';
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

/** The start of the reason a hook gives when it could not reach a verdict and let the call run anyway. */
const UNCHECKED = uncheckedPrefix();

function uncheckedPrefix(): string {
  const a = failureAction('\0', 'open');
  return a.kind === 'pass' ? '\0' : a.reason.split('\0')[0]!;
}

export const unchecked = (r: Ran): boolean => r.stdout.includes(UNCHECKED) || r.stderr.includes(UNCHECKED);

/** Who decides for a hook run now: the daemon its environment points at (and that daemon's mode), or the hook itself. */
export interface Decider {
  via: 'daemon' | 'in-process';
  mode?: Mode;
  client?: ProxilionClient;
}

export async function hookDecider(ctx: DoctorContext): Promise<Decider> {
  const { values, problems } = readSettings(['socket', 'listen', 'apiKey'], ctx.env);
  if (problems.length === 0 && values.listen) {
    const host = values.listen.host === '0.0.0.0' ? '127.0.0.1' : values.listen.host === '::' ? '::1' : values.listen.host;
    const client = new ProxilionClient({ url: `http://${host.includes(':') ? `[${host}]` : host}:${values.listen.port}`, socketPath: values.socket, apiKey: values.apiKey, timeoutMs: 1000 });
    try {
      return { via: 'daemon', mode: (await client.health()).mode, client };
    } catch {
      await client.close();
    }
  }
  return { via: 'in-process', mode: ctx.config.value?.mode };
}

/**
 * Forgets the probes' sessions where the hooks recorded them: through the daemon, or in the SQLite
 * file an in-process hook wrote. Best effort: a leftover probe session only expires later.
 */
export async function forgetProbes(ctx: DoctorContext, decider: Decider, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (decider.client) {
    await Promise.allSettled(ids.map((id) => decider.client!.resetSession(id)));
    return;
  }
  const config = ctx.config.value;
  if (config?.sessionStore !== 'sqlite' || !existsSync(config.sessionDb)) return;
  try {
    const { openConfiguredStore } = await import('../../../cli/store.js');
    const store = await openConfiguredStore(config, 'write');
    try {
      await Promise.allSettled(ids.map((id) => store.reset(id)));
    } finally {
      await store.close();
    }
  } catch {
    // a store doctor cannot open is reported by the deployment checks
  }
}

export const enforces = (mode: Mode | undefined): boolean => mode === 'block' || mode === 'terminate';
export const decidedBy = (d: Decider): string => (d.via === 'daemon' ? `the daemon (MODE=${d.mode})` : `the hook itself, no daemon answering (MODE=${d.mode ?? 'unknown: the configuration does not load'})`);
export const AUDIT_NOTE = 'the probes ran in throwaway proxilion-doctor-… sessions, reset afterwards; the audit log keeps their events';

export const firstLine = (s: string): string => s.trim().split('\n')[0] ?? '';
