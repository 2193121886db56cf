import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine/index.js';
import type { SessionStore } from '../store/types.js';
import { AlertDispatcher, type AlertOptions } from './alerts.js';
import { Gateway, type GatewaySettings } from './gateway.js';
import type { Logger } from './log.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createHandler } from './routes.js';
import { semanticHooks } from './semantic.js';
import type { HealthResponse } from '../client/types.js';
import { reviewerFrom, type SemanticConfig } from '../semantic/from-config.js';
import { priceOf } from '../semantic/prices.js';

export interface ServerOptions {
  engine: Engine;
  store: SessionStore;
  log: Logger;
  settings: GatewaySettings;
  /** TCP address; port 0 picks a free port. */
  listen?: { host: string; port: number };
  /** Unix socket path, served with mode 0600 beside (or instead of) TCP. */
  socket?: string;
  maxBodyBytes: number;
  /** A request must arrive whole within this time, or the connection is answered 408 and closed. */
  requestTimeoutMs: number;
  corsOrigins: readonly string[];
  apiKey?: string;
  alert?: AlertOptions;
  /** How often expired sessions and old audit events are swept. */
  sweepIntervalMs: number;
  /** How long shutdown waits for in-flight requests before closing their connections. */
  drainMs?: number;
  /** How often the store is pinged for /metrics and the logs (default 5 s). */
  storeWatchMs?: number;
  /** Semantic analysis settings; a second opinion is asked for only when enableSemanticAnalysis is set. */
  semantic?: SemanticConfig;
}

export interface RunningServer {
  /** The bound TCP address, when listening on TCP. */
  tcp?: { host: string; port: number };
  socket?: string;
  gateway: Gateway;
  metrics: Metrics;
  /** Stop accepting, drain in-flight requests, deliver queued alerts, close the store. Idempotent. */
  close(): Promise<void>;
}

/** A failure to start: the message says what to change. */
export class ServeError extends Error {
  readonly code = 'E_SERVE';
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const startedAt = Date.now();
  const metrics = createMetrics(() => o.store.countActive(Date.now()));
  // Every look at the store (the watcher below, /health, a /metrics scrape) sets the gauge and logs a
  // change, so an outage and a recovery show even when no traffic arrives.
  let storeUp: boolean | undefined;
  const storeConnected = async () => {
    const up = await o.store.ping().catch(() => false);
    if (o.store.kind === 'redis') metrics.redisConnected.set(up ? 1 : 0);
    if (storeUp !== undefined && up !== storeUp) o.log.log(up ? 'info' : 'error', up ? 'session store reachable again' : 'session store unreachable', { session_store: o.store.kind, location: o.store.location });
    storeUp = up;
    return up;
  };
  const alerts = o.alert ? new AlertDispatcher(o.alert, o.log, metrics) : undefined;
  const semantic = o.semantic && reviewerFrom(o.semantic, o.store, semanticHooks(metrics, o.log));
  if (semantic && !priceOf(semantic.client.provider.name, semantic.client.model, o.semantic!.semanticPrice).known) {
    o.log.info('no price known for the semantic model: proxilion_semantic_analysis_cost_usd stays 0 (set SEMANTIC_PRICE_USD_PER_MTOK=input,output for a paid one)', { model: semantic.client.model });
  }
  const gateway = new Gateway(o.engine, o.store, o.settings, metrics, o.log, alerts, semantic?.reviewer);
  const semanticStatus = (): HealthResponse['semantic_analysis'] =>
    semantic ? { enabled: true, provider: semantic.client.provider.name, model: semantic.client.model, endpoint: semantic.client.provider.endpoint, circuit: semantic.client.breaker.state() } : { enabled: false };
  const handler = createHandler({ gateway, store: o.store, metrics, log: o.log, maxBodyBytes: o.maxBodyBytes, corsOrigins: o.corsOrigins, apiKey: o.apiKey, startedAt, storeConnected, semanticStatus });

  const servers: Server[] = [];
  let draining = false;
  const make = (overSocket: boolean) => {
    const s = createServer({ requestTimeout: o.requestTimeoutMs, headersTimeout: Math.min(o.requestTimeoutMs, 60_000), keepAliveTimeout: 5_000, connectionsCheckingInterval: Math.min(1_000, o.requestTimeoutMs) }, (req, res) => handler(req, res, overSocket));
    s.on('clientError', (err: NodeJS.ErrnoException, sock) => {
      o.log.debug('client error', { error: err.message, code: err.code });
      if (!sock.writable) return void sock.destroy();
      const [status, text, error] = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', `request not received whole within ${o.requestTimeoutMs} ms`] : [400, 'Bad Request', 'malformed HTTP request'];
      const body = JSON.stringify({ error });
      sock.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    });
    // While draining, a keep-alive connection is closed as soon as its last response is out,
    // instead of idling until keepAliveTimeout.
    s.on('request', (_req, res) => res.once('finish', () => draining && setImmediate(() => s.closeIdleConnections())));
    servers.push(s);
    return s;
  };

  let tcp: RunningServer['tcp'];
  try {
    if (o.listen) {
      const s = make(false);
      await listen(s, () => s.listen(o.listen!.port, o.listen!.host), `${o.listen.host}:${o.listen.port}`);
      const a = s.address() as AddressInfo;
      tcp = { host: a.address, port: a.port };
    }
    if (o.socket) await listenSocket(make(true), o.socket);
  } catch (e) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw e;
  }

  if (!(await storeConnected())) o.log.warn('session store unreachable at start; requests follow STORE_FAIL_MODE until it answers', { session_store: o.store.kind, location: o.store.location, fail_mode: o.settings.storeFailMode });
  const watcher = setInterval(() => void storeConnected(), o.storeWatchMs ?? 5_000);
  watcher.unref();

  // a sweep through a large backlog spans many turns of the event loop: the next tick waits for it
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      const r = await o.store.sweep(Date.now());
      if (r.sessions || r.events || r.cached) o.log.debug('swept', { sessions: r.sessions, events: r.events, cached: r.cached });
    } catch (e) {
      o.log.error('sweep failed', { error: e });
    } finally {
      sweeping = false;
    }
  };
  const sweeper = setInterval(sweep, o.sweepIntervalMs);
  sweeper.unref();
  void sweep();
  metrics.gatewayUp.set(1);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      metrics.gatewayUp.set(0);
      draining = true;
      clearInterval(sweeper);
      clearInterval(watcher);
      const drained = Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
      for (const s of servers) s.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((r) => (timer = setTimeout(r, o.drainMs ?? 10_000)));
      await Promise.race([drained, deadline]);
      clearTimeout(timer);
      for (const s of servers) s.closeAllConnections();
      await gateway.idle();
      await alerts?.close(2_000);
      await semantic?.client.close();
      await o.store.close();
      if (o.socket) removeQuietly(o.socket);
    })());
  return { tcp, socket: o.socket, gateway, metrics, close };
}

function listen(server: Server, start: () => void, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new ServeError(`${where} is already in use (another gateway? see \`lsof -i :${where.split(':').pop()}\`); stop it or choose another --port / LISTEN_ADDR`));
      else if (e.code === 'EACCES') reject(new ServeError(`no permission to listen on ${where}; use a port above 1023`));
      else if (e.code === 'EADDRNOTAVAIL') reject(new ServeError(`${where}: address not available on this machine; check LISTEN_ADDR / --listen`));
      else reject(new ServeError(`cannot listen on ${where}: ${e.message}`));
    };
    server.once('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      resolve();
    });
    start();
  });
}

/** Listens on a Unix socket only the owner can use; a stale socket left by a crash is replaced. */
async function listenSocket(server: Server, path: string): Promise<void> {
  let existing;
  try {
    existing = lstatSync(path);
  } catch {
    existing = undefined;
  }
  if (existing) {
    if (!existing.isSocket()) throw new ServeError(`--socket ${path}: a file that is not a socket is in the way; remove it or choose another path`);
    if (await socketAnswers(path)) throw new ServeError(`--socket ${path}: another process is serving on it; stop it or choose another path`);
    unlinkSync(path);
  }
  // The umask closes the window between bind and chmod in which another user could connect.
  const umask = process.umask(0o177);
  try {
    await listen(server, () => server.listen(path), path);
  } finally {
    process.umask(umask);
  }
  chmodSync(path, 0o600);
}

function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(path);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function removeQuietly(path: string): void {
  try {
    if (lstatSync(path).isSocket()) unlinkSync(path);
  } catch {
    // already gone
  }
}
