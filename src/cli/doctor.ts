import { Chalk } from 'chalk';
import { CHECKS } from '../doctor/checks/index.js';
import { doctorContext } from '../doctor/context.js';
import { runChecks, selectChecks } from '../doctor/run.js';
import { doctorJson, doctorText } from '../report/doctor.js';

export interface DoctorOptions {
  gateway?: string;
  json?: boolean;
  only?: string;
}

/** Exit codes of doctor, as the troubleshooting guide's scripts expect them. */
export const DOCTOR_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** `proxilion doctor`: runs the checks at once; exit 0 with no fail, 1 with any, 2 for a usage error. */
export async function runDoctor(opts: DoctorOptions): Promise<number> {
  const selected = selectChecks(CHECKS, opts.only);
  if ('unknown' in selected) {
    process.stderr.write(`proxilion: --only ${selected.unknown.join(', ')}: no such check or group; groups: ${[...new Set(CHECKS.map((c) => c.group))].join(', ')}; checks: ${CHECKS.map((c) => c.id).join(', ')}\n`);
    return DOCTOR_EXIT.usage;
  }
  if (opts.gateway !== undefined && !isHttpUrl(opts.gateway)) {
    process.stderr.write(`proxilion: --gateway ${opts.gateway}: give the gateway's URL, e.g. http://127.0.0.1:8787\n`);
    return DOCTOR_EXIT.usage;
  }
  const ctx = doctorContext(opts);
  try {
    const reports = await runChecks(selected.checks, ctx);
    if (opts.json) process.stdout.write(JSON.stringify(doctorJson(reports, ctx.gateway.href), null, 2) + '\n');
    else process.stdout.write(doctorText(reports, ctx.gateway.href, new Chalk({ level: process.stdout.isTTY && !process.env.NO_COLOR ? 1 : 0 })));
    return reports.some((r) => r.status === 'fail') ? DOCTOR_EXIT.failed : DOCTOR_EXIT.ok;
  } finally {
    await ctx.client.close();
  }
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
