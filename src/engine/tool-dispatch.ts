import type { NormalizationStep } from './shell/types.js';
import { isJsonObject, type UnknownCall } from './toolcall.js';
import { jsonOrUndefined, nameWords } from './tool-shape.js';

/**
 * A call of a tool that only dispatches to another, read as the call it dispatches, so the rules about tool names
 * and arguments meet the operation itself:
 * - a meta-tool that runs another server's tool: Cline's and Roo Code's `use_mcp_tool {server_name, tool_name,
 *   arguments}`, a gateway's `mcp-exec` or `call_tool {name, arguments}`, becomes `mcp__<server>__<tool>` with those
 *   arguments (the name agents give MCP tools, read by the rules as any other);
 * - a server whose few tools each take an operation and its parameters (Netlify's
 *   `netlify-project-services-updater {selectSchema: {operation, params}}`) becomes `<tool>.<operation>` with them.
 * Anything else is no dispatch (undefined). One level only: a dispatch to a dispatcher names no operation of its own.
 */
export function dispatchedCall(call: UnknownCall): UnknownCall | undefined {
  const params = call.params;
  if (!isJsonObject(params)) return undefined;
  // the tool's own name, past the server Claude Code puts before it (`mcp__MCP_DOCKER__mcp-exec`)
  if (isRunner(nameWords(call.toolName.slice(call.toolName.lastIndexOf('__') + 1)))) {
    // one name, at most one server and one set of arguments, and nothing else: no argument is left behind unread
    if (!onlyKeys(params, RUNNER_KEYS) || present(params, TOOL_KEYS) !== 1 || present(params, SERVER_KEYS) > 1 || present(params, ARGUMENT_KEYS) !== 1) return undefined;
    const tool = firstString(params, TOOL_KEYS);
    const args = argumentsOf(params);
    if (tool === undefined || args === undefined || !TOOL_NAME.test(tool)) return undefined;
    const server = firstString(params, SERVER_KEYS);
    return { kind: 'unknown', toolName: server !== undefined && TOOL_NAME.test(server) ? `mcp__${server}__${tool}` : tool, params: args };
  }
  const keys = Object.keys(params);
  const schema = keys.length === 1 ? params[keys[0]!] : undefined;
  if (!isJsonObject(schema) || !onlyKeys(schema, OPERATION_KEYS) || typeof schema.operation !== 'string' || !TOOL_NAME.test(schema.operation) || !isJsonObject(schema.params)) return undefined;
  return { kind: 'unknown', toolName: `${call.toolName}.${schema.operation}`, params: schema.params, ...(call.tool ? { tool: call.tool } : {}) };
}

/** A tool's or server's name as MCP spells them: no spaces, no nesting of another call's text. */
const TOOL_NAME = /^[A-Za-z0-9][\w.-]{0,127}$/;
const TOOL_KEYS = ['tool_name', 'toolName', 'tool', 'tool_slug', 'name'];
const SERVER_KEYS = ['server_name', 'serverName', 'server'];
const ARGUMENT_KEYS = ['arguments', 'args', 'params', 'parameters', 'input'];
const RUNNER_KEYS = [...TOOL_KEYS, ...SERVER_KEYS, ...ARGUMENT_KEYS];
const OPERATION_KEYS = ['operation', 'params'];
const onlyKeys = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).every((k) => keys.includes(k));
const present = (o: Record<string, unknown>, keys: readonly string[]) => keys.filter((k) => k in o).length;
/** Verbs of a meta-tool that runs another tool: `use_mcp_tool`, `mcp-exec`, `call_tool`, `execute_tool`. */
const RUN_VERBS = new Set(['use', 'call', 'exec', 'execute', 'invoke', 'run']);

/** `use_mcp_tool`, `call_tool`, `mcp-exec`: a verb of running and nothing but `mcp` or `tool` beside it. */
function isRunner(words: readonly string[]): boolean {
  const rest = words.filter((w) => w !== 'mcp' && w !== 'tool');
  return rest.length === 1 && RUN_VERBS.has(rest[0]!) && words.length > 1;
}

function firstString(params: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) if (typeof params[k] === 'string') return params[k];
  return undefined;
}

/** The dispatched tool's arguments: an object, or the JSON text of one (Cline sends them as text). */
function argumentsOf(params: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const k of ARGUMENT_KEYS) {
    const v = params[k];
    const parsed = typeof v === 'string' && v.length <= MAX_ARGUMENT_TEXT ? jsonOrUndefined(v) : v;
    if (isJsonObject(parsed)) return parsed;
  }
  return undefined;
}
/** Longer argument text than a request may carry is left as text, read by the rules as any other string. */
const MAX_ARGUMENT_TEXT = 1024 * 1024;

/** What --explain shows of the reading. */
export const dispatchStep = (sent: UnknownCall, call: UnknownCall): NormalizationStep => ({ kind: 'tool-arguments', detail: `${sent.toolName.slice(0, 128)} read as the call it dispatches: ${call.toolName.slice(0, 256)}` });
