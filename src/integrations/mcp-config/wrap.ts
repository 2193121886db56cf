import type { Edit, Node } from 'jsonc-parser';
import { JsoncDoc, JsoncProblem } from '../agent-settings/jsonc-doc.js';
import type { McpClient, ServersPath } from './clients.js';

/**
 * Rewrites one MCP server entry of a client config so the client starts it through
 * `proxilion mcp-proxy`, and back. Like the hook engine it works on text, and it touches only the
 * bytes of `command` and of the front of `args`:
 *
 *   {"command": C, "args": [A…]}  ⇄  {"command": NODE, "args": [LAUNCHER, "mcp-proxy", "--name", NAME, "--", C, A…]}
 *
 * C moves into `args` as the text it had (escapes included) and comes back the same way, and the
 * new elements follow the array's own layout, so install then uninstall gives back the file byte for
 * byte. An entry without `args` gets the member appended and `--name=NAME` as one element: that form
 * is how uninstall knows to remove `args` again rather than leave `[]`, which Claude Code itself
 * writes for a server without arguments.
 */

/** The program that runs the proxy: this Node binary and this launcher, both absolute (`proxilionArgv()`). */
export interface ProxyProgram {
  node: string;
  launcher: string;
}

/** `wrapped` a plain entry, `updated` our wrapper's node or launcher, `restored` the original, or `unchanged`. */
export type WrapOutcome = 'wrapped' | 'updated' | 'restored' | 'unchanged';

export interface WrapEdit {
  text: string;
  outcome: WrapOutcome;
  /** The entry's place in the file, for messages: `mcpServers.github`, `projects["/home/me/app"].mcpServers.github`. */
  where: string;
  /** The command line the client starts for this server once the text is written (command, then args). */
  argv: string[];
}

/** The named server is not in any of the places searched: `names` are the servers that are. */
export class ServerNotFound extends Error {
  readonly code = 'E_MCP_SERVER_NOT_FOUND';
  constructor(
    readonly server: string,
    readonly names: readonly string[],
  ) {
    super(`no MCP server named "${server}"`);
    this.name = 'ServerNotFound';
  }
}

/** The options of `proxilion mcp-proxy` that take the next element as their value (src/cli/main.ts). */
const VALUE_OPTIONS = new Set(['--name', '--session', '--mode']);
/** Members that make an entry a remote server (Claude Code, Cursor, VS Code, Gemini CLI, Windsurf spellings). */
const URL_MEMBERS = ['url', 'httpUrl', 'serverUrl'] as const;
const BOM = '\uFEFF';
/** Stands for C in the `args` appended by install, then replaced by C's own text. */
const COMMAND_SLOT = '\u0000proxilion:command\u0000';

interface Entry {
  doc: JsoncDoc;
  entry: Node;
  where: string;
}

/** The config text with server `name` started through the proxy. */
export function wrapServer(client: McpClient, text: string, name: string, proxy: ProxyProgram, paths: readonly ServersPath[]): WrapEdit {
  const { bom, body } = stripBom(text);
  const { doc, entry, where } = locate(client, body, name, paths);
  if (entry.type !== 'object') throw doc.problem(entry, `the MCP server "${name}" must be an object, not ${kind(entry)}`);
  refuseRemote(doc, entry, name);
  const command = doc.member(entry, 'command');
  if (!command) throw doc.problem(entry, `the MCP server "${name}" has no "command": there is no program to start through the proxy`);
  if (command.type !== 'string') throw doc.problem(command, `"command" of the MCP server "${name}" must be a string, not ${kind(command)}`);
  const args = doc.member(entry, 'args');
  if (args && args.type !== 'array') throw doc.problem(args, `"args" of the MCP server "${name}" must be an array, not ${kind(args)}`);

  const ours = wrapper(args);
  if (ours) {
    // an install from another path or Node version is pointed here; the proxy options (a --mode added
    // by hand) stay as they are
    const edits: Edit[] = [];
    if (command.value !== proxy.node) edits.push(replace(command, JSON.stringify(proxy.node)));
    if (ours.launcher.value !== proxy.launcher) edits.push(replace(ours.launcher, JSON.stringify(proxy.launcher)));
    return finish(client, bom, doc.apply(edits), name, paths, where, edits.length > 0 ? 'updated' : 'unchanged');
  }

  const original = raw(doc, command);
  const front = [proxy.launcher, 'mcp-proxy', ...(args ? ['--name', name] : [`--name=${name}`]), '--'];
  const edits: Edit[] = [replace(command, JSON.stringify(proxy.node))];
  if (!args) {
    const slot = JSON.stringify(COMMAND_SLOT);
    for (const e of doc.append(entry, 'args', [...front, COMMAND_SLOT])) edits.push({ ...e, content: e.content.replace(slot, () => original) });
  } else {
    edits.push(prepend(doc, args, [...front.map((s) => JSON.stringify(s)), original]));
  }
  return finish(client, bom, doc.apply(edits), name, paths, where, 'wrapped');
}

/** The config text with server `name` started directly again, as it was before `wrapServer`. */
export function unwrapServer(client: McpClient, text: string, name: string, paths: readonly ServersPath[]): WrapEdit {
  const { bom, body } = stripBom(text);
  const { doc, entry, where } = locate(client, body, name, paths);
  const command = entry.type === 'object' ? doc.member(entry, 'command') : undefined;
  const args = entry.type === 'object' ? doc.member(entry, 'args') : undefined;
  const ours = command?.type === 'string' ? wrapper(args) : undefined;
  if (!ours) return finish(client, bom, doc.text, name, paths, where, 'unchanged');

  const items = args!.children!;
  const edits: Edit[] = [replace(command!, raw(doc, ours.command))];
  if (ours.argsWereAbsent) {
    edits.push(...doc.remove(args!.parent!));
  } else if (ours.firstOriginal) {
    edits.push({ offset: items[0]!.offset, length: ours.firstOriginal.offset - items[0]!.offset, content: '' });
  } else {
    // no arguments of its own: back to the empty array, closed up again when install opened it onto lines
    const open = args!.offset + 1;
    const close = args!.offset + args!.length - 1;
    const from = items[0]!.offset;
    const to = ours.command.offset + ours.command.length;
    const rest = doc.text.slice(open, from) + doc.text.slice(to, close);
    edits.push(/^\s*$/.test(rest) && rest.includes('\n') ? { offset: open, length: close - open, content: '' } : { offset: from, length: to - from, content: '' });
  }
  return finish(client, bom, doc.apply(edits), name, paths, where, 'restored');
}

/** Whether the config text has a server `name` in one of `paths` (false for text that cannot be read). */
export function hasServer(client: McpClient, text: string, name: string, paths: readonly ServersPath[]): boolean {
  try {
    locate(client, stripBom(text).body, name, paths);
    return true;
  } catch {
    return false;
  }
}

/** Our wrapper in `args`: the launcher element, C, and the first of C's own arguments (if any). */
interface Wrapper {
  launcher: Node & { value: string };
  command: Node;
  firstOriginal: Node | undefined;
  argsWereAbsent: boolean;
}

/**
 * Recognises the wrapper whichever proxilion wrote it (the launcher path may have moved): a
 * launcher whose path names proxilion, then `mcp-proxy`, its options, `--` and the original command.
 */
function wrapper(args: Node | undefined): Wrapper | undefined {
  if (args?.type !== 'array') return undefined;
  const items = args.children ?? [];
  const str = (n: Node | undefined) => (n?.type === 'string' ? (n.value as string) : undefined);
  const launcher = items[0];
  if (!/proxilion/i.test(str(launcher) ?? '') || str(items[1]) !== 'mcp-proxy') return undefined;
  let argsWereAbsent = false;
  let i = 2;
  for (; i < items.length; i++) {
    const token = str(items[i]);
    if (token === undefined) return undefined;
    if (token === '--') break;
    if (token.startsWith('--name=')) argsWereAbsent = true;
    if (VALUE_OPTIONS.has(token)) i++;
  }
  const command = items[i + 1];
  if (i >= items.length || command?.type !== 'string') return undefined;
  return { launcher: launcher as Node & { value: string }, command, firstOriginal: items[i + 2], argsWereAbsent };
}

function locate(client: McpClient, text: string, name: string, paths: readonly ServersPath[]): Entry {
  const doc = JsoncDoc.parse(text);
  const comment = doc.firstComment;
  if (!client.comments && comment !== undefined) {
    throw doc.problem(comment, `${client.label} reads this file as strict JSON and rejects comments; remove the comments and run again`);
  }
  const root = doc.root;
  if (root && root.type !== 'object') throw doc.problem(root, `the file must hold a JSON object at the top, not ${kind(root)}`);
  const names: string[] = [];
  for (const path of paths) {
    let node = root;
    for (let i = 0; node && i < path.length; i++) {
      const next = doc.member(node, path[i]!);
      if (next && next.type !== 'object') throw doc.problem(next, `${display(path.slice(0, i + 1))} must be an object, not ${kind(next)}`);
      node = next;
    }
    if (!node) continue;
    const entry = doc.member(node, name);
    if (entry) return { doc, entry, where: display([...path, name]) };
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0]?.value as string;
      if (!names.includes(key)) names.push(key);
    }
  }
  throw new ServerNotFound(name, names);
}

/** A server entry with a URL is reached over HTTP or SSE: there is no process for the proxy to start. */
function refuseRemote(doc: JsoncDoc, entry: Node, name: string): void {
  for (const key of URL_MEMBERS) {
    const url = doc.member(entry, key);
    if (url) throw doc.problem(url, `the MCP server "${name}" is a remote server (${key} ${describe(url)}); proxilion mcp-proxy wraps only servers the client starts as a local command (stdio)`);
  }
  const type = doc.member(entry, 'type');
  if (type?.type === 'string' && type.value !== 'stdio') {
    throw doc.problem(type, `the MCP server "${name}" is a remote server (type "${type.value}"); proxilion mcp-proxy wraps only servers the client starts as a local command (stdio)`);
  }
}

/**
 * The edit that puts `items` (JSON texts) in front of the array's elements, separated the way the
 * array separates its own, so that removing exactly that text gives the array back.
 */
function prepend(doc: JsoncDoc, array: Node, items: string[]): Edit {
  const { text, style } = doc;
  const elements = array.children ?? [];
  const first = elements[0];
  if (first) return { offset: first.offset, length: 0, content: items.map((item) => item + separator(doc, elements)).join('') };
  const open = array.offset + 1;
  const property = array.parent!;
  // `"args": []` on a line of its own opens onto lines, one element each, as the file would have it
  if (text.slice(open, array.offset + array.length - 1) === '' && startsLine(text, property.offset)) {
    const outer = lineIndent(text, property.offset);
    const inner = outer + style.unit;
    return { offset: open, length: 0, content: `${style.eol}${inner}${items.join(`,${style.eol}${inner}`)}${style.eol}${outer}` };
  }
  return { offset: open, length: 0, content: items.join(style.colon === ':' ? ',' : ', ') };
}

function separator(doc: JsoncDoc, elements: Node[]): string {
  const { text, style } = doc;
  const [first, second] = elements;
  if (startsLine(text, first!.offset)) return `,${style.eol}${lineIndent(text, first!.offset)}`;
  if (second) {
    const between = text.slice(first!.offset + first!.length, second.offset);
    if (/^,\s*$/.test(between)) return between;
  }
  return style.colon === ':' ? ',' : ', ';
}

/** The result, re-read: an edit that broke the file or lost the entry is a bug, never written. */
function finish(client: McpClient, bom: string, text: string, name: string, paths: readonly ServersPath[], where: string, outcome: WrapOutcome): WrapEdit {
  let argv: string[];
  try {
    const { doc, entry } = locate(client, text, name, paths);
    const command = entry.type === 'object' ? doc.member(entry, 'command') : undefined;
    const args = entry.type === 'object' ? doc.member(entry, 'args') : undefined;
    const word = (n: Node) => (n.type === 'string' ? (n.value as string) : raw(doc, n));
    argv = command ? [word(command), ...(args?.type === 'array' ? (args.children ?? []).map(word) : [])] : [];
  } catch (e) {
    throw new Error(`internal error: rewriting the ${client.label} MCP server "${name}" produced a file that does not read back (${(e as Error).message})`);
  }
  return { text: bom + text, outcome, where, argv };
}

function replace(node: Node, content: string): Edit {
  return { offset: node.offset, length: node.length, content };
}

function raw(doc: JsoncDoc, node: Node): string {
  return doc.text.slice(node.offset, node.offset + node.length);
}

function describe(node: Node): string {
  return node.type === 'string' ? JSON.stringify(node.value) : kind(node);
}

/** `mcpServers.github`, `projects["/home/me/app"].mcpServers`: keys that are not plain words are quoted. */
function display(path: readonly string[]): string {
  return path.map((key, i) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `${i === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`)).join('');
}

function kind(node: Node): string {
  return node.type === 'array' ? 'an array' : node.type === 'object' ? 'an object' : `a ${node.type}`;
}

function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function stripBom(text: string): { bom: string; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: '', body: text };
}

export { JsoncProblem };
