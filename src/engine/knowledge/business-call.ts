import type { ToolCall } from '../toolcall.js';
import { nameWords, requestParams } from '../tool-shape.js';
import { destinationOf } from './hosts.js';
import { EMAIL_ADDRESS, PERSONAL_MAILBOX } from './payloads.js';

/**
 * A call to a business system's API or MCP server, read once for the readers of one family of systems (payroll and
 * finance, commerce): which vendor, what the call does in words, whether it changes something, and its parameters.
 */
export interface BusinessCall {
  vendor: string;
  /** The tool name's words or the API path's, with a GraphQL mutation's fields and a generic request tool's method. */
  words: string[];
  writes: boolean;
  /** The parameters or request body as JSON text, bounded. */
  json: string;
  /** The JSON's keys, lowercased. */
  keys: string[];
  /** The API URL's query string. */
  query: string;
  /** The API URL's path ('' for an MCP call). */
  path: string;
  /** The parameters or request body as parsed. */
  params: unknown;
  /** The HTTP method, lowercased ('' for an MCP call). */
  method: string;
}

/** A family of systems: its vendors by the name their MCP servers go by (`mcp__gusto__…`), with the domains they own, and their APIs by address. */
export interface Vendors {
  byServer: ReadonlyMap<string, readonly string[]>;
  api: RegExp;
  /** Vendors whose API runs on the customer's own host, by its path (WooCommerce's `/wp-json/wc/v3/`). */
  byPath?: ReadonlyArray<readonly [RegExp, string]>;
}

/** Words of a tool's name, or an API path, that only read. */
const READ_WORDS = new Set(['get', 'list', 'search', 'query', 'describe', 'show', 'find', 'fetch', 'read', 'view', 'lookup', 'retrieve', 'download', 'export', 'report', 'run', 'generate', 'suiteql', 'execute', 'introspect']);
/** A GraphQL document's operation and its first fields (`mutation themeFilesUpsert($x: …) { themeFilesUpsert(…`). */
const GRAPHQL = /^\s{0,64}(mutation|query|\{)[^{]{0,512}\{\s{0,64}(\w{1,64})/;

/** What a GraphQL document or a generic request tool's method names (`RefundPayment` of Square's `make_api_request`). */
function operationOf(params: unknown): { words: string[]; writes?: boolean } {
  if (typeof params !== 'object' || params === null) return { words: [] };
  const p = params as Record<string, unknown>;
  const doc = typeof p.query === 'string' ? GRAPHQL.exec(p.query.slice(0, 4096)) : null;
  if (doc) return { words: nameWords(doc[2]!), writes: doc[1] === 'mutation' };
  const method = typeof p.method === 'string' && /^[A-Z][A-Za-z]{2,63}$/.test(p.method) ? nameWords(p.method) : [];
  return method.length > 0 ? { words: [...(typeof p.service === 'string' ? nameWords(p.service.slice(0, 64)) : []), ...method], writes: !method.some((w) => READ_WORDS.has(w)) } : { words: [] };
}

/** Reads a call as one to a system of the family, if it is. */
export function readBusinessCall(call: ToolCall, vendors: Vendors): BusinessCall | undefined {
  let vendor: string | undefined;
  let words: string[];
  let params: unknown;
  let writes: boolean;
  let query = '';
  let path = '';
  if (call.kind === 'unknown') {
    const server = /^mcp__([\w-]{1,40})__/.exec(call.toolName)?.[1]?.toLowerCase();
    vendor = server !== undefined && vendors.byServer.has(server) ? server : undefined;
    if (vendor === undefined) return undefined;
    params = call.params;
    const op = operationOf(params);
    words = [...nameWords(call.toolName), ...op.words];
    writes = op.writes ?? !words.some((w) => READ_WORDS.has(w));
  } else if (call.kind === 'network') {
    if (!vendors.api.test(call.url)) return undefined;
    const host = destinationOf(call.url)?.host ?? '';
    vendor = [...vendors.byServer].find(([, domains]) => domains.some((d) => host === d || host.endsWith('.' + d)))?.[0] ?? vendors.byPath?.find(([path]) => path.test(call.url))?.[1];
    if (vendor === undefined) return undefined;
    query = /\?([^#]{0,4096})/.exec(call.url)?.[1] ?? '';
    params = requestParams(call.body);
    const op = operationOf(params);
    path = call.url.replace(/^\w+:\/\/[^/]*/, '').replace(/[?#].*$/, '').slice(0, 4096);
    words = [...nameWords(path), ...op.words];
    writes = op.writes ?? (call.method !== 'GET' && call.method !== 'HEAD');
  } else return undefined;
  const json = (JSON.stringify(params ?? null) ?? '').slice(0, 32768);
  return { vendor, words, writes, json, query, path, params, method: call.kind === 'network' ? call.method.toLowerCase() : '', keys: [...json.matchAll(/"([\w.-]{1,64})"\s*:/g)].map((m) => m[1]!.toLowerCase()) };
}

/** A word of a role or access level that administers the system, or pays from it. */
// (and an endpoint console's remote shell onto every machine)
const ADMIN_GRANT = /admin|administrator|owner|full[ _-]?access|payroll|superuser|controller|accountant|remote_?shell/i;
const ADDRESS = new RegExp(EMAIL_ADDRESS.source, 'g');

/**
 * Access given to an outsider: a user, admin, invitation or API client of the system made or changed for an address
 * on a domain that carries the vendor's name but is not the vendor's (`gusto-support-desk.com`), or for a personal
 * mailbox with an administering role. (A new hire's personal address is how onboarding reaches them.)
 */
export function accessGranted(f: BusinessCall, own: readonly string[]): string[] {
  if (!f.writes || !f.words.some((w) => /^(?:user|users|account|accounts|admin|admins|employee|employees|worker|contractor|member|client|integration|security|group|role|roles|access|invite|invites|invitation|invitations)$/.test(w))) return [];
  const out: string[] = [];
  // or the new client's secret or token delivered to an address or a URL (`send_to`, `share_with`, `send_token_to`)
  const delivered = /"(?:send|share|deliver|mail|email|post)_?(?:to|with|(?:token|secret|credentials?)_?to)"\s{0,4}:\s{0,4}"([^"\s]{3,256})"/i.exec(f.json)?.[1];
  if (delivered !== undefined && f.words.some((w) => /^(?:client|clients|token|tokens|credentials|key|keys|secret|secrets|service)$/.test(w)) && (delivered.includes('@') || /^https?:\/\//i.test(delivered))) out.push(`${f.vendor}: ${f.words.join(' ')} sent to ${delivered.slice(0, 120)}`);
  for (const m of f.json.matchAll(ADDRESS)) {
    const domain = m[0].slice(m[0].indexOf('@') + 1).toLowerCase();
    const label = domain.replace(/\.[a-z]{2,}$/, '');
    const lookalike = label.includes(f.vendor.replace(/-/g, '')) && !own.some((d) => domain === d || domain.endsWith('.' + d));
    if (lookalike || (PERSONAL_MAILBOX.test(m[0]) && ADMIN_GRANT.test(f.json))) out.push(`${f.vendor}: ${f.words.join(' ')} for ${m[0]}`);
    if (out.length >= 3) break;
  }
  return out;
}
