import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from './helpers/cli.js';

// `proxilion install|uninstall <agent>` run as the real built binary, in a temp project with a temp HOME.

type Agent = 'claude-code' | 'cursor' | 'gemini' | 'codex';

const PROJECT_FILE: Record<Agent, string> = {
  'claude-code': '.claude/settings.json',
  cursor: '.cursor/hooks.json',
  gemini: '.gemini/settings.json',
  codex: '.codex/hooks.json',
};

/** What the command written into the settings must be: this node, the absolute launcher, `hook <agent>`. */
const HOOK_COMMAND = (agent: Agent) => `${process.execPath} ${BIN} hook ${agent}`;

let work: string;
let project: string;
let home: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'px-install-'));
  project = join(work, 'project');
  home = join(work, 'home');
  mkdirSync(project);
  mkdirSync(home);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function px(args: string[], env: Record<string, string> = {}) {
  const base: NodeJS.ProcessEnv = { ...process.env, HOME: home, NO_COLOR: '1', ...env };
  // vitest sets MODE=test, which is not a proxilion mode; the agents' own variables would move the user files
  for (const key of ['MODE', 'CLAUDE_CONFIG_DIR', 'CODEX_HOME']) if (!(key in env)) delete base[key];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: project, env: base, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fileOf = (agent: Agent) => join(project, PROJECT_FILE[agent]);
const put = (path: string, text: string) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const backups = (path: string) => readdirSync(dirname(path)).filter((f) => f.startsWith(`${path.split('/').pop()}.proxilion-`) && f.endsWith('.bak'));

function jsonc(text: string): any {
  const errors: ParseError[] = [];
  const value = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: false });
  expect(errors).toEqual([]);
  return value;
}

/** Every handler under `event`, whatever the layout (matcher groups or bare handlers). */
function handlers(doc: any, event: string): any[] {
  const list: any[] = doc?.hooks?.[event] ?? [];
  return list.flatMap((entry) => (Array.isArray(entry.hooks) ? entry.hooks : [entry]));
}
const ours = (doc: any, event: string, agent: Agent) => handlers(doc, event).filter((h) => typeof h.command === 'string' && h.command.endsWith(` hook ${agent}`));

const EVENTS: Record<Agent, string[]> = {
  'claude-code': ['PreToolUse'],
  cursor: ['beforeShellExecution', 'beforeMCPExecution'],
  gemini: ['BeforeTool'],
  codex: ['PreToolUse'],
};

describe('install into a missing file', () => {
  const expected: Record<Agent, (cmd: string) => unknown> = {
    'claude-code': (command) => ({ hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command, timeout: 10 }] }] } }),
    cursor: (command) => ({ version: 1, hooks: { beforeShellExecution: [{ command }], beforeMCPExecution: [{ command }] } }),
    gemini: (command) => ({ hooks: { BeforeTool: [{ matcher: '.*', hooks: [{ type: 'command', name: 'proxilion', command, timeout: 10000 }] }] } }),
    codex: (command) => ({ hooks: { PreToolUse: [{ matcher: '*', hooks: [{ type: 'command', command, timeout: 10 }] }] } }),
  };

  it.each(Object.keys(expected) as Agent[])('%s: creates the file and its directory with exactly the documented entry', (agent) => {
    const r = px(['install', agent]);
    expect(r.code).toBe(0);
    const path = fileOf(agent);
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text)).toEqual(expected[agent](HOOK_COMMAND(agent)));
    // strict JSON, two-space indentation and a final newline, as the agents' own files are written
    expect(text).toBe(JSON.stringify(expected[agent](HOOK_COMMAND(agent)), null, 2) + '\n');
    expect(r.stderr).toContain(`created ${path}`);
    expect(r.stderr).toContain('no backup');
    expect(backups(path)).toEqual([]);
    if (agent === 'codex') expect(r.stderr).toMatch(/only after you trust it: .*under \/hooks/);
    else expect(r.stderr).not.toContain('trust');
  });

  it.each(Object.keys(expected) as Agent[])('%s: the command written runs the real proxilion hook', (agent) => {
    expect(px(['install', agent]).code).toBe(0);
    const doc = JSON.parse(readFileSync(fileOf(agent), 'utf8'));
    const [handler] = ours(doc, EVENTS[agent][0]!, agent);
    const r = spawnSync('sh', ['-c', `${handler.command} --help`], { encoding: 'utf8', env: { ...process.env, MODE: '' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`hook ${agent}`);
  });
});

/**
 * Real-looking settings files: the round trip install → uninstall must give back these bytes.
 * Each has content proxilion must not touch: comments where the format allows, unknown keys,
 * other hooks in the same event, other events.
 */
const FIXTURES: Array<{ agent: Agent; name: string; text: string; indent?: '\t' | 2 | 4; shows?: string }> = [
  {
    agent: 'claude-code',
    name: '2 spaces, permissions and env, other hooks in the same event',
    indent: 2,
    text: `{
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  "permissions": {
    "allow": ["Bash(npm run test:*)", "Read(~/.zshrc)"],
    "deny": ["Read(./.env)"]
  },
  "env": {
    "CLAUDE_CODE_ENABLE_TELEMETRY": "0"
  },
  "hooks": {
    "PreToolUse": [
      {
        "matcher": "Bash",
        "hooks": [
          {
            "type": "command",
            "command": "$CLAUDE_PROJECT_DIR/.claude/hooks/check-style.sh"
          }
        ]
      }
    ],
    "PostToolUse": [
      { "matcher": "Edit|Write", "hooks": [{ "type": "command", "command": "npx prettier --write" }] }
    ]
  },
  "unknownFutureKey": { "nested": [1, 2.5e3, true, null] }
}
`,
  },
  {
    agent: 'claude-code',
    name: 'tabs, CRLF, no hooks yet, no trailing newline',
    indent: '\t',
    shows: '"~/.claude/statusline.sh"\r\n\t},\r\n\t"hooks": {\r\n\t\t"PreToolUse": [\r\n\t\t\t{\r\n\t\t\t\t"matcher": "*",\r\n\t\t\t\t"hooks": [\r\n\t\t\t\t\t{\r\n',
    text: '{\r\n\t"model": "opus",\r\n\t"includeCoAuthoredBy": false,\r\n\t"statusLine": {\r\n\t\t"type": "command",\r\n\t\t"command": "~/.claude/statusline.sh"\r\n\t}\r\n}',
  },
  {
    agent: 'claude-code',
    name: 'one-line matcher groups get a one-line group',
    text: '{\n  "hooks": {\n    "PreToolUse": [\n      { "matcher": "Bash", "hooks": [{ "type": "command", "command": "./guard.sh" }] }\n    ]\n  }\n}\n',
    shows: '"./guard.sh" }] },\n      { "matcher": "*", "hooks": [{ "type": "command", "command": ',
  },
  {
    agent: 'claude-code',
    name: 'minified on one line',
    text: '{"model":"sonnet","hooks":{"Stop":[{"hooks":[{"type":"command","command":"notify-send done"}]}]}}',
  },
  {
    agent: 'cursor',
    name: '4 spaces, a hook of another tool in one of the events',
    indent: 4,
    shows: '\n        ],\n        "beforeMCPExecution": [\n            {\n                "command": ',
    text: `{
    "version": 1,
    "hooks": {
        "beforeShellExecution": [
            {
                "command": "./hooks/audit.sh",
                "timeout": 5
            }
        ],
        "afterFileEdit": [
            {
                "command": "./hooks/format.sh"
            }
        ]
    }
}
`,
  },
  {
    agent: 'cursor',
    name: 'no "version" key: none is added to an existing file',
    text: '{\n  "hooks": {\n    "stop": [{ "command": "say done" }]\n  }\n}\n',
  },
  {
    agent: 'cursor',
    name: 'no hooks, CRLF',
    text: '{\r\n  "version": 1\r\n}\r\n',
  },
  {
    agent: 'gemini',
    name: 'JSONC: line and block comments, a trailing comment on the last member',
    text: `// Gemini CLI settings for this repo
{
  /* the team's MCP servers */
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] } // read-only token
  },
  "hooks": {
    "AfterTool": [
      {
        "matcher": "write_file|replace",
        "hooks": [{ "type": "command", "command": "npx prettier --write", "timeout": 30000 }]
      }
    ]
  },
  "ui": { "theme": "GitHub" } // light theme
}
`,
  },
  {
    agent: 'gemini',
    name: 'JSONC: no hooks yet, the last member carries a trailing comment',
    text: '{\n  "general": { "vimMode": true },\n  "ui": { "theme": "GitHub" } // light theme\n}',
    // the comment stays with the member it was written after
    shows: '"ui": { "theme": "GitHub" }, // light theme\n  "hooks": {\n    "BeforeTool": [',
  },
  {
    agent: 'gemini',
    name: 'a byte-order mark, kept in front',
    text: '\uFEFF{\n  "ui": { "theme": "GitHub" }\n}\n',
    shows: '\uFEFF{\n  "ui": { "theme": "GitHub" },\n  "hooks": {',
  },
  {
    agent: 'gemini',
    name: 'an empty object',
    text: '{}\n',
    shows: '{\n  "hooks": {\n    "BeforeTool": [\n      {\n        "matcher": ".*",\n',
  },
  {
    agent: 'codex',
    name: 'other events, 2 spaces',
    text: `{
  "hooks": {
    "SessionStart": [
      {
        "hooks": [
          {
            "type": "command",
            "command": "~/.codex/bin/load-context",
            "timeout": 5
          }
        ]
      }
    ]
  }
}
`,
  },
];

describe('round trip on real-looking files', () => {
  it.each(FIXTURES.map((f) => [`${f.agent}: ${f.name}`, f] as const))('%s', (_name, { agent, text, indent, shows }) => {
    const path = fileOf(agent);
    put(path, text);

    const first = px(['install', agent]);
    expect(first.code, first.stderr).toBe(0);
    const installed = readFileSync(path, 'utf8');
    expect(installed).not.toBe(text);
    expect(first.stderr).toContain(`added the`);
    expect(first.stderr).toContain(path);

    // the backup is the file as it was
    const [backup, ...more] = backups(path);
    expect(more).toEqual([]);
    expect(readFileSync(join(dirname(path), backup!), 'utf8')).toBe(text);
    expect(first.stderr).toContain(`backup of the previous file: ${join(dirname(path), backup!)}`);

    // exactly one handler of ours per event, and nothing else changed in the parsed content
    const doc = jsonc(installed);
    for (const event of EVENTS[agent]) expect(ours(doc, event, agent).map((h) => h.command)).toEqual([HOOK_COMMAND(agent)]);
    const original = jsonc(text);
    expect(withoutOurs(doc, agent)).toEqual(stripEmpty(original));

    // the inserted lines follow the file's line endings and indentation
    const crlf = text.includes('\r\n');
    if (crlf) expect(installed.replace(/\r\n/g, '')).not.toContain('\n');
    else expect(installed).not.toContain('\r');
    const leading = installed.split(/\r?\n/).map((line) => /^[ \t]*/.exec(line)![0]);
    if (indent === '\t') expect(leading.filter((w) => w.includes(' '))).toEqual([]);
    if (typeof indent === 'number') expect(leading.filter((w) => w.includes('\t') || w.length % indent !== 0)).toEqual([]);
    if (shows) expect(installed).toContain(shows);
    if (!text.includes('\n')) expect(installed).not.toContain('\n');

    // idempotent: no change, no second backup
    const second = px(['install', agent]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('already installed');
    expect(readFileSync(path, 'utf8')).toBe(installed);
    expect(backups(path)).toHaveLength(1);

    // uninstall gives back the original bytes
    const removed = px(['uninstall', agent]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toContain(`removed the`);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

/** The parsed settings without our handlers and the containers they alone filled (what uninstall promises). */
function withoutOurs(doc: any, agent: Agent): any {
  const copy = structuredClone(doc);
  for (const event of EVENTS[agent]) {
    const list = copy.hooks?.[event];
    if (!Array.isArray(list)) continue;
    copy.hooks[event] = list
      .map((entry: any) => (Array.isArray(entry.hooks) ? { ...entry, hooks: entry.hooks.filter((h: any) => !String(h.command).endsWith(` hook ${agent}`)) } : entry))
      .filter((entry: any) => !(Array.isArray(entry.hooks) && entry.hooks.length === 0) && !String(entry.command).endsWith(` hook ${agent}`));
  }
  return stripEmpty(copy);
}
function stripEmpty(doc: any): any {
  const copy = structuredClone(doc);
  for (const [event, list] of Object.entries(copy.hooks ?? {})) if (Array.isArray(list) && list.length === 0) delete copy.hooks[event];
  if (copy.hooks && Object.keys(copy.hooks).length === 0) delete copy.hooks;
  return copy;
}

describe('an older proxilion entry', () => {
  it('is pointed at this proxilion in place, keeping its place and tuned fields, never duplicated', () => {
    const path = fileOf('claude-code');
    const old = `'/opt/node 18/bin/node' '/old place/proxilion/bin/proxilion' hook claude-code`;
    const text = `{
  "hooks": {
    "PreToolUse": [
      {
        "matcher": "*",
        "hooks": [
          {
            "type": "command",
            "command": ${JSON.stringify(old)},
            "timeout": 30
          }
        ]
      },
      {
        "matcher": "Bash",
        "hooks": [{ "type": "command", "command": "./lint-shell.sh" }]
      }
    ]
  }
}
`;
    put(path, text);
    const r = px(['install', 'claude-code']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('updated the Claude Code hook');
    const after = readFileSync(path, 'utf8');
    // only the command string changed
    expect(after).toBe(text.replace(JSON.stringify(old), JSON.stringify(HOOK_COMMAND('claude-code'))));
    expect(readFileSync(join(dirname(path), backups(path)[0]!), 'utf8')).toBe(text);
    expect(px(['install', 'claude-code']).stderr).toContain('already installed');
  });

  it('duplicates left by hand edits collapse into one; uninstall removes every one', () => {
    const path = fileOf('cursor');
    const cmd = HOOK_COMMAND('cursor');
    put(path, JSON.stringify({ version: 1, hooks: { beforeShellExecution: [{ command: cmd }, { command: 'other' }, { command: '/x/proxilion hook cursor' }] } }, null, 2) + '\n');
    expect(px(['install', 'cursor']).code).toBe(0);
    const doc = jsonc(readFileSync(path, 'utf8'));
    expect(doc.hooks.beforeShellExecution).toEqual([{ command: cmd }, { command: 'other' }]);
    expect(doc.hooks.beforeMCPExecution).toEqual([{ command: cmd }]);
    expect(px(['uninstall', 'cursor']).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify({ version: 1, hooks: { beforeShellExecution: [{ command: 'other' }] } }, null, 2) + '\n');
  });
});

describe('uninstall', () => {
  it('of a missing file is a no-op that says so', () => {
    const r = px(['uninstall', 'gemini']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('does not exist');
    expect(existsSync(fileOf('gemini'))).toBe(false);
    expect(existsSync(dirname(fileOf('gemini')))).toBe(false);
  });

  it('of a file without our hook changes nothing and makes no backup', () => {
    const path = fileOf('codex');
    const text = FIXTURES.find((f) => f.agent === 'codex')!.text;
    put(path, text);
    const r = px(['uninstall', 'codex']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no proxilion hook');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(backups(path)).toEqual([]);
  });

  it('removes only our handler from a group it shares, and keeps the group', () => {
    const path = fileOf('gemini');
    const cmd = HOOK_COMMAND('gemini');
    const text = `{
  "hooks": {
    "BeforeTool": [
      {
        "matcher": ".*",
        "hooks": [
          { "type": "command", "command": "./guard.sh" },
          { "type": "command", "name": "proxilion", "command": ${JSON.stringify(cmd)}, "timeout": 10000 }
        ]
      }
    ]
  }
}
`;
    put(path, text);
    expect(px(['uninstall', 'gemini']).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(`{
  "hooks": {
    "BeforeTool": [
      {
        "matcher": ".*",
        "hooks": [
          { "type": "command", "command": "./guard.sh" }
        ]
      }
    ]
  }
}
`);
  });

  it("keeps a comment that sat inside the emptied container (gemini)", () => {
    const path = fileOf('gemini');
    const text = '{\n  "hooks": {\n    // proxilion goes here\n  }\n}\n';
    put(path, text);
    expect(px(['install', 'gemini']).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('// proxilion goes here\n    "BeforeTool": [');
    expect(px(['uninstall', 'gemini']).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});

describe('a malformed settings file is refused and left untouched', () => {
  const cases: Array<{ agent: Agent; name: string; text: string; at: string; says: RegExp }> = [
    { agent: 'claude-code', name: 'a syntax error', text: '{\n  "model": "opus"\n  "env": {}\n}\n', at: '3:3', says: /expected ','/ },
    { agent: 'codex', name: 'a trailing comma', text: '{\n  "hooks": {\n    "PreToolUse": [],\n  }\n}\n', at: '4:3', says: /trailing comma/ },
    { agent: 'cursor', name: '"hooks" of the wrong type', text: '{\n  "version": 1,\n  "hooks": [\n  ]\n}\n', at: '3:12', says: /"hooks" must be an object of events, not an array/ },
    { agent: 'gemini', name: 'the event of the wrong type', text: '{\n  // mine\n  "hooks": {\n    "BeforeTool": {"matcher": ".*"}\n  }\n}\n', at: '4:19', says: /"hooks.BeforeTool" must be an array, not an object/ },
    { agent: 'claude-code', name: 'comments in a strict JSON file', text: '{\n  "model": "opus", // the big one\n  "hooks": {}\n}\n', at: '2:20', says: /Claude Code reads this file as strict JSON and rejects comments/ },
    { agent: 'codex', name: 'a top level that is not an object', text: '[\n  {"hooks": {}}\n]\n', at: '1:1', says: /must hold a JSON object at the top/ },
    { agent: 'gemini', name: 'an unterminated string', text: '{\n  "ui": {"theme": "GitHub}\n}\n', at: '2:19', says: /unterminated string/ },
    { agent: 'claude-code', name: '"hooks" given twice', text: '{\n  "hooks": {},\n  "hooks": {}\n}\n', at: '3:3', says: /"hooks" appears twice/ },
  ];

  it.each(cases.flatMap((c) => (['install', 'uninstall', 'dry-run'] as const).map((verb) => [`${verb} ${c.agent}: ${c.name}`, verb, c] as const)))('%s', (_n, verb, { agent, text, at, says }) => {
    const path = fileOf(agent);
    put(path, text);
    const args = verb === 'dry-run' ? ['install', agent, '--dry-run'] : [verb, agent];
    const r = px(args);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain(`proxilion: ${path}:${at}: `);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).toContain('not changed');
    expect(r.stdout).toBe('');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(backups(path)).toEqual([]);
  });

  it('a settings path that is a directory is an I/O error (70)', () => {
    mkdirSync(fileOf('codex'), { recursive: true });
    const r = px(['install', 'codex']);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain(`${fileOf('codex')} is not a regular file`);
  });
});

describe('--dry-run', () => {
  it('prints the unified diff and writes nothing', () => {
    const path = fileOf('claude-code');
    const text = '{\n  "model": "opus"\n}\n';
    put(path, text);
    const r = px(['install', 'claude-code', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`--- ${path}`);
    expect(r.stdout).toContain(`+++ ${path}`);
    expect(r.stdout).toContain('-  "model": "opus"\n+  "model": "opus",\n');
    expect(r.stdout).toContain(`+            "command": ${JSON.stringify(HOOK_COMMAND('claude-code'))},`);
    expect(r.stderr).toContain('nothing was written');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(backups(path)).toEqual([]);
  });

  it('creates nothing for a missing file', () => {
    const r = px(['install', 'codex', '--dry-run', '--user']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`+++ ${join(home, '.codex', 'hooks.json')}`);
    expect(r.stdout).toContain('(new file)');
    expect(existsSync(join(home, '.codex'))).toBe(false);
  });

  it('says so when there is nothing to change', () => {
    expect(px(['install', 'cursor']).code).toBe(0);
    const before = readFileSync(fileOf('cursor'), 'utf8');
    const again = px(['install', 'cursor', '--dry-run']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('already installed');
    const un = px(['uninstall', 'cursor', '--dry-run']);
    expect(un.code).toBe(0);
    expect(un.stdout).toContain(`-        "command": ${JSON.stringify(HOOK_COMMAND('cursor'))}`);
    expect(readFileSync(fileOf('cursor'), 'utf8')).toBe(before);
  });
});

describe('scopes', () => {
  it('--user writes under $HOME, --project (the default) under the current directory', () => {
    expect(px(['install', 'gemini', '--user']).code).toBe(0);
    expect(jsonc(readFileSync(join(home, '.gemini', 'settings.json'), 'utf8')).hooks.BeforeTool).toHaveLength(1);
    expect(existsSync(fileOf('gemini'))).toBe(false);
    expect(px(['install', 'gemini', '--project']).code).toBe(0);
    expect(existsSync(fileOf('gemini'))).toBe(true);
  });

  it('honours CLAUDE_CONFIG_DIR and CODEX_HOME for the user files', () => {
    const claudeDir = join(work, 'claude-config');
    const codexHome = join(work, 'codex-home');
    expect(px(['install', 'claude-code', '--user'], { CLAUDE_CONFIG_DIR: claudeDir }).code).toBe(0);
    expect(px(['install', 'codex', '--user'], { CODEX_HOME: codexHome }).code).toBe(0);
    expect(existsSync(join(claudeDir, 'settings.json'))).toBe(true);
    expect(existsSync(join(codexHome, 'hooks.json'))).toBe(true);
    expect(existsSync(join(home, '.claude'))).toBe(false);
    expect(existsSync(join(home, '.codex'))).toBe(false);
    // unset, the home directory is used
    expect(px(['install', 'claude-code', '--user']).code).toBe(0);
    expect(existsSync(join(home, '.claude', 'settings.json'))).toBe(true);
  });

  it('--project with --user is a usage error (64) and writes nothing', () => {
    const r = px(['install', 'codex', '--project', '--user']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/^proxilion: --project and --user/);
    expect(existsSync(fileOf('codex'))).toBe(false);
    expect(existsSync(join(home, '.codex'))).toBe(false);
  });

  it('an unknown agent is a usage error (64)', () => {
    expect(px(['install', 'windsurf']).code).toBe(64);
  });

  it('a settings file that is a symlink (dotfiles) stays a link; the target is edited', () => {
    const target = join(work, 'dotfiles', 'claude-settings.json');
    put(target, '{\n  "model": "opus"\n}\n');
    mkdirSync(join(home, '.claude'));
    symlinkSync(target, join(home, '.claude', 'settings.json'));
    expect(px(['install', 'claude-code', '--user']).code).toBe(0);
    expect(lstatSync(join(home, '.claude', 'settings.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(home, '.claude', 'settings.json'))).toBe(target);
    expect(ours(jsonc(readFileSync(target, 'utf8')), 'PreToolUse', 'claude-code')).toHaveLength(1);
  });
});
