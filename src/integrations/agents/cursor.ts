import { isObject, toolCallFromMcp } from '../../ingest/agent-tools.js';
import type { ToolCall } from '../../engine/toolcall.js';
import { HookInputError, DENY_EXIT, json, type AgentDialect, type AgentInput, type HookAction, type HookAnswer } from './types.js';
import { inputObject, optionalString, requiredString, sessionOf } from './fields.js';
import type { JsonObject } from '../../ingest/agent-tools.js';

/** Cursor's events, by what each one asks about (INTEGRATIONS.md §c). */
const EVENTS: Record<string, (o: JsonObject) => ToolCall> = {
  beforeShellExecution: (o) => ({ kind: 'bash', command: requiredString(o, 'command', 'Cursor beforeShellExecution'), args: [], env: {} }),
  beforeMCPExecution: (o) => toolCallFromMcp(requiredString(o, 'tool_name', 'Cursor beforeMCPExecution'), mcpArguments(o.tool_input)),
  beforeReadFile: (o) => ({ kind: 'filesystem', operation: 'read', path: requiredString(o, 'file_path', 'Cursor beforeReadFile') }),
};

/** The reference sends tool_input as a JSON string; some builds send the object itself. */
function mcpArguments(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? {};
  try {
    const parsed: unknown = JSON.parse(v);
    return isObject(parsed) ? parsed : { input: v };
  } catch {
    // not JSON: the engine still reads the text as an argument
    return { input: v };
  }
}

/**
 * Cursor beforeShellExecution / beforeMCPExecution. Cursor wants valid JSON on every answer; only
 * `deny` is reliable there, so a refusal also exits 2.
 */
export const cursor: AgentDialect = {
  name: 'cursor',
  read(input): AgentInput {
    const o = inputObject(input, 'Cursor');
    const event = optionalString(o, 'hook_event_name');
    if (event === undefined) throw new HookInputError('Cursor hook input has no "hook_event_name"');
    const map = EVENTS[event];
    if (!map) return { kind: 'other', event };
    return { kind: 'call', sessionId: sessionOf(o, 'conversation_id', 'cursor'), userId: optionalString(o, 'user_email'), call: map(o), transcriptPath: optionalString(o, 'transcript_path') };
  },
  answer(a: HookAction): HookAnswer {
    switch (a.kind) {
      case 'pass':
        return { stdout: json({ permission: 'allow' }), stderr: '', exitCode: 0 };
      case 'warn':
        return { stdout: json({ permission: 'ask', user_message: a.reason, agent_message: a.reason }), stderr: '', exitCode: 0 };
      case 'unchecked':
        return { stdout: json({ permission: 'allow', user_message: a.reason }), stderr: '', exitCode: 0 };
      case 'deny':
        return { stdout: json({ permission: 'deny', user_message: a.reason, agent_message: a.reason }), stderr: a.reason + '\n', exitCode: DENY_EXIT };
    }
  },
};
