import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const socialEngineering = ruleAnalyzer('social_engineering', RULES);
