import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const aiVelocity = ruleAnalyzer('ai_velocity', RULES);
