import { toolEventReader } from './fields.js';
import { DENY_EXIT, json, type AgentDialect, type HookAction, type HookAnswer } from './types.js';

/**
 * Codex CLI PreToolUse (INTEGRATIONS.md §d). Codex marks a hook failed (and runs the call) on `ask`
 * or any field it does not know, so the only output is the minimal deny object; warnings go to stderr.
 */
export const codex: AgentDialect = {
  name: 'codex',
  // Codex's Bash tool sends `command` as a string or as argv, as its `shell` tool does
  read: toolEventReader({ agent: 'codex', label: 'Codex', event: 'PreToolUse', rename: { Bash: 'shell' } }),
  answer(a: HookAction): HookAnswer {
    if (a.kind === 'pass') return { stdout: '', stderr: '', exitCode: 0 };
    if (a.kind !== 'deny') return { stdout: '', stderr: a.reason + '\n', exitCode: 0 };
    const deny = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: a.reason } };
    return { stdout: json(deny), stderr: a.reason + '\n', exitCode: DENY_EXIT };
  },
};
