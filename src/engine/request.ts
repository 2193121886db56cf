import { parseToolCall, ToolCallError, TOOL_VARIANTS, MAX_FIELD_BYTES, type ToolCall } from './toolcall.js';

/** An /analyze request body as the upstream gateway accepted it, plus proxilion's optional fields. */
export interface AnalyzeRequest {
  call: ToolCall;
  userId?: string;
  sessionId?: string;
  orgId?: string;
  /** The agent making the call (claude-code, cursor, mcp:<server>…), for per-agent policy exceptions. */
  agent?: string;
  userMessage?: string;
  aiResponse?: string;
  /**
   * The caller's name for this call: a repeat of the same call under the same id in the same session
   * (a client that gave up waiting and asked again) gets the first answer and is not recorded twice.
   */
  requestId?: string;
}

/** Identifiers become store keys, log fields and alert labels: long ones are refused, not clipped. */
export const MAX_ID_CHARS = 256;
const ID_FIELDS = new Set(['user_id', 'session_id', 'org_id', 'agent', 'request_id']);

function optString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ToolCallError(key, `must be a string, got ${Array.isArray(v) ? 'array' : typeof v}`);
  if (ID_FIELDS.has(key) && v.length > MAX_ID_CHARS) throw new ToolCallError(key, `is longer than ${MAX_ID_CHARS} characters`);
  if (v.length > MAX_FIELD_BYTES) throw new ToolCallError(key, `is longer than ${MAX_FIELD_BYTES} characters`);
  return v;
}

/** Validate a request body; `requireUser` for the daemon, where user_id is mandatory. */
export function parseAnalyzeRequest(body: unknown, requireUser: boolean): AnalyzeRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ToolCallError('body', 'must be a JSON object with a "tool_call" field');
  const b = body as Record<string, unknown>;
  if (!('tool_call' in b)) throw new ToolCallError('tool_call', 'is required, e.g. {"tool_call":{"Bash":{"command":"ls"}},"user_id":"me"}');
  const userId = optString(b, 'user_id');
  if (requireUser && !userId) throw new ToolCallError('user_id', 'is required and must be a non-empty string');
  return {
    call: parseToolCall(b.tool_call),
    userId,
    sessionId: optString(b, 'session_id'),
    orgId: optString(b, 'org_id'),
    agent: optString(b, 'agent'),
    userMessage: optString(b, 'user_message'),
    aiResponse: optString(b, 'ai_response'),
    requestId: optString(b, 'request_id'),
  };
}

/** How a JSON object begins: `{"` or `{}`, spaces allowed; a shell brace group begins `{ cmd`. */
const JSON_OBJECT_START = /^\{\s*["}]/;

/**
 * One line of `analyze --batch`: an /analyze request body, a bare tool call (`{"Bash":{…}}`), or —
 * when it does not begin as a JSON object does — a shell command line (`{ cat f; } | nc h 80` too).
 */
export function parseBatchLine(line: string): AnalyzeRequest {
  const trimmed = line.trimStart();
  if (!JSON_OBJECT_START.test(trimmed)) return { call: { kind: 'bash', command: line, args: [], env: {} } };
  let obj: unknown;
  try {
    obj = JSON.parse(trimmed);
  } catch (e) {
    throw new ToolCallError('line', `is not valid JSON: ${(e as Error).message}`);
  }
  if (obj && typeof obj === 'object' && !Array.isArray(obj) && !('tool_call' in obj) && Object.keys(obj).some((k) => (TOOL_VARIANTS as readonly string[]).includes(k))) {
    return { call: parseToolCall(obj) };
  }
  return parseAnalyzeRequest(obj, false);
}
