import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Scope } from '../integrations/agent-settings/index.js';
import { FileEditError, planEdit, readEditable } from '../integrations/file-edit.js';
import { backupLine, say, writeOrShow } from './edit-output.js';
import { proxilionArgv } from '../integrations/launcher.js';
import { isMcpClient, MCP_CLIENT_CONFIGS, MCP_CLIENTS, type McpClient, type McpPlaces } from '../integrations/mcp-config/clients.js';
import { hasServer, JsoncProblem, ServerNotFound, unwrapServer, wrapServer, type WrapEdit } from '../integrations/mcp-config/wrap.js';
import { shellQuote } from '../engine/toolcall.js';
import { EXIT } from './exit.js';

export interface McpInstallOptions {
  project?: boolean;
  user?: boolean;
  dryRun?: boolean;
}

/** A config that has no such server, or none at all: nothing is written. */
class NoServer extends Error {
  constructor(readonly names: readonly string[] | undefined) {
    super('no such server');
  }
}

/** `proxilion install|uninstall mcp <client> <server>`: runs that server through `proxilion mcp-proxy`, or restores it. */
export function runMcpInstall(verb: 'install' | 'uninstall', clientName: string, server: string, opts: McpInstallOptions): number {
  if (!isMcpClient(clientName)) {
    say(`unknown MCP client "${clientName}"; choose one of ${MCP_CLIENTS.join(', ')}`);
    return EXIT.usage;
  }
  if (opts.project && opts.user) {
    say('--project and --user exclude each other: choose the one MCP config to edit');
    return EXIT.usage;
  }
  const client = MCP_CLIENT_CONFIGS[clientName];
  const places: McpPlaces = { cwd: process.cwd(), home: process.env.HOME || homedir(), env: process.env, platform: process.platform };
  // a client with a single config (Claude Desktop) is edited without --user
  const scope: Scope = opts.user || (!opts.project && client.file('project', places) === undefined) ? 'user' : 'project';
  const file = client.file(scope, places);
  if (file === undefined) {
    say(`${client.label} has no ${scope} MCP config, only ${resolve(client.file('user', places)!)}: run again without --project`);
    return EXIT.usage;
  }
  const path = resolve(file);
  const paths = client.servers(scope, places);
  const [node, launcher] = proxilionArgv();
  if (launcher === undefined) {
    say('cannot tell where this proxilion is installed (it was not started from its launcher); run it as `proxilion install mcp …`');
    return EXIT.internal;
  }

  // set by the transform below, which TypeScript cannot see run
  let edit = undefined as WrapEdit | undefined;
  try {
    const plan = planEdit(path, (text) => {
      if (text === undefined) throw new NoServer(undefined);
      try {
        edit = verb === 'install' ? wrapServer(client, text, server, { node: node!, launcher }, paths) : unwrapServer(client, text, server, paths);
        return edit.text;
      } catch (e) {
        if (e instanceof JsoncProblem) throw new FileEditError(`${path}:${e.line}:${e.column}: ${e.message}. The file was not changed.`);
        if (e instanceof ServerNotFound) throw new NoServer(e.names);
        throw e;
      }
    });
    const done = edit!;
    const dry = opts.dryRun ? ' (dry run)' : '';
    if (!plan.changed) {
      say(verb === 'install'
        ? `the MCP server "${server}" in ${path} (${done.where}) already runs through proxilion mcp-proxy; nothing changed${dry}`
        : `the MCP server "${server}" in ${path} (${done.where}) does not run through proxilion mcp-proxy; nothing to restore${dry}`);
      return EXIT.allow;
    }
    const result = writeOrShow(plan, opts.dryRun);
    if (!result) return EXIT.allow;
    if (done.outcome === 'restored') say(`restored the MCP server "${server}" in ${path} (${done.where}): ${client.label} starts it directly again`);
    else if (done.outcome === 'updated') say(`updated the MCP server "${server}" in ${path} (${done.where}): its proxilion wrapper pointed at another Node or proxilion`);
    else say(`wrapped the MCP server "${server}" in ${path} (${done.where}): ${client.label} now starts it through proxilion mcp-proxy, which checks every tool call`);
    say(`server command: ${done.argv.map(shellQuote).join(' ')}`);
    say(backupLine(result));
    say(client.restart);
    return EXIT.allow;
  } catch (e) {
    if (e instanceof NoServer) {
      say(notFound(client, path, server, e.names) + '. Nothing was changed.');
      const hint = elsewhere(client, scope, places, server);
      if (hint) say(hint);
      return EXIT.internal;
    }
    if (e instanceof FileEditError) {
      say(e.message);
      return EXIT.internal;
    }
    throw e;
  }
}

function notFound(client: McpClient, path: string, server: string, names: readonly string[] | undefined): string {
  if (names === undefined) return `${path} does not exist, so ${client.label} has no MCP server "${server}" there`;
  if (names.length === 0) return `${path} defines no MCP servers, so none named "${server}"`;
  return `${path} has no MCP server named "${server}"; the servers it has: ${names.join(', ')}`;
}

/** Where the server is when it is in the client's config of the other scope. */
function elsewhere(client: McpClient, scope: Scope, places: McpPlaces, server: string): string | undefined {
  const other: Scope = scope === 'project' ? 'user' : 'project';
  const file = client.file(other, places);
  if (file === undefined) return undefined;
  let text: string | undefined;
  try {
    text = readEditable(file);
  } catch {
    return undefined;
  }
  if (text === undefined || !hasServer(client, text, server, client.servers(other, places))) return undefined;
  return `"${server}" is defined in ${resolve(file)}: run again with --${other}`;
}
