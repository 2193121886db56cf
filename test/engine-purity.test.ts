import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_DIR, engineSources, syntaxNodes } from './helpers/engine-source.js';

/**
 * The engine computes; it never reaches the file system, the network, a database, a clock or a UI.
 * node:zlib inflates in memory (gzip payloads hidden in decode-to-shell pipes), a computation like the rest.
 */
const ALLOWED_PACKAGES = new Set(['web-tree-sitter', 'node:zlib']);
const IMPURE_MEMBERS: Record<string, ReadonlySet<string>> = {
  Date: new Set(['now']),
  performance: new Set(['now']),
  Math: new Set(['random']),
  process: new Set(['env', 'argv', 'exit', 'stdout', 'stderr', 'stdin', 'hrtime', 'cwd']),
};

/** The clock and process reads a program makes, found in its syntax tree; rule examples that quote such code are strings and are not found. */
function impureUses(program: unknown): string[] {
  const found: string[] = [];
  for (const node of syntaxNodes(program)) {
    const n = node as { type: string; object?: { type: string; name?: string }; property?: { type: string; name?: string }; computed?: boolean; callee?: { type: string; name?: string } };
    if (n.type === 'MemberExpression' && n.object?.type === 'Identifier' && !n.computed && n.property?.type === 'Identifier') {
      if (IMPURE_MEMBERS[n.object.name!]?.has(n.property.name!)) found.push(`${n.object.name}.${n.property.name}`);
    }
    if (n.type === 'NewExpression' && n.callee?.type === 'Identifier' && n.callee.name === 'Date') found.push('new Date()');
  }
  return found;
}

describe('engine boundary', () => {
  it.each(engineSources().map((s) => [s.name, s] as const))('%s imports only engine code', (_name, source) => {
    // on the source text, so that type-only imports, which the compiler drops, are held to the boundary too
    const specifiers = [...source.text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    for (const n of syntaxNodes(source.program)) {
      if (n.type !== 'ImportExpression') continue;
      const target = n.source as { type: string; value?: unknown };
      expect(target.type === 'Literal' && typeof target.value === 'string', 'a module loaded at run time is named plainly').toBe(true);
      specifiers.push(target.value as string);
    }
    for (const s of specifiers) {
      if (s.startsWith('.')) {
        const target = join(source.file, '..', s);
        expect(relative(ENGINE_DIR, target).startsWith('..'), `${s} leaves src/engine`).toBe(false);
      } else expect(ALLOWED_PACKAGES.has(s), `${s} is not allowed in the engine`).toBe(true);
    }
    expect(impureUses(source.program)).toEqual([]);
  });

  it('finds a clock or process read in code, and not in a string that quotes one', async () => {
    const { parse } = await import('acorn');
    const read = (js: string) => impureUses(parse(js, { ecmaVersion: 'latest', sourceType: 'module' }));
    expect(read('const t = Date.now(); const k = process.env.KEY; const d = new Date(); const r = /\'"/.test(x) && Math.random();')).toEqual(['Date.now', 'process.env', 'new Date()', 'Math.random']);
    expect(read(`const ex = ['node -e "process.env"', \`Date.now()\`]; // it's process.exit\nconst q = /'/; const s = "'"; const t = 'new Date()';`)).toEqual([]);
  });
});
