import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import { describe, expect, it } from 'vitest';
import { engineSources, syntaxNodes } from './helpers/engine-source.js';

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

  it('finds the shapes that hang, bounded or not, and passes their linear rewrites', () => {
    // the format-operator list that hung on sixteen unclosed items, and its mended form
    expect(exponentialBacktracking(`\\(\\s{0,8}"((?:\\{\\d\\}){1,16})"\\s{0,8}-f\\s{0,8}((?:["'][^"'\\n]{0,64}["']\\s{0,8},?\\s{0,8}){1,16})\\)`, 'g')).not.toEqual([]);
    expect(exponentialBacktracking(`\\(\\s{0,8}"((?:\\{\\d\\}){1,16})"\\s{0,8}-f\\s{0,8}((?:["'][^"'\\n]{0,64}["']\\s{0,8}(?:,\\s{0,8})?){1,16})\\)`, 'g')).toEqual([]);
    expect(exponentialBacktracking('^(a+)+$', '')).not.toEqual([]);
    expect(exponentialBacktracking('(?:\\s{0,8},?\\s{0,8}){1,16}x', '')).not.toEqual([]);
    expect(exponentialBacktracking('^[\\w.-]+@[\\w-]+\\.com$', '')).toEqual([]);
  });
});
