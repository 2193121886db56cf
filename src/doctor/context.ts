import { homedir } from 'node:os';
import { ProxilionClient } from '../client/client.js';
import { ConfigError, loadConfig } from '../config.js';
import type { DoctorContext } from './types.js';

/**
 * What the checks look at: the gateway named by --gateway (else the configured LISTEN_ADDR, or
 * PROXILION_SOCKET), and the configuration this environment gives, problems included.
 */
export function doctorContext(opts: { gateway?: string }, env: NodeJS.ProcessEnv = process.env): Omit<DoctorContext, 'signal'> {
  let config: DoctorContext['config'];
  try {
    config = { value: loadConfig({}, env) };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    config = { problems: e.problems };
  }
  const socket = opts.gateway ? undefined : env.PROXILION_SOCKET || undefined;
  const gateway = new URL(opts.gateway ?? defaultGateway(config.value?.listen));
  const client = new ProxilionClient({ url: gateway.href, socketPath: socket, apiKey: env.PROXILION_API_KEY || undefined, timeoutMs: 3000 });
  return { gateway, socket, config, env, cwd: process.cwd(), home: env.HOME || homedir(), client };
}

/** The gateway as reports name it: the Unix socket when the requests go there. */
export const gatewayLabel = (ctx: Pick<DoctorContext, 'gateway' | 'socket'>): string => (ctx.socket ? `unix:${ctx.socket}` : ctx.gateway.href);

function defaultGateway(listen: { host: string; port: number } | undefined): string {
  if (!listen) return 'http://127.0.0.1:8787';
  const host = listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host === '::' ? '::1' : listen.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${listen.port}`;
}
