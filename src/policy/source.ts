import { createRequire } from 'node:module';

/**
 * The parsers load on first use: commands without a policy file never pay for them. They are
 * required rather than imported so that loading configuration stays synchronous.
 */
const requireLazily = createRequire(import.meta.url);

export type Format = 'yaml' | 'toml';
export type KeyPath = ReadonlyArray<string | number>;

export interface ParsedSource {
  data: unknown;
  /** The line of the value at `path` (of its key, with `key`), else of the nearest enclosing node. */
  line(path: KeyPath, key?: boolean): number;
}

export interface SyntaxProblem {
  line: number;
  message: string;
}

export function parseSource(text: string, format: Format): ParsedSource | SyntaxProblem[] {
  return format === 'yaml' ? parseYaml(text) : parseToml(text);
}

function parseYaml(text: string): ParsedSource | SyntaxProblem[] {
  const yaml = requireLazily('yaml') as typeof import('yaml');
  const counter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: counter, keepSourceTokens: true, uniqueKeys: true });
  const strip = (m: string) => m.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (doc.errors.length > 0) return doc.errors.map((e) => ({ line: e.linePos?.[0].line ?? counter.linePos(e.pos[0]).line, message: strip(e.message) }));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return [{ line: 1, message: strip((e as Error).message) }];
  }
  const lineAt = (offset: number) => counter.linePos(offset).line;
  return {
    data,
    line(path, key = false) {
      let node: unknown = doc.contents;
      let line = yaml.isNode(node) && node.range ? lineAt(node.range[0]) : 1;
      for (let i = 0; i < path.length; i++) {
        const seg = path[i]!;
        if (yaml.isMap(node)) {
          const pair = node.items.find((p) => (yaml.isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
          if (!pair) break;
          const keyRange = yaml.isNode(pair.key) ? pair.key.range : undefined;
          if (keyRange) line = lineAt(keyRange[0]);
          if (key && i === path.length - 1) return line;
          node = pair.value;
        } else if (yaml.isSeq(node) && typeof seg === 'number') node = node.items[seg];
        else break;
        if (yaml.isNode(node) && node.range) line = lineAt(node.range[0]);
      }
      return line;
    },
  };
}

function parseToml(text: string): ParsedSource | SyntaxProblem[] {
  const toml = requireLazily('smol-toml') as typeof import('smol-toml');
  let data: unknown;
  try {
    data = toml.parse(text);
  } catch (e) {
    if (!(e instanceof toml.TomlError)) throw e;
    return [{ line: e.line, message: e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '') }];
  }
  const lines = tomlKeyLines(text);
  return {
    data,
    line(path) {
      for (let n = path.length; n > 0; n--) {
        const hit = lines.get(path.slice(0, n).join('.'));
        if (hit !== undefined) return hit;
      }
      return 1;
    },
  };
}

/**
 * Best-effort key → line map for TOML (the parser keeps no positions): `[table]` and `[[array]]`
 * headers and `key =` lines, each under the header above it, and the inline tables of an array
 * written one per line (`allow = [` then `{ rule = …, reason = … },` lines).
 */
function tomlKeyLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const arrays = new Map<string, number>();
  let table: Array<string | number> = [];
  let inlineArray: { path: string; next: number } | undefined;
  const keyPath = (s: string) => s.split('.').map((k) => k.trim().replace(/^["']|["']$/g, ''));
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if (inlineArray) {
      if (line.startsWith(']')) inlineArray = undefined;
      else if (line.startsWith('{')) out.set(`${inlineArray.path}.${inlineArray.next++}`, i + 1);
      return;
    }
    if ((m = /^\[\[([^\]]+)\]\]/.exec(line))) {
      const name = keyPath(m[1]!).join('.');
      const index = (arrays.get(name) ?? -1) + 1;
      arrays.set(name, index);
      table = [...keyPath(m[1]!), index];
    } else if ((m = /^\[([^\]]+)\]/.exec(line))) table = keyPath(m[1]!);
    else if ((m = /^("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=/.exec(line))) {
      const path = [...table, ...keyPath(m[1]!)].join('.');
      if (!out.has(path)) out.set(path, i + 1);
      if (/=\s*\[\s*(#.*)?$/.test(line)) inlineArray = { path, next: 0 };
      return;
    } else return;
    if (!out.has(table.join('.'))) out.set(table.join('.'), i + 1);
  });
  return out;
}
