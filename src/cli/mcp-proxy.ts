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

const PACKAGE_RUNNERS = ['npx', 'uvx', 'bunx', 'pnpx', 'pipx'];
const INTERPRETERS = ['node', 'python', 'python3', 'deno', 'bun', 'ruby'];
/** Script names that say nothing, and build folders between them and the package folder that does. */
const GENERIC_SCRIPTS = ['index', 'main', 'server', 'cli', 'mod', '__main__'];
const BUILD_DIRS = ['dist', 'build', 'lib', 'src', 'bin', 'out'];

/**
 * A name for the server, for the audit log and policy (`mcp:<name>`):
 * `npx -y @modelcontextprotocol/server-filesystem /p` → server-filesystem; `uvx mcp-server-git` →
 * mcp-server-git; `node …/server-filesystem/dist/index.js` → server-filesystem; `./my-server` → my-server.
 */
export function serverName(command: string, args: readonly string[]): string {
  const runner = basename(command);
  const firstOperand = args.find((a) => !a.startsWith('-'));
  let raw = runner;
  if (PACKAGE_RUNNERS.includes(runner) && firstOperand) raw = firstOperand.replace(/(.)@[^@/]*$/, '$1');
  else if (INTERPRETERS.some((i) => runner === i || runner.startsWith(`${i}.`) || runner.startsWith(`${i}3.`)) && firstOperand) raw = scriptName(firstOperand);
  const base = raw.includes('/') ? raw.slice(raw.lastIndexOf('/') + 1) : raw;
  return (base || runner).slice(0, 64);
}

function scriptName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  let i = parts.length - 1;
  const stem = (p: string) => p.replace(/\.[A-Za-z0-9]+$/, '');
  if (i < 0 || !GENERIC_SCRIPTS.includes(stem(parts[i]!))) return stem(parts[i] ?? path);
  i--;
  while (i > 0 && BUILD_DIRS.includes(parts[i]!)) i--;
  return i >= 0 ? parts[i]! : stem(parts[parts.length - 1]!);
}
