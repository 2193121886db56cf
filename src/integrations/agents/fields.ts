import { isObject, toolCallFromAgent, type JsonObject } from '../../ingest/agent-tools.js';
import { HookInputError, type AgentInput } from './types.js';

/** The hook input as an object, or a HookInputError saying what arrived instead. */
export function inputObject(input: unknown, agent: string): JsonObject {
  if (!isObject(input)) throw new HookInputError(`${agent} hook input must be a JSON object, got ${Array.isArray(input) ? 'an array' : typeof input}`);
  return input;
}

export function requiredString(o: JsonObject, key: string, agent: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new HookInputError(`${agent} hook input has no "${key}" string`);
  return v;
}

export const optionalString = (o: JsonObject, key: string): string | undefined => (typeof o[key] === 'string' && o[key] !== '' ? (o[key] as string) : undefined);

/** The agent's session id is the proxilion session, so the kill chain follows the agent's session. */
export function sessionOf(o: JsonObject, key: string, agent: string): string {
  return optionalString(o, key) ?? `${agent}:no-session`;
}

/**
 * The reader of the agents whose hook sends `tool_name`/`tool_input` for one event (Claude Code,
 * Gemini CLI, Codex): another event gets no opinion; `rename` maps a tool to the mapper that reads it.
 */
export function toolEventReader(spec: { agent: string; label: string; event: string; rename?: Record<string, string> }): (input: unknown) => AgentInput {
  return (input) => {
    const o = inputObject(input, spec.label);
    const event = optionalString(o, 'hook_event_name');
    if (event !== undefined && event !== spec.event) return { kind: 'other', event };
    const tool = requiredString(o, 'tool_name', spec.label);
    return { kind: 'call', sessionId: sessionOf(o, 'session_id', spec.agent), call: toolCallFromAgent(spec.rename?.[tool] ?? tool, o.tool_input), transcriptPath: optionalString(o, 'transcript_path') };
  };
}
