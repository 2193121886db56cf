import type { Agent, Dispatcher } from 'undici';
import { ProxilionError } from './error.js';
import type { AnalyzeRequestBody, AnalyzeResponse, CommandContext, EventsPage, EventsQuery, HealthResponse, SessionInfo } from './types.js';

export { ProxilionError, type ProxilionErrorCode } from './error.js';
export type * from './types.js';

export interface ProxilionClientOptions {
  /** The gateway's base URL; default http://127.0.0.1:8787. With `socketPath` only its path prefix counts. */
  url?: string;
  /** Talk to the gateway over this Unix socket (`proxilion serve --socket`). */
  socketPath?: string;
  /** Sent as `Authorization: Bearer <apiKey>`: the daemon's PROXILION_API_KEY. */
  apiKey?: string;
  /** For each request, from sending it to the last byte of the answer; default 5000. */
  timeoutMs?: number;
  /** The `user_id` of analyze calls that do not name one. */
  userId?: string;
}

/** What every method accepts besides its arguments. */
export interface RequestOptions {
  /** Cancels the request; it then rejects with E_ABORTED and the signal's reason as `cause`. */
  signal?: AbortSignal;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

const DEFAULT_URL = 'http://127.0.0.1:8787';

/**
 * A program's handle on a running `proxilion serve`: one connection pool, reused until close().
 * undici is imported on the first request, so importing the package for the engine alone does
 * not pay for it.
 */
export class ProxilionClient {
  private agent?: Promise<Agent>;
  private closed = false;
  private readonly socketPath?: string;
  private readonly origin: string;
  private readonly prefix: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly userId?: string;
  /** Where requests go, for error messages. */
  readonly target: string;

  constructor(options: ProxilionClientOptions = {}) {
    let base: URL;
    try {
      base = new URL(options.url ?? DEFAULT_URL);
    } catch {
      throw new TypeError(`ProxilionClient: url ${JSON.stringify(options.url)} is not an absolute URL such as ${DEFAULT_URL}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`ProxilionClient: url must be http: or https:, got ${base.protocol}`);
    const timeoutMs = options.timeoutMs ?? 5000;
    if (!(timeoutMs > 0)) throw new TypeError(`ProxilionClient: timeoutMs must be a positive number of milliseconds, got ${options.timeoutMs}`);
    this.origin = base.origin;
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
    this.userId = options.userId;
    this.headers = { accept: 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
    this.target = options.socketPath ? `unix socket ${options.socketPath}` : `${base.origin}${this.prefix}`;
    this.socketPath = options.socketPath;
  }

  /**
   * POST /analyze. A refused call (403: Block or Terminate in block/terminate mode, or any call in
   * a terminated session) resolves with its verdict like an allowed one: refusing is the gateway
   * doing its job, so callers read `decision` and `session_terminated` rather than catch.
   */
  async analyze(request: AnalyzeRequestBody, options: RequestOptions = {}): Promise<AnalyzeResponse> {
    const body = request.user_id === undefined && this.userId !== undefined ? { ...request, user_id: this.userId } : request;
    const answer = await this.send('POST', '/analyze', options, JSON.stringify(body));
    if (answer.status !== 200 && answer.status !== 403) throw this.refusal('POST /analyze', answer);
    const verdict = this.json<AnalyzeResponse>('POST /analyze', answer);
    if (typeof verdict?.decision !== 'string') throw new ProxilionError('E_RESPONSE', `${this.target} answered POST /analyze with ${answer.status} but no verdict: is it a proxilion gateway?`, { status: answer.status });
    return verdict;
  }

  /** Analyzes one shell command line: the common case of analyze(). */
  analyzeCommand(command: string, context: CommandContext = {}, options: RequestOptions = {}): Promise<AnalyzeResponse> {
    return this.analyze({
      tool_call: { Bash: { command } },
      ...(context.userId !== undefined ? { user_id: context.userId } : {}),
      ...(context.sessionId !== undefined ? { session_id: context.sessionId } : {}),
      ...(context.orgId !== undefined ? { org_id: context.orgId } : {}),
      ...(context.agent !== undefined ? { agent: context.agent } : {}),
    }, options);
  }

  /** GET /health: answers without the API key, and 200 even when the store is down (status "degraded"). */
  async health(options: RequestOptions = {}): Promise<HealthResponse> {
    return this.expectJson<HealthResponse>('/health', options);
  }

  /** GET /metrics: the Prometheus text exposition. */
  async metrics(options: RequestOptions = {}): Promise<string> {
    const answer = await this.send('GET', '/metrics', options);
    if (answer.status !== 200) throw this.refusal('GET /metrics', answer);
    return answer.text;
  }

  /** GET /sessions/:id, or null when there is no such active session (never seen, expired or reset). */
  async session(id: string, options: RequestOptions = {}): Promise<SessionInfo | null> {
    const answer = await this.send('GET', `/sessions/${encodeURIComponent(id)}`, options);
    if (answer.status === 404) return null;
    if (answer.status !== 200) throw this.refusal('GET /sessions/:id', answer);
    return this.json<SessionInfo>('GET /sessions/:id', answer);
  }

  /** DELETE /sessions/:id: forgets the session and its termination. False when there was none. */
  async resetSession(id: string, options: RequestOptions = {}): Promise<boolean> {
    const answer = await this.send('DELETE', `/sessions/${encodeURIComponent(id)}`, options);
    if (answer.status === 404) return false;
    if (answer.status !== 200) throw this.refusal('DELETE /sessions/:id', answer);
    return true;
  }

  /** GET /events: one page of the audit log, oldest first. */
  async events(query: EventsQuery = {}, options: RequestOptions = {}): Promise<EventsPage> {
    const q = new URLSearchParams();
    if (query.session_id !== undefined) q.set('session_id', query.session_id);
    if (query.decision !== undefined) q.set('decision', query.decision);
    if (query.since !== undefined) q.set('since', query.since instanceof Date ? query.since.toISOString() : String(query.since));
    if (query.after !== undefined) q.set('after', String(query.after));
    if (query.limit !== undefined) q.set('limit', String(query.limit));
    const search = q.toString();
    return this.expectJson<EventsPage>(search ? `/events?${search}` : '/events', options);
  }

  /** Closes the pooled connections; requests after this reject with E_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.agent) await (await this.agent).close();
  }

  private dispatcher(): Promise<Agent> {
    this.agent ??= import('undici').then(({ Agent }) => new Agent({
      connect: this.socketPath ? { socketPath: this.socketPath } : undefined,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    }));
    return this.agent;
  }

  private async expectJson<T>(path: string, options: RequestOptions): Promise<T> {
    const route = `GET ${path.split('?')[0]}`;
    const answer = await this.send('GET', path, options);
    if (answer.status !== 200) throw this.refusal(route, answer);
    return this.json<T>(route, answer);
  }

  private async send(method: Dispatcher.HttpMethod, path: string, options: RequestOptions, body?: string): Promise<Answer> {
    if (this.closed) throw new ProxilionError('E_CLOSED', `this ProxilionClient for ${this.target} was closed; create a new one`);
    const route = `${method} ${path.split('?')[0]}`;
    try {
      const agent = await this.dispatcher();
      const res = await agent.request({
        origin: this.origin,
        path: this.prefix + path,
        method,
        headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
        body,
        // headersTimeout/bodyTimeout bound each gap; this bounds the whole exchange
        signal: options.signal ? AbortSignal.any([AbortSignal.timeout(this.timeoutMs), options.signal]) : AbortSignal.timeout(this.timeoutMs),
      });
      const contentType = String(res.headers['content-type'] ?? '');
      return { status: res.statusCode, contentType, text: await res.body.text() };
    } catch (e) {
      if (options.signal?.aborted) throw new ProxilionError('E_ABORTED', `${route} to the proxilion gateway at ${this.target} was cancelled by its AbortSignal`, { cause: options.signal.reason });
      throw this.transportError(route, e);
    }
  }

  private transportError(route: string, e: unknown): ProxilionError {
    const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string } };
    const code = err.code ?? err.cause?.code;
    if (err.name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new ProxilionError('E_TIMEOUT', `the proxilion gateway at ${this.target} did not answer ${route} within ${this.timeoutMs} ms; raise timeoutMs if it is busy`, { cause: e });
    }
    if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') {
      return new ProxilionError('E_CLOSED', `this ProxilionClient for ${this.target} was closed; create a new one`, { cause: e });
    }
    return new ProxilionError('E_UNREACHABLE', `cannot reach the proxilion gateway at ${this.target} (${code ?? err.message ?? String(e)}) for ${route}: is \`proxilion serve\` running there?`, { cause: e });
  }

  private json<T>(route: string, answer: Answer): T {
    try {
      return JSON.parse(answer.text) as T;
    } catch {
      throw new ProxilionError('E_RESPONSE', `${this.target} answered ${route} with ${answer.status} and a body that is not JSON (${answer.contentType || 'no content type'}): is it a proxilion gateway?`, { status: answer.status });
    }
  }

  /** A non-2xx answer: the gateway's `{error, details}` in an error that says what to do. */
  private refusal(route: string, answer: Answer): ProxilionError {
    let error: string | undefined;
    let details: string | undefined;
    try {
      const body = JSON.parse(answer.text) as { error?: unknown; details?: unknown };
      if (typeof body?.error === 'string') error = body.error;
      if (typeof body?.details === 'string') details = body.details;
    } catch {
      // not the gateway's JSON: the status alone still says what happened
    }
    const why = error ? `${error}${details ? ` (${details})` : ''}` : answer.text.slice(0, 200) || 'no body';
    return new ProxilionError('E_HTTP', `the proxilion gateway at ${this.target} answered ${route} with ${answer.status}: ${why}`, { status: answer.status, error, details });
  }
}

/** The upstream client's name, kept so programs written against it port with an import change. */
export const ProxilionMCPClient = ProxilionClient;
export type ProxilionMCPClient = ProxilionClient;
