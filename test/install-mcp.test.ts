import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { findNodeAtLocation, parse, parseTree, type ParseError } from 'jsonc-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';

// `proxilion install|uninstall mcp <client> <server>` run as the real built binary, in a temp project
// with a temp HOME and XDG_CONFIG_HOME, on config files shaped like the clients' own.

const require = createRequire(import.meta.url);
const FS_SERVER = require.resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
const NODE = process.execPath;

let work: string;
let project: string;
let home: string;
let xdg: string;

beforeEach(() => {
  // realpath: the project directory is matched against the keys of ~/.claude.json's "projects"
  work = realpathSync(mkdtempSync(join(tmpdir(), 'px-install-mcp-')));
  project = join(work, 'project');
  home = join(work, 'home');
  xdg = join(work, 'xdg');
  for (const d of [project, home, xdg]) mkdirSync(d);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function px(args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: xdg, NO_COLOR: '1', ...env };
  // vitest sets MODE=test, which is not a proxilion mode; the clients' own variables would move the files
  for (const key of ['MODE', 'CLAUDE_CONFIG_DIR', 'APPDATA']) if (!(key in env)) delete base[key];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: project, env: base, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const put = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const read = (path: string) => readFileSync(path, 'utf8');
const backups = (path: string) => readdirSync(dirname(path)).filter((f) => f.startsWith(`${basename(path)}.proxilion-`) && f.endsWith('.bak'));

function jsonc(text: string): any {
  const errors: ParseError[] = [];
  const value = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: false });
  expect(errors).toEqual([]);
  return value;
}
const at = (value: any, path: readonly string[]) => path.reduce((v, k) => v?.[k], value);

// ---------------------------------------------------------------------------------------------
// Config files as the clients and their users write them.

const CLAUDE_PROJECT = `{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-filesystem",
        "/home/me/app",
        "/home/me/notes"
      ]
    },
    "github": {
      "type": "stdio",
      "command": "docker",
      "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
      "env": {
        "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_TOKEN}"
      }
    },
    "sentry": {
      "type": "http",
      "url": "https://mcp.sentry.dev/mcp"
    },
    "local-tool": {
      "command": "/opt/tools/bin/mcp-tool"
    }
  }
}
`;

/** ~/.claude.json as Claude Code writes it: user servers at the top, "local" ones per project directory. */
const claudeUser = (projectDir: string) => `{
  "numStartups": 41,
  "installMethod": "npm-global",
  "autoUpdates": true,
  "tipsHistory": {
    "new-user-warmup": 1,
    "memory-command": 40
  },
  "userID": "0f3c9a1e2b",
  "projects": {
    ${JSON.stringify(projectDir)}: {
      "allowedTools": [],
      "mcpContextUris": [],
      "mcpServers": {
        "postgres": {
          "type": "stdio",
          "command": "uvx",
          "args": [
            "postgres-mcp",
            "--access-mode=restricted"
          ],
          "env": {
            "DATABASE_URI": "postgresql://localhost/app"
          }
        }
      },
      "enabledMcpjsonServers": [],
      "hasTrustDialogAccepted": true
    },
    "/home/me/elsewhere": {
      "mcpServers": {
        "other-project-only": {
          "type": "stdio",
          "command": "npx",
          "args": []
        }
      }
    }
  },
  "mcpServers": {
    "memory": {
      "type": "stdio",
      "command": "npx",
      "args": [
        "-y",
        "@modelcontextprotocol/server-memory"
      ],
      "env": {}
    },
    "time": {
      "type": "stdio",
      "command": "/usr/local/bin/mcp-server-time",
      "args": [],
      "env": {}
    }
  }
}`;

/** Tabs and CRLF; the python command written with escaped slashes, which must come back as written. */
const CURSOR = [
  '{',
  '\t"mcpServers": {',
  '\t\t"browser": {',
  '\t\t\t"command": "npx",',
  '\t\t\t"args": ["-y", "@playwright/mcp@latest", "--headless"]',
  '\t\t},',
  '\t\t"notion": {',
  '\t\t\t"url": "https://mcp.notion.com/mcp"',
  '\t\t},',
  '\t\t"db": {',
  '\t\t\t"command": "\\/usr\\/bin\\/python3",',
  '\t\t\t"args": ["-m", "db_mcp"],',
  '\t\t\t"env": {"DB_URL": "sqlite:///tmp/x.db"}',
  '\t\t}',
  '\t}',
  '}',
  '',
].join('\r\n');

/** Four spaces and no final newline. */
const CLAUDE_DESKTOP = `{
    "mcpServers": {
        "filesystem": {
            "command": "npx",
            "args": [
                "-y",
                "@modelcontextprotocol/server-filesystem",
                "/Users/me/Desktop"
            ]
        },
        "brave-search": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-brave-search"],
            "env": {
                "BRAVE_API_KEY": "BSA-0000"
            }
        }
    },
    "globalShortcut": ""
}`;

const VSCODE = `{
  // Inputs are prompted on the first start of a server, then stored by VS Code.
  "inputs": [
    {
      "type": "promptString",
      "id": "perplexity-key",
      "description": "Perplexity API Key",
      "password": true
    }
  ],
  "servers": {
    // https://github.com/ppl-ai/modelcontextprotocol/
    "Perplexity": {
      "type": "stdio",
      "command": "npx",
      "args": ["-y", "server-perplexity-ask"], // pin a version if it breaks
      "env": {
        "PERPLEXITY_API_KEY": "\${input:perplexity-key}"
      }
    },
    "fetch": {
      "type": "stdio",
      "command": "uvx",
      "args": [
        // the fetch server from the reference servers
        "mcp-server-fetch"
      ]
    },
    /* the team's own server */
    "tools": {
      "command": "\${workspaceFolder}/bin/tools-mcp",
      "envFile": "\${workspaceFolder}/.env"
    },
    "github": {
      "type": "http",
      "url": "https://api.githubcopilot.com/mcp/"
    }
  }
}
`;

const GEMINI = `{
  "theme": "GitHub",
  // MCP servers for this repository
  "mcpServers": {
    "pythonTools": {
      "command": "python",
      "args": ["-m", "my_mcp_server", "--port", "8080"],
      "cwd": "./mcp-servers/python",
      "env": {
        "DATABASE_URL": "$DB_CONNECTION_STRING",
        "API_KEY": "\${EXTERNAL_API_KEY}"
      },
      "timeout": 15000,
      "trust": false
    },
    "httpServer": {
      "httpUrl": "http://localhost:3000/mcp",
      "timeout": 5000
    },
    "docker": {
      "command": "docker",
      "args": [
        "run", "-i", "--rm",
        "-e", "API_KEY",
        "ghcr.io/example/mcp:latest"
      ],
      "env": { "API_KEY": "$MY_KEY" }
    }
  }
}
`;

interface Case {
  name: string;
  client: string;
  flags: string[];
  file: () => string;
  text: () => string;
  /** The stdio servers and where each is in the file. */
  servers: Record<string, readonly string[]>;
  env?: () => Record<string, string>;
}

const CASES: Case[] = [
  {
    name: 'claude-code .mcp.json',
    client: 'claude-code',
    flags: [],
    file: () => join(project, '.mcp.json'),
    text: () => CLAUDE_PROJECT,
    servers: { filesystem: ['mcpServers', 'filesystem'], github: ['mcpServers', 'github'], 'local-tool': ['mcpServers', 'local-tool'] },
  },
  {
    name: 'claude-code ~/.claude.json (user and per-project servers)',
    client: 'claude-code',
    flags: ['--user'],
    file: () => join(home, '.claude.json'),
    text: () => claudeUser(project),
    servers: { memory: ['mcpServers', 'memory'], time: ['mcpServers', 'time'] },
  },
  {
    name: 'claude-code $CLAUDE_CONFIG_DIR/.claude.json',
    client: 'claude-code',
    flags: ['--user'],
    file: () => join(work, 'claude-config', '.claude.json'),
    text: () => claudeUser(project),
    servers: { memory: ['mcpServers', 'memory'] },
    env: () => ({ CLAUDE_CONFIG_DIR: join(work, 'claude-config') }),
  },
  {
    name: 'cursor .cursor/mcp.json (tabs, CRLF)',
    client: 'cursor',
    flags: [],
    file: () => join(project, '.cursor', 'mcp.json'),
    text: () => CURSOR,
    servers: { browser: ['mcpServers', 'browser'], db: ['mcpServers', 'db'] },
  },
  {
    name: 'cursor ~/.cursor/mcp.json',
    client: 'cursor',
    flags: ['--user'],
    file: () => join(home, '.cursor', 'mcp.json'),
    text: () => CURSOR,
    servers: { browser: ['mcpServers', 'browser'] },
  },
  {
    name: 'claude-desktop under $XDG_CONFIG_HOME (4 spaces, no final newline)',
    client: 'claude-desktop',
    flags: [],
    file: () => join(xdg, 'Claude', 'claude_desktop_config.json'),
    text: () => CLAUDE_DESKTOP,
    servers: { filesystem: ['mcpServers', 'filesystem'], 'brave-search': ['mcpServers', 'brave-search'] },
  },
  {
    name: 'vscode .vscode/mcp.json (JSONC comments)',
    client: 'vscode',
    flags: [],
    file: () => join(project, '.vscode', 'mcp.json'),
    text: () => VSCODE,
    servers: { Perplexity: ['servers', 'Perplexity'], fetch: ['servers', 'fetch'], tools: ['servers', 'tools'] },
  },
  {
    name: 'vscode user profile mcp.json',
    client: 'vscode',
    flags: ['--user'],
    file: () => join(xdg, 'Code', 'User', 'mcp.json'),
    text: () => VSCODE,
    servers: { fetch: ['servers', 'fetch'] },
  },
  {
    name: 'gemini .gemini/settings.json (JSONC comments)',
    client: 'gemini',
    flags: [],
    file: () => join(project, '.gemini', 'settings.json'),
    text: () => GEMINI,
    servers: { pythonTools: ['mcpServers', 'pythonTools'], docker: ['mcpServers', 'docker'] },
  },
  {
    name: 'gemini ~/.gemini/settings.json',
    client: 'gemini',
    flags: ['--user'],
    file: () => join(home, '.gemini', 'settings.json'),
    text: () => GEMINI,
    servers: { docker: ['mcpServers', 'docker'] },
  },
];

const entries = (c: Case) => Object.entries(c.servers).map(([server, path]) => ({ ...c, server, path }));

/** What install must make of an entry: only command and args differ. */
function expectWrapped(before: any, after: any, server: string) {
  const { command, args, ...rest } = after;
  const { command: c0, args: a0, ...rest0 } = before;
  expect(command).toBe(NODE);
  expect(args).toEqual([BIN, 'mcp-proxy', ...(a0 ? ['--name', server] : [`--name=${server}`]), '--', c0, ...(a0 ?? [])]);
  expect(rest).toEqual(rest0);
}

describe('install mcp, then uninstall mcp, per client', () => {
  it.each(CASES.flatMap(entries).map((e) => [`${e.name}: ${e.server}`, e] as const))('%s', (_label, c) => {
    const path = c.file();
    const original = c.text();
    const env = c.env?.() ?? {};
    put(path, original);

    const r = px(['install', 'mcp', c.client, c.server, ...c.flags], env);
    expect(r.code, r.stderr).toBe(0);
    const wrapped = read(path);
    expectWrapped(at(jsonc(original), c.path), at(jsonc(wrapped), c.path), c.server);
    // not a byte changed outside the entry: other servers, other settings, comments, layout
    const node = findNodeAtLocation(parseTree(original)!, [...c.path])!;
    const tail = original.length - (node.offset + node.length);
    expect(wrapped.slice(0, node.offset)).toBe(original.slice(0, node.offset));
    expect(wrapped.slice(wrapped.length - tail)).toBe(original.slice(original.length - tail));
    expect(r.stderr).toContain(`wrapped the MCP server "${c.server}" in ${path}`);
    expect(r.stderr).toMatch(/for the change to take effect/);
    const [backup] = backups(path);
    expect(read(join(dirname(path), backup!))).toBe(original);

    // twice: nothing changes, no second backup
    const again = px(['install', 'mcp', c.client, c.server, ...c.flags], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already runs through proxilion mcp-proxy; nothing changed');
    expect(read(path)).toBe(wrapped);
    expect(backups(path)).toHaveLength(1);

    const u = px(['uninstall', 'mcp', c.client, c.server, ...c.flags], env);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stderr).toContain(`restored the MCP server "${c.server}"`);
    expect(read(path)).toBe(original);

    const u2 = px(['uninstall', 'mcp', c.client, c.server, ...c.flags], env);
    expect(u2.code).toBe(0);
    expect(u2.stderr).toContain('does not run through proxilion mcp-proxy; nothing to restore');
    expect(read(path)).toBe(original);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: every stdio server wrapped in turn, then restored in another order, gives the file back', (_label, c) => {
    const path = c.file();
    const env = c.env?.() ?? {};
    put(path, c.text());
    const names = Object.keys(c.servers);
    for (const server of names) expect(px(['install', 'mcp', c.client, server, ...c.flags], env).code).toBe(0);
    const doc = jsonc(read(path));
    for (const server of names) expectWrapped(at(jsonc(c.text()), c.servers[server]!), at(doc, c.servers[server]!), server);
    for (const server of [...names].reverse()) expect(px(['uninstall', 'mcp', c.client, server, ...c.flags], env).code).toBe(0);
    expect(read(path)).toBe(c.text());
  });
});

describe('the new elements follow the layout of the array they go into', () => {
  const N = JSON.stringify(NODE);
  const L = JSON.stringify(BIN);

  it('one element per line, at the elements\' indentation', () => {
    const path = join(project, '.mcp.json');
    put(path, CLAUDE_PROJECT);
    expect(px(['install', 'mcp', 'claude-code', 'filesystem']).code).toBe(0);
    expect(read(path)).toContain(`    "filesystem": {
      "command": ${N},
      "args": [
        ${L},
        "mcp-proxy",
        "--name",
        "filesystem",
        "--",
        "npx",
        "-y",
        "@modelcontextprotocol/server-filesystem",`);
  });

  it('on one line, separated as the array separates its own; the command as it was written (CRLF, tabs)', () => {
    const path = join(project, '.cursor', 'mcp.json');
    put(path, CURSOR);
    expect(px(['install', 'mcp', 'cursor', 'browser']).code).toBe(0);
    expect(px(['install', 'mcp', 'cursor', 'db']).code).toBe(0);
    const text = read(path);
    expect(text).toContain(`\t\t\t"command": ${N},\r\n\t\t\t"args": [${L}, "mcp-proxy", "--name", "browser", "--", "npx", "-y", "@playwright/mcp@latest", "--headless"]\r\n`);
    expect(text).toContain(`"args": [${L}, "mcp-proxy", "--name", "db", "--", "\\/usr\\/bin\\/python3", "-m", "db_mcp"],\r\n`);
  });

  it('after a comment that opens the array, each on its own line (JSONC)', () => {
    const path = join(project, '.vscode', 'mcp.json');
    put(path, VSCODE);
    expect(px(['install', 'mcp', 'vscode', 'fetch']).code).toBe(0);
    expect(read(path)).toContain(`      "args": [
        // the fetch server from the reference servers
        ${L},
        "mcp-proxy",
        "--name",
        "fetch",
        "--",
        "uvx",
        "mcp-server-fetch"
      ]`);
  });

  it('an empty array opens onto lines; a missing one is added as the last member, with --name=', () => {
    const path = join(home, '.claude.json');
    put(path, claudeUser(project));
    expect(px(['install', 'mcp', 'claude-code', 'time', '--user']).code).toBe(0);
    expect(read(path)).toContain(`      "command": ${N},
      "args": [
        ${L},
        "mcp-proxy",
        "--name",
        "time",
        "--",
        "/usr/local/bin/mcp-server-time"
      ],
      "env": {}`);
    const mcp = join(project, '.mcp.json');
    put(mcp, CLAUDE_PROJECT);
    expect(px(['install', 'mcp', 'claude-code', 'local-tool']).code).toBe(0);
    expect(read(mcp)).toContain(`    "local-tool": {
      "command": ${N},
      "args": [
        ${L},
        "mcp-proxy",
        "--name=local-tool",
        "--",
        "/opt/tools/bin/mcp-tool"
      ]
    }`);
  });
});

describe('Claude Code ~/.claude.json', () => {
  it('a server kept for the current project (projects["<dir>"].mcpServers) is wrapped there', () => {
    const path = join(home, '.claude.json');
    const original = claudeUser(project);
    put(path, original);
    const r = px(['install', 'mcp', 'claude-code', 'postgres', '--user']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`(projects[${JSON.stringify(project)}].mcpServers.postgres)`);
    const where = ['projects', project, 'mcpServers', 'postgres'];
    expectWrapped(at(jsonc(original), where), at(jsonc(read(path)), where), 'postgres');
    expect(px(['uninstall', 'mcp', 'claude-code', 'postgres', '--user']).code).toBe(0);
    expect(read(path)).toBe(original);
  });

  it('from a subdirectory, the project entry of an enclosing directory is found', () => {
    const path = join(home, '.claude.json');
    put(path, claudeUser(project));
    mkdirSync(join(project, 'src'));
    const r = spawnSync(process.execPath, [BIN, 'install', 'mcp', 'claude-code', 'postgres', '--user', '--dry-run'], {
      cwd: join(project, 'src'),
      env: { ...process.env, HOME: home, MODE: '', CLAUDE_CONFIG_DIR: '' },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`+          "command": ${JSON.stringify(NODE)},`);
  });

  it("another project's server is not found; the names listed are this project's and the user's", () => {
    const path = join(home, '.claude.json');
    put(path, claudeUser(project));
    const r = px(['install', 'mcp', 'claude-code', 'other-project-only', '--user']);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain(`${path} has no MCP server named "other-project-only"; the servers it has: memory, time, postgres. Nothing was changed.`);
    expect(read(path)).toBe(claudeUser(project));
  });

  it('with $CLAUDE_CONFIG_DIR set, ~/.claude.json is left alone', () => {
    put(join(home, '.claude.json'), claudeUser(project));
    const dir = join(work, 'claude-config');
    put(join(dir, '.claude.json'), claudeUser(project));
    expect(px(['install', 'mcp', 'claude-code', 'memory', '--user'], { CLAUDE_CONFIG_DIR: dir }).code).toBe(0);
    expect(read(join(home, '.claude.json'))).toBe(claudeUser(project));
    expect(read(join(dir, '.claude.json'))).not.toBe(claudeUser(project));
  });
});

describe('the wrapper', () => {
  it('runs the real MCP server through the proxy: tools listed, a benign read served, a read of ~/.ssh/id_rsa refused', async () => {
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh', 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n-----END OPENSSH PRIVATE KEY-----\n');
    writeFileSync(join(home, 'notes.md'), '# notes\n');
    const config = join(project, '.mcp.json');
    put(config, `${JSON.stringify({ mcpServers: { 'home-files': { command: process.execPath, args: [FS_SERVER, home] } } }, null, 2)}\n`);
    expect(px(['install', 'mcp', 'claude-code', 'home-files']).code).toBe(0);

    const entry = jsonc(read(config)).mcpServers['home-files'];
    const db = join(work, 'sessions.db');
    // started the way Claude Code starts a stdio server: the entry's command and args, nothing else
    const transport = new StdioClientTransport({
      command: entry.command,
      args: entry.args,
      cwd: project,
      env: { ...(process.env as Record<string, string>), HOME: home, MODE: 'block', SESSION_DB: db, LISTEN_ADDR: '127.0.0.1:9', PROXILION_SOCKET: '', POLICY_FILE: '', NO_COLOR: '1' },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'proxilion-install-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['read_text_file', 'list_directory']));
      const text = (r: Record<string, unknown>) => (r.content as Array<{ text: string }>)[0]!.text;

      const notes = await client.callTool({ name: 'read_text_file', arguments: { path: join(home, 'notes.md') } });
      expect(notes.isError).toBeFalsy();
      expect(text(notes)).toBe('# notes\n');

      const key = await client.callTool({ name: 'read_text_file', arguments: { path: join(home, '.ssh', 'id_rsa') } });
      expect(key.isError).toBe(true);
      expect(text(key)).toMatch(/^proxilion: Blocked/);
      expect(JSON.stringify(key)).not.toContain('not a real key');
    } finally {
      await client.close();
    }
    // the calls are recorded under the server's name from the config
    const events = spawnSync(process.execPath, [BIN, 'events', '--json', '--session-db', db], { encoding: 'utf8', env: { ...process.env, MODE: '' } });
    const agents = events.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).agent);
    expect(agents).toEqual(['mcp:home-files', 'mcp:home-files']);
  });

  it('is pointed at the current node and launcher when proxilion moved, keeping options added by hand', () => {
    const path = join(xdg, 'Claude', 'claude_desktop_config.json');
    put(path, CLAUDE_DESKTOP);
    expect(px(['install', 'mcp', 'claude-desktop', 'brave-search']).code).toBe(0);
    const oldLauncher = '/opt/old/proxilion/bin/proxilion';
    const oldNode = '/opt/old/node/bin/node';
    const moved = read(path)
      .replace(JSON.stringify(BIN), JSON.stringify(oldLauncher))
      .replace(JSON.stringify(NODE), JSON.stringify(oldNode))
      .replace('"mcp-proxy", ', '"mcp-proxy", "--mode", "block", ');
    expect(moved).toContain('"--mode", "block"');
    put(path, moved);

    const r = px(['install', 'mcp', 'claude-desktop', 'brave-search']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('updated the MCP server "brave-search"');
    expect(read(path)).toBe(moved.replace(JSON.stringify(oldLauncher), JSON.stringify(BIN)).replace(JSON.stringify(oldNode), JSON.stringify(NODE)));
    expect(jsonc(read(path)).mcpServers['brave-search'].args).toEqual([BIN, 'mcp-proxy', '--mode', 'block', '--name', 'brave-search', '--', 'npx', '-y', '@modelcontextprotocol/server-brave-search']);

    // a wrapper from another install is still recognised and undone
    put(path, moved);
    expect(px(['uninstall', 'mcp', 'claude-desktop', 'brave-search']).code).toBe(0);
    expect(read(path)).toBe(CLAUDE_DESKTOP);
  });

  it('is not mistaken in an entry that only looks like it (a launcher that is not proxilion)', () => {
    const path = join(project, '.mcp.json');
    const text = `{"mcpServers": {"other": {"command": "node", "args": ["/opt/guard/bin/guard", "mcp-proxy", "--", "npx", "srv"]}}}\n`;
    put(path, text);
    const r = px(['uninstall', 'mcp', 'claude-code', 'other']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('nothing to restore');
    expect(read(path)).toBe(text);
  });
});

describe('errors leave the file as it was', () => {
  const unchanged = (path: string, text: string) => {
    expect(read(path)).toBe(text);
    expect(backups(path)).toEqual([]);
  };

  it('a server that does not exist: exit 70, the names that do', () => {
    const path = join(project, '.mcp.json');
    put(path, CLAUDE_PROJECT);
    for (const verb of ['install', 'uninstall']) {
      const r = px([verb, 'mcp', 'claude-code', 'filesytem']);
      expect(r.code).toBe(70);
      expect(r.stderr).toBe(`proxilion: ${path} has no MCP server named "filesytem"; the servers it has: filesystem, github, sentry, local-tool. Nothing was changed.\n`);
      unchanged(path, CLAUDE_PROJECT);
    }
  });

  it('a server defined in the other scope: the message says where and which flag', () => {
    put(join(home, '.claude.json'), claudeUser(project));
    put(join(project, '.mcp.json'), CLAUDE_PROJECT);
    const r = px(['install', 'mcp', 'claude-code', 'memory']);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain(`"memory" is defined in ${join(home, '.claude.json')}: run again with --user`);
  });

  it('a missing config file: exit 70, nothing created', () => {
    const r = px(['install', 'mcp', 'cursor', 'browser']);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain(`${join(project, '.cursor', 'mcp.json')} does not exist`);
    expect(existsSync(join(project, '.cursor'))).toBe(false);
  });

  it.each([
    ['claude-code', '.mcp.json', CLAUDE_PROJECT, 'sentry', 'url "https://mcp.sentry.dev/mcp"'],
    ['cursor', '.cursor/mcp.json', CURSOR, 'notion', 'url "https://mcp.notion.com/mcp"'],
    ['vscode', '.vscode/mcp.json', VSCODE, 'github', 'url "https://api.githubcopilot.com/mcp/"'],
    ['gemini', '.gemini/settings.json', GEMINI, 'httpServer', 'httpUrl "http://localhost:3000/mcp"'],
    ['claude-code', '.mcp.json', '{"mcpServers": {"events": {"type": "sse", "command": "x"}}}', 'events', 'type "sse"'],
  ])('%s: a remote server (%s) is refused: the stdio proxy cannot wrap it', (client, file, text, server, what) => {
    const path = join(project, file);
    put(path, text);
    const r = px(['install', 'mcp', client, server]);
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(new RegExp(`^proxilion: ${path.replace(/[.]/g, '\\.')}:\\d+:\\d+: the MCP server "${server}" is a remote server \\(${what.replace(/[.()/]/g, '\\$&')}\\); proxilion mcp-proxy wraps only servers the client starts as a local command \\(stdio\\)`));
    unchanged(path, text);
  });

  it.each([
    ['a trailing comma', 'cursor', '.cursor/mcp.json', '{\n  "mcpServers": {\n    "a": {"command": "x"},\n  }\n}\n', 'a', ':4:3: trailing comma before a closing bracket'],
    ['an unclosed object', 'gemini', '.gemini/settings.json', '{\n  "mcpServers": {\n    "a": {"command": "x"}\n', 'a', ':4:1: syntax error'],
    ['comments in a file the client reads as strict JSON', 'claude-code', '.mcp.json', '{\n  // servers\n  "mcpServers": {"a": {"command": "x"}}\n}\n', 'a', ':2:3: Claude Code reads this file as strict JSON and rejects comments'],
    ['servers that are not an object', 'vscode', '.vscode/mcp.json', '{\n  "servers": [{"command": "x"}]\n}\n', 'a', ':2:14: servers must be an object, not an array'],
    ['a server given twice', 'cursor', '.cursor/mcp.json', '{"mcpServers": {"a": {"command": "x"}, "a": {"command": "y"}}}', 'a', ':1:40: "a" appears twice'],
    ['args that are not an array', 'cursor', '.cursor/mcp.json', '{"mcpServers": {"a": {"command": "x", "args": "-y pkg"}}}', 'a', ':1:47: "args" of the MCP server "a" must be an array'],
    ['no command', 'gemini', '.gemini/settings.json', '{"mcpServers": {"a": {"env": {}}}}', 'a', ':1:22: the MCP server "a" has no "command"'],
  ])('%s: exit 70 with file:line:col', (_what, client, file, text, server, message) => {
    const path = join(project, file);
    put(path, text);
    const r = px(['install', 'mcp', client, server]);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain(`${path}${message}`);
    expect(r.stderr).toContain('The file was not changed.');
    unchanged(path, text);
  });
});

describe('usage', () => {
  it('claude-desktop has no project config: --project is a usage error (64)', () => {
    const r = px(['install', 'mcp', 'claude-desktop', 'filesystem', '--project']);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('Claude Desktop has no project MCP config');
    expect(readdirSync(xdg)).toEqual([]);
  });

  it('claude-desktop without XDG_CONFIG_HOME: ~/.config/Claude', () => {
    const path = join(home, '.config', 'Claude', 'claude_desktop_config.json');
    put(path, CLAUDE_DESKTOP);
    const env = { ...process.env, HOME: home, MODE: '' } as NodeJS.ProcessEnv;
    delete env.XDG_CONFIG_HOME;
    const r = spawnSync(process.execPath, [BIN, 'install', 'mcp', 'claude-desktop', 'filesystem', '--user'], { cwd: project, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(jsonc(read(path)).mcpServers.filesystem.command).toBe(NODE);
  });

  it.each([
    [['install', 'mcp', 'windsurf', 'x']],
    [['install', 'mcp', 'cursor']],
    [['install', 'mcp', 'cursor', 'browser', 'extra']],
    [['install', 'mcp', 'cursor', 'browser', '--project', '--user']],
    [['uninstall', 'mcp', 'cursor', 'browser', '--bogus']],
  ])('%j: exit 64, nothing written', (args) => {
    put(join(project, '.cursor', 'mcp.json'), CURSOR);
    const r = px(args);
    expect(r.code).toBe(64);
    expect(read(join(project, '.cursor', 'mcp.json'))).toBe(CURSOR);
  });

  it('the options may come before the target, as for the agents', () => {
    const path = join(project, '.cursor', 'mcp.json');
    put(path, CURSOR);
    const r = px(['install', '--dry-run', 'mcp', 'cursor', 'browser']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dry run');
    expect(read(path)).toBe(CURSOR);
  });

  it('install --help lists the agents and mcp; install mcp --help the clients', () => {
    const top = px(['install', '--help']);
    expect(top.code).toBe(0);
    for (const target of ['claude-code', 'cursor', 'gemini', 'codex', 'mcp [options] <client> <server-name>']) expect(top.stdout).toContain(target);
    const mcp = px(['install', 'mcp', '--help']);
    // commander wraps the help to the terminal's width
    expect(mcp.stdout.replace(/\s+/g, ' ')).toContain('choices: "claude-code", "cursor", "claude-desktop", "vscode", "gemini"');
  });
});

describe('--dry-run', () => {
  it('install prints the diff and writes nothing', () => {
    const path = join(project, '.mcp.json');
    put(path, CLAUDE_PROJECT);
    const r = px(['install', 'mcp', 'claude-code', 'filesystem', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`--- ${path}`);
    expect(r.stdout).toContain('-      "command": "npx",');
    expect(r.stdout).toContain(`+      "command": ${JSON.stringify(NODE)},`);
    expect(r.stdout).toContain(`+        ${JSON.stringify(BIN)},`);
    expect(r.stderr).toContain(`dry run: ${path} would be changed as shown; nothing was written`);
    expect(read(path)).toBe(CLAUDE_PROJECT);
    expect(backups(path)).toEqual([]);
  });

  it('uninstall prints the diff back and writes nothing', () => {
    const path = join(project, '.gemini', 'settings.json');
    put(path, GEMINI);
    expect(px(['install', 'mcp', 'gemini', 'docker']).code).toBe(0);
    const wrapped = read(path);
    const r = px(['uninstall', 'mcp', 'gemini', 'docker', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('+      "command": "docker",');
    expect(read(path)).toBe(wrapped);
  });
});
