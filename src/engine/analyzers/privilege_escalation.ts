import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const privilegeEscalation = ruleAnalyzer('privilege_escalation', RULES);
