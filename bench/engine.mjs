// Engine figures for DESIGN.md §10: warm throughput on one core for a realistic mix, the slowest
// single input (corpus plus adversarial shapes), `analyze --batch` as a whole process, and the
// one-shot start-up cost, each beside a baseline measured in the same run.
// Run: npm run build && node bench/engine.mjs
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createEngine, loadShellGrammar, parseToolCall } from '../dist/index.js';
import { Parser, Language } from 'web-tree-sitter';

const root = new URL('..', import.meta.url);
const rows = (f) => readFileSync(new URL(`test/corpus/${f}.jsonl`, root), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).cmd);
const benign = [...rows('benign'), ...rows('data')];
const attacks = [...rows('attacks'), ...rows('evasions')];
// Agents mostly run ordinary commands: nine ordinary calls for each attack.
const mix = [];
for (let i = 0; mix.length < 5000; i++) {
  mix.push(benign[i % benign.length]);
  if (i % 9 === 8) mix.push(attacks[i % attacks.length]);
}
// a shell line, or a tool call in the API's shape (the adversarial edits below)
const call = (s) => (typeof s === 'string' ? { kind: 'bash', command: s, args: [], env: {} } : parseToolCall(s));

const engine = await createEngine(loadShellGrammar());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function throughput(fn, items, rounds = 7) {
  for (let i = 0; i < 2; i++) for (const x of items) fn(x);
  const rates = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (const x of items) fn(x);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(items.length / s);
  }
  return median(rates);
}

// Baseline: the bare tree-sitter parse (+ tree.delete) of the same lines.
const grammar = loadShellGrammar();
const bare = new Parser();
bare.setLanguage(await Language.load(grammar.bash));
const parseRate = throughput((s) => bare.parse(s).delete(), mix);
// The engine remembers the call-only part of each distinct line, so two figures: every line new (an
// engine that remembers nothing), and the mix as it comes, its lines repeating the way an agent's
// git status and npm test do.
const forgetful = await createEngine(loadShellGrammar(), { memoEntries: 0 });
const coldRate = throughput((s) => forgetful.analyze(call(s)), mix);
const engineRate = throughput((s) => engine.analyze(call(s)), mix);

// Slowest single input: every corpus row plus shapes built to stress each bound.
const EDITED = '    resp = http.get(url, verify=False)  # ' + 'x'.repeat(400) + '\n';
const editing = (unknown) => ({ Unknown: unknown });
const adversarial = {
  'long line (128 KiB of words)': 'echo ' + 'a '.repeat(64 * 1024),
  'over the bound (1 MiB)': 'echo ' + 'x'.repeat(1024 * 1024),
  'deep nesting (12 × bash -c)': (() => { let s = 'ls'; for (let i = 0; i < 12; i++) s = `bash -c '${s.replace(/'/g, `'\\''`)}'`; return s; })(),
  '2,000 piped commands': Array.from({ length: 2000 }, (_, i) => `cat f${i}`).join(' | '),
  '5,000 && commands': Array.from({ length: 5000 }, () => 'true').join(' && '),
  // the same shapes with an expansion in each command, so the engine's own lexer cannot take them
  'words with expansions (120 KiB)': 'echo ' + '$a '.repeat(40 * 1024),
  '2,000 piped commands with expansions': Array.from({ length: 2000 }, (_, i) => `cat $f${i}`).join(' | '),
  '5,000 && commands with expansions': Array.from({ length: 5000 }, () => 'true $x').join(' && '),
  'brace bomb': 'echo ' + '{a,b}'.repeat(40),
  'base64 payload (60 KiB) to sh': `echo ${Buffer.from('echo hi; '.repeat(6000)).toString('base64')} | base64 -d | sh`,
  'unterminated quotes': '"'.repeat(5000) + "'".repeat(5000),
  'glob against sensitive paths': 'cat ' + '*?[a-z]'.repeat(300),
  'python with 5,000 string literals': `python3 -c '${'os.system("id");'.repeat(5000)}'`,
  'nested substitutions (200 deep)': '$('.repeat(200) + 'id' + ')'.repeat(200),
  // an agent's edits, each compared with what it replaces: a thousand of them, and a patch of 256 files
  'MultiEdit of 1,000 edits (1.8 MB)': editing({ tool_name: 'MultiEdit', params: { file_path: 'src/a.py', edits: Array.from({ length: 1000 }, (_, i) => ({ old_string: EDITED.repeat(2) + i, new_string: EDITED.repeat(2) })) } }),
  // infrastructure code padded so that every line is a setting judged in the block that holds it
  'security groups, 2,000 rules (80 KiB)': editing({ tool_name: 'Write', params: { file_path: 'infra/sg.tf', content: '  egress { cidr_blocks = ["0.0.0.0/0"] }\n'.repeat(2000) } }),
  'apply_patch of 256 files (450 KiB)': editing({ tool_name: 'apply_patch', params: { input: '*** Begin Patch\n' + Array.from({ length: 256 }, (_, i) => `*** Update File: src/f${i}.py\n` + `+${EDITED}`.repeat(2) + `-${EDITED}`.repeat(2)).join('') + '*** End Patch\n' } }),
};
// Each input's time is the median of 5 runs, so one GC pause does not make an input "slow".
// Timed on the engine that remembers nothing, so no run is a recall of the one before.
const timeOne = (s) => {
  const runs = [];
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    forgetful.analyze(call(s));
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(runs);
};
let corpusSlowest = { ms: 0, what: '' };
for (const s of [...benign, ...attacks]) {
  const ms = timeOne(s);
  if (ms > corpusSlowest.ms) corpusSlowest = { ms, what: s.slice(0, 60) };
}
const adv = Object.entries(adversarial).map(([what, s]) => [what, timeOne(s), typeof s === 'string' ? s.length : JSON.stringify(s).length]);

// Whole-process figures.
const bin = new URL('bin/proxilion', root).pathname;
function wall(args, input) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, maxBuffer: 1 << 30 });
  if (r.status === null || r.status > 3) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
const runs = (args, n = 15) => median(Array.from({ length: n }, () => wall(args)));
const nodeBare = runs(['-e', '0']);
const oneShot = runs([bin, 'analyze', 'git status']);
const batchLines = Array.from({ length: 50000 }, (_, i) => mix[i % mix.length].replace(/\n/g, ' ')).join('\n') + '\n';
const batchMs = median([0, 1, 2].map(() => wall([bin, 'analyze', '--batch'], batchLines)));

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`mix: ${mix.length} lines (${benign.length} ordinary + ${attacks.length} attack rows, 9:1)`);
console.log(`engine analyze(), every line new:     ${fmt(coldRate)} commands/s`);
console.log(`engine analyze(), the mix repeating:   ${fmt(engineRate)} commands/s (${new Set(mix).size} distinct lines)`);
console.log(`baseline: bare tree-sitter parse:      ${fmt(parseRate)} lines/s`);
console.log(`slowest corpus input (median of 5):    ${corpusSlowest.ms.toFixed(2)} ms (${corpusSlowest.what})`);
for (const [what, ms, len] of adv) console.log(`adversarial: ${what.padEnd(36)} ${ms.toFixed(2).padStart(7)} ms  (${fmt(len)} chars)`);
console.log(`analyze --batch, 50,000 lines:         ${fmt(50000 / (batchMs / 1000))} lines/s whole process (${fmt(batchMs)} ms)`);
console.log(`one-shot \`proxilion analyze "git status"\`: ${fmt(oneShot)} ms; baseline \`node -e 0\`: ${fmt(nodeBare)} ms`);
