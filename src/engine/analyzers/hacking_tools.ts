import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const hackingTools = ruleAnalyzer('hacking_tools', RULES);
