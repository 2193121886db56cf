/**
 * Bash parameter-expansion operators applied to a known value: case changes (`${x,,}` `${x^^}`),
 * prefix and suffix removal (`${x#p}` `${x##p}` `${x%p}` `${x%%p}`) and substitution
 * (`${x/p/r}` `${x//p/r}` `${x/#p/r}` `${x/%p/r}`). `/etc/sXadow` with `${s/X/h}` is `/etc/shadow`
 * to the shell, so it must be to the view.
 *
 * Patterns are taken literally, or with one `*` on the side a removal reaches into (a leading star
 * for `#`, a trailing one for `%`: the dirname and basename idioms), which keeps every case linear.
 * Anything else (other globs, nested expansions) returns undefined and the word stays dynamic.
 */
export function applyParamOp(value: string, ops: string): string | undefined {
  if (ops.includes('$') || ops.includes('`') || ops.includes('\\')) return undefined;
  switch (ops) {
    case ',,': return value.toLowerCase();
    case '^^': return value.toUpperCase();
    case ',': return value.slice(0, 1).toLowerCase() + value.slice(1);
    case '^': return value.slice(0, 1).toUpperCase() + value.slice(1);
  }
  if (ops[0] === '#') return removePrefix(value, ops.slice(ops[1] === '#' ? 2 : 1), ops[1] === '#');
  if (ops[0] === '%') return removeSuffix(value, ops.slice(ops[1] === '%' ? 2 : 1), ops[1] === '%');
  if (ops[0] === '/') return substitute(value, ops.slice(1));
  return undefined;
}

const GLOB = /[*?[]/;

function removePrefix(value: string, pat: string, longest: boolean): string | undefined {
  if (!GLOB.test(pat)) return value.startsWith(pat) ? value.slice(pat.length) : value;
  // `*lit`: everything up to the first (shortest) or last (longest) `lit`
  const lit = pat.slice(1);
  if (pat[0] !== '*' || GLOB.test(lit)) return undefined;
  const at = longest ? value.lastIndexOf(lit) : value.indexOf(lit);
  return at < 0 ? value : value.slice(at + lit.length);
}

function removeSuffix(value: string, pat: string, longest: boolean): string | undefined {
  if (!GLOB.test(pat)) return value.endsWith(pat) ? value.slice(0, value.length - pat.length) : value;
  // `lit*`: everything from the last (shortest) or first (longest) `lit`
  const lit = pat.slice(0, -1);
  if (pat[pat.length - 1] !== '*' || GLOB.test(lit)) return undefined;
  const at = longest ? value.indexOf(lit) : value.lastIndexOf(lit);
  return at < 0 ? value : value.slice(0, at);
}

function substitute(value: string, spec: string): string | undefined {
  const all = spec[0] === '/';
  const anchor = spec[0] === '#' || spec[0] === '%' ? spec[0] : undefined;
  const body = all || anchor ? spec.slice(1) : spec;
  const slash = body.indexOf('/');
  const pat = slash < 0 ? body : body.slice(0, slash);
  const rep = slash < 0 ? '' : body.slice(slash + 1);
  if (!pat || GLOB.test(pat) || GLOB.test(rep)) return undefined;
  if (anchor === '#') return value.startsWith(pat) ? rep + value.slice(pat.length) : value;
  if (anchor === '%') return value.endsWith(pat) ? value.slice(0, value.length - pat.length) + rep : value;
  if (!all) return value.replace(pat, () => rep);
  const parts = value.split(pat);
  // a short pattern replaced by a long text everywhere could multiply the value: bound what comes out
  if (value.length + (parts.length - 1) * (rep.length - pat.length) > MAX_RESULT) return undefined;
  return parts.join(rep);
}

const MAX_RESULT = 64 * 1024;
