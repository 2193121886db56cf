import { Chalk } from 'chalk';
import { allRules, ruleById } from './rule-index.js';
import { isSessionExample, type Example } from '../engine/rule.js';
import type { Policy, PolicyEntry } from '../engine/policy.js';
import { EXIT, UsageError } from './exit.js';

function exampleText(e: Example): string {
  if (typeof e === 'string') return e;
  if (isSessionExample(e)) return `${exampleText(e.call)}  (${e.policy ? `with the policy entries ${policyText(e.policy)}` : `after ${e.context.history.length} earlier calls in the session`})`;
  return JSON.stringify(e);
}

function policyText(p: Partial<Policy>): string {
  const conditions = (x: PolicyEntry) => [x.command && `command "${x.command.join(' ')}"`, x.path && `path ${x.path}`, x.host && `host ${x.host}`, x.regex && `regex ${x.regex.source}`].filter(Boolean).join(' ');
  return [...(p.allow ?? []).map((x) => `allow ${conditions(x)}`), ...(p.deny ?? []).map((x) => `deny ${conditions(x)}`)].join(', ');
}

export function runRules(id: string | undefined, opts: { json?: boolean }): number {
  const c = new Chalk({ level: process.stdout.isTTY && !process.env.NO_COLOR ? 1 : 0 });
  const out = (s: string) => process.stdout.write(s + '\n');
  if (id === undefined) {
    const rows = allRules();
    if (opts.json) {
      out(JSON.stringify(rows.map(({ rule, analyzer }) => describe(rule, analyzer))));
      return EXIT.allow;
    }
    for (const { rule, analyzer } of rows) out(`${c.bold(rule.id.padEnd(16))} ${String(rule.score).padStart(3)}  ${analyzer.padEnd(20)} ${rule.technique.padEnd(10)} ${rule.name}`);
    out(c.dim(`${rows.length} rules; \`proxilion rules <ID>\` shows one with its examples`));
    return EXIT.allow;
  }
  const rule = ruleById(id);
  if (!rule) throw new UsageError(`no rule ${id}; \`proxilion rules\` lists them`);
  const analyzer = allRules().find((r) => r.rule === rule)!.analyzer;
  if (opts.json) {
    out(JSON.stringify(describe(rule, analyzer)));
    return EXIT.allow;
  }
  out(`${c.bold(rule.id)} ${rule.name}`);
  out(`  ${rule.message}`);
  out(`  analyzer   ${analyzer}`);
  out(`  score      ${rule.score}${rule.strong ? ' (strong: never discounted)' : ''}`);
  out(`  ATT&CK     ${rule.technique} (${rule.tactic})`);
  out(`  why        ${rule.why}`);
  if (rule.alternative) out(`  instead    ${rule.alternative}`);
  out(`  fires on:`);
  for (const e of rule.examples.fire) out(`    ${c.red('+')} ${exampleText(e)}`);
  out(`  stays quiet on:`);
  for (const e of rule.examples.quiet) out(`    ${c.green('-')} ${exampleText(e)}`);
  return EXIT.allow;
}

function describe(rule: ReturnType<typeof ruleById> & object, analyzer: string) {
  return {
    id: rule.id, name: rule.name, analyzer, score: rule.score, strong: !!rule.strong, message: rule.message, why: rule.why,
    technique: rule.technique, tactic: rule.tactic, alternative: rule.alternative, examples: rule.examples,
  };
}
