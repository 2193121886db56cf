import { ruleAnalyzer, type Rule } from '../rule.js';

export const RULES: readonly Rule[] = [];

export const mcpOrchestration = ruleAnalyzer('mcp_orchestration', RULES);
