// Replay figures for DESIGN.md §10: `proxilion scan` lines per second and peak memory over generated
// Claude Code transcripts of growing size, read from a file as CI scans them, beside a bare node
// process that only reads the same file and counts its lines (the baseline, measured in the same run).
// Each transcript is written to a temporary file first, so the generator's own speed is not measured.
// Run: npm run build && node bench/replay.mjs [sizes in MiB, default 64 256 1024]
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeTranscript } from './transcript-gen.mjs';

const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ['64', '256', '1024']).map(Number);
const BIN = new URL('../bin/proxilion', import.meta.url).pathname;
const BARE = "let n=0;require('node:fs').createReadStream(process.argv[1]).on('data',(b)=>{for(let i=b.indexOf(10);i!==-1;i=b.indexOf(10,i+1))n++}).on('end',()=>console.log(n))";

/** VmHWM of a live process, in MiB: the peak resident set so far. */
const peakRss = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

/** Writes a transcript of `mib` MiB; returns its path and line count. */
async function generate(dir, mib) {
  const path = join(dir, `transcript-${mib}.jsonl`);
  const out = createWriteStream(path);
  let lines = 0;
  for await (const chunk of claudeTranscript({ bytes: mib * 1024 * 1024 })) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, lines };
}

async function measure(args, lines) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, peakRss(child.pid))), 50);
  const started = process.hrtime.bigint();
  const [code] = await once(child, 'exit');
  clearInterval(poll);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, rate: Math.round(lines / seconds), peak: Math.round(peak), code };
}

const dir = mkdtempSync(join(tmpdir(), 'px-replay-'));
console.log(`machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}, load average ${loadavg()[0].toFixed(2)}\n`);
console.log('| input | lines | bare read: lines/s | proxilion scan: lines/s | scan peak RSS | exit |');
console.log('|---|---|---|---|---|---|');
try {
  for (const mib of sizes) {
    const { path, lines } = await generate(dir, mib);
    const bare = await measure(['-e', BARE, path], lines);
    const scan = await measure([BIN, 'scan', '--no-progress', '--format', 'json', '--format-in', 'claude-code', path], lines);
    console.log(`| ${mib} MiB | ${lines.toLocaleString('en-US')} | ${bare.rate.toLocaleString('en-US')} | ${scan.rate.toLocaleString('en-US')} | ${scan.peak} MiB | ${scan.code} |`);
    rmSync(path);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
