import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const toolCall = ruleAnalyzer('tool_call', RULES);
