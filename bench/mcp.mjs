// MCP proxy figures: the latency a tools/call gains by going through `proxilion mcp-proxy`, measured
// with the official SDK client against the real @modelcontextprotocol/server-filesystem, directly and
// through the proxy (deciding in-process, and through the daemon), in one run, interleaved.
// Run: npm run build && node bench/mcp.mjs [calls per row, default 200]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const CALLS = Number(process.argv[2] ?? 200);
const require = createRequire(import.meta.url);
const FS_SERVER = require.resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
const BIN = new URL('../bin/proxilion', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'px-bench-mcp-'));
const project = join(dir, 'project');
mkdirSync(project);
writeFileSync(join(project, 'README.md'), '# bench\n'.repeat(40));

const CLEAN = { MODE: 'block', POLICY_FILE: '', PROXILION_API_KEY: '', SESSION_STORE: '', PROXILION_SOCKET: '', PROXILION_FAIL_MODE: '', PROXILION_HOOK_BUDGET_MS: '' };

function startDaemon() {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--session-db', join(dir, 'daemon.db')], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...CLEAN, LOG_LEVEL: 'info' } });
  return new Promise((resolve, reject) => {
    let buf = '';
    proc.stderr.setEncoding('utf8').on('data', (c) => {
      buf += c;
      const m = /"port":(\d+)/.exec(buf);
      if (m) resolve({ proc, port: Number(m[1]) });
    });
    proc.once('exit', (code) => reject(new Error(`daemon exited ${code}: ${buf}`)));
  });
}

async function connect(command, args, env) {
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StdioClientTransport({ command, args, env: { ...process.env, ...CLEAN, ...env }, stderr: 'ignore' }));
  return client;
}

const daemon = await startDaemon();
const server = [FS_SERVER, project];
const proxied = (env) => connect(process.execPath, [BIN, 'mcp-proxy', '--name', 'filesystem', '--', process.execPath, ...server], env);
const rows = [
  { name: 'server-filesystem, direct', client: await connect(process.execPath, server, {}) },
  { name: 'through mcp-proxy, in-process (SQLite)', client: await proxied({ LISTEN_ADDR: '127.0.0.1:9', SESSION_DB: join(dir, 'proxy.db') }) },
  { name: 'through mcp-proxy, via the daemon (TCP)', client: await proxied({ LISTEN_ADDR: `127.0.0.1:${daemon.port}` }) },
];
const call = { name: 'read_text_file', arguments: { path: join(project, 'README.md') } };
for (const r of rows) for (let i = 0; i < 20; i++) await r.client.callTool(call);
const samples = rows.map(() => []);
for (let i = 0; i < CALLS; i++) {
  for (const [k, r] of rows.entries()) {
    const t0 = process.hrtime.bigint();
    const res = await r.client.callTool(call);
    samples[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.isError) throw new Error(`${r.name}: the call was refused`);
  }
}
for (const r of rows) await r.client.close();
daemon.proc.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), p99: q(0.99) };
};
const base = stats(samples[0]);
console.log(`calls per row: ${CALLS}; ${cpus().length} × ${cpus()[0]?.model}; Node ${process.version}; load average ${loadavg()[0].toFixed(2)}`);
console.log('| tools/call read_text_file | median | p95 | p99 | added (median) |');
console.log('|---|---|---|---|---|');
rows.forEach((r, k) => {
  const s = stats(samples[k]);
  console.log(`| ${r.name} | ${s.median.toFixed(2)} ms | ${s.p95.toFixed(2)} ms | ${s.p99.toFixed(2)} ms | ${(s.median - base.median).toFixed(2)} ms |`);
});
