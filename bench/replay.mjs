// Replay figures for DESIGN.md §10: `proxilion scan` lines per second and peak memory over generated
// Claude Code transcripts of growing size, fed through stdin, beside a bare node process that only
// reads the same stream and splits it into lines (the baseline, measured in the same run).
// Run: npm run build && node bench/replay.mjs [sizes in MiB, default 64 256 1024]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { claudeTranscript } from './transcript-gen.mjs';

const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ['64', '256', '1024']).map(Number);
const BIN = new URL('../bin/proxilion', import.meta.url).pathname;
const BARE = "let n=0;process.stdin.on('data',(b)=>{for(let i=b.indexOf(10);i!==-1;i=b.indexOf(10,i+1))n++}).on('end',()=>console.log(n))";

/** VmHWM of a live process, in MiB: the peak resident set so far. */
const peakRss = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};

async function measure(args, mib) {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'inherit'] });
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, peakRss(child.pid))), 50);
  const exited = new Promise((r) => child.once('exit', r));
  const started = process.hrtime.bigint();
  let lines = 0;
  for await (const chunk of claudeTranscript({ bytes: mib * 1024 * 1024 })) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    if (!child.stdin.write(chunk)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  const code = await exited;
  clearInterval(poll);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { lines, seconds, rate: Math.round(lines / seconds), peak: Math.round(peak), code };
}

console.log(`machine: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}, load average ${loadavg()[0].toFixed(2)}\n`);
console.log('| input | lines | bare read: lines/s | proxilion scan: lines/s | scan peak RSS | exit |');
console.log('|---|---|---|---|---|---|');
for (const mib of sizes) {
  const bare = await measure(['-e', BARE], mib);
  const scan = await measure([BIN, 'scan', '--no-progress', '--format', 'json', '--format-in', 'claude-code', '-'], mib);
  console.log(`| ${mib} MiB | ${scan.lines.toLocaleString('en-US')} | ${bare.rate.toLocaleString('en-US')} | ${scan.rate.toLocaleString('en-US')} | ${scan.peak} MiB | ${scan.code} |`);
}
