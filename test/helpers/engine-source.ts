import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type Node } from 'acorn';
import { transformSync } from 'esbuild';

export const ENGINE_DIR = join(import.meta.dirname, '..', '..', 'src', 'engine');

export interface EngineSource {
  /** the path under src/engine */
  name: string;
  file: string;
  text: string;
  /** the file as it runs: types stripped by the same compiler the build uses, then parsed, so strings, comments and regular expressions are told apart by a real parser */
  program: Node;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

export function engineSources(): EngineSource[] {
  return tsFiles(ENGINE_DIR).map((file) => {
    const text = readFileSync(file, 'utf8');
    const js = transformSync(text, { loader: 'ts', format: 'esm', sourcefile: file }).code;
    return { name: relative(ENGINE_DIR, file), file, text, program: parse(js, { ecmaVersion: 'latest', sourceType: 'module' }) };
  });
}

/** Every node of a syntax tree, depth first. */
export function* syntaxNodes(node: unknown): Generator<Node & Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const n of node) yield* syntaxNodes(n);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string') yield record as Node & Record<string, unknown>;
  for (const value of Object.values(record)) if (value !== null && typeof value === 'object') yield* syntaxNodes(value);
}
