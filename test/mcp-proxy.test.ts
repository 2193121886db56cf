import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, run } from './helpers/cli.js';
import { startDaemon, type Daemon } from './helpers/daemon.js';
import { serverName } from '../src/cli/mcp-proxy.js';

const require = createRequire(import.meta.url);
/** The real filesystem server from npm (2026.7.10: the newest that runs on Node 20). */
const FS_SERVER = require.resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'mcp');

const dir = mkdtempSync(join(tmpdir(), 'px-mcp-'));
const home = join(dir, 'home');
const project = join(home, 'project');
const db = join(dir, 'sessions.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(join(home, '.ssh'), { recursive: true });
  mkdirSync(project, { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a real key\n-----END OPENSSH PRIVATE KEY-----\n');
  writeFileSync(join(project, 'README.md'), '# demo project\n');
});

/** No daemon: the proxy decides in-process on its own SQLite file. */
const ENV = { NO_COLOR: '1', MODE: 'block', SESSION_DB: db, LISTEN_ADDR: '127.0.0.1:9', PROXILION_SOCKET: '', POLICY_FILE: '', PROXILION_FAIL_MODE: '', PROXILION_HOOK_BUDGET_MS: '' };

async function connect(server: string[], opts: { proxyArgs?: string[]; env?: Record<string, string> } = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp-proxy', ...(opts.proxyArgs ?? []), '--', ...server],
    env: { ...(process.env as Record<string, string>), ...ENV, ...opts.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'proxilion-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => stderr };
}

const events = (session: string) => run(['events', '--json', '--session', session, '--session-db', db]).stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const text = (r: Record<string, unknown>) => (r.content as Array<{ type: string; text: string }>)[0]!.text;

describe('a full session through the proxy, against @modelcontextprotocol/server-filesystem', () => {
  it('initializes, lists tools, passes allowed calls and answers refused ones itself', async () => {
    const { client, stderr } = await connect([process.execPath, FS_SERVER, project, join(home, '.ssh')], { proxyArgs: ['--session', 'fs-1', '--name', 'filesystem'] });
    try {
      expect(client.getServerVersion()?.name).toMatch(/filesystem/i);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['read_text_file', 'write_file', 'list_directory']));

      const readme = await client.callTool({ name: 'read_text_file', arguments: { path: join(project, 'README.md') } });
      expect(readme.isError).toBeFalsy();
      expect(text(readme)).toBe('# demo project\n');

      const key = await client.callTool({ name: 'read_text_file', arguments: { path: join(home, '.ssh', 'id_rsa') } });
      expect(key.isError).toBe(true);
      expect(text(key)).toMatch(/^proxilion: Blocked: .*\(PX-CRED-001\)\. Do not retry a variation/);
      // the server never saw the call: the key's text is nowhere in the answer
      expect(JSON.stringify(key)).not.toContain('not a real key');
      expect(key._meta).toMatchObject({ proxilion: { refused: true, session_id: 'fs-1', decision: expect.stringMatching(/Block|Terminate/), rules: expect.arrayContaining(['PX-CRED-001']) } });

      const aws = 'AWS_ACCESS_KEY_ID = "AKIAQ3EGV7RX5TYH2K4P"\nAWS_SECRET_ACCESS_KEY = "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"\n';
      const write = await client.callTool({ name: 'write_file', arguments: { path: join(project, 'settings.py'), content: aws } });
      expect(write.isError).toBeFalsy();
      expect(readFileSync(join(project, 'settings.py'), 'utf8')).toBe(aws);
      expect(stderr()).toContain('refused read_text_file');
    } finally {
      await client.close();
    }
    const log = events('fs-1');
    expect(log.map((e) => [e.agent, e.tool, e.summary, e.mode])).toEqual([
      ['mcp:filesystem', 'filesystem', `read_text_file: read ${join(project, 'README.md')}`, 'block'],
      ['mcp:filesystem', 'filesystem', `read_text_file: read ${join(home, '.ssh', 'id_rsa')}`, 'block'],
      ['mcp:filesystem', 'filesystem', `write_file: write ${join(project, 'settings.py')}`, 'block'],
    ]);
    // the keys hard-coded into the written source are an Alert: the write itself goes through in block mode
    expect(log.map((e) => e.decision)).toEqual(['Allow', expect.stringMatching(/Block|Terminate/), 'Alert']);
    expect(log[2].rules).toEqual(expect.arrayContaining(['PX-CRED-013', 'PX-CRED-037']));
  });

  it('passes a 5 MB answer intact', async () => {
    const big = Array.from({ length: 5 * 1024 * 16 }, (_, i) => `line ${i} ${'x'.repeat(50)}`).join('\n');
    writeFileSync(join(project, 'big.txt'), big);
    const { client } = await connect([process.execPath, FS_SERVER, project], { proxyArgs: ['--session', 'fs-big'] });
    try {
      const r = await client.callTool({ name: 'read_text_file', arguments: { path: join(project, 'big.txt') } });
      expect(text(r).length).toBe(big.length);
      expect(text(r) === big).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('with --hide-denied-tools, leaves out of tools/list the tools the policy denies, and refuses them if called anyway', async () => {
    const policy = join(dir, 'deny-writes.yaml');
    writeFileSync(policy, 'version: 1\ndeny:\n  - regex: "^(write_file|edit_file|move_file) "\n    agents: ["mcp:filesystem"]\n    reason: this server is read-only for agents\n');
    const summary = run(['analyze', '--json', '--tool', 'unknown', '--tool-name', 'write_file', '--params', '{}', '--policy', policy], { env: { MODE: 'block' } });
    expect(summary.code, summary.stdout + summary.stderr).toBe(0); // the deny names the agent: without it, nothing fires
    const { client, stderr } = await connect([process.execPath, FS_SERVER, project], { proxyArgs: ['--hide-denied-tools', '--name', 'filesystem', '--session', 'fs-hide'], env: { POLICY_FILE: policy } });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('read_text_file');
      expect(names).not.toContain('write_file');
      expect(names).not.toContain('move_file');
      expect(stderr()).toMatch(/hiding 3 tool\(s\) the policy denies: write_file, edit_file, move_file/);
      const w = await client.callTool({ name: 'write_file', arguments: { path: join(project, 'x.txt'), content: 'x' } });
      expect(w.isError).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('through the daemon', () => {
  let daemon: Daemon;
  beforeAll(async () => {
    daemon = await startDaemon({ args: ['--mode', 'block'] });
  });
  afterAll(() => daemon?.stop());

  it('records the calls in the daemon\'s audit log, under the proxy\'s session', async () => {
    const { client } = await connect([process.execPath, FS_SERVER, project, join(home, '.ssh')], { proxyArgs: ['--session', 'fs-daemon', '--name', 'filesystem'], env: { LISTEN_ADDR: `127.0.0.1:${daemon.port}`, MODE: 'monitor' } });
    try {
      const key = await client.callTool({ name: 'read_text_file', arguments: { path: join(home, '.ssh', 'id_rsa') } });
      // the proxy's own MODE is monitor: a refusal means the daemon's block mode decided
      expect(key.isError).toBe(true);
    } finally {
      await client.close();
    }
    const page = await daemon.get('/events?session_id=fs-daemon');
    expect(page.json.events).toMatchObject([{ agent: 'mcp:filesystem', mode: 'block', decision: expect.stringMatching(/Block|Terminate/) }]);
  });
});

/** The proxy with raw pipes: what a client that misbehaves or leaves sees. */
function rawProxy(server: string[], env: Record<string, string> = {}) {
  const p = spawn(process.execPath, [BIN, 'mcp-proxy', '--session', `raw-${Date.now()}`, '--', ...server], { env: { ...process.env, ...ENV, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  p.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => p.on('exit', (code, signal) => r({ code, signal })));
  const waitFor = async (pred: (o: string) => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!pred(out)) {
      if (Date.now() > end) throw new Error(`timed out; stdout: ${out.slice(0, 500)}; stderr: ${err.slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { p, exit, out: () => out, err: () => err, waitFor };
}

const INIT = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }) + '\n';
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('robustness', () => {
  it('relays everything it does not refuse byte for byte, in both directions, whatever the chunking', async () => {
    // `cat` echoes each client line back as if the server had sent it: what comes out must be exactly what went in
    const proxy = rawProxy(['cat']);
    const lines = [
      INIT,
      '{"jsonrpc":"2.0","method":"notifications/initialized"}\n',
      // its echo carries the request's id, so the proxy reads it as the tools/list answer: what follows must not overtake it
      '{"jsonrpc":"2.0","id":5,"method":"tools/list","result":{"tools":[{"name":"t","inputSchema":{"type":"object"}}]}}\n',
      '{ "jsonrpc" : "2.0", "id" : "a\\u00e9", "method": "ping" }\r\n',
      '{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":0.5,"message":"žluťoučký 🐎"}}\n',
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9,"reason":"user"}}\n',
      '{"jsonrpc":"2.0","id":10,"method":"sampling/createMessage","params":{"messages":[]}}\n',
      'not json, passed on\n',
      JSON.stringify({ jsonrpc: '2.0', id: 11, method: 'tools/call', params: { name: 'read_file', arguments: { path: 'README.md' } } }) + '\n',
      JSON.stringify({ jsonrpc: '2.0', id: 12, method: 'resources/read', params: { blob: 'x'.repeat(5 * 1024 * 1024) } }) + '\n',
    ];
    const all = Buffer.from(lines.join(''));
    // partial reads: odd-sized pieces that split lines, multi-byte characters and the \r\n pair
    for (let i = 0; i < all.length; ) {
      const n = i < 4096 ? 7 : 65_537;
      proxy.p.stdin.write(all.subarray(i, i + n));
      i += n;
    }
    await proxy.waitFor((o) => o.length >= all.toString().length, 20_000);
    expect(proxy.out() === all.toString()).toBe(true);
    proxy.p.stdin.end();
    expect(await proxy.exit).toEqual({ code: 0, signal: null });
  });

  it('a server that crashes mid-call: the client sees the stream end, and the proxy exits with the server\'s code', async () => {
    const proxy = rawProxy([process.execPath, join(FIXTURES, 'crashing-server.mjs')]);
    proxy.p.stdin.write(INIT);
    await proxy.waitFor((o) => o.includes('"id":1'));
    proxy.p.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
    proxy.p.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'still here' } } }) + '\n');
    await proxy.waitFor((o) => o.includes('still here'));
    proxy.p.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'crash', arguments: {} } }) + '\n');
    expect(await proxy.exit).toEqual({ code: 3, signal: null });
  });

  it('malformed JSON from the client is passed on and does not desynchronize the stream', async () => {
    const proxy = rawProxy([process.execPath, FS_SERVER, project]);
    proxy.p.stdin.write(INIT);
    await proxy.waitFor((o) => o.includes('"id":1'));
    // half a message, a non-JSON line, then a blocked call: the proxy still sees the call and answers it
    proxy.p.stdin.write('{"jsonrpc":"2.0","id":');
    proxy.p.stdin.write('"x" garbage\nnot json at all\n');
    proxy.p.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'read_text_file', arguments: { path: join(home, '.ssh', 'id_rsa') } } }) + '\n');
    await proxy.waitFor((o) => o.includes('"id":7'));
    const answer = proxy.out().trim().split('\n').map((l) => JSON.parse(l)).find((m) => m.id === 7);
    expect(answer.result.isError).toBe(true);
    proxy.p.stdin.end();
    expect((await proxy.exit).code).not.toBeNull();
  });

  it('a client that disconnects: the server and its whole process group are gone', async () => {
    const pids = join(dir, 'pids.json');
    const proxy = rawProxy([process.execPath, join(FIXTURES, 'launcher.mjs'), pids, FS_SERVER, project]);
    proxy.p.stdin.write(INIT);
    await proxy.waitFor((o) => o.includes('"id":1'));
    const { launcher, server } = JSON.parse(readFileSync(pids, 'utf8')) as { launcher: number; server: number };
    expect(alive(launcher) && alive(server)).toBe(true);
    proxy.p.stdin.end();
    await proxy.exit;
    const end = Date.now() + 8000;
    while ((alive(launcher) || alive(server)) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect([alive(launcher), alive(server)]).toEqual([false, false]);
  });

  it('SIGTERM to the proxy reaches the server, and the proxy dies of the same signal', async () => {
    const proxy = rawProxy([process.execPath, join(FIXTURES, 'crashing-server.mjs')]);
    proxy.p.stdin.write(INIT);
    await proxy.waitFor((o) => o.includes('"id":1'));
    proxy.p.kill('SIGTERM');
    expect(await proxy.exit).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('a server command that does not exist: exit 127 with the reason', async () => {
    const proxy = rawProxy(['/nonexistent/mcp-server']);
    proxy.p.stdin.end();
    expect((await proxy.exit).code).toBe(127);
    expect(proxy.err()).toContain('cannot start the MCP server "/nonexistent/mcp-server"');
  });
});

describe('the server name the audit log and policy see (mcp:<name>)', () => {
  it.each([
    ['npx', ['-y', '@modelcontextprotocol/server-filesystem', '/p'], 'server-filesystem'],
    ['npx', ['-y', '@modelcontextprotocol/server-github@2025.4.8'], 'server-github'],
    ['/usr/local/bin/uvx', ['mcp-server-git', '--repository', '.'], 'mcp-server-git'],
    ['node', ['/x/node_modules/@modelcontextprotocol/server-filesystem/dist/index.js', '/p'], 'server-filesystem'],
    ['python3', ['-u', '/srv/tools/weather_server.py'], 'weather_server'],
    ['/opt/mcp/my-server', ['--stdio'], 'my-server'],
    ['docker', ['run', '-i', '--rm', 'ghcr.io/github/github-mcp-server'], 'docker'],
  ] as const)('%s %j → %s', (command, args, name) => {
    expect(serverName(command, args)).toBe(name);
  });
});

