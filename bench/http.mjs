// Daemon figures for DESIGN.md §10: POST /analyze throughput and latency over loopback with SQLite
// sessions, beside a bare node:http server answering a fixed JSON body, measured in the same run
// with the same load generator (autocannon) and the same request bodies; with Redis sessions too
// when redis-server is installed.
// Run: npm run build && node bench/http.mjs [seconds per phase, default 10]
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = 10;
const root = new URL('..', import.meta.url);
const rows = (f) => readFileSync(new URL(`test/corpus/${f}.jsonl`, root), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).cmd);
const benign = rows('benign');
const attacks = rows('attacks');

// The engine bench's mix (nine ordinary calls per attack), spread over 200 sessions of 5 users.
const bodies = [];
for (let i = 0; bodies.length < 2000; i++) {
  const command = i % 10 === 9 ? attacks[i % attacks.length] : benign[i % benign.length];
  bodies.push(JSON.stringify({ tool_call: { Bash: { command } }, user_id: `user-${i % 5}`, session_id: `bench-${i % 200}` }));
}
const requests = bodies.map((body) => ({ method: 'POST', path: '/analyze', headers: { 'content-type': 'application/json' }, body }));

const BARE = `
  const http = require('node:http');
  const body = JSON.stringify({ decision: 'Allow', threat_score: 0, patterns: [], session_terminated: false });
  http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
  }).listen(0, '127.0.0.1', function () { process.stderr.write(JSON.stringify({ msg: 'proxilion gateway listening', port: this.address().port }) + '\\n'); });
`;

function start(args, env = {}) {
  // Default logging (info): the gateway logs every Alert and above, as it would in production.
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MODE: 'monitor', LOG_LEVEL: 'info', ...env } });
  return new Promise((resolve, reject) => {
    let buf = '';
    let ready = false;
    proc.stderr.setEncoding('utf8').on('data', (c) => {
      if (ready) return;
      buf += c;
      const m = /"port":(\d+)/.exec(buf);
      if (m) {
        ready = true;
        resolve({ proc, url: `http://127.0.0.1:${m[1]}` });
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${buf}`)));
  });
}

function load(url, opts) {
  return new Promise((resolve, reject) => {
    const inst = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const summary = (r) => ({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, total: r.requests.total });

const dir = mkdtempSync(join(tmpdir(), 'px-bench-'));
const bare = await start(['-e', BARE]);
await load(bare.url, { duration: 2 });
const bareMax = summary(await load(bare.url));
bare.proc.kill();
const half = Math.round(bareMax.rps / 2);
const quarter = Math.round(bareMax.rps / 4);

/** The same phases for each store: warm-up, maximum, then a fixed offered rate of half and a quarter of bare. */
async function gateway(label, args, env = {}) {
  const gw = await start([new URL('../bin/proxilion', import.meta.url).pathname, 'serve', '--port', '0', ...args], env);
  await load(gw.url, { duration: 3 });
  const rows = [['max', summary(await load(gw.url))], [`${half}/s (half of bare)`, summary(await load(gw.url, { overallRate: half }))], [`${quarter}/s (quarter of bare)`, summary(await load(gw.url, { overallRate: quarter }))]];
  gw.proc.kill('SIGTERM');
  await new Promise((r) => gw.proc.once('exit', r));
  return rows.map(([offered, r]) => ({ label, offered, ...r }));
}

const results = await gateway('proxilion serve, SQLite', ['--session-db', join(dir, 'bench.db')]);
const redisServer = spawnSync('redis-server', ['--version']).status === 0 ? await startRedis() : undefined;
if (redisServer) {
  results.push(...(await gateway('proxilion serve, Redis', ['--session-store', 'redis'], { REDIS_URL: redisServer.url })));
  redisServer.proc.kill();
}
rmSync(dir, { recursive: true, force: true });

console.log(`machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}, load average ${loadavg()[0].toFixed(2)}`);
console.log(`${SECONDS} s per phase, ${CONNECTIONS} connections, ${bodies.length} request bodies cycled (9 ordinary : 1 attack, 200 sessions)${redisServer ? '' : '; redis-server not found, no Redis row'}\n`);
console.log('| server | offered load | req/s | p50 ms | p99 ms | errors |');
console.log('|---|---|---|---|---|---|');
console.log(`| bare node:http, fixed JSON | max | ${bareMax.rps} | ${bareMax.p50} | ${bareMax.p99} | ${bareMax.errors} |`);
for (const r of results) console.log(`| ${r.label} | ${r.offered} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} |`);
for (const r of results.filter((x) => x.offered === 'max')) console.log(`\n${r.label} / bare at max: ${((r.rps / bareMax.rps) * 100).toFixed(1)} % (target ≥ 50 %)`);

/** A throwaway redis-server on a free port, without persistence. */
async function startRedis() {
  const port = await new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = srv.address().port;
      srv.close(() => resolve(p));
    });
  });
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping']).stdout?.toString().trim() === 'PONG') return { proc, url: `redis://127.0.0.1:${port}` };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('redis-server did not start');
}
