import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const promptEngineering = ruleAnalyzer('prompt_engineering', RULES);
