import { basename } from 'node:path';
import { randomUUID } from 'node:crypto';
import { readSettings } from '../config/resolve.js';
import { MODES, type Mode } from '../engine/policy.js';
import { MAX_ID_CHARS } from '../engine/request.js';
import { localUser } from '../integrations/local-user.js';
import { runMcpProxy } from '../integrations/mcp/proxy.js';
import { EXIT, UsageError } from './exit.js';

export interface McpProxyFlags {
  name?: string;
  session?: string;
  mode?: string;
  hideDeniedTools?: boolean;
}

/** `proxilion mcp-proxy [options] -- <server command…>`: exits as the server did (its code, or its signal). */
export async function runMcpProxyCommand(server: string[], opts: McpProxyFlags): Promise<number> {
  const [command, ...args] = server;
  if (!command) throw new UsageError('give the MCP server command after --, e.g. proxilion mcp-proxy -- npx -y @modelcontextprotocol/server-filesystem .');
  const mode = opts.mode?.trim().toLowerCase();
  if (mode !== undefined && !(MODES as readonly string[]).includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}; got "${opts.mode}"`);
  const name = opts.name ?? serverName(command, args);
  const { values, problems } = readSettings(['failMode', 'hookBudgetMs']);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  const sessionId = (opts.session ?? `mcp:${name}:${randomUUID()}`).slice(0, MAX_ID_CHARS);
  const exit = await runMcpProxy({
    name, sessionId, userId: localUser(), mode: mode as Mode | undefined, hideDeniedTools: !!opts.hideDeniedTools,
    failMode: values.failMode!, budgetMs: values.hookBudgetMs!, command, args,
    client: { input: process.stdin, output: process.stdout },
    report: (line) => process.stderr.write(`proxilion mcp-proxy: ${line}\n`),
  });
  if (exit.signal) {
    // die the way the server died, so the client sees the same thing it would without the proxy
    process.kill(process.pid, exit.signal);
    return EXIT.internal;
  }
  return exit.code;
}

/** `npx -y @modelcontextprotocol/server-filesystem /p` → server-filesystem; `uvx mcp-server-git` → mcp-server-git. */
export function serverName(command: string, args: readonly string[]): string {
  const runner = basename(command);
  const pkg = ['npx', 'uvx', 'bunx', 'pnpx', 'pipx'].includes(runner) ? args.find((a) => !a.startsWith('-')) : undefined;
  const raw = pkg ?? runner;
  const base = raw.includes('/') ? raw.slice(raw.lastIndexOf('/') + 1) : raw;
  return (base.replace(/@[^@]*$/, '') || raw).slice(0, 64);
}
