import { DECISIONS } from '../engine/score.js';
import { FAIL_DECISION, type FailOn, type ScanReport, type SessionSummary } from '../scan/model.js';

/** XML 1.0 text: the five entities escaped, and characters XML cannot carry at all dropped. */
function xml(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) continue;
    if (c === 0xfffe || c === 0xffff || (c >= 0xd800 && c <= 0xdfff)) continue;
    out += ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : ch === "'" ? '&apos;' : ch;
  }
  return out;
}

/**
 * JUnit XML: one testcase per session, failing when the session reached the fail-on decision (`--fail-on`,
 * or block when it is not given), with the session's findings as the failure's text.
 */
export function renderJunit(report: ScanReport, defaultFailOn: FailOn = 'block'): string {
  const failAt = DECISIONS.indexOf(FAIL_DECISION[report.fail_on ?? defaultFailOn]);
  const fails = (s: SessionSummary) => DECISIONS.indexOf(s.decision) >= failAt;
  const bySession = new Map<string, string[]>();
  for (const c of report.findings) {
    const lines = bySession.get(c.session_id) ?? [];
    if (lines.length < 50) lines.push(`${c.file}:${c.line} ${c.decision} ${c.threat_score} ${c.findings.map((f) => f.rule).join(',')} ${c.summary}`);
    bySession.set(c.session_id, lines);
  }
  const failures = report.sessions.filter(fails).length;
  const seconds = (report.stats.duration_ms / 1000).toFixed(3);
  const cases = report.sessions.map((s) => {
    const name = `session ${s.session_id}`;
    const head = `  <testcase name="${xml(name)}" classname="${xml(`proxilion.scan.${s.first.file}`)}" file="${xml(s.first.file)}" line="${s.first.line}" time="0">`;
    if (!fails(s)) return `${head}</testcase>`;
    const message = `${s.decision} (max score ${s.max_score}) in ${s.calls} calls; phases: ${s.phases.join(' → ') || 'none'}${s.terminated ? '; session terminated' : ''}`;
    const detail = (bySession.get(s.session_id) ?? []).join('\n');
    return `${head}\n    <failure message="${xml(message)}" type="${xml(s.decision)}">${xml(detail)}</failure>\n  </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="proxilion scan" tests="${report.sessions.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `<testsuite name="proxilion scan" tests="${report.sessions.length}" failures="${failures}" errors="0" skipped="0" time="${seconds}">`,
    ...cases,
    '</testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
