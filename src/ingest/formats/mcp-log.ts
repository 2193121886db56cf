import { isObject, toolCallFromMcp } from '../agent-tools.js';
import type { CallOutcome, FormatReader, IngestedCall, IngestItem, InputLine } from '../types.js';
import { PendingCalls } from './jsonl.js';
import { checkLine, isoToMs, jsonOrUndefined } from './shared.js';

/**
 * A log of MCP stdio traffic: one JSON-RPC 2.0 message per line (the stdio transport forbids
 * embedded newlines), often behind a short prefix a proxy or logger added — a timestamp, an arrow
 * (`>>> `, `<- `, `→ `), `SEND `, `[client→server] `. Only `tools/call` requests become calls; the
 * response with the same id gives the outcome (MCP spec 2025-06-18, "Tools": a JSON-RPC `error` for
 * protocol errors, `result.isError` for a tool that failed).
 */
export const mcpLogReader: FormatReader = {
  format: 'mcp',
  sniff: (head) => (head.some((h) => isJsonRpc(jsonOrUndefined(splitLine(h)?.json ?? ''))) ? 10 : 0),
  read: (lines) => readMessages(lines),
};

/** Longest prefix before the message: room for an ISO timestamp, a direction tag and some spacing. */
const MAX_PREFIX = 80;

async function* readMessages(lines: AsyncIterable<InputLine>): AsyncIterable<IngestItem> {
  const pending = new PendingCalls();
  for await (const l of lines) {
    const c = checkLine(l);
    const items = c.kind === 'skip' ? pending.push(c) : c.text.trim() !== '' ? readLine(c.text, c.line, pending) : [];
    for (const item of items) yield item;
  }
  yield* pending.drain();
}

function readLine(text: string, line: number, pending: PendingCalls): IngestItem[] {
  const parts = splitLine(text);
  if (!parts) return pending.push(skip(line, `not a JSON-RPC message (no "{" in the first ${MAX_PREFIX + 1} characters)`));
  let msg: unknown;
  try {
    msg = JSON.parse(parts.json);
  } catch (e) {
    return pending.push(skip(line, `not valid JSON: ${(e as Error).message}`));
  }
  if (!isJsonRpc(msg)) return pending.push(skip(line, 'not a JSON-RPC 2.0 message'));
  const id = idKey(msg.id);
  if (msg.method === 'tools/call') return pending.push(toolCall(msg.params, line, parts.prefix), id);
  if (typeof msg.method === 'string') {
    // Each side numbers its own requests: once the other side sends one with a pending call's id,
    // the next response with that id may answer either, so the call keeps no outcome.
    return id === undefined ? [] : pending.unwait(id);
  }
  return id !== undefined && ('result' in msg || 'error' in msg) ? pending.resolve(id, outcomeOf(msg)) : [];
}

function toolCall(params: unknown, line: number, prefix: string): IngestItem {
  if (!isObject(params) || typeof params.name !== 'string') return skip(line, 'tools/call without a string params.name');
  const call: IngestedCall = { kind: 'call', request: { call: toolCallFromMcp(params.name, params.arguments), agent: 'mcp' }, line, tool: params.name };
  const at = timeFromPrefix(prefix);
  if (at !== undefined) call.at = at;
  return call;
}

/** Splits at the first `{`, looked for only near the start so a long non-JSON line costs little. */
function splitLine(text: string): { prefix: string; json: string } | undefined {
  const brace = text.slice(0, MAX_PREFIX + 1).indexOf('{');
  return brace === -1 ? undefined : { prefix: text.slice(0, brace), json: text.slice(brace) };
}

/** An ISO timestamp as the prefix's first word, bare or in brackets. */
function timeFromPrefix(prefix: string): number | undefined {
  const word = prefix.trimStart().split(' ', 1)[0] ?? '';
  return isoToMs(word.startsWith('[') && word.endsWith(']') ? word.slice(1, -1) : word);
}

const isJsonRpc = (v: unknown): v is Record<string, unknown> => isObject(v) && v.jsonrpc === '2.0';

/** JSON-RPC ids are strings or numbers; the key keeps `1` and `"1"` apart. */
function idKey(id: unknown): string | undefined {
  return typeof id === 'string' || typeof id === 'number' ? JSON.stringify(id) : undefined;
}

function outcomeOf(msg: Record<string, unknown>): CallOutcome {
  if (msg.error !== undefined && msg.error !== null) return isObject(msg.error) && saysDenied(msg.error.message) ? 'denied' : 'error';
  const r = msg.result;
  if (isObject(r) && r.isError === true) return saysDenied(firstText(r.content)) ? 'denied' : 'error';
  return 'ok';
}

/**
 * Phrases with which gateways refuse a call (Invariant: "blocked for security reasons…"; proxilion's
 * own policy messages). Read only on error responses: a successful tool's output saying "blocked"
 * is data, and "Permission denied" is a tool that ran and failed.
 */
const DENIAL_PHRASES = ['blocked', 'denied by', 'not allowed by', 'refused by', 'policy violation'];

function saysDenied(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const head = text.slice(0, 300).toLowerCase();
  return DENIAL_PHRASES.some((p) => head.includes(p));
}

function firstText(content: unknown): unknown {
  if (!Array.isArray(content)) return undefined;
  const item: unknown = content.find((c) => isObject(c) && c.type === 'text');
  return isObject(item) ? item.text : undefined;
}

const skip = (line: number, reason: string): IngestItem => ({ kind: 'skip', line, reason });
