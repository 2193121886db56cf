import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const defenseEvasion = ruleAnalyzer('defense_evasion', RULES);
