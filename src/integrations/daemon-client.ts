import { request, type RequestOptions } from 'node:http';
import type { AnalyzeResponse } from '../server/gateway.js';

/** Where the hook looks for a running daemon. */
export type DaemonAddress = { socketPath: string } | { host: string; port: number };

export type DaemonAnswer =
  | { ok: true; status: number; body: AnalyzeResponse }
  /** No daemon answered in time, or something that is not the daemon did: decide in-process. */
  | { ok: false; why: string };

/** A verdict is bigger than a request, but not unboundedly: findings and patterns are capped by the engine. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/**
 * POST /analyze to the daemon with plain node:http: the per-call hook must not pay undici's import
 * (~75–125 ms, shared/DEPENDENCIES.md §5). Never throws: every failure is a reason to decide in-process.
 */
export function postAnalyze(address: DaemonAddress, body: unknown, opts: { timeoutMs: number; apiKey?: string }): Promise<DaemonAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: DaemonAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(a);
    };
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
    // servername '': otherwise the request computes a TLS server name it never uses, and testing the
    // socket's default host 'localhost' for an IPv6 address compiles Node's IPv6 pattern, ~9 ms per hook
    const options: RequestOptions & { servername: string } = { ...address, method: 'POST', path: '/analyze', headers, agent: false, servername: '' };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_ANSWER_BYTES) {
          req.destroy();
          done({ ok: false, why: `the daemon's answer exceeded ${MAX_ANSWER_BYTES} bytes` });
        } else chunks.push(c);
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return done({ ok: false, why: `the daemon answered ${status} without JSON` });
        }
        if ((status === 200 || status === 403) && isVerdict(parsed)) return done({ ok: true, status, body: parsed });
        const err = parsed as { error?: unknown; details?: unknown };
        done({ ok: false, why: `the daemon answered ${status}${typeof err?.error === 'string' ? `: ${err.error}${typeof err.details === 'string' ? ` (${err.details})` : ''}` : ''}` });
      });
      res.on('error', (e) => done({ ok: false, why: `the daemon's answer broke off: ${e.message}` }));
    });
    const timer = setTimeout(() => {
      req.destroy();
      done({ ok: false, why: `the daemon did not answer within ${opts.timeoutMs} ms` });
    }, opts.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => done({ ok: false, why: e.code === 'ECONNREFUSED' || e.code === 'ENOENT' ? 'no daemon is running' : `cannot reach the daemon: ${e.message}` }));
    req.end(payload);
  });
}

function isVerdict(v: unknown): v is AnalyzeResponse {
  const o = v as Partial<AnalyzeResponse> | null;
  return typeof o === 'object' && o !== null && typeof o.decision === 'string' && typeof o.threat_score === 'number' && typeof o.mode === 'string';
}
