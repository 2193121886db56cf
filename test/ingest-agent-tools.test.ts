import { describe, expect, test } from 'vitest';
import { cut, patchedFile, toolCallFromAgent, toolCallFromMcp } from '../src/ingest/agent-tools.js';
import { firstUrl } from '../src/engine/knowledge/hosts.js';
import { MAX_FIELD_BYTES, type ToolCall } from '../src/engine/toolcall.js';

const bash = (command: string, env: Record<string, string> = {}): ToolCall => ({ kind: 'bash', command, args: [], env });
const read = (path: string): ToolCall => ({ kind: 'filesystem', operation: 'read', path });
const write = (path: string, content: string): ToolCall => ({ kind: 'filesystem', operation: 'write', path, content });
const list = (path: string): ToolCall => ({ kind: 'filesystem', operation: 'list', path });
const get = (url: string): ToolCall => ({ kind: 'network', method: 'GET', url, headers: {} });
const unknown = (toolName: string, params: unknown): ToolCall => ({ kind: 'unknown', toolName, params });

const PATCH = '*** Begin Patch\n*** Update File: src/app.ts\n@@\n-a\n+b\n*** Add File: src/new.ts\n+x\n*** End Patch\n';

// prettier-ignore
const CLAUDE: Array<[string, unknown, ToolCall]> = [
  ['Bash', { command: 'npm test', description: 'Run tests', timeout: 120000 }, bash('npm test')],
  ['PowerShell', { command: 'Get-ChildItem' }, bash('Get-ChildItem')],
  ['Read', { file_path: '/repo/src/a.ts', offset: 10, limit: 20 }, read('/repo/src/a.ts')],
  ['Write', { file_path: '/repo/a.txt', content: 'hello' }, write('/repo/a.txt', 'hello')],
  // edits stay the agent's calls: the engine reads them as writes and compares what they take out and put in
  ['Edit', { file_path: '/repo/a.ts', old_string: 'x', new_string: 'y', replace_all: false }, unknown('Edit', { file_path: '/repo/a.ts', old_string: 'x', new_string: 'y', replace_all: false })],
  ['MultiEdit', { file_path: '/repo/a.ts', edits: [{ old_string: 'a', new_string: 'b' }] }, unknown('MultiEdit', { file_path: '/repo/a.ts', edits: [{ old_string: 'a', new_string: 'b' }] })],
  ['NotebookEdit', { notebook_path: '/repo/n.ipynb', new_source: 'import os' }, unknown('NotebookEdit', { notebook_path: '/repo/n.ipynb', new_source: 'import os' })],
  ['Glob', { pattern: '**/*.ts', path: '/repo/src' }, list('/repo/src')],
  ['Glob', { pattern: '**/*.ts' }, list('.')],
  ['Grep', { pattern: 'TODO', path: '/repo', output_mode: 'content' }, list('/repo')],
  ['LS', { path: '/repo' }, list('/repo')],
  ['WebFetch', { url: 'https://example.com/docs', prompt: 'summarize' }, get('https://example.com/docs')],
  ['WebSearch', { query: 'vitest mocks' }, unknown('WebSearch', { query: 'vitest mocks' })],
  ['Agent', { prompt: 'find x', description: 'd', subagent_type: 'Explore' }, unknown('Agent', { prompt: 'find x', description: 'd', subagent_type: 'Explore' })],
];

// MCP tools stay Unknown here: the engine reads their arguments (test/engine-tool-shape.test.ts)
// prettier-ignore
const MCP: Array<[string, unknown, ToolCall]> = [
  ['mcp__github__list_issues', { repo: 'a/b', state: 'open' }, unknown('mcp__github__list_issues', { repo: 'a/b', state: 'open' })],
  ['mcp__shell__run', { command: 'ls -la', cwd: '/tmp' }, unknown('mcp__shell__run', { command: 'ls -la', cwd: '/tmp' })],
  ['mcp_gh_search', { query: 'x' }, unknown('mcp_gh_search', { query: 'x' })],
  ['mcp__shell__run', 'ls', unknown('mcp__shell__run', 'ls')],
];

// prettier-ignore
const GEMINI: Array<[string, unknown, ToolCall]> = [
  ['run_shell_command', { command: 'git status', description: 'status', is_background: false }, bash('git status')],
  ['read_file', { absolute_path: '/repo/a.ts' }, read('/repo/a.ts')],
  ['read_file', { file_path: '/repo/b.ts', start_line: 1 }, read('/repo/b.ts')],
  ['read_many_files', { paths: ['src/a.ts', 'src/b.ts'] }, read('src/a.ts')],
  ['read_many_files', { include: ['src/**/*.ts', '/home/u/.ssh/id_rsa'] }, read('/home/u/.ssh/id_rsa')],
  ['read_many_files', { paths: [] }, unknown('read_many_files', { paths: [] })],
  ['read_many_files', { paths: ['a', 3] }, unknown('read_many_files', { paths: ['a', 3] })],
  ['write_file', { file_path: '/repo/c.ts', content: 'x' }, write('/repo/c.ts', 'x')],
  ['replace', { file_path: '/repo/c.ts', old_string: 'x', new_string: 'y', instruction: 'i' }, unknown('replace', { file_path: '/repo/c.ts', old_string: 'x', new_string: 'y', instruction: 'i' })],
  ['web_fetch', { prompt: 'Summarize https://nodejs.org/api/fs.html and http://a.io' }, unknown('web_fetch', { prompt: 'Summarize https://nodejs.org/api/fs.html and http://a.io' })],
  ['web_fetch', { prompt: 'no links here' }, unknown('web_fetch', { prompt: 'no links here' })],
  ['google_web_search', { query: 'node 22' }, unknown('google_web_search', { query: 'node 22' })],
  ['list_directory', { dir_path: '/repo/src' }, list('/repo/src')],
  ['list_directory', { path: '/repo' }, list('/repo')],
  ['glob', { pattern: '*.md' }, list('.')],
  ['grep_search', { pattern: 'x', dir_path: 'src' }, list('src')],
  ['search_file_content', { pattern: 'x', path: 'lib' }, list('lib')],
  ['save_memory', { fact: 'likes tabs' }, unknown('save_memory', { fact: 'likes tabs' })],
];

// prettier-ignore
const CODEX: Array<[string, unknown, ToolCall]> = [
  ['shell', { command: ['bash', '-lc', 'npm test'], workdir: '/repo' }, bash("bash -lc 'npm test'")],
  ['shell', { command: ['bash', '-lc', "echo 'hi'"] }, bash("bash -lc 'echo '\\''hi'\\'''")],
  ['shell', { command: ['ls', '-la', 'src'] }, bash('ls -la src')],
  ['shell', { command: 'git status' }, bash('git status')],
  ['container.exec', { command: ['bash', '-lc', 'x'] }, bash('bash -lc x')],
  ['local_shell', { type: 'exec', command: ['env'], env: { HOME: '/h', N: 1 } }, bash('env', { HOME: '/h' })],
  ['shell_command', { command: 'cat README.md', login: true }, bash('cat README.md')],
  ['exec_command', { cmd: 'npm ci', yield_time_ms: 1000 }, bash('npm ci')],
  ['apply_patch', PATCH, unknown('apply_patch', { input: PATCH })],
  ['apply_patch', { input: PATCH }, unknown('apply_patch', { input: PATCH })],
  ['apply_patch', { command: PATCH }, unknown('apply_patch', { input: PATCH })],
  ['apply_patch', '*** Begin Patch\n*** End Patch\n', unknown('apply_patch', '*** Begin Patch\n*** End Patch\n')],
  ['update_plan', { plan: [{ step: 's', status: 'pending' }] }, unknown('update_plan', { plan: [{ step: 's', status: 'pending' }] })],
  ['shell', { command: [] }, unknown('shell', { command: [] })],
  ['shell', { command: ['ls', 1] }, unknown('shell', { command: ['ls', 1] })],
];

// prettier-ignore
const ODD: Array<[string, unknown, ToolCall]> = [
  ['Bash', { command: 42 }, unknown('Bash', { command: 42 })],
  ['Bash', null, unknown('Bash', null)],
  ['Bash', undefined, unknown('Bash', null)],
  ['Bash', ['npm test'], unknown('Bash', ['npm test'])],
  ['Read', { path: '/x' }, unknown('Read', { path: '/x' })],
  ['Write', { file_path: '/x' }, unknown('Write', { file_path: '/x' })],
  ['MultiEdit', { file_path: '/x', edits: [{ new_string: 1 }] }, unknown('MultiEdit', { file_path: '/x', edits: [{ new_string: 1 }] })],
  ['Glob', { pattern: '*', path: 7 }, unknown('Glob', { pattern: '*', path: 7 })],
  ['WebFetch', 'https://x', unknown('WebFetch', 'https://x')],
  ['', {}, unknown('', {})],
  ['toString', { command: 'ls' }, unknown('toString', { command: 'ls' })],
];

describe('toolCallFromAgent', () => {
  for (const [group, rows] of [['Claude Code', CLAUDE], ['MCP', MCP], ['Gemini CLI', GEMINI], ['Codex CLI', CODEX], ['odd input', ODD]] as const) {
    test.each(rows)(`${group}: %s %j`, (name, input, expected) => {
      expect(toolCallFromAgent(name, input)).toEqual(expected);
    });
  }

  test('a command over MAX_FIELD_BYTES is cut to it', () => {
    const c = toolCallFromAgent('Bash', { command: 'a'.repeat(MAX_FIELD_BYTES + 10) });
    expect(c.kind === 'bash' && c.command.length).toBe(MAX_FIELD_BYTES);
  });

  test('an argv line over MAX_FIELD_BYTES is cut to it', () => {
    const c = toolCallFromAgent('shell', { command: ['bash', '-lc', 'b'.repeat(MAX_FIELD_BYTES)] });
    expect(c.kind === 'bash' && new TextEncoder().encode(c.command).length).toBe(MAX_FIELD_BYTES);
  });
});

describe('helpers', () => {
  // prettier-ignore
  test.each([
    ['abc', 5, 'abc'],
    ['abcdef', 3, 'abc'],
    ['ab\u{1F600}', 3, 'ab'],
  ])('cut(%j, %i)', (s, n, expected) => expect(cut(s, n)).toBe(expected));

  // prettier-ignore
  test.each([
    [PATCH, 'src/app.ts'],
    ['*** Begin Patch\n*** Delete File: old.txt\n*** End Patch', 'old.txt'],
    ['*** Begin Patch\n*** Add File: docs/a b.md\n+x', 'docs/a b.md'],
    ['no markers', undefined],
    ['', undefined],
  ])('patchedFile(%j)', (patch, path) => expect(patchedFile(patch)).toBe(path));

  // prettier-ignore
  test.each([
    ['see https://a.io/x?y=1 now', 'https://a.io/x?y=1'],
    ['HTTP://A.IO\tnext', 'HTTP://A.IO'],
    ['http://b.io then https://c.io', 'http://b.io'],
    ['nothing', undefined],
  ])('firstUrl(%j)', (text, url) => expect(firstUrl(text)).toBe(url));
});

describe('toolCallFromMcp', () => {
  test('keeps what tools/list said about the tool for the engine', () => {
    const tool = { description: 'Run SQL', inputSchema: { type: 'object' } };
    expect(toolCallFromMcp('run', { query: 'SELECT 1' }, tool)).toEqual({ kind: 'unknown', toolName: 'run', params: { query: 'SELECT 1' }, tool });
    expect(toolCallFromMcp('run', undefined)).toEqual({ kind: 'unknown', toolName: 'run', params: null });
  });
});
