import type { Dispatcher } from 'undici';
import { CircuitBreaker, type CircuitState } from './breaker.js';
import { ConcurrencyLimit } from './limiter.js';
import { costUsd, type Price } from './prices.js';
import type { Prompt, Provider, Usage } from './providers.js';

/** How one consultation ended: the label of proxilion_semantic_analysis_requests_total. */
export type ConsultResult =
  | 'answered'
  | 'cache_hit'
  | 'invalid_answer'
  | 'timeout'
  | 'rate_limited'
  | 'server_error'
  | 'client_error'
  | 'network_error'
  | 'circuit_open'
  | 'overloaded';

export const CONSULT_RESULTS: readonly ConsultResult[] = ['answered', 'cache_hit', 'invalid_answer', 'timeout', 'rate_limited', 'server_error', 'client_error', 'network_error', 'circuit_open', 'overloaded'];

/** What the host (the daemon's metrics and log) learns from the client. */
export interface SemanticObserver {
  usage(usage: Usage, costUsd: number): void;
  circuit(state: CircuitState, detail: string): void;
}

export interface SemanticClientOptions {
  provider: Provider;
  model: string;
  /** The whole consultation: waiting for a slot, every attempt and every backoff. */
  timeoutMs: number;
  maxRetries: number;
  concurrency: number;
  breakerFailures: number;
  breakerCooldownMs: number;
  price: Price;
  maxTokens?: number;
  observer?: SemanticObserver;
  clock?: () => number;
}

export type AskOutcome = { ok: true; text: string; usage: Usage; attempts: number } | { ok: false; result: Exclude<ConsultResult, 'answered' | 'cache_hit' | 'invalid_answer'> | 'invalid_answer'; reason: string };

/** An answer is a few hundred bytes; a provider sending megabytes is misconfigured, not chatty. */
const MAX_RESPONSE_BYTES = 1024 * 1024;
const BACKOFF_BASE_MS = 200;

/**
 * Asks the provider with a hard deadline, bounded retries with backoff on 429 and 5xx (Retry-After
 * honoured when it fits the deadline), a concurrency cap and a circuit breaker. Never throws: every
 * failure is an outcome with a reason, and the rule verdict stands.
 */
export class SemanticClient {
  readonly breaker: CircuitBreaker;
  private readonly limit: ConcurrencyLimit;
  private readonly clock: () => number;
  private dispatcher?: Promise<Dispatcher>;

  constructor(private readonly o: SemanticClientOptions) {
    this.clock = o.clock ?? Date.now;
    this.limit = new ConcurrencyLimit(o.concurrency);
    this.breaker = new CircuitBreaker(o.breakerFailures, o.breakerCooldownMs, this.clock, (state) =>
      o.observer?.circuit(state, state === 'open' ? `${o.provider.endpoint} failed ${o.breakerFailures} times in a row; not called for ${o.breakerCooldownMs} ms` : `${o.provider.endpoint}: ${state === 'closed' ? 'answering again' : 'one trial call'}`),
    );
  }

  get provider(): Provider {
    return this.o.provider;
  }

  get model(): string {
    return this.o.model;
  }

  async ask(prompt: Prompt): Promise<AskOutcome> {
    const deadline = this.clock() + this.o.timeoutMs;
    if (!this.breaker.tryAcquire()) {
      return { ok: false, result: 'circuit_open', reason: `the provider failed repeatedly; calls resume in ${Math.ceil(this.breaker.retryInMs() / 1000)} s (SEMANTIC_BREAKER_COOLDOWN_MS)` };
    }
    const release = await this.limit.acquire(deadline, this.clock);
    if (!release) {
      this.breaker.release();
      return { ok: false, result: 'overloaded', reason: `${this.o.concurrency} requests to the provider were already running and none finished within ${this.o.timeoutMs} ms (SEMANTIC_CONCURRENCY)` };
    }
    try {
      const outcome = await this.attempts(prompt, deadline);
      if (outcome.ok || outcome.result === 'invalid_answer') this.breaker.success();
      else this.breaker.failure();
      return outcome;
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    if (this.dispatcher) await (await this.dispatcher).close();
  }

  private async attempts(prompt: Prompt, deadline: number): Promise<AskOutcome> {
    const req = this.o.provider.request(prompt, this.o.model, this.o.maxTokens ?? 300);
    const where = this.o.provider.endpoint;
    for (let attempt = 0; ; attempt++) {
      const remaining = deadline - this.clock();
      if (remaining <= 0) return timedOut(this.o.timeoutMs, attempt);
      let res: Awaited<ReturnType<SemanticClient['post']>>;
      try {
        res = await this.post(req, remaining);
      } catch (e) {
        const err = e as { name?: string; code?: string; message?: string; cause?: { code?: string } };
        if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') return timedOut(this.o.timeoutMs, attempt + 1);
        const reason = `cannot reach ${where}: ${err.code ?? err.cause?.code ?? err.message ?? String(e)}`;
        const wait = this.backoff(attempt);
        if (attempt >= this.o.maxRetries || this.clock() + wait >= deadline) return { ok: false, result: 'network_error', reason };
        await sleep(wait);
        continue;
      }
      if (res.status === 200) {
        if (res.tooLarge) return { ok: false, result: 'invalid_answer', reason: `${where} answered more than ${MAX_RESPONSE_BYTES} bytes` };
        let body: unknown;
        try {
          body = JSON.parse(res.text);
        } catch {
          return { ok: false, result: 'invalid_answer', reason: `${where} answered 200 without JSON (${res.contentType || 'no content type'}): is SEMANTIC_BASE_URL / ANTHROPIC_BASE_URL the API itself?` };
        }
        const read = this.o.provider.read(body);
        if (!read.ok) return { ok: false, result: 'invalid_answer', reason: `${where}: ${read.problem}` };
        this.o.observer?.usage(read.usage, costUsd(read.usage, this.o.price));
        return { ok: true, text: read.text, usage: read.usage, attempts: attempt + 1 };
      }
      const detail = `${where} answered ${res.status}${providerMessage(res.text)}`;
      if (res.status !== 429 && res.status < 500) return { ok: false, result: 'client_error', reason: detail + hintFor(res.status) };
      const result = res.status === 429 ? 'rate_limited' : 'server_error';
      const wait = res.retryAfterMs ?? this.backoff(attempt);
      if (attempt >= this.o.maxRetries) return { ok: false, result, reason: `${detail}, ${attempt + 1} attempts` };
      if (this.clock() + wait >= deadline) return { ok: false, result, reason: `${detail}; the retry it asks for (${wait} ms) does not fit SEMANTIC_TIMEOUT_MS` };
      await sleep(wait);
    }
  }

  /** Exponential backoff with jitter, so replicas that failed together do not retry together. */
  private backoff(attempt: number): number {
    const d = BACKOFF_BASE_MS * 2 ** attempt;
    return Math.round(d / 2 + (Math.random() * d) / 2);
  }

  private async post(req: { url: string; headers: Record<string, string>; body: string }, remainingMs: number) {
    const dispatcher = await (this.dispatcher ??= import('undici').then(({ Agent }) => new Agent({ connections: this.o.concurrency, keepAliveTimeout: 30_000 })));
    const url = new URL(req.url);
    const res = await dispatcher.request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: 'POST',
      headers: req.headers,
      body: req.body,
      signal: AbortSignal.timeout(remainingMs),
    });
    const { text, tooLarge } = await readBounded(res.body, MAX_RESPONSE_BYTES);
    return { status: res.statusCode, text, tooLarge, contentType: String(res.headers['content-type'] ?? ''), retryAfterMs: retryAfter(res.headers, this.clock()) };
  }
}

const timedOut = (ms: number, attempts: number): AskOutcome => ({ ok: false, result: 'timeout', reason: `no answer within ${ms} ms (SEMANTIC_TIMEOUT_MS)${attempts > 1 ? `, ${attempts} attempts` : ''}` });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readBounded(body: AsyncIterable<Buffer> & { destroy?(): void }, max: number): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      body.destroy?.();
      return { text: '', tooLarge: true };
    }
    chunks.push(chunk);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false };
}

/** `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date. */
function retryAfter(headers: Record<string, string | string[] | undefined>, now: number): number | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const ms = Number(first(headers['retry-after-ms']));
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const raw = first(headers['retry-after']);
  if (raw === undefined || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The provider's own error message (both formats use `{error: {message}}`), bounded. */
function providerMessage(text: string): string {
  try {
    const m = (JSON.parse(text) as { error?: { message?: unknown } })?.error?.message;
    if (typeof m === 'string' && m) return `: ${m.length > 200 ? m.slice(0, 199) + '…' : m}`;
  } catch {
    // not JSON: the status says enough
  }
  return '';
}

function hintFor(status: number): string {
  if (status === 401 || status === 403) return ' (check ANTHROPIC_API_KEY or SEMANTIC_API_KEY)';
  if (status === 404) return ' (check SEMANTIC_MODEL and the base URL)';
  return '';
}
