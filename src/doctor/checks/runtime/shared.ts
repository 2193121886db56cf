import { ProxilionError } from '../../../client/error.js';
import type { CheckResult, DoctorContext } from '../../types.js';
import { shellQuote } from '../../../engine/toolcall.js';
import { isLoopbackHost } from '../../net.js';

export const MIB = 1024 * 1024;

export const PROBE_COMMAND = 'git status';

export type Measured = NonNullable<CheckResult['measured']>;

export const skip = (reason: string): CheckResult => ({ status: 'skip', reason });
export const round1 = (n: number): number => Math.round(n * 10) / 10;
export const mib = (bytes: number): number => round1(bytes / MIB);
export const percent = (ratio: number): number => Math.round(ratio * 100);

/** Nearest-rank quantile of sorted samples: a value that was actually measured. */
export const quantile = (sorted: readonly number[], q: number): number => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;


export const portOf = (gw: URL): string => gw.port || (gw.protocol === 'https:' ? '443' : '80');

/** `host:port` of the gateway URL, as `proxilion serve --listen` takes it. */
export const listenAddress = (gw: URL): string => `${gw.hostname}:${portOf(gw)}`;


/** A command that prints the gateway's PID on this machine, when it runs here. */
export function pidCommand(ctx: DoctorContext): string | undefined {
  if (ctx.socket) return `lsof -t ${shellQuote(ctx.socket)}`;
  if (!isLoopbackHost(ctx.gateway.hostname)) return undefined;
  return `lsof -t -iTCP:${portOf(ctx.gateway)} -sTCP:LISTEN`;
}

/** How to start the gateway where doctor looked for it. */
export const serveCommand = (ctx: DoctorContext, env = ''): string =>
  `${env ? `${env} ` : ''}proxilion serve ${ctx.socket ? `--socket ${shellQuote(ctx.socket)}` : `--listen ${listenAddress(ctx.gateway)}`}`;

/** Restarting frees what the process holds; SIGTERM drains calls in flight first. */
export function restartLines(ctx: DoctorContext, env = ''): string[] {
  const pid = pidCommand(ctx);
  if (!pid) return [`# on ${ctx.gateway.hostname}: restart proxilion serve the way it was started (systemd, docker…)${env ? `, with ${env}` : ''}`];
  return [`kill -TERM $(${pid})   # answers the calls in flight, then exits`, `${serveCommand(ctx, env)}   # or restart it the way it was started (systemd, docker…)`];
}

/** curl's arguments for a path of the gateway, over its socket when doctor uses one. */
export const curlTarget = (ctx: DoctorContext, path: string): string =>
  ctx.socket ? `--unix-socket ${shellQuote(ctx.socket)} http://localhost${path}` : `${ctx.gateway.origin}${ctx.gateway.pathname.replace(/\/+$/, '')}${path}`;
export const metricsUrl = (ctx: DoctorContext): string => curlTarget(ctx, '/metrics');

/** A Prometheus sample without labels; undefined when the exposition does not have it. */
export function metricValue(text: string, ...names: string[]): number | undefined {
  for (const name of names) {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([^ \\n]+)`, 'm').exec(text);
    if (m) return Number(m[1]);
  }
  return undefined;
}

export const isTransport = (e: unknown): e is ProxilionError => e instanceof ProxilionError && (e.code === 'E_UNREACHABLE' || e.code === 'E_TIMEOUT');

/** The skip of every check that needs the gateway, when it does not answer: runtime.gateway reports that. */
export const gatewayDown = (ctx: DoctorContext, e: unknown): CheckResult => skip(`the gateway at ${ctx.client.target} does not answer (${(e as ProxilionError).code}); runtime.gateway says why`);

