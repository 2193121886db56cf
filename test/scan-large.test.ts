import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
// the generator the replay benchmark uses: plain JavaScript, shared rather than copied
import { claudeTranscript } from '../bench/transcript-gen.mjs';
import { BIN } from './helpers/cli.js';

const MiB = 1024 * 1024;

/** The peak resident set of a live process so far (VmHWM), in MiB; 0 once it has gone. */
function peakRss(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'proxilion-scan-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fifos = 0;

/**
 * Streams a generated transcript of `mib` MiB into `proxilion scan`; resolves with its report and peak
 * memory. Through stdin it is read on the scan's own thread; through a named pipe with
 * --reader-thread on, on the reader thread (a pipe, so the test needs no gigabyte of disk).
 */
async function scanGenerated(mib: number, via: 'stdin' | 'reader thread'): Promise<{ peak: number; report: any }> {
  const fifo = join(dir, `transcript-${++fifos}.jsonl`);
  if (via === 'reader thread') expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const input = via === 'stdin' ? ['-'] : ['--reader-thread', 'on', fifo];
  // vitest sets MODE=test, which is not a mode. V8 grows the young generation (up to 16 MiB per
  // semi-space, per thread) as the allocation rate stays high, which a 1 GiB run reaches and a
  // 128 MiB run does not: pinned at its starting size, what remains is memory the scan keeps.
  const child = spawn(process.execPath, ['--max-semi-space-size=1', BIN, 'scan', '--no-progress', '--format', 'json', ...input], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, MODE: '' } });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 25);
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  let gone = false;
  void exited.then(() => (gone = true));
  const sink: Writable = via === 'stdin' ? child.stdin : createWriteStream(fifo);
  sink.on('error', () => undefined); // EPIPE when the scanner died early: the exit code says why
  // large tool outputs: the input grows much faster than the number of calls, as in real transcripts
  for await (const chunk of claudeTranscript({ bytes: mib * MiB, outputBytes: 48 * 1024 })) {
    if (gone) break;
    if (!sink.write(chunk)) await Promise.race([new Promise((r) => sink.once('drain', r)), exited]);
    peak = Math.max(peak, peakRss(child.pid!));
  }
  sink.end();
  child.stdin.end();
  expect(await exited).toBe(0);
  clearInterval(poll);
  return { peak, report: JSON.parse(out) };
}

describe.skipIf(process.platform !== 'linux')('scan memory', () => {
  it.each(['stdin', 'reader thread'] as const)('stays flat from 128 MiB to 1 GiB of input, and still finds the attacks in it (%s)', async (via) => {
    const small = await scanGenerated(128, via);
    const large = await scanGenerated(1024, via);
    expect(large.report.stats.bytes).toBeGreaterThanOrEqual(1024 * MiB);
    expect(large.report.stats.calls).toBeGreaterThan(small.report.stats.calls * 7);
    // eight times the input; the peak may only wobble (GC timing), never grow with it
    expect(large.peak, `peak RSS ${small.peak.toFixed(0)} MiB at 128 MiB, ${large.peak.toFixed(0)} MiB at 1 GiB`).toBeLessThan(small.peak * 1.3 + 32);
    const chains = large.report.findings.filter((f: any) => f.summary.includes('webhook.site'));
    expect(chains.length).toBeGreaterThan(0);
    expect(chains.every((f: any) => f.findings.some((x: any) => x.rule === 'PX-CHAIN-001' || x.rule === 'PX-CHAIN-002'))).toBe(true);
  }, 600_000);
});
