// Prints misses per corpus file: `npm run build && node scripts/corpus-report.mjs [name or path.jsonl …]`.
import { readFileSync } from 'node:fs';
import { createEngine, loadShellGrammar } from '../dist/index.js';

const engine = await createEngine(loadShellGrammar());
const files = process.argv.slice(2).length ? process.argv.slice(2) : ['attacks', 'evasions', 'benign', 'data'];
const rank = { allow: 0, alert: 1, block: 2, terminate: 3 };
for (const f of files) {
  const rows = readFileSync(f.endsWith('.jsonl') ? f : new URL(`../test/corpus/${f}.jsonl`, import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  let bad = 0;
  const counts = [0, 0, 0, 0];
  for (const r of rows) {
    const v = engine.analyze({ kind: 'bash', command: r.cmd, args: [], env: {} });
    const d = rank[v.decision.toLowerCase()];
    counts[d]++;
    const ok = (r.min === undefined || d >= rank[r.min]) && (r.max === undefined || d <= rank[r.max]);
    if (!ok) {
      bad++;
      console.log(`MISS ${r.id} want ${r.min ? '>=' + r.min : '<=' + r.max} got ${v.decision} ${v.threat_score}: ${r.cmd.slice(0, 140)}`);
      for (const fi of v.findings) console.log(`      ${fi.rule} ${fi.score} ${fi.message} [${fi.evidence.slice(0, 80)}]`);
    }
  }
  console.log(`== ${f}: ${rows.length} rows, ${bad} misses; allow/alert/block/terminate = ${counts.join('/')}`);
}
