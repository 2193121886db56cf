import { toolEventReader } from './fields.js';
import { DENY_EXIT, json, type AgentDialect, type HookAction, type HookAnswer } from './types.js';

/**
 * Gemini CLI BeforeTool (INTEGRATIONS.md §d). Gemini has no `ask`: an alert is a systemMessage shown
 * to the person. An allowed call answers `{}`, leaving Gemini's own confirmation as it is.
 */
export const gemini: AgentDialect = {
  name: 'gemini',
  read: toolEventReader({ agent: 'gemini', label: 'Gemini CLI', event: 'BeforeTool' }),
  answer(a: HookAction): HookAnswer {
    switch (a.kind) {
      case 'pass':
        return { stdout: json({}), stderr: '', exitCode: 0 };
      case 'warn':
      case 'unchecked':
        return { stdout: json({ systemMessage: a.reason }), stderr: '', exitCode: 0 };
      case 'deny':
        return { stdout: json({ decision: 'deny', reason: a.reason }), stderr: a.reason + '\n', exitCode: DENY_EXIT };
    }
  },
};
