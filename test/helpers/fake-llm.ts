import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local stand-in for a hosted model API, speaking its documented wire format: the Anthropic
 * Messages API (`POST /v1/messages`: content blocks, usage, stop_reason) or OpenAI chat completions
 * (`POST /v1/chat/completions`: choices, usage). The providers themselves cannot be reached from here.
 * Each request takes the next scripted reply; when the script runs out, the default reply.
 */
export type Reply =
  | { text: string; usage?: Partial<Usage>; stop?: string }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  | { delayMs: number; then: Reply };

export interface Usage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeLlm {
  url: string;
  /** Base URL as SEMANTIC_BASE_URL takes it (…/v1) for the openai format; ANTHROPIC_BASE_URL for the other. */
  baseUrl: string;
  received: Received[];
  /** Requests being answered right now, and the most there ever were at once. */
  inFlight(): number;
  maxInFlight(): number;
  script(...replies: Reply[]): void;
  setDefault(reply: Reply): void;
  close(): Promise<void>;
}

export const answerJson = (verdict: string, adjustment: number, reasoning = 'test reasoning'): string => JSON.stringify({ verdict, adjustment, confidence: 0.9, reasoning });

export async function startFakeLlm(format: 'anthropic' | 'openai', defaultReply: Reply = { text: answerJson('suspicious', 0) }): Promise<FakeLlm> {
  const received: Received[] = [];
  const queue: Reply[] = [];
  let fallback = defaultReply;
  let active = 0;
  let peak = 0;
  const sockets = new Set<Socket>();
  const expected = format === 'anthropic' ? '/v1/messages' : '/v1/chat/completions';

  const send = (res: ServerResponse, reply: Reply): void => {
    if ('hang' in reply) return;
    if ('delayMs' in reply) {
      setTimeout(() => send(res, reply.then), reply.delayMs);
      return;
    }
    active--;
    if ('status' in reply) {
      const body = reply.body === undefined ? { type: 'error', error: { type: 'api_error', message: `status ${reply.status}` } } : reply.body;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
      return;
    }
    const u: Usage = { input: 120, output: 40, cacheRead: 0, cacheWrite: 0, ...reply.usage };
    const body =
      format === 'anthropic'
        ? {
            id: `msg_${received.length}`, type: 'message', role: 'assistant', model: 'claude-haiku-4-5', stop_reason: reply.stop ?? 'end_turn', stop_sequence: null,
            content: [{ type: 'text', text: reply.text }],
            usage: { input_tokens: u.input, output_tokens: u.output, cache_creation_input_tokens: u.cacheWrite, cache_read_input_tokens: u.cacheRead },
          }
        : {
            id: `chatcmpl-${received.length}`, object: 'chat.completion', created: 1764700000, model: 'local-model',
            choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: reply.stop ?? 'stop' }],
            usage: { prompt_tokens: u.input + u.cacheRead, completion_tokens: u.output, total_tokens: u.input + u.cacheRead + u.output, prompt_tokens_details: { cached_tokens: u.cacheRead } },
          };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== expected) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
      }
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // recorded as empty: the test's assertions on the body will say what was wrong
      }
      received.push({ path: req.url, headers: req.headers, body, at: Date.now() });
      active++;
      peak = Math.max(peak, active);
      send(res, queue.shift() ?? fallback);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: format === 'anthropic' ? url : `${url}/v1`,
    received,
    inFlight: () => active,
    maxInFlight: () => peak,
    script: (...replies) => void queue.push(...replies),
    setDefault: (reply) => void (fallback = reply),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
