import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll } from 'vitest';
import { RedisStore, type RedisStoreOptions } from '../../src/store/redis.js';

export interface RedisServer {
  /** redis://[:PASSWORD@]127.0.0.1:PORT, or rediss://[:PASSWORD@]localhost:PORT with `tls` */
  url: string;
  port: number;
  /** With `tls`: the PEM file of the private CA that signed the server's certificate (for NODE_EXTRA_CA_CERTS). */
  ca?: string;
  /** Stops the server; `restart` brings it back on the same port, empty (nothing is persisted). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Runs redis-cli against the server, as an operator would; resolves with its output. */
  cli(...args: string[]): Promise<string>;
}

function findBinary(name: string): string | undefined {
  const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  return dirs.map((d) => join(d, name)).find((p) => existsSync(p));
}

const SERVER = findBinary('redis-server');
const CLI = SERVER && [join(dirname(SERVER), 'redis-cli'), findBinary('redis-cli')].find((p) => p && existsSync(p));

/**
 * Why the Redis tests do not run here, or undefined when they do. On CI they always run, so a missing
 * redis-server fails them with a message saying so instead of skipping them quietly.
 */
export const redisSkipReason = SERVER || process.env.CI === 'true' ? undefined : 'redis-server is not installed (apt-get install redis-server); the Redis store tests are skipped';
if (redisSkipReason) console.warn(redisSkipReason);

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Any reply to PING, NOAUTH included, means the server is up. */
const answers = (port: number, tls: boolean): Promise<boolean> =>
  new Promise((resolve) => {
    const ping = () => sock.write('PING\r\n');
    const sock = tls ? connectTls({ port, host: '127.0.0.1', rejectUnauthorized: false }, ping) : createConnection({ port, host: '127.0.0.1' }, ping);
    sock.setTimeout(500, () => sock.destroy());
    sock.once('data', () => {
      resolve(true);
      sock.destroy();
    });
    sock.once('close', () => resolve(false)).on('error', () => undefined);
  });

const openssl = (dir: string, ...args: string[]) => promisify(execFile)('openssl', args, { cwd: dir });

/** A private CA and a certificate it signed for localhost and 127.0.0.1, as PEM files in `dir`. */
async function makeCertificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(dir, 'req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=proxilion test CA');
  await openssl(dir, 'req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  await openssl(dir, 'x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}

/**
 * Starts redis-server on a free loopback port with nothing persisted; with `tls`, only on a TLS port
 * whose certificate a private CA signed. The caller stops it (afterAll).
 */
export async function startRedis(opts: { password?: string; tls?: boolean } = {}): Promise<RedisServer> {
  if (!SERVER) throw new Error('redis-server is not installed, and CI=true requires the Redis store tests to run: install it (apt-get install redis-server)');
  let proc: ChildProcess | undefined;
  let dir: string | undefined;
  const certDir = opts.tls ? mkdtempSync(join(tmpdir(), 'proxilion-redis-tls-')) : undefined;
  const certs = certDir ? await makeCertificates(certDir) : undefined;

  const stop = async () => {
    const p = proc;
    if (p && p.exitCode === null && p.signalCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGKILL');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  const stopAll = async () => {
    await stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  };

  const launch = async (port: number): Promise<boolean> => {
    dir = mkdtempSync(join(tmpdir(), 'proxilion-redis-'));
    const listen = certs ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', certs.cert, '--tls-key-file', certs.key, '--tls-ca-cert-file', certs.ca, '--tls-auth-clients', 'no'] : ['--port', String(port)];
    const args = [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...(opts.password ? ['--requirepass', opts.password] : [])];
    const p = (proc = spawn(SERVER, args, { stdio: 'ignore' }));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && p.exitCode === null) {
      if (await answers(port, !!certs)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    await stop();
    return false;
  };

  // a port found free may be taken before redis-server binds it (other test files start servers too)
  let port = 0;
  for (let tries = 0; tries < 3 && !port; tries++) {
    const candidate = await freePort();
    if (await launch(candidate)) port = candidate;
  }
  if (!port) {
    await stopAll();
    throw new Error(`redis-server (${SERVER}) did not start answering on a loopback port`);
  }

  const auth = [...(opts.password ? ['-a', opts.password, '--no-auth-warning'] : []), ...(certs ? ['--tls', '--cacert', certs.ca] : [])];
  const password = opts.password ? `:${opts.password}@` : '';
  return {
    url: certs ? `rediss://${password}localhost:${port}` : `redis://${password}127.0.0.1:${port}`,
    port,
    ca: certs?.ca,
    stop: stopAll,
    restart: async () => {
      if (!(await launch(port))) throw new Error(`redis-server did not start again on port ${port}`);
    },
    cli: async (...args) => {
      if (!CLI) throw new Error('redis-cli is not installed next to redis-server');
      return (await promisify(execFile)(CLI, ['-p', String(port), ...auth, ...args])).stdout;
    },
  };
}

let shared: Promise<RedisServer> | undefined;
// each test file loads its own copy of this module, so the hook stops the server of the file that used it
afterAll(async () => (await shared)?.stop());

/**
 * A RedisStore on a redis-server shared by the test file, emptied first (FLUSHALL): tests of a file run
 * one after another and each file has its own server, so every test starts from an empty keyspace
 * with the same key names production uses (no prefix or database number that would differ from it).
 */
export async function freshRedisStore(opts: RedisStoreOptions): Promise<RedisStore> {
  const server = await (shared ??= startRedis());
  await server.cli('FLUSHALL');
  return RedisStore.connect(server.url, opts);
}
