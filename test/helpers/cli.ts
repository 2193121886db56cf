import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'proxilion');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real launcher, as a user would, with colors off unless asked for. */
export function run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', MODE: '', ALERT_THRESHOLD: '', BLOCK_THRESHOLD: '', TERMINATE_THRESHOLD: '', ...opts.env },
    timeout: 30000,
    // `rules --json` prints every rule with its examples, past spawnSync's 1 MiB default
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
