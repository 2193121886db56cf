import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute } from 'node:path';
import { MAX_ID_CHARS, parseAnalyzeRequest } from '../engine/request.js';
import { ToolCallError } from '../engine/toolcall.js';
import { DECISIONS } from '../engine/score.js';
import type { SessionStore } from '../store/types.js';
import { eventJson, parseInstant, sessionJson } from '../report/audit-json.js';
import { VERSION } from '../version.js';
import type { Gateway } from './gateway.js';
import { bearerMatches, corsHeaders, HttpError, readFormBody, readJsonBody, sendError, sendJson } from './http.js';
import { actionFor } from '../integrations/hook-action.js';
import { isShell, SHELLS } from '../integrations/names.js';
import { TranscriptFollower } from '../integrations/transcript-turn.js';
import type { Logger } from './log.js';
import type { HealthResponse } from '../client/types.js';
import type { Metrics } from './metrics.js';

export interface RouteDeps {
  gateway: Gateway;
  store: SessionStore;
  metrics: Metrics;
  log: Logger;
  maxBodyBytes: number;
  corsOrigins: readonly string[];
  apiKey?: string;
  startedAt: number;
  /** Pings the store, updating the connection gauge: /health and /metrics report it as of now. */
  storeConnected: () => Promise<boolean>;
  /** What /health says about semantic analysis: on or off, and the provider's circuit when on. */
  semanticStatus: () => HealthResponse['semantic_analysis'];
}

/** What a route gets besides the request: the path's parameter, the parsed target, and the transport. */
interface RouteContext {
  param: string | undefined;
  url: URL;
  overSocket: boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<void>;

/**
 * Routes by method and path; `/sessions/:id` carries its id as the parameter. `overSocket` is set for
 * the Unix socket's requests: only this user can send them (mode 0600).
 */
export function createHandler(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse, overSocket: boolean) => void {
  const transcripts = new TranscriptFollower();
  const routes: Record<string, Partial<Record<string, Handler>>> = {
    '/analyze': { POST: (req, res, ctx) => analyze(deps, req, res, ctx.overSocket ? transcripts : undefined) },
    '/health': { GET: (_q, res) => health(deps, res) },
    '/metrics': { GET: (_q, res) => metrics(deps, res) },
    '/sessions/:id': { GET: (_q, res, ctx) => getSession(deps, res, ctx.param!), DELETE: (_q, res, ctx) => resetSession(deps, res, ctx.param!) },
    '/events': { GET: (_q, res, ctx) => events(deps, res, ctx.url) },
    '/check/shell': { POST: (req, res) => checkShell(deps, req, res) },
  };
  return (req, res, overSocket) => {
    const cors = corsHeaders(deps.corsOrigins, req.headers.origin);
    for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway');
    } catch {
      return sendError(res, new HttpError(400, 'malformed request target'));
    }
    let pattern: string | undefined, param: string | undefined;
    try {
      [pattern, param] = match(url.pathname);
    } catch (e) {
      return fail(deps, res, e as HttpError);
    }
    const methods = pattern ? routes[pattern] : undefined;
    if (!methods) return fail(deps, res, new HttpError(404, 'not found', `no route ${url.pathname}; routes: POST /analyze, GET /health, GET /metrics, GET|DELETE /sessions/:id, GET /events, POST /check/shell`));
    const allow = Object.keys(methods).join(', ');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': `${allow}, OPTIONS`, 'access-control-allow-headers': 'Content-Type, Authorization', 'access-control-max-age': '600' });
      return void res.end();
    }
    const handler = methods[req.method ?? ''];
    if (!handler) return fail(deps, res, new HttpError(405, 'method not allowed', `${url.pathname} accepts ${allow}`, { allow }));
    // Load balancers probe /health without credentials; everything else needs the key when one is set.
    if (deps.apiKey && pattern !== '/health' && !bearerMatches(req.headers.authorization, deps.apiKey)) {
      return fail(deps, res, new HttpError(401, 'unauthorized', 'send "Authorization: Bearer <PROXILION_API_KEY>"', { 'www-authenticate': 'Bearer' }));
    }
    handler(req, res, { param, url, overSocket }).catch((e: unknown) => {
      if (e instanceof HttpError) return fail(deps, res, e);
      if ((e as { code?: unknown })?.code === 'E_STORE') return fail(deps, res, new HttpError(503, 'session store unavailable', (e as Error).message, { 'retry-after': '5' }));
      deps.log.error('request failed', { method: req.method, path: url.pathname, error: e });
      if (!res.headersSent) sendError(res, new HttpError(500, 'internal error', (e as Error)?.message ?? String(e)));
      else res.destroy();
    });
  };
}

function match(path: string): [string | undefined, string | undefined] {
  if (path.startsWith('/sessions/') && path.length > '/sessions/'.length && !path.slice(10).includes('/')) {
    try {
      return ['/sessions/:id', decodeURIComponent(path.slice(10))];
    } catch {
      throw new HttpError(400, 'malformed session id', 'the session id in the path is not valid percent-encoding');
    }
  }
  return [path, undefined];
}

function fail(deps: RouteDeps, res: ServerResponse, e: HttpError): void {
  deps.metrics.badRequests.labels(String(e.status)).inc();
  if (deps.log.enabled('debug')) deps.log.debug('request rejected', { status: e.status, error: e.message, details: e.details });
  sendError(res, e);
}

/** `transcripts` follows the transcripts named on the Unix socket; none for a request over TCP. */
async function analyze(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, transcripts: TranscriptFollower | undefined): Promise<void> {
  const body = await readJsonBody(req, deps.maxBodyBytes);
  let request, transcriptPath;
  try {
    request = parseAnalyzeRequest(body, true);
    transcriptPath = transcriptPathOf(body as Record<string, unknown>, transcripts !== undefined);
  } catch (e) {
    if (e instanceof ToolCallError) throw new HttpError(422, `invalid request: ${e.field}`, e.message);
    throw e;
  }
  if (transcriptPath !== undefined && request.userMessage === undefined) {
    // as in the hook: a transcript that cannot be read leaves the call judged without its conversation
    Object.assign(request, await transcripts!.turn(transcriptPath, request.sessionId).catch(() => ({})));
  }
  const { status, body: verdict } = await deps.gateway.analyze(request);
  sendJson(res, status, verdict);
}

/** Linux's PATH_MAX. */
const MAX_PATH_CHARS = 4096;

/**
 * `transcript_path`: an agent hook's transcript, read here for the user's prompt, so the hook process
 * does not run the transcript readers (a cost on every agent call). Only over the Unix socket, whose
 * mode lets no one else send it: from TCP it would let any local process make the daemon read a file.
 */
function transcriptPathOf(body: Record<string, unknown>, overSocket: boolean): string | undefined {
  const v = body.transcript_path;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !isAbsolute(v) || v.length > MAX_PATH_CHARS) throw new ToolCallError('transcript_path', `must be an absolute path of at most ${MAX_PATH_CHARS} characters`);
  if (!overSocket) throw new ToolCallError('transcript_path', 'is read only from requests on the Unix socket (--socket); over TCP, send user_message and ai_response');
  return v;
}

/**
 * POST /check/shell: one typed line, form-encoded, answered as one text line the shell snippets read
 * without a JSON parser: `allow`, or `warn` / `deny`, a tab and the reason. The fast path of the
 * shell hooks (curl over the Unix socket costs a few ms, a Node client a whole Node start).
 */
async function checkShell(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = await readFormBody(req, deps.maxBodyBytes);
  const field = (name: string, required: boolean): string | undefined => {
    const v = form.get(name) ?? undefined;
    if (required && !v) throw new HttpError(422, `invalid request: ${name}`, `${name} is required`);
    if (v !== undefined && name !== 'line' && v.length > MAX_ID_CHARS) throw new HttpError(422, `invalid request: ${name}`, `${name} is longer than ${MAX_ID_CHARS} characters`);
    return v;
  };
  const shell = field('shell', true)!;
  if (!isShell(shell)) throw new HttpError(422, 'invalid request: shell', `shell must be one of ${SHELLS.join(', ')}`);
  const line = field('line', true)!;
  const { status, body } = await deps.gateway.analyze({
    call: { kind: 'bash', command: line, args: [], env: {} },
    userId: field('user_id', false) || 'unknown', sessionId: field('session_id', false), agent: `shell:${shell}`,
    requestId: field('request_id', false) || undefined,
  });
  const action = actionFor({ verdict: body, mode: body.mode, refused: status === 403, message: body.message, via: 'daemon', notes: [] }, { notifyInMonitor: true });
  const text = action.kind === 'pass' ? 'allow\n' : `${action.kind}\t${action.reason.replace(/[\r\n\t]+/g, ' ')}\n`;
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function health(deps: RouteDeps, res: ServerResponse): Promise<void> {
  const connected = await deps.storeConnected();
  const s = deps.gateway.settings;
  // 200 even when degraded: the gateway still answers, and a load balancer should not drop it for a store hiccup.
  sendJson(res, 200, {
    status: connected ? 'healthy' : 'degraded',
    version: VERSION,
    mode: s.mode,
    session_store: deps.store.kind,
    store_connected: connected,
    redis_connected: deps.store.kind === 'redis' && connected,
    uptime_seconds: Math.round((Date.now() - deps.startedAt) / 1000),
    thresholds: s.policy.thresholds,
    semantic_analysis: deps.semanticStatus(),
  });
}

async function metrics(deps: RouteDeps, res: ServerResponse): Promise<void> {
  await deps.storeConnected();
  const text = await deps.metrics.registry.metrics();
  res.writeHead(200, { 'content-type': deps.metrics.registry.contentType });
  res.end(text);
}

async function getSession(deps: RouteDeps, res: ServerResponse, id: string): Promise<void> {
  const record = await deps.store.get(id, Date.now());
  if (!record) throw new HttpError(404, 'session not found', `no active session "${id}" (it may have expired or been reset)`);
  sendJson(res, 200, sessionJson(record));
}

async function resetSession(deps: RouteDeps, res: ServerResponse, id: string): Promise<void> {
  const existed = await deps.store.reset(id);
  if (!existed) throw new HttpError(404, 'session not found', `no session "${id}" to reset`);
  deps.log.info('session reset by operator', { session_id: id });
  sendJson(res, 200, { session_id: id, reset: true });
}

const EVENT_PAGE_MAX = 1000;

async function events(deps: RouteDeps, res: ServerResponse, url: URL): Promise<void> {
  const q = url.searchParams;
  const known = new Set(['session_id', 'decision', 'since', 'after', 'limit']);
  for (const k of q.keys()) if (!known.has(k)) throw new HttpError(400, `unknown query parameter "${k}"`, `accepted: ${[...known].join(', ')}`);
  const decision = q.get('decision') ?? undefined;
  const canonical = decision ? DECISIONS.find((d) => d.toLowerCase() === decision.toLowerCase()) : undefined;
  if (decision && !canonical) throw new HttpError(400, 'invalid decision', `decision must be one of ${DECISIONS.join(', ')}; got "${decision}"`);
  const limit = intParam(q.get('limit'), 'limit', 100);
  if (limit < 1 || limit > EVENT_PAGE_MAX) throw new HttpError(400, 'invalid limit', `limit must be 1 to ${EVENT_PAGE_MAX}`);
  const page = await deps.store.events({
    sessionId: q.get('session_id') ?? undefined,
    decision: canonical,
    since: q.has('since') ? since(q.get('since')!) : undefined,
    after: q.has('after') ? intParam(q.get('after'), 'after', 0) : undefined,
    limit,
  });
  sendJson(res, 200, { events: page.events.map(eventJson), ...(page.next !== undefined ? { next: page.next } : {}) });
}

function intParam(raw: string | null, name: string, dflt: number): number {
  if (raw === null) return dflt;
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(400, `invalid ${name}`, `${name} must be a non-negative integer; got "${raw}"`);
  return Number(raw);
}

function since(raw: string): number {
  const t = parseInstant(raw);
  if (t === undefined) throw new HttpError(400, 'invalid since', `since must be an ISO 8601 time or epoch seconds/milliseconds; got "${raw}"`);
  return t;
}
