import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const lateralMovement = ruleAnalyzer('lateral_movement', RULES);
