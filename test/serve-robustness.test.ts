import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { bash, startDaemon, type Daemon } from './helpers/daemon.js';

// Deterministic pseudo-random bodies, so a failure reproduces.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}
const PIECES = ['{', '}', '[', ']', '"', ':', ',', 'null', 'true', '1e999', '-0', '"tool_call"', '"Bash"', '"command"', '"user_id"', '"session_id"', '"\\ud800"', '"\\u0000"', '"Filesystem"', '"operation"', '"path"', '"content"', '"Network"', '"url"', '"Unknown"', '"params"', '"__proto__"', '"constructor"', '"$(id)"', '"`rm -rf /`"', ' ', '\n'];

let d: Daemon;
beforeAll(async () => (d = await startDaemon({ env: { MAX_BODY_BYTES: '65536', REQUEST_TIMEOUT_MS: '1000' } })));
afterAll(async () => void (await d.stop()));

describe('the daemon under hostile input', () => {
  it('answers 500 random JSON-ish bodies with a JSON status and never a 5xx, and keeps serving', async () => {
    const next = rng(7);
    const statuses = new Map<number, number>();
    for (let i = 0; i < 500; i++) {
      let body = '';
      const n = 1 + Math.floor(next() * 40);
      for (let j = 0; j < n; j++) body += PIECES[Math.floor(next() * PIECES.length)];
      if (i % 5 === 0) body = JSON.stringify({ tool_call: { Bash: { command: body } }, user_id: 'fuzz', session_id: `f${i % 7}` });
      const res = await fetch(d.url + '/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, body).toBeLessThan(500);
      expect(typeof (await res.json())).toBe('object');
    }
    expect(statuses.get(200)).toBeGreaterThan(50);
    expect((await d.post(bash('ls'))).status).toBe(200);
  });

  it('survives garbage on the wire and abandoned connections', async () => {
    const garbage = ['\x00\x01\x02', 'GET / HTTP/9.9\r\n\r\n', 'POST /analyze HTTP/1.1\r\nContent-Length: -5\r\n\r\n', 'POST /analyze HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n'];
    await Promise.all(garbage.map((g) => new Promise<void>((resolve) => {
      const s = connect(d.port, '127.0.0.1', () => s.write(g));
      s.on('data', () => s.destroy());
      s.on('close', () => resolve());
      s.setTimeout(3000, () => s.destroy());
    })));
    for (let i = 0; i < 20; i++) {
      const s = connect(d.port, '127.0.0.1', () => s.end('POST /analyze HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 50\r\n\r\n{"tool'));
      s.on('error', () => {});
    }
    const r = await d.post(bash('git status'));
    expect(r.status).toBe(200);
    expect((await d.get('/health')).json.status).toBe('healthy');
  });

  it('counts a client that leaves in the middle of its body as a bad request, not a fault of its own', async () => {
    const badRequests = async () => Number(/proxilion_bad_requests_total\{status="400"\} (\d+)/.exec((await d.get('/metrics')).text)?.[1] ?? 0);
    const before = await badRequests();
    await Promise.all(Array.from({ length: 5 }, () => new Promise<void>((resolve) => {
      const s = connect(d.port, '127.0.0.1', () => {
        s.write('POST /analyze HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"tool_call"');
        setTimeout(() => s.destroy(), 100);
      });
      s.on('close', () => resolve());
    })));
    await expect.poll(badRequests).toBe(before + 5);
    expect(d.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect((await d.post(bash('git status'))).status).toBe(200);
  });
});
