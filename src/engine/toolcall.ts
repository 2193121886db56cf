import { table } from './knowledge/table.js';
/** The tool call shapes the upstream gateway accepted, kept so its clients work unchanged. */
export type FsOperation = 'read' | 'write' | 'delete' | 'list' | 'create';

export type ToolCall =
  | { kind: 'bash'; command: string; args: string[]; env: Record<string, string> }
  | { kind: 'filesystem'; operation: FsOperation; path: string; content?: string }
  | { kind: 'network'; method: string; url: string; headers: Record<string, string>; body?: string }
  | { kind: 'database'; query: string; connection?: string }
  | UnknownCall;

/**
 * A tool the engine has no fixed shape for, such as an MCP tool. What the MCP server's tools/list
 * said about it (its description and the JSON Schema of its arguments), when the caller knows, helps
 * the engine read its arguments (tool-shape.ts).
 */
/** A request the agent makes itself, as the API's `Network` shape gives it. */
export type NetworkCall = Extract<ToolCall, { kind: 'network' }>;
/** A query the API's `Database` shape gives, with the connection it goes to when the caller says. */
export type DatabaseCall = Extract<ToolCall, { kind: 'database' }>;

export interface UnknownCall {
  kind: 'unknown';
  toolName: string;
  params: unknown;
  tool?: ToolInfo;
}

export interface ToolInfo {
  description?: string;
  inputSchema?: unknown;
}

export class ToolCallError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ToolCallError';
  }
}

/** Upper bound on any single text field; beyond it analysis sees a prefix and says so. */
export const MAX_FIELD_BYTES = 1024 * 1024;

/** A JSON object: not null, not an array. */
export const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(obj: Record<string, unknown>, key: string, where: string, optional = false): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (optional) return undefined;
    throw new ToolCallError(`${where}.${key}`, 'is required and must be a string');
  }
  if (typeof v !== 'string') throw new ToolCallError(`${where}.${key}`, `must be a string, got ${typeName(v)}`);
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function strMap(v: unknown, where: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isJsonObject(v)) throw new ToolCallError(where, `must be an object of strings, got ${typeName(v)}`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') throw new ToolCallError(`${where}.${k}`, `must be a string, got ${typeName(val)}`);
    out[k] = val;
  }
  return out;
}

/** Content may come as a string or, from some clients, as an array of bytes. */
function content(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    if (v.length > MAX_FIELD_BYTES) throw new ToolCallError(where, `is longer than ${MAX_FIELD_BYTES} bytes`);
    const bytes = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const b = v[i];
      if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) {
        throw new ToolCallError(`${where}[${i}]`, 'must be a byte (integer 0-255)');
      }
      bytes[i] = b;
    }
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  }
  throw new ToolCallError(where, `must be a string or an array of bytes, got ${typeName(v)}`);
}

const FS_OPS: Record<string, FsOperation> = table({ read: 'read', write: 'write', delete: 'delete', list: 'list', create: 'create' });

export const TOOL_VARIANTS = ['Bash', 'Filesystem', 'FileSystem', 'Network', 'Database', 'Unknown'] as const;

/**
 * Validate an upstream-shaped tool call (`{"Bash": {...}}`) into a ToolCall.
 * Throws ToolCallError naming the offending field.
 */
export function parseToolCall(input: unknown): ToolCall {
  if (!isJsonObject(input)) throw new ToolCallError('tool_call', `must be an object like {"Bash":{"command":"ls"}}, got ${typeName(input)}`);
  const keys = Object.keys(input);
  if (keys.length !== 1) {
    throw new ToolCallError('tool_call', `must have exactly one variant key (${TOOL_VARIANTS.join(', ')}), got ${keys.length ? keys.join(', ') : 'none'}`);
  }
  const variant = keys[0]!;
  const body = input[variant];
  const where = `tool_call.${variant}`;
  if (!isJsonObject(body)) throw new ToolCallError(where, `must be an object, got ${typeName(body)}`);
  switch (variant) {
    case 'Bash': {
      const command = str(body, 'command', where)!;
      const rawArgs = body.args;
      let args: string[] = [];
      if (rawArgs !== undefined && rawArgs !== null) {
        if (!Array.isArray(rawArgs)) throw new ToolCallError(`${where}.args`, `must be an array of strings, got ${typeName(rawArgs)}`);
        args = rawArgs.map((a, i) => {
          if (typeof a !== 'string') throw new ToolCallError(`${where}.args[${i}]`, `must be a string, got ${typeName(a)}`);
          return a;
        });
      }
      return { kind: 'bash', command, args, env: strMap(body.env, `${where}.env`) };
    }
    case 'Filesystem':
    case 'FileSystem': {
      const opRaw = str(body, 'operation', where)!;
      const operation = FS_OPS[opRaw.toLowerCase()];
      if (!operation) throw new ToolCallError(`${where}.operation`, `must be one of Read, Write, Delete, List, Create, got "${opRaw}"`);
      const path = str(body, 'path', where)!;
      return { kind: 'filesystem', operation, path, content: content(body.content, `${where}.content`) };
    }
    case 'Network': {
      const method = str(body, 'method', where, true) ?? 'GET';
      const url = str(body, 'url', where)!;
      const b = body.body;
      let bodyText: string | undefined;
      if (typeof b === 'string') bodyText = b;
      else if (b !== undefined && b !== null) bodyText = JSON.stringify(b);
      return { kind: 'network', method: method.toUpperCase(), url, headers: strMap(body.headers, `${where}.headers`), body: bodyText };
    }
    case 'Database': {
      const query = str(body, 'query', where)!;
      return { kind: 'database', query, connection: str(body, 'connection', where, true) };
    }
    case 'Unknown': {
      const toolName = str(body, 'tool_name', where)!;
      const description = str(body, 'description', where, true);
      const inputSchema = body.input_schema ?? undefined;
      if (inputSchema !== undefined && !isJsonObject(inputSchema)) throw new ToolCallError(`${where}.input_schema`, `must be a JSON Schema object, got ${typeName(inputSchema)}`);
      const call: UnknownCall = { kind: 'unknown', toolName, params: body.params ?? null };
      if (description !== undefined || inputSchema !== undefined) call.tool = { ...(description === undefined ? {} : { description }), ...(inputSchema === undefined ? {} : { inputSchema }) };
      return call;
    }
    default:
      throw new ToolCallError('tool_call', `unknown variant "${variant}"; expected one of ${TOOL_VARIANTS.join(', ')}`);
  }
}

const WIRE_FS_OPS: Record<FsOperation, string> = { read: 'Read', write: 'Write', delete: 'Delete', list: 'List', create: 'Create' };

/** The upstream request shape of a call: parseToolCall's inverse, for clients that send calls to the daemon. */
export function toolCallToWire(call: ToolCall): Record<string, Record<string, unknown>> {
  switch (call.kind) {
    case 'bash':
      return { Bash: { command: call.command, args: call.args, env: call.env } };
    case 'filesystem':
      return { Filesystem: { operation: WIRE_FS_OPS[call.operation], path: call.path, ...(call.content === undefined ? {} : { content: call.content }) } };
    case 'network':
      return { Network: { method: call.method, url: call.url, headers: call.headers, ...(call.body === undefined ? {} : { body: call.body }) } };
    case 'database':
      return { Database: { query: call.query, ...(call.connection === undefined ? {} : { connection: call.connection }) } };
    case 'unknown':
      return { Unknown: { tool_name: call.toolName, params: call.params, ...(call.tool?.description === undefined ? {} : { description: call.tool.description }), ...(call.tool?.inputSchema === undefined ? {} : { input_schema: call.tool.inputSchema }) } };
  }
}

/**
 * The command line a Bash call runs. Upstream clients put either the whole line in `command` or
 * argv pieces in `args`, and joined them with spaces before a shell saw them — so operators such as
 * `|` in args stay live. Only pieces with whitespace are quoted, to keep one piece one word.
 */
export function bashLine(call: { command: string; args: string[] }): string {
  if (call.args.length === 0) return call.command;
  return [call.command, ...call.args.map((a) => (a === '' || /\s/.test(a) ? shellQuote(a) : a))].join(' ');
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
export function shellQuote(s: string): string {
  if (s !== '' && SAFE_WORD.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Re-joined with shell quoting, `["bash","-lc","npm test"]` reads `bash -lc 'npm test'`. */
export function argvLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * A field at most MAX_FIELD_BYTES long in UTF-8. A UTF-16 unit is at most 3 UTF-8 bytes, so short
 * strings skip the encoding; long ones are cut at a byte boundary and a split character dropped.
 */
export function field(s: string): string {
  if (s.length * 3 <= MAX_FIELD_BYTES) return s;
  const bytes = new TextEncoder().encode(s);
  if (bytes.length <= MAX_FIELD_BYTES) return s;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, MAX_FIELD_BYTES));
  return head.endsWith('\uFFFD') ? head.slice(0, -1) : head;
}
