import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CORPUS_DIR } from './helpers/corpus.js';
import { ENGINE_DIR, engineSources, syntaxNodes } from './helpers/engine-source.js';

const parser = new RegExpParser({ ecmaVersion: 2025 });

/**
 * The ways a regular expression can be made to backtrack exponentially, found statically. A bounded
 * repetition is read as unbounded: `(?:\s{0,8},?\s{0,8}){1,16}` is linear in theory and still tries 9^16
 * splits of its blanks, so for attacker text a large bound is no bound.
 */
function exponentialBacktracking(source: string, flags: string): string[] {
  const literal = parser.parseLiteral(`/${source}/${flags}`);
  visitRegExpAST(literal, {
    onQuantifierEnter(q) {
      if (q.max > 1) q.max = Infinity;
    },
  });
  return analyse(literal, { maxReports: 10 }).reports.filter((r) => r.exponential).map((r) => `${r.type} over ${r.character.literal.source}`);
}

describe('engine regular expressions', () => {
  it.each(engineSources().map((s) => [s.name, s] as const))('%s has none that backtracks exponentially', (_name, source) => {
    const bad = [...syntaxNodes(source.program)]
      .flatMap((n) => (n.type === 'Literal' && n.regex ? [n.regex as { pattern: string; flags: string }] : []))
      .map((r) => ({ regex: `/${r.pattern}/${r.flags}`, reports: exponentialBacktracking(r.pattern, r.flags) }))
      .filter((r) => r.reports.length > 0);
    expect(bad).toEqual([]);
  });

  it('has none among those it builds at run time from templates and names', async () => {
    const built = new Map<string, { source: string; flags: string }>();
    const seen = new Set<string>();
    const Native = RegExp;
    globalThis.RegExp = new Proxy(Native, {
      construct(target, args: [string | RegExp, string?], newTarget) {
        const re = Reflect.construct(target, args, newTarget) as RegExp;
        const key = `/${re.source}/${re.flags}`;
        // a call stack costs much more than the expression, and most are built again and again: only a new one's is read
        if (!seen.has(key)) {
          seen.add(key);
          if (new Error().stack?.includes(ENGINE_DIR)) built.set(key, { source: re.source, flags: re.flags });
        }
        return re;
      },
    });
    try {
      // A fresh engine under the recording constructor: its module-level expressions are built now, and the
      // probe corpus's lines and calls reach the ones built per call (from a variable's or a glob's name).
      vi.resetModules();
      const { createEngine } = await import('../src/engine/index.js');
      const { parseToolCall } = await import('../src/engine/toolcall.js');
      const { loadShellGrammar } = await import('../src/runtime/grammar.js');
      const engine = await createEngine(loadShellGrammar());
      const dir = join(CORPUS_DIR, 'probe');
      for (const f of readdirSync(dir)) {
        for (const line of readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean)) {
          const r = JSON.parse(line) as { cmd?: string; tool_call?: unknown };
          engine.analyze(r.tool_call === undefined ? { kind: 'bash', command: r.cmd ?? '', args: [], env: {} } : parseToolCall(r.tool_call));
        }
      }
    } finally {
      globalThis.RegExp = Native;
    }
    const sources = [...built.keys()];
    // the recording saw both kinds: a module-level template and one built from a name in the analyzed text
    expect(sources.some((s) => s.includes('fromCharCode'))).toBe(true);
    expect(sources.some((s) => s.startsWith('/\\$\\{?'))).toBe(true);
    const bad = [...built].map(([regex, r]) => ({ regex, reports: exponentialBacktracking(r.source, r.flags) })).filter((r) => r.reports.length > 0);
    expect(bad).toEqual([]);
    // every probe line through an engine whose every expression records its call stack: minutes on a loaded machine
  }, 180_000);

  it('finds the shapes that hang, bounded or not, and passes their linear rewrites', () => {
    // the format-operator list that hung on sixteen unclosed items, and its mended form
    expect(exponentialBacktracking(`\\(\\s{0,8}"((?:\\{\\d\\}){1,16})"\\s{0,8}-f\\s{0,8}((?:["'][^"'\\n]{0,64}["']\\s{0,8},?\\s{0,8}){1,16})\\)`, 'g')).not.toEqual([]);
    expect(exponentialBacktracking(`\\(\\s{0,8}"((?:\\{\\d\\}){1,16})"\\s{0,8}-f\\s{0,8}((?:["'][^"'\\n]{0,64}["']\\s{0,8}(?:,\\s{0,8})?){1,16})\\)`, 'g')).toEqual([]);
    expect(exponentialBacktracking('^(a+)+$', '')).not.toEqual([]);
    expect(exponentialBacktracking('(?:\\s{0,8},?\\s{0,8}){1,16}x', '')).not.toEqual([]);
    expect(exponentialBacktracking('^[\\w.-]+@[\\w-]+\\.com$', '')).toEqual([]);
  });
});
