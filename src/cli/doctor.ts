import { Chalk } from 'chalk';
import { CHECKS } from '../doctor/checks/index.js';
import { doctorContext, gatewayLabel } from '../doctor/context.js';
import { runChecks, selectChecks } from '../doctor/run.js';
import { doctorHeader, doctorJson, doctorText } from '../report/doctor.js';
import type { LiveChecklist } from '../ui/doctor-live.js';

export interface DoctorOptions {
  gateway?: string;
  json?: boolean;
  only?: string;
}

/** Exit codes of doctor, as the troubleshooting guide's scripts expect them. */
export const DOCTOR_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * `proxilion doctor`: runs the checks at once; exit 0 with no fail, 1 with any, 2 for a usage error.
 * On a terminal (and without --json) the report is a checklist that fills in as checks finish.
 */
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
  const gateway = gatewayLabel(ctx);
  const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
  // results go to stdout, so the checklist draws there: it is the report, not progress beside it
  const live = !opts.json && process.stdout.isTTY ? await import('../ui/doctor-live.js').then((m) => m.startChecklist(process.stdout, { header: doctorHeader(gateway), checks: selected.checks, color })) : undefined;
  try {
    const reports = await runChecks(selected.checks, ctx, live?.report);
    if (opts.json) process.stdout.write(JSON.stringify(doctorJson(reports, gateway), null, 2) + '\n');
    else if (!live || !(await drawn(live))) process.stdout.write(doctorText(reports, gateway, new Chalk({ level: color ? 1 : 0 })));
    return reports.some((r) => r.status === 'fail') ? DOCTOR_EXIT.failed : DOCTOR_EXIT.ok;
  } finally {
    await ctx.client.close();
  }
}

/** Whether the live checklist is on screen; when ink could not load, the caller prints the text report instead. */
async function drawn(live: LiveChecklist): Promise<boolean> {
  try {
    await live.finish();
    return true;
  } catch (e) {
    process.stderr.write(`proxilion: the live checklist could not be drawn (${(e as Error)?.message ?? String(e)}); the report follows as text\n`);
    return false;
  }
}

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
