/** Longest `$(( … ))` body evaluated; longer ones stay dynamic. */
const MAX_ARITHMETIC = 128;

/**
 * The value of an arithmetic expansion made of integer literals only (`$((147-47))`, `$((0x60+5))`), the
 * way obfuscators build character codes; undefined for anything else (names, assignments, overflow).
 * Recursive descent over at most 128 characters, so its depth is bounded too.
 */
export function arithmeticValue(body: string): string | undefined {
  if (body.length > MAX_ARITHMETIC || !/^[0-9a-fA-FxX+\-*/%() \t]*$/.test(body)) return undefined;
  const tokens = body.match(/0[xX][0-9a-fA-F]+|[0-9]+|[-+*/%()]/g) ?? [];
  // letters that are not part of a hex literal are names (`$((a+1))`), which are not known here
  if (tokens.join('') !== body.replace(/[ \t]/g, '')) return undefined;
  let at = 0;
  const fail = (): never => { throw new RangeError('not a literal expression'); };
  const primary = (): number => {
    const t = tokens[at++];
    if (t === '(') { const v = sum(); if (tokens[at++] !== ')') fail(); return v; }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === undefined || !/^[0-9]/.test(t)) return fail();
    // bash reads a leading 0 as octal
    const v = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : /^0[0-7]+$/.test(t) ? parseInt(t, 8) : /^0/.test(t) && t.length > 1 ? fail() : Number(t);
    return v;
  };
  const product = (): number => {
    let v = primary();
    while (tokens[at] === '*' || tokens[at] === '/' || tokens[at] === '%') {
      const op = tokens[at++];
      const r = primary();
      if (op === '*') v *= r;
      else if (r === 0) fail();
      else v = op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (tokens[at] === '+' || tokens[at] === '-') v = tokens[at++] === '+' ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    return at === tokens.length && Number.isSafeInteger(v) ? String(v) : undefined;
  } catch {
    return undefined;
  }
}
