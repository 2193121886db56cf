import { classifyPath } from '../engine/knowledge/paths.js';
import { MAX_FIELD_BYTES, shellQuote, type FsOperation, type ToolCall } from '../engine/toolcall.js';

/**
 * Maps an AI coding agent's own tool call (its tool name and input object) to the ToolCall the
 * engine analyzes. Shared by the transcript readers and, later, the agent hooks: Claude Code's hook
 * `tool_name`/`tool_input` and its transcript `tool_use` name/input have the same shapes, and Codex
 * and Gemini CLI hooks send their built-in names with the same arguments their session logs record.
 *
 * Tool shapes, by source:
 * - Claude Code: hooks reference (tool_input per tool), docs snapshot ≈ v2.1.240 (INTEGRATIONS.md §a).
 * - Codex CLI: openai/codex codex-rs/protocol/src/models.rs (ShellToolCallParams: `command` argv;
 *   ShellCommandToolCallParams: `command` string; LocalShellExecAction) and the apply_patch grammar.
 * - Gemini CLI: google-gemini/gemini-cli packages/core/src/tools/tool-names.ts (grep_search, formerly
 *   search_file_content) and the older read_file {absolute_path} / list_directory {path} arguments.
 *
 * Never throws: an input of the wrong shape becomes `unknown` with the input as params, so a
 * malformed call is still reported rather than lost.
 */
export function toolCallFromAgent(name: string, input: unknown): ToolCall {
  const map = MAPPERS.get(name);
  if (map) return map(input) ?? unknown(name, input);
  // agents name MCP tools mcp__<server>__<tool> (Claude Code, Codex) or mcp_<server>_<tool> (Gemini)
  return name.startsWith('mcp_') ? toolCallFromMcp(name, input) : unknown(name, input);
}

/**
 * An MCP tools/call, by its name and arguments: mapped by what the argument names say, refined by
 * the tool's description and input schema when the caller learned them from tools/list (fromMcpInput).
 */
export function toolCallFromMcp(name: string, args: unknown, tool?: McpToolInfo): ToolCall {
  return fromMcpInput(name, args, tool) ?? unknown(name, args);
}

/** What tools/list says about a tool: its description and the JSON Schema of its arguments. */
export interface McpToolInfo {
  description?: string;
  inputSchema?: unknown;
}

/** A mapper returns undefined when the input does not have the shape its tool documents. */
type Mapper = (input: unknown) => ToolCall | undefined;

export type JsonObject = Record<string, unknown>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Cuts a string to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = isHighSurrogate(s.charCodeAt(max - 1)) ? max - 1 : max;
  return s.slice(0, end);
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

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

function str(obj: JsonObject, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = obj[k];
    if (typeof v === 'string') return field(v);
  }
  return undefined;
}

const unknown = (toolName: string, params: unknown): ToolCall => ({ kind: 'unknown', toolName, params: params ?? null });
const bash = (command: string, env: Record<string, string> = {}): ToolCall => ({ kind: 'bash', command, args: [], env });
const file = (operation: 'read' | 'write' | 'list', path: string, content?: string): ToolCall =>
  content === undefined ? { kind: 'filesystem', operation, path } : { kind: 'filesystem', operation, path, content };
const get = (url: string): ToolCall => ({ kind: 'network', method: 'GET', url, headers: {} });

/** A mapper for tools whose input is one object. */
const obj =
  (f: (o: JsonObject) => ToolCall | undefined): Mapper =>
  (input) =>
    isObject(input) ? f(input) : undefined;

const shellString = obj((o) => {
  const c = str(o, 'command');
  return c === undefined ? undefined : bash(c);
});

const readPath = (...keys: string[]) =>
  obj((o) => {
    const p = str(o, ...keys);
    return p === undefined ? undefined : file('read', p);
  });

/** Search tools name a directory (the working directory when absent) rather than a file. */
const listPath = (...keys: string[]) =>
  obj((o) => {
    if (keys.some((k) => o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string')) return undefined;
    return file('list', str(o, ...keys) ?? '.');
  });

const writeWith = (pathKeys: string[], contentKeys: string[]) =>
  obj((o) => {
    const p = str(o, ...pathKeys);
    const c = str(o, ...contentKeys);
    return p === undefined || c === undefined ? undefined : file('write', p, c);
  });

/** MultiEdit: the engine sees every replacement text, since any of them may be what matters. */
const multiEdit = obj((o) => {
  const p = str(o, 'file_path');
  if (p === undefined || !Array.isArray(o.edits)) return undefined;
  const parts: string[] = [];
  for (const e of o.edits) {
    if (!isObject(e) || typeof e.new_string !== 'string') return undefined;
    parts.push(e.new_string);
  }
  return file('write', p, field(parts.join('\n')));
});

const fetchUrl = obj((o) => {
  const u = str(o, 'url');
  return u === undefined ? undefined : get(u);
});

/** Gemini's web_fetch takes a prompt naming the URLs; the first one stands for the call. */
const fetchFromPrompt = obj((o) => {
  const p = str(o, 'prompt');
  const u = p === undefined ? undefined : firstUrl(p);
  return u === undefined ? undefined : get(u);
});

/** Literal scan for an http(s) URL, up to the next whitespace: no regex runs on model text. */
export function firstUrl(text: string): string | undefined {
  const lower = text.toLowerCase();
  const a = lower.indexOf('https://');
  const b = lower.indexOf('http://');
  const start = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  if (start < 0) return undefined;
  let end = start;
  while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
  return text.slice(start, end);
}

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/**
 * read_many_files names many paths but a ToolCall holds one: it becomes a read of the first path the
 * engine's own path classes call a secret (so a key among source files is not hidden), else of the
 * first path. Older Gemini CLI versions call the list `paths`, newer ones `include`.
 */
const readMany = obj((o) => {
  const list = Array.isArray(o.paths) ? o.paths : Array.isArray(o.include) ? o.include : undefined;
  if (!list) return undefined;
  const paths = list.filter((p): p is string => typeof p === 'string');
  if (paths.length === 0 || paths.length !== list.length) return undefined;
  const chosen = paths.find((p) => classifyPath(p)?.role === 'secret') ?? paths[0]!;
  return file('read', field(chosen));
});

/**
 * Codex runs argv arrays. Re-joined with shell quoting, `["bash","-lc","npm test"]` reads
 * `bash -lc 'npm test'`, so the engine unwraps the nested script as it would from a typed line.
 */
export function argvLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

function stringArray(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  return v.every((x): x is string => typeof x === 'string') ? v : undefined;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObject(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = field(val);
  return out;
}

/** shell / container.exec send `command` as argv; some builds (and shell_command) send a string. */
const codexShell = obj((o) => {
  if (typeof o.command === 'string') return bash(field(o.command));
  const argv = stringArray(o.command);
  return argv ? bash(field(argvLine(argv)), stringMap(o.env)) : undefined;
});

const execCommand = obj((o) => {
  const c = str(o, 'cmd', 'command');
  return c === undefined ? undefined : bash(c);
});

/**
 * apply_patch arrives as the raw patch (a custom tool's input), or as an object holding it: `input`
 * in the older JSON tool, `command` in Codex PreToolUse hooks, `patch` in some clients.
 */
const applyPatch: Mapper = (input) => {
  const patch = typeof input === 'string' ? field(input) : isObject(input) ? str(input, 'input', 'patch', 'command') : undefined;
  if (patch === undefined) return undefined;
  const path = patchedFile(patch);
  return path === undefined ? undefined : file('write', path, patch);
};

const PATCH_FILE_MARKERS = ['*** Add File: ', '*** Update File: ', '*** Delete File: '];

/** The first file an apply_patch envelope names, by its line markers. */
export function patchedFile(patch: string): string | undefined {
  let from = 0;
  while (from < patch.length) {
    const nl = patch.indexOf('\n', from);
    const line = patch.slice(from, nl < 0 ? patch.length : nl);
    for (const m of PATCH_FILE_MARKERS) if (line.startsWith(m)) return line.slice(m.length).trim();
    if (nl < 0) break;
    from = nl + 1;
  }
  return undefined;
}

const MCP_COMMAND_KEYS = ['command', 'cmd', 'script'];
const MCP_PATH_KEYS = ['path', 'file_path', 'filePath'];
const MCP_CONTENT_KEYS = ['content'];

/** A file tool's verb, from the words of its name (`read_text_file`, `listDirectory`), first match wins. */
const FILE_VERBS: ReadonlyArray<[FsOperation, readonly string[]]> = [
  ['delete', ['delete', 'remove', 'rm', 'unlink', 'trash']],
  ['write', ['write', 'edit', 'append', 'save', 'patch', 'replace', 'move', 'rename', 'copy', 'upload']],
  ['create', ['create', 'mkdir', 'make', 'new', 'touch']],
  ['list', ['list', 'ls', 'search', 'find', 'glob', 'tree', 'directory', 'dir', 'stat', 'info']],
  ['read', ['read', 'get', 'cat', 'head', 'tail', 'open', 'view', 'show', 'load', 'download']],
];

/** Words that say a `query` argument is SQL rather than a search phrase. */
const SQL_WORDS = ['sql', 'database', 'db', 'postgres', 'postgresql', 'mysql', 'sqlite', 'mssql', 'oracle', 'bigquery', 'snowflake', 'duckdb', 'table', 'tables'];

/** `read_text_file`, `listDirectory`, `mcp__fs__write_file` → lower-case words, split without a regex over model text. */
function nameWords(name: string): string[] {
  const words: string[] = [];
  let cur = '';
  let prevLower = false;
  for (let i = 0; i < name.length && i < 256; i++) {
    const ch = name[i]!;
    const lower = ch.toLowerCase();
    const isAlnum = (lower >= 'a' && lower <= 'z') || (ch >= '0' && ch <= '9');
    if (!isAlnum) {
      if (cur) words.push(cur);
      cur = '';
    } else if (ch !== lower && prevLower) {
      // camelCase boundary: `listDirectory` → list, directory (an acronym such as SQL stays whole)
      words.push(cur);
      cur = lower;
    } else cur += lower;
    prevLower = isAlnum && ch === lower && ch !== ch.toUpperCase();
  }
  if (cur) words.push(cur);
  return words;
}

function fileVerb(name: string): FsOperation {
  const words = nameWords(name);
  for (const [op, verbs] of FILE_VERBS) if (words.some((w) => verbs.includes(w))) return op;
  return 'read';
}

/** The text tools/list gives about a tool: its name, description and its arguments' names and descriptions (bounded). */
function toolText(name: string, tool: McpToolInfo | undefined): string[] {
  const words = nameWords(name);
  const add = (t: unknown) => {
    if (typeof t === 'string') words.push(...nameWords(t.slice(0, 2048)));
  };
  add(tool?.description);
  const props = isObject(tool?.inputSchema) && isObject(tool.inputSchema.properties) ? tool.inputSchema.properties : undefined;
  if (props) for (const [k, v] of Object.entries(props).slice(0, 64)) {
    add(k);
    if (isObject(v)) add(v.description);
  }
  return words;
}

/** The first string of a string array argument that the engine's path classes call a secret, else the first. */
function pathFromList(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const paths = v.filter((p): p is string => typeof p === 'string');
  if (paths.length === 0) return undefined;
  return field(paths.find((p) => classifyPath(p)?.role === 'secret') ?? paths[0]!);
}

/** edit_file-style edits (`[{oldText, newText}]`, `[{old_string, new_string}]`): what would be written. */
function editedText(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const parts: string[] = [];
  for (const e of v.slice(0, 1000)) if (isObject(e)) {
    const t = str(e, 'newText', 'new_string', 'new_text', 'replacement');
    if (t !== undefined) parts.push(t);
  }
  return parts.length ? field(parts.join('\n')) : undefined;
}

/**
 * MCP tools have no fixed shapes. A few argument names say what a tool does, checked in this order:
 * a command string runs in a shell; a path with content (or edits) is a file write, a path alone a
 * file operation named by the tool's verb, a move or copy writes its destination; a url is a request
 * (its `method` and string `body` kept); `sql` is a database query, and so is `query` when the tool's
 * name, description or schema speak of SQL or a database (otherwise it is a search phrase). Anything
 * else stays unknown, where the engine still reads every string in the params.
 */
function fromMcpInput(name: string, input: unknown, tool: McpToolInfo | undefined): ToolCall | undefined {
  if (!isObject(input)) return undefined;
  const command = str(input, ...MCP_COMMAND_KEYS) ?? commandBySchema(input, tool);
  if (command !== undefined) return bash(command);
  const path = str(input, ...MCP_PATH_KEYS);
  if (path !== undefined) {
    const content = str(input, ...MCP_CONTENT_KEYS) ?? editedText(input.edits);
    if (content !== undefined) return file('write', path, content);
    return fsCall(fileVerb(name), path);
  }
  const destination = str(input, 'destination', 'target', 'to');
  if (destination !== undefined && str(input, 'source', 'from') !== undefined) return fsCall('write', destination);
  const many = pathFromList(input.paths);
  if (many !== undefined) return fsCall('read', many);
  const url = str(input, 'url', 'uri');
  if (url !== undefined && (url.startsWith('http://') || url.startsWith('https://') || !url.includes(':'))) {
    const body = str(input, 'body');
    const method = (str(input, 'method') ?? 'GET').toUpperCase();
    return body === undefined ? { kind: 'network', method, url, headers: {} } : { kind: 'network', method, url, headers: {}, body };
  }
  const sql = str(input, 'sql');
  if (sql !== undefined) return { kind: 'database', query: sql };
  const query = str(input, 'query');
  if (query !== undefined && (tool === undefined || toolText(name, tool).some((w) => SQL_WORDS.includes(w)))) return { kind: 'database', query };
  return undefined;
}

const fsCall = (operation: FsOperation, path: string): ToolCall => ({ kind: 'filesystem', operation, path });

const RUN_WORDS = ['shell', 'bash', 'sh', 'zsh', 'terminal', 'run', 'execute', 'exec', 'powershell'];

/**
 * An argument the tool's schema describes as a command to run (`{"line": {"description": "Shell
 * command to execute"}}`), whatever its name: the words command and run/shell/execute in its
 * description. Only string arguments, and only the first 64 the schema lists.
 */
function commandBySchema(input: JsonObject, tool: McpToolInfo | undefined): string | undefined {
  const props = isObject(tool?.inputSchema) && isObject(tool.inputSchema.properties) ? tool.inputSchema.properties : undefined;
  if (!props) return undefined;
  for (const [key, schema] of Object.entries(props).slice(0, 64)) {
    if (typeof input[key] !== 'string' || !isObject(schema) || typeof schema.description !== 'string') continue;
    const words = nameWords(schema.description.slice(0, 2048));
    if ((words.includes('command') || words.includes('commands')) && words.some((w) => RUN_WORDS.includes(w))) return field(input[key] as string);
  }
  return undefined;
}

const MAPPERS: ReadonlyMap<string, Mapper> = new Map<string, Mapper>([
  // Claude Code. PowerShell is Claude Code's shell on Windows: the shell analysis is the nearest fit.
  ['Bash', shellString],
  ['PowerShell', shellString],
  ['Read', readPath('file_path')],
  ['Write', writeWith(['file_path'], ['content'])],
  ['Edit', writeWith(['file_path'], ['new_string'])],
  ['MultiEdit', multiEdit],
  ['NotebookEdit', writeWith(['notebook_path'], ['new_source'])],
  ['Glob', listPath('path')],
  ['Grep', listPath('path')],
  ['LS', listPath('path')],
  ['WebFetch', fetchUrl],
  // Gemini CLI
  ['run_shell_command', shellString],
  ['read_file', readPath('file_path', 'absolute_path', 'path')],
  ['read_many_files', readMany],
  ['write_file', writeWith(['file_path', 'absolute_path'], ['content'])],
  ['replace', writeWith(['file_path', 'absolute_path'], ['new_string'])],
  ['web_fetch', fetchFromPrompt],
  ['list_directory', listPath('dir_path', 'path')],
  ['glob', listPath('dir_path', 'path')],
  ['grep_search', listPath('dir_path', 'path')],
  ['search_file_content', listPath('dir_path', 'path')],
  // Codex CLI
  ['shell', codexShell],
  ['container.exec', codexShell],
  ['local_shell', codexShell],
  ['shell_command', codexShell],
  ['exec_command', execCommand],
  ['apply_patch', applyPatch],
]);
