import type { ChalkInstance } from 'chalk';
import { VERSION } from '../version.js';
import { CHECK_STATUSES, GROUPS, type CheckReport, type CheckStatus, type Group } from '../doctor/types.js';

export type DoctorSummary = Record<CheckStatus, number>;

export function summarize(reports: readonly CheckReport[]): DoctorSummary {
  const s = Object.fromEntries(CHECK_STATUSES.map((k) => [k, 0])) as DoctorSummary;
  for (const r of reports) s[r.status]++;
  return s;
}

/** The JSON report (`doctor --json`, and the diagnostic bundle's doctor.json). */
export function doctorJson(reports: readonly CheckReport[], gateway: string, now: Date = new Date()): object {
  return { version: VERSION, gateway, generated_at: now.toISOString(), summary: summarize(reports), checks: reports };
}

const MARK: Record<CheckStatus, string> = { pass: '✔', warn: '!', fail: '✖', skip: '-' };

export const paintStatus = (c: ChalkInstance, s: CheckStatus, text: string): string =>
  s === 'pass' ? c.green(text) : s === 'warn' ? c.yellow(text) : s === 'fail' ? c.red(text) : c.dim(text);

/** The start of a check's line, after its mark: the same for a finished check and one the live checklist still waits on. */
const head = (mark: string, check: { id: string; title: string }, c: ChalkInstance): string => `  ${mark} ${check.title} ${c.dim(`(${check.id})`)}`;

/** A check the live checklist still waits on: its spinner frame (or any mark) in place of the status. */
export function pendingLine(check: { id: string; title: string }, mark: string, c: ChalkInstance): string {
  return head(c.cyan(mark), check, c);
}

/** The report's first line: which proxilion looked at which gateway. */
export const doctorHeader = (gateway: string): string => `proxilion doctor ${VERSION}: gateway ${gateway}`;

/** One check as the text report and the live checklist show it: the line, then for warn/fail what, measured and fix. */
export function checkLines(r: CheckReport, c: ChalkInstance): string[] {
  const lines = [`${head(paintStatus(c, r.status, MARK[r.status]), r, c)}: ${r.reason}`];
  if (r.status !== 'warn' && r.status !== 'fail') return lines;
  if (r.symptom) lines.push(`      symptom:  ${r.symptom}`);
  const measured = Object.entries(r.measured ?? {});
  if (measured.length) lines.push(`      measured: ${measured.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (r.fix?.length) lines.push('      fix:', ...r.fix.map((f) => `        ${f}`));
  return lines;
}

/** A group's heading and its checks' lines, as both the text report and the live checklist print a finished group. */
export function groupLines(group: Group, reports: readonly CheckReport[], c: ChalkInstance): string[] {
  return [c.bold(group), ...reports.flatMap((r) => checkLines(r, c))];
}

export function summaryLine(s: DoctorSummary, c: ChalkInstance): string {
  return `${paintStatus(c, 'pass', `${s.pass} passed`)}, ${paintStatus(c, 'warn', `${s.warn} warnings`)}, ${paintStatus(c, 'fail', `${s.fail} failed`)}, ${s.skip} skipped`;
}

/** The plain-text report, grouped in the guide's order. */
export function doctorText(reports: readonly CheckReport[], gateway: string, c: ChalkInstance): string {
  const out = [doctorHeader(gateway)];
  for (const g of GROUPS) {
    const mine = reports.filter((r) => r.group === g);
    if (mine.length === 0) continue;
    out.push('', ...groupLines(g, mine, c));
  }
  out.push('', summaryLine(summarize(reports), c));
  return out.join('\n') + '\n';
}
