/** Paths and patterns longer than this are not glob-matched (a finding elsewhere covers huge input). */
const MAX_GLOB_INPUT = 1024;

/** Scratch space for the memo table, reused across calls (the function stays pure: it is reset each time). */
let memoBuffer = new Uint8Array(4096);

/**
 * Shell-style glob match: `*` and `?` stay within one path segment, `**` crosses segments,
 * `[abc]`/`[!a-z]` classes. Memoized over (pattern, text) positions, so it is O(p·t) with no
 * exponential backtracking on any input. `asShell` reads the pattern as the shell expands a glob the user typed: no
 * wildcard matches the dot that starts a hidden name (`*` never reaches `.ssh`, `**` never descends into it).
 */
export function globMatch(pattern: string, text: string, asShell = false): boolean {
  if (pattern.length > MAX_GLOB_INPUT || text.length > MAX_GLOB_INPUT) return false;
  if (!hasGlob(pattern)) return pattern === text;
  const size = (pattern.length + 1) * (text.length + 1);
  if (memoBuffer.length < size) memoBuffer = new Uint8Array(Math.max(size, memoBuffer.length * 2));
  const memo = memoBuffer;
  memo.fill(0, 0, size);
  const width = text.length + 1;
  const go = (p: number, t: number): boolean => {
    const key = p * width + t;
    if (memo[key]) return memo[key] === 1;
    let r: boolean;
    if (p === pattern.length) r = t === text.length;
    else {
      const c = pattern[p]!;
      const hidden = asShell && text[t] === '.' && (t === 0 || text[t - 1] === '/');
      if (c === '*') {
        const dbl = pattern[p + 1] === '*';
        const next = dbl ? p + 2 : p + 1;
        // either the star matches nothing here, or it swallows one more character (O(1) per cell);
        // `**/` may also match zero directories
        r = go(next, t) || (dbl && pattern[next] === '/' && go(next + 1, t)) || (t < text.length && !hidden && (dbl || text[t] !== '/') && go(p, t + 1));
      } else if (t === text.length) r = false;
      else if (c === '?') r = text[t] !== '/' && !hidden && go(p + 1, t + 1);
      else if (hidden && c === '[') r = false;
      else if (c === '[') {
        const close = pattern.indexOf(']', p + 2);
        if (close < 0) r = text[t] === '[' && go(p + 1, t + 1);
        else {
          let set = pattern.slice(p + 1, close);
          const negate = set[0] === '!' || set[0] === '^';
          if (negate) set = set.slice(1);
          let hit = false;
          for (let i = 0; i < set.length; i++) {
            if (set[i + 1] === '-' && i + 2 < set.length) {
              if (text[t]! >= set[i]! && text[t]! <= set[i + 2]!) hit = true;
              i += 2;
            } else if (set[i] === text[t]) hit = true;
          }
          r = hit !== negate && go(close + 1, t + 1);
        }
      } else r = c === text[t] && go(p + 1, t + 1);
    }
    memo[key] = r ? 1 : 2;
    return r;
  };
  return go(0, 0);
}

export const hasGlob = (s: string): boolean => /[*?[]/.test(s);

/**
 * A pattern compiled with the literal text before its first and after its last wildcard: both are
 * necessary conditions, so most paths are rejected with a startsWith/endsWith and no matching at all.
 */
export interface CompiledGlob {
  pattern: string;
  head: string;
  tail: string;
}

export function compileGlob(pattern: string): CompiledGlob {
  const first = pattern.search(/[*?[]/);
  if (first < 0) return { pattern, head: pattern, tail: pattern };
  let last = -1;
  for (let i = pattern.length - 1; i >= 0; i--) if ('*?]'.includes(pattern[i]!)) { last = i; break; }
  // `**/` may match no directory at all, so the slash after it is not required in the text
  const tail = pattern.slice(last + 1);
  return { pattern, head: pattern.slice(0, first), tail: pattern[last] === '*' && pattern[last - 1] === '*' && tail.startsWith('/') ? tail.slice(1) : tail };
}

export function compiledMatch(g: CompiledGlob, text: string): boolean {
  if (!text.startsWith(g.head) || !text.endsWith(g.tail)) return false;
  return g.head === g.pattern ? g.pattern === text : globMatch(g.pattern, text);
}

/**
 * One path a glob the user typed can expand to: each `*` and `?` stands for `x`, a class for its
 * first member (`_` when negated). `~/.mozilla/firefox/*.default-release/logins.json` →
 * `~/.mozilla/firefox/x.default-release/logins.json`, a real Firefox profile's file.
 */
export function globInstance(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' || c === '?') {
      // `**` is one segment's worth, not two
      if (!(c === '*' && glob[i - 1] === '*')) out += 'x';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += c;
      else {
        const first = glob[i + 1]!;
        out += first === '!' || first === '^' ? '_' : first;
        i = close;
      }
    } else out += c;
  }
  return out;
}
