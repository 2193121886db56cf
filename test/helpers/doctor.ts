import { spawn } from 'node:child_process';
import type { CheckReport } from '../../src/doctor/types.js';
import { BIN } from './cli.js';

export interface DoctorRun {
  code: number | null;
  /** The report's checks by id. */
  checks: Record<string, CheckReport>;
  stderr: string;
}

/** Runs the real `proxilion doctor --json …`, asynchronously so the daemons of the test process keep being served. */
export function runDoctorJson(args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<DoctorRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'doctor', '--json', ...args], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const report = JSON.parse(stdout) as { checks: CheckReport[] };
        resolve({ code, checks: Object.fromEntries(report.checks.map((c) => [c.id, c])), stderr });
      } catch {
        reject(new Error(`doctor printed no JSON report (exit ${code}); stdout:\n${stdout}\nstderr:\n${stderr}`));
      }
    });
  });
}
