import { isJsonObject, type ToolCall } from '../toolcall.js';
import { nameWords, requestParams } from '../tool-shape.js';
import { perCall } from '../rule.js';
import { percentDecoded } from '../shell/decoders.js';

/**
 * A SaaS API call read as one, whether the agent sends it as an MCP tool call or as its own HTTP request: the
 * operation's words (an MCP tool's name, a URL's path), its fields (the body's, the query string's, an HTML form's),
 * keys lower-cased, the method (empty for an MCP tool), the host it goes to, and the body as sent.
 */
export interface ApiRequest { words: ReadonlySet<string>; fields: ReadonlyMap<string, unknown>; method: string; host: string; body: unknown }

/** An object's keys and values three levels deep, first occurrence kept (`params.body.locked` reads as `locked`). */
function flatten(o: unknown, out: Map<string, unknown>, depth = 0): void {
  if (!isJsonObject(o) || depth > 3) return;
  for (const [k, v] of Object.entries(o).slice(0, 64)) {
    const key = k.toLowerCase();
    if (!out.has(key)) out.set(key, v);
    flatten(v, out, depth + 1);
  }
}

/** `name=x&disabled=1`: a form-encoded body's fields, when the body is one. */
function formFields(body: unknown, out: Map<string, unknown>): void {
  if (typeof body !== 'string' || !/^[\w.%-]{1,128}=/.test(body)) return;
  for (const [k, v] of [...new URLSearchParams(body.slice(0, 16384))].slice(0, 64)) if (!out.has(k.toLowerCase())) out.set(k.toLowerCase(), v);
}

export const apiRequest = perCall((call: ToolCall): ApiRequest | undefined => {
  const fields = new Map<string, unknown>();
  if (call.kind === 'unknown') {
    flatten(call.params, fields);
    return { words: new Set(nameWords(call.toolName)), fields, method: '', host: '', body: call.params };
  }
  if (call.kind !== 'network') return undefined;
  let url: URL;
  try { url = new URL(call.url.slice(0, 4096)); } catch { return undefined; }
  for (const [k, v] of [...url.searchParams].slice(0, 64)) if (!fields.has(k.toLowerCase())) fields.set(k.toLowerCase(), v);
  const body = requestParams(call.body);
  flatten(body, fields);
  formFields(body, fields);
  const path = percentDecoded(url.pathname);
  return { words: new Set(path.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).slice(0, 32)), fields, method: call.method.toUpperCase(), host: url.hostname.toLowerCase(), body };
});

export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.slice(0, 1024) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
export const fieldText = (r: ApiRequest, ...keys: string[]) => keys.map((k) => text(r.fields.get(k))).find((v) => v !== undefined);
const CHANGE_VERBS = ['create', 'update', 'edit', 'set', 'put', 'patch', 'upsert', 'add', 'batch', 'replace'];
/** A request that changes state: a writing method, or an MCP tool named for a change. */
export const changesState = (r: ApiRequest) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH' || CHANGE_VERBS.some((v) => r.words.has(v));
