import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const commandAndControl = ruleAnalyzer('command_and_control', RULES);
