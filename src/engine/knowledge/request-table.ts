import type { NetworkCall } from '../toolcall.js';
import { destinationOf, urlPath } from './hosts.js';

/**
 * A kind of API request, by its method (any when not given), its lower-cased path, its URL's query and its body, and
 * the host it goes to when the path alone is too common to say whose API it is.
 */
export interface RequestPattern { what: string; path: RegExp; method?: readonly string[]; host?: RegExp; query?: RegExp; body?: RegExp }

/** The first request of a table a Network call is, with the evidence to report. */
export function requestOf(table: readonly RequestPattern[], call: NetworkCall): string | undefined {
  const url = call.url.slice(0, 4096);
  const path = urlPath(url).toLowerCase();
  const body = (call.body ?? '').slice(0, 64 * 1024);
  // (the host is read only for an entry that asks for it and matched by path)
  let host: string | undefined;
  const hostOf = () => (host ??= destinationOf(url)?.host ?? '');
  const hit = table.find((a) => (a.method === undefined || a.method.includes(call.method)) && a.path.test(path) && (a.host === undefined || a.host.test(hostOf())) && (a.query === undefined || a.query.test(url)) && (a.body === undefined || a.body.test(body)));
  return hit ? `${call.method} ${url.slice(0, 160)} (${hit.what})` : undefined;
}
