import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A TypeScript program that depends on the package, type-checked against the declarations the build
// ships (package.json "types"), the way an installed copy resolves: node_modules/proxilion. Its
// tsconfig is what `tsc --init` writes in substance; skipLibCheck included, since web-tree-sitter's
// own declarations name Emscripten's global types without depending on them.
const ROOT = join(import.meta.dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'px-consumer-'));
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'proxilion'), 'dir');
  symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tsc's diagnostics for `source` as the consumer's only file; empty when it type-checks. */
function typeCheck(source: string): string {
  writeFileSync(join(dir, 'main.ts'), source);
  const r = spawnSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], { encoding: 'utf8', timeout: 60_000 });
  return (r.stdout + r.stderr).trim();
}

describe('the package as a typed dependency', () => {
  it('types the client and the engine for a program that imports them', () => {
    expect(typeCheck(`
      import { ProxilionClient, ProxilionMCPClient, ProxilionError, createEngine, loadShellGrammar, type AnalyzeResponse, type Decision, type Verdict } from 'proxilion';
      const gateway = new ProxilionClient({ url: 'http://127.0.0.1:8787', apiKey: 'k', timeoutMs: 2000, userId: 'ci' });
      const answer: AnalyzeResponse = await gateway.analyzeCommand('ls', { sessionId: 's' });
      const decision: Decision = answer.decision;
      const terminated: boolean = answer.session_terminated;
      const missing: null | { session_id: string } = await gateway.session('s');
      const upstream: ProxilionClient = new ProxilionMCPClient();
      try { await gateway.health(); } catch (e) { if (e instanceof ProxilionError) console.log(e.code, e.status); }
      const engine = await createEngine(loadShellGrammar());
      const verdict: Verdict = engine.analyze({ kind: 'bash', command: 'git status', args: [], env: {} });
      console.log(decision, terminated, missing, upstream, verdict.threat_score);
    `)).toBe('');
  });

  it('and rejects a program that misuses them', () => {
    const out = typeCheck(`
      import { ProxilionClient } from 'proxilion';
      const gateway = new ProxilionClient({ timeoutMs: 'slow' });
      const score: string = (await gateway.analyzeCommand('ls')).threat_score;
      console.log(score);
    `);
    expect(out).toMatch(/main\.ts\(3,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(out).toMatch(/main\.ts\(4,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
  });
});
