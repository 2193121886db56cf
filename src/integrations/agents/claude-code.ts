import { toolEventReader } from './fields.js';
import { DENY_EXIT, json, type AgentDialect, type HookAction, type HookAnswer } from './types.js';

const decision = (permissionDecision: 'ask' | 'deny', reason: string) => ({
  hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision, permissionDecisionReason: reason },
});

/**
 * Claude Code PreToolUse (INTEGRATIONS.md §a). An allowed call gets no output at all: `allow` would
 * also skip the user's permission prompt, and granting permissions is not proxilion's to do.
 */
export const claudeCode: AgentDialect = {
  name: 'claude-code',
  read: toolEventReader({ agent: 'claude-code', label: 'Claude Code', event: 'PreToolUse' }),
  answer(a: HookAction): HookAnswer {
    switch (a.kind) {
      case 'pass':
        return { stdout: '', stderr: '', exitCode: 0 };
      case 'warn':
        return { stdout: json(decision('ask', a.reason)), stderr: '', exitCode: 0 };
      case 'deny':
        return { stdout: json(decision('deny', a.reason)), stderr: a.reason + '\n', exitCode: DENY_EXIT };
      case 'unchecked':
        return { stdout: json({ systemMessage: a.reason }), stderr: a.reason + '\n', exitCode: 0 };
    }
  },
};
