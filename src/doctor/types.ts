import type { Config } from '../config.js';
import type { ProxilionClient } from '../client/client.js';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';
export const CHECK_STATUSES: readonly CheckStatus[] = ['pass', 'warn', 'fail', 'skip'];

/** The troubleshooting guide's sections, in the order a person works through them. */
export const GROUPS = ['deployment', 'runtime', 'detection', 'integration'] as const;
export type Group = (typeof GROUPS)[number];

/** What one check found. A warn or fail says what is wrong, what was measured, and the fix. */
export interface CheckResult {
  status: CheckStatus;
  /** Why this status, in one sentence (for a skip: what it would need). */
  reason: string;
  /** The symptom a person would see (warn and fail). */
  symptom?: string;
  /** What was measured, by name: `{ p95_ms: 12.4, port: 8787, pid: 4242 }`. */
  measured?: Record<string, string | number | boolean | null>;
  /** The guide's fix as commands to run, with the real values filled in. */
  fix?: string[];
}

export interface Check {
  /** `group.name`, e.g. `deployment.port`: what `--only` selects and the JSON report names. */
  id: string;
  group: Group;
  title: string;
  /** The longest the check may take; past it the check fails with "timed out". Default 5 s. */
  timeoutMs?: number;
  run(ctx: DoctorContext): Promise<CheckResult>;
}

/** Everything a check may look at. Nothing here throws: a configuration problem is data. */
export interface DoctorContext {
  /** The gateway under examination: --gateway, else LISTEN_ADDR (http://127.0.0.1:8787). */
  gateway: URL;
  /** The daemon's Unix socket when PROXILION_SOCKET names one. */
  socket?: string;
  /** The configuration as this environment gives it, or the problems that stop it loading. */
  config: { value: Config; problems?: undefined } | { value?: undefined; problems: readonly string[] };
  env: NodeJS.ProcessEnv;
  cwd: string;
  home: string;
  /** A client for the gateway at `gateway`, with the API key from the environment. */
  client: ProxilionClient;
  /** Aborted when the check's time is up: pass it to anything that can wait. */
  signal: AbortSignal;
}

/** One check's line of the report. */
export interface CheckReport extends CheckResult {
  id: string;
  group: Group;
  title: string;
  duration_ms: number;
}
