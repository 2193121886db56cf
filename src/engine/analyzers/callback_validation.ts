import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const callbackValidation = ruleAnalyzer('callback_validation', RULES);
