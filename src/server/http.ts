import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/** A request the gateway will not process: answered as JSON `{error, details}` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, e: HttpError): void {
  sendJson(res, e.status, { error: e.message, ...(e.details ? { details: e.details } : {}) }, e.headers);
}

/**
 * The body as JSON, refusing early what cannot be processed: a non-JSON content type (415), a
 * declared or actual size over `limit` (413, without buffering the excess), malformed JSON (400).
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = contentType(req);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(415, 'unsupported content type', `send the body as JSON with "Content-Type: application/json"; got ${type ? `"${type}"` : 'no content type'}`);
  }
  const body = await readBody(req, limit);
  if (body.length === 0) throw new HttpError(400, 'empty body', 'send a JSON object such as {"tool_call":{"Bash":{"command":"ls"}},"user_id":"me"}');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new HttpError(400, 'malformed JSON', (e as Error).message);
  }
}

/** An HTML-form body (`curl --data-urlencode`), with the same limits: what a shell can send without a JSON encoder. */
export async function readFormBody(req: IncomingMessage, limit: number): Promise<URLSearchParams> {
  const type = contentType(req);
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'unsupported content type', `send the fields form-encoded ("Content-Type: application/x-www-form-urlencoded", as curl --data-urlencode does); got ${type ? `"${type}"` : 'no content type'}`);
  }
  return new URLSearchParams((await readBody(req, limit)).toString('utf8'));
}

const contentType = (req: IncomingMessage): string => (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/**
 * The whole body, up to `limit`. Stream events rather than `for await`: the async iterator costs a few
 * percent of a request here, and every /analyze call reads a body. A client that goes away before the
 * end (or is cut off by the request timeout) settles the read as a bad request.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge(limit, declared));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (e?: Error) => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone);
      if (e) reject(e);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) settle(tooLarge(limit, size));
      else chunks.push(chunk);
    };
    const onEnd = () => settle();
    // the client's own doing, not a fault of the daemon: a bad request, counted and logged as one
    const onGone = () => settle(new HttpError(400, 'incomplete body', `the client closed the connection after ${size} bytes of the body`));
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone);
  });
}

function tooLarge(limit: number, size: number): HttpError {
  // The rest of an oversized body is not read: close the connection rather than drain it.
  return new HttpError(413, 'request body too large', `${size > limit ? `at least ${size}` : size} bytes; the limit is ${limit} bytes (MAX_BODY_BYTES)`, { connection: 'close' });
}

/** Constant-time comparison of the bearer token, so its prefix cannot be guessed byte by byte. */
export function bearerMatches(header: string | undefined, key: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const want = Buffer.from(key);
  return given.length === want.length && timingSafeEqual(given, want);
}

export function corsHeaders(origins: readonly string[], origin: string | undefined): Record<string, string> {
  if (origins.includes('*')) return { 'access-control-allow-origin': '*' };
  if (origin && origins.includes(origin)) return { 'access-control-allow-origin': origin, vary: 'Origin' };
  return { vary: 'Origin' };
}
