import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const exfiltration = ruleAnalyzer('exfiltration', RULES);
