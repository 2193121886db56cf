import { dirname, isAbsolute, join } from 'node:path';
import type { Places, Scope } from '../agent-settings/types.js';

/** The MCP clients whose server configs `proxilion install mcp` rewrites (INTEGRATIONS.md §e). */
export const MCP_CLIENTS = ['claude-code', 'cursor', 'claude-desktop', 'vscode', 'gemini'] as const;
export type McpClientName = (typeof MCP_CLIENTS)[number];
export const isMcpClient = (s: string): s is McpClientName => (MCP_CLIENTS as readonly string[]).includes(s);

export interface McpPlaces extends Places {
  platform: NodeJS.Platform;
}

/** A JSON path (object keys) to an object of servers keyed by name. */
export type ServersPath = readonly string[];

/**
 * What install and uninstall need to know about one client's MCP config. Descriptors are data: the
 * one engine in `wrap.ts` does the editing for all of them.
 */
export interface McpClient {
  readonly client: McpClientName;
  /** The client's name as its users know it. */
  readonly label: string;
  /** The config file of a scope, absolute; undefined when the client has no such scope. */
  file(scope: Scope, places: McpPlaces): string | undefined;
  /**
   * Where the servers are in that file, searched in order for the name: the first object holding it
   * is edited. Most clients have one place; Claude Code's ~/.claude.json also keeps servers per project.
   */
  servers(scope: Scope, places: McpPlaces): readonly ServersPath[];
  /** Whether the client reads the file as JSONC (else comments are refused, as for the agent hooks). */
  readonly comments: boolean;
  /** What to do for the client to start the server the new way. */
  readonly restart: string;
}

/** Electron apps (Claude Desktop, VS Code) keep their data under app.getPath('appData'). */
function appData(places: McpPlaces): string {
  const { env, home, platform } = places;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  if (platform === 'win32') return env.APPDATA || join(home, 'AppData', 'Roaming');
  // the XDG spec ignores a relative XDG_CONFIG_HOME
  const xdg = env.XDG_CONFIG_HOME;
  return xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
}

/** `cwd` and its ancestors, nearest first. */
function upFrom(cwd: string): string[] {
  const dirs: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dirname(dir) === dir) return dirs;
  }
}

const MCP_SERVERS: readonly ServersPath[] = [['mcpServers']];

export const MCP_CLIENT_CONFIGS: Readonly<Record<McpClientName, McpClient>> = {
  'claude-code': {
    client: 'claude-code',
    label: 'Claude Code',
    // ~/.claude.json moves into CLAUDE_CONFIG_DIR when that is set (Claude Code's "every ~/.claude
    // path lives under that directory instead"); .mcp.json is the project's, shared in git.
    file: (scope, { cwd, home, env }) => (scope === 'project' ? join(cwd, '.mcp.json') : join(env.CLAUDE_CONFIG_DIR || home, '.claude.json')),
    // user scope: the top-level servers, else the "local" ones Claude Code keeps per project directory
    servers: (scope, { cwd }) => (scope === 'project' ? MCP_SERVERS : [['mcpServers'], ...upFrom(cwd).map((dir) => ['projects', dir, 'mcpServers'])]),
    comments: false,
    restart: 'restart Claude Code, or reconnect the server under /mcp, for the change to take effect',
  },
  cursor: {
    client: 'cursor',
    label: 'Cursor',
    file: (scope, { cwd, home }) => join(scope === 'project' ? cwd : home, '.cursor', 'mcp.json'),
    servers: () => MCP_SERVERS,
    // not documented either way for mcp.json, so refused rather than risked (as for hooks.json)
    comments: false,
    restart: 'restart the server in Cursor\'s MCP settings, or restart Cursor, for the change to take effect',
  },
  'claude-desktop': {
    client: 'claude-desktop',
    label: 'Claude Desktop',
    file: (scope, places) => (scope === 'user' ? join(appData(places), 'Claude', 'claude_desktop_config.json') : undefined),
    servers: () => MCP_SERVERS,
    comments: false,
    restart: 'quit Claude Desktop completely and start it again for the change to take effect',
  },
  vscode: {
    client: 'vscode',
    label: 'VS Code',
    // the default profile's file; other profiles keep theirs under User/profiles/<id>/
    file: (scope, places) => (scope === 'project' ? join(places.cwd, '.vscode', 'mcp.json') : join(appData(places), 'Code', 'User', 'mcp.json')),
    servers: () => [['servers']],
    comments: true,
    restart: 'restart the server (command palette: "MCP: List Servers", then Restart) or reload the window for the change to take effect',
  },
  gemini: {
    client: 'gemini',
    label: 'Gemini CLI',
    file: (scope, { cwd, home }) => join(scope === 'project' ? cwd : home, '.gemini', 'settings.json'),
    servers: () => MCP_SERVERS,
    // Gemini CLI strips comments from settings.json before parsing
    comments: true,
    restart: 'start a new Gemini CLI session for the change to take effect',
  },
};
