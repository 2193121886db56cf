import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const fileAccess = ruleAnalyzer('file_access', RULES);
