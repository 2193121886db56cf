import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const taskFragmentation = ruleAnalyzer('task_fragmentation', RULES);
