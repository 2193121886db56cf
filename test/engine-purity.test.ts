import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ENGINE = join(import.meta.dirname, '..', 'src', 'engine');
/**
 * The engine computes; it never reaches the file system, the network, a database, a clock or a UI.
 * node:zlib inflates in memory (gzip payloads hidden in decode-to-shell pipes), a computation like the rest.
 */
const ALLOWED_PACKAGES = new Set(['web-tree-sitter', 'node:zlib']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('engine boundary', () => {
  const sources = files(ENGINE);
  it.each(sources.map((f) => [relative(ENGINE, f), f]))('%s imports only engine code', (_rel, file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    for (const s of specifiers) {
      if (s.startsWith('.')) {
        const target = join(file, '..', s);
        expect(relative(ENGINE, target).startsWith('..'), `${s} leaves src/engine`).toBe(false);
      } else expect(ALLOWED_PACKAGES.has(s), `${s} is not allowed in the engine`).toBe(true);
    }
    // string literals are data (rule examples quote code); only the code itself must not reach for a clock or the process
    const code = text.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
    expect(code).not.toMatch(/\b(Date\.now|new Date\(|performance\.now|process\.(?:env|argv|exit|stdout|stderr|stdin|hrtime|cwd)|Math\.random)\b/);
  });
});
