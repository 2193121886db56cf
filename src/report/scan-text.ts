import type { ChalkInstance } from 'chalk';
import { DECISIONS } from '../engine/score.js';
import type { FlaggedCall, ScanReport, SessionSummary } from '../scan/model.js';
import { pad, padTail, paintDecision } from './text-table.js';

/** Rows a person can read; the json, sarif and junit formats carry everything. */
const MAX_SESSION_ROWS = 100;
const MAX_TOP_FINDINGS = 20;
const MAX_WARNING_ROWS = 20;

const n = (x: number): string => x.toLocaleString('en-US');
const rank = (d: string): number => DECISIONS.indexOf(d as (typeof DECISIONS)[number]);
/** Long text cut in the middle of nowhere is unreadable: keep the start, say how much was left out. */
const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** The one-line summary: what was read, what was flagged, what was skipped. */
export function scanHeadline(r: ScanReport): string {
  const s = r.stats;
  const byDecision = DECISIONS.slice(1).reverse().map((d) => [d, r.findings.filter((f) => f.decision === d).length] as const).filter(([, k]) => k > 0);
  const flagged = s.flagged === 0 ? 'nothing flagged' : `${n(s.flagged)} flagged (${byDecision.map(([d, k]) => `${k} ${d}`).join(', ')})`;
  const skipped = [s.skipped ? `${n(s.skipped)} lines or entries skipped` : '', s.skipped_files ? `${n(s.skipped_files)} files skipped` : ''].filter(Boolean).join(', ');
  return `proxilion scan: ${n(s.files)} files, ${n(s.lines)} lines, ${n(s.calls)} calls in ${n(s.sessions)} sessions, ${(s.duration_ms / 1000).toFixed(1)} s: ${flagged}${skipped ? `; ${skipped}` : ''}`;
}

function sessionTable(r: ScanReport, c: ChalkInstance): string[] {
  if (r.sessions.length === 0) return ['no tool calls found'];
  const sorted = [...r.sessions].sort((a, b) => b.max_score - a.max_score || a.first.file.localeCompare(b.first.file) || a.first.line - b.first.line);
  const row = (s: SessionSummary) => {
    const decision = paintDecision(c, s.decision, pad(s.terminated ? `${s.decision}*` : s.decision, 10));
    return `${padTail(s.session_id, 36)} ${padTail(`${s.first.file}:${s.first.line}`, 40)} ${pad(n(s.calls), 6)} ${pad(n(s.flagged), 7)} ${pad(String(s.max_score), 4)} ${decision} ${s.phases.join(' → ') || '-'}`;
  };
  const lines = [c.bold(`${pad('SESSION', 36)} ${pad('FIRST CALL', 40)} ${pad('CALLS', 6)} ${pad('FLAGGED', 7)} ${pad('MAX', 4)} ${pad('DECISION', 10)} PHASES`), ...sorted.slice(0, MAX_SESSION_ROWS).map(row)];
  if (sorted.length > MAX_SESSION_ROWS) lines.push(c.dim(`… ${n(sorted.length - MAX_SESSION_ROWS)} more sessions (--format json lists them all)`));
  if (r.omitted.sessions) lines.push(c.dim(`… and ${n(r.omitted.sessions)} sessions beyond the report's limit, counted only`));
  if (r.sessions.some((s) => s.terminated)) lines.push(c.dim('* the session was terminated (terminate mode): its later calls were refused'));
  return lines;
}

function finding(f: FlaggedCall, c: ChalkInstance): string[] {
  const where = `${f.file}:${f.line}`;
  const when = f.at ? ` ${f.at}` : '';
  const outcome = f.outcome && f.outcome !== 'ok' ? c.dim(` (the agent's call was ${f.outcome === 'denied' ? 'denied' : 'an error'})`) : '';
  return [
    `${c.bold(where)}  ${paintDecision(c, f.decision, `${f.decision} ${f.threat_score}`)}  session ${f.session_id}${when}${outcome}`,
    `    ${clip(f.summary, 160)}`,
    ...f.findings.slice(0, 4).map((x) => c.dim(`    ${x.rule} ${x.name}: ${clip(`${x.message} (${x.evidence})`, 140)}`)),
  ];
}

function topFindings(r: ScanReport, c: ChalkInstance): string[] {
  if (r.findings.length === 0) return [];
  const top = [...r.findings].sort((a, b) => rank(b.decision) - rank(a.decision) || b.threat_score - a.threat_score).slice(0, MAX_TOP_FINDINGS);
  const more = r.findings.length + r.omitted.findings - top.length;
  return ['', c.bold(`Top findings${more > 0 ? ` (${top.length} of ${n(top.length + more)})` : ''}:`), ...top.flatMap((f) => finding(f, c))];
}

function warnings(r: ScanReport, c: ChalkInstance): string[] {
  const skippedFiles = r.files.filter((f) => f.format === 'skipped');
  if (r.warnings.length === 0 && skippedFiles.length === 0) return [];
  const total = r.warnings.length + r.omitted.warnings;
  const lines = ['', c.bold(`Skipped (${n(total)} lines or entries, ${n(skippedFiles.length)} files):`)];
  for (const f of skippedFiles.slice(0, MAX_WARNING_ROWS)) lines.push(c.yellow(`  ${f.file}: ${f.reason}`));
  for (const w of r.warnings.slice(0, MAX_WARNING_ROWS)) lines.push(c.yellow(`  ${w.file}${w.line ? `:${w.line}` : ''}: ${clip(w.reason, 160)}`));
  if (total > MAX_WARNING_ROWS) lines.push(c.dim(`  … ${n(total - Math.min(total, MAX_WARNING_ROWS))} more (--format json lists the first ${r.warnings.length})`));
  return lines;
}

function verdictLine(r: ScanReport, c: ChalkInstance): string[] {
  const lines: string[] = [];
  if (r.baseline) lines.push('', `Baseline ${r.baseline.file}: ${n(r.baseline.suppressed)} known findings not reported again`);
  if (r.fail_on) lines.push('', r.failed ? c.red.bold(`FAIL: a call reached ${r.fail_on} (--fail-on ${r.fail_on})`) : c.green(`OK: nothing reached ${r.fail_on} (--fail-on ${r.fail_on})`));
  return lines;
}

/** The report for a person: a headline, a table of sessions, the top findings with file:line, what was skipped. */
export function renderScanText(r: ScanReport, c: ChalkInstance): string {
  return [scanHeadline(r), '', ...sessionTable(r, c), ...topFindings(r, c), ...warnings(r, c), ...verdictLine(r, c), ''].join('\n');
}
