import { pathFromList } from '../engine/knowledge/paths.js';
import { argvLine, field, type ToolCall, type ToolInfo } from '../engine/toolcall.js';

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
 * malformed call is still reported rather than lost. MCP tools (`mcp__<server>__<tool>` in Claude
 * Code and Codex, `mcp_<server>_<tool>` in Gemini) and other tools stay `unknown` too: the engine
 * reads their arguments (tool-shape.ts).
 */
export function toolCallFromAgent(name: string, input: unknown): ToolCall {
  return MAPPERS.get(name)?.(input) ?? unknown(name, input);
}

/**
 * An MCP tools/call, by its name and arguments, with what tools/list said about the tool when the
 * caller learned it. The engine reads its arguments (tool-shape.ts), so every adapter sends it as is.
 */
export function toolCallFromMcp(name: string, args: unknown, tool?: ToolInfo): ToolCall {
  return tool ? { kind: 'unknown', toolName: name, params: args ?? null, tool } : unknown(name, args);
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


const fetchUrl = obj((o) => {
  const u = str(o, 'url');
  return u === undefined ? undefined : get(u);
});

/**
 * read_many_files names many paths but a ToolCall holds one: it becomes a read of the first path the
 * engine's own path classes call a secret (so a key among source files is not hidden), else of the
 * first path. Older Gemini CLI versions call the list `paths`, newer ones `include`.
 */
const readMany = obj((o) => {
  const list = Array.isArray(o.paths) ? o.paths : Array.isArray(o.include) ? o.include : undefined;
  if (!list) return undefined;
  const chosen = list.every((p) => typeof p === 'string') ? pathFromList(list) : undefined;
  return chosen === undefined ? undefined : file('read', chosen);
});

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
 * in the older JSON tool, `command` in Codex PreToolUse hooks, `patch` in some clients. It goes to the engine
 * as `apply_patch {input}`, which it reads as the files the patch writes, with the lines it takes out.
 */
const applyPatch: Mapper = (input) => {
  const patch = typeof input === 'string' ? field(input) : isObject(input) ? str(input, 'input', 'patch', 'command') : undefined;
  return patch === undefined || patchedFile(patch) === undefined ? undefined : unknown('apply_patch', { input: patch });
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

const MAPPERS: ReadonlyMap<string, Mapper> = new Map<string, Mapper>([
  // Claude Code. PowerShell is Claude Code's shell on Windows: the shell analysis is the nearest fit.
  ['Bash', shellString],
  ['PowerShell', shellString],
  ['Read', readPath('file_path')],
  ['Write', writeWith(['file_path'], ['content'])],
  // Edit, MultiEdit and NotebookEdit (and Gemini's replace) have no mapper: they stay the agent's own calls, which the
  // engine reads as the writes they are (tool-shape.ts), comparing the text an edit takes out with the text it puts in
  ['Glob', listPath('path')],
  ['Grep', listPath('path')],
  ['LS', listPath('path')],
  ['WebFetch', fetchUrl],
  // Gemini CLI
  ['run_shell_command', shellString],
  ['read_file', readPath('file_path', 'absolute_path', 'path')],
  ['read_many_files', readMany],
  ['write_file', writeWith(['file_path', 'absolute_path'], ['content'])],
  // web_fetch, whose addresses are in its prompt, has no mapper either: the engine reads the first as the page it fetches
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
