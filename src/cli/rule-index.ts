import { ALL_ANALYZERS } from '../engine/analyzers/index.js';
import type { AnalyzerName, Rule } from '../engine/rule.js';
import { SECOND_OPINION_RULES } from '../engine/second-opinion.js';

let index: Map<string, { rule: Rule; analyzer: AnalyzerName }> | undefined;

function build() {
  index ??= new Map([
    ...ALL_ANALYZERS.flatMap((a) => a.rules.map((rule) => [rule.id, { rule, analyzer: a.name }] as const)),
    // the second opinion's outcomes: findings without a rule table of their own (src/engine/second-opinion.ts)
    ...SECOND_OPINION_RULES.map((rule) => [rule.id, { rule, analyzer: rule.analyzer }] as const),
  ]);
  return index;
}

export function ruleById(id: string): Rule | undefined {
  return build().get(id.toUpperCase())?.rule;
}

export function allRules(): Array<{ rule: Rule; analyzer: AnalyzerName }> {
  return [...build().values()].sort((a, b) => a.rule.id.localeCompare(b.rule.id, 'en', { numeric: true }));
}
