import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const hallucination = ruleAnalyzer('hallucination', RULES);
