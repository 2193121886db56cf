import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const dataVolume = ruleAnalyzer('data_volume', RULES);
