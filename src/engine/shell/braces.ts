/** Results of one brace expansion beyond which the word is left as written. */
const MAX_EXPANSIONS = 64;

/**
 * Bash brace expansion of an unquoted word: `{cat,/etc/shadow}`, `/etc/{passwd,shadow}`, `{a..e}`.
 * Returns [word] unchanged when there is nothing to expand.
 */
export function expandBraces(word: string): string[] {
  if (!word.includes('{')) return [word];
  const open = findOpen(word);
  if (open < 0) return [word];
  const close = findClose(word, open);
  if (close < 0) return [word];
  const body = word.slice(open + 1, close);
  const pre = word.slice(0, open);
  const post = word.slice(close + 1);
  let alts = splitTop(body);
  if (alts.length < 2) {
    const seq = sequence(body);
    if (!seq) {
      // not an expansion here; try the rest of the word
      const rest = expandBraces(post);
      return rest.length === 1 && rest[0] === post ? [word] : rest.map((r) => word.slice(0, close + 1) + r);
    }
    alts = seq;
  }
  const out: string[] = [];
  for (const alt of alts) {
    for (const tail of expandBraces(alt + post)) {
      // an unquoted word that expands to nothing is dropped, as bash drops it: `{bash,}` is `bash`
      if (pre + tail !== '') out.push(pre + tail);
      if (out.length >= MAX_EXPANSIONS) return out;
    }
  }
  return out;
}

function findOpen(w: string): number {
  for (let i = 0; i < w.length; i++) {
    if (w[i] === '{' && w[i - 1] !== '$') return i;
  }
  return -1;
}

function findClose(w: string, open: number): number {
  let depth = 0;
  for (let i = open; i < w.length; i++) {
    if (w[i] === '{') depth++;
    else if (w[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTop(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

function sequence(body: string): string[] | undefined {
  const m = /^(-?\d{1,6}|[A-Za-z])\.\.(-?\d{1,6}|[A-Za-z])$/.exec(body);
  if (!m) return undefined;
  const [a, b] = [m[1]!, m[2]!];
  const numeric = /\d/.test(a);
  const from = numeric ? Number(a) : a.charCodeAt(0);
  const to = numeric ? Number(b) : b.charCodeAt(0);
  const step = from <= to ? 1 : -1;
  const out: string[] = [];
  for (let v = from; out.length < MAX_EXPANSIONS; v += step) {
    out.push(numeric ? String(v) : String.fromCharCode(v));
    if (v === to) break;
  }
  return out;
}
