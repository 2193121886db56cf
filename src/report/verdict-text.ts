import type { ChalkInstance } from 'chalk';
import type { Verdict } from '../engine/verdict.js';
import type { Decision } from '../engine/score.js';
import type { Rule } from '../engine/rule.js';

const MARK: Record<Decision, string> = { Allow: 'ALLOW', Alert: 'ALERT', Block: 'BLOCK', Terminate: 'TERMINATE' };

function paint(c: ChalkInstance, d: Decision, s: string): string {
  return d === 'Allow' ? c.green(s) : d === 'Alert' ? c.yellow(s) : d === 'Block' ? c.red(s) : c.bgRed.white.bold(s);
}

/** The human summary of one verdict: decision, score, findings; `explain` adds how and why. */
export function renderVerdict(v: Verdict, c: ChalkInstance, opts: { explain: boolean; ruleById: (id: string) => Rule | undefined; input?: string; mode?: string }): string {
  const lines: string[] = [];
  lines.push(`${paint(c, v.decision, c.bold(MARK[v.decision]))}  score ${c.bold(String(v.threat_score))}/100${v.phase ? c.dim(`  phase ${v.phase}`) : ''}${opts.mode ? c.dim(`  mode ${opts.mode}`) : ''}`);
  if (opts.explain && opts.input !== undefined) lines.push(c.dim(`input: ${opts.input}`));
  if (opts.explain && v.normalization.length) {
    lines.push('', c.bold('How the command was read:'));
    for (const s of v.normalization) lines.push(`  ${c.cyan(s.kind)}  ${s.detail}`);
  }
  if (opts.explain && v.commands.length) {
    lines.push('', c.bold('Commands it would run:'));
    for (const cmd of v.commands) lines.push(`  ${c.dim(cmd.origin + (cmd.depth ? `/${cmd.depth}` : ''))}  ${JSON.stringify(cmd.argv)}`);
  }
  if (v.asked_for) lines.push(`${c.yellow('asked for by the user')}: ${v.asked_for}${c.dim(` (legitimacy ×${v.legitimacy})`)}`);
  for (const a of v.allowed_by ?? []) {
    lines.push(`${c.green('allowed by policy')}${a.source ? ` ${a.source}` : ''}: ${a.reason}${a.rules.length ? c.dim(` (dropped ${a.rules.join(', ')})`) : ''}`);
  }
  if (v.findings.length === 0) {
    lines.push(c.dim('no findings'));
    return lines.join('\n');
  }
  lines.push('', c.bold('Findings:'));
  for (const f of v.findings) {
    lines.push(`  ${c.bold(f.rule)} ${c.dim(f.name)}  ${f.score}  ${f.message}`);
    lines.push(`    ${c.dim('evidence:')} ${f.evidence}`);
    if (opts.explain) {
      const rule = opts.ruleById(f.rule);
      lines.push(`    ${c.dim('analyzer:')} ${f.analyzer}   ${c.dim('ATT&CK:')} ${f.technique} (${f.tactic})`);
      if (rule) lines.push(`    ${c.dim('why:')} ${rule.why}`);
      if (rule?.alternative) lines.push(`    ${c.dim('instead:')} ${rule.alternative}`);
      lines.push(`    ${c.dim('false positive? allow it with:')} --allow-rule ${f.rule}`);
    }
  }
  if (opts.explain) {
    const scores = Object.entries(v.analyzer_scores).map(([k, s]) => `${k} ${s}`).join(', ');
    lines.push('', c.dim(`analyzer scores: ${scores}; legitimacy ×${v.legitimacy}`));
  }
  return lines.join('\n');
}
