import { base64Inflated, charCodes, decodeBase32, decodeBase64, decodeBase64Xor, decodeBase85, decodeHex, reversed, rot13 } from './decoders.js';
import { stringLiterals, type Literal } from './inline-code.js';

/**
 * Interpreter code with its masks taken off: every string a decoding idiom builds (character codes, a reversed or
 * rot13 string, base64, base32, base85 or hex, concatenated pieces) written out as the literal it makes, and names
 * looked up by string (`getattr(__import__('o'+'s'), 'sys'+'tem')`, `globalThis['ev'+'al']`) written as plain names.
 * The analyzers then read the code as if it had been written plainly. Undefined when nothing was masked.
 */
export function unmaskedCode(code: string, lang: string): string | undefined {
  // most code wears no mask: one pass over it for the idioms' marks spares it the rest
  if (!MASK_MARKS.test(code.slice(0, MAX_CODE))) return undefined;
  let text = code.slice(0, MAX_CODE);
  let changed = false;
  // a mask inside a mask (`exec(''.join(map(chr, …)))` of base64) comes off in the next round
  for (let round = 0; round < 3; round++) {
    const next = literalsDecoded(charCodesDecoded(namesPlain(joinedLists(foldConcatenation(idiomsDecoded(text), lang), lang))), lang);
    if (next === text) break;
    text = next.slice(0, MAX_CODE);
    changed = true;
  }
  return changed ? text : undefined;
}

const MAX_CODE = 64 * 1024;

/** What every idiom below needs somewhere in the code: a decoder's or a lookup's name, a reversal, or two literals joined. */
const MASK_MARKS = /\]\s*\.join\b|import_module|sys\.executable|process\.execPath|%c|N-ZA-M|["']\s*\.join\(|chr|[Cc]har|intToUtf8|pack|::-1|revers|strrev|rot_?13|decode|b64|b32|b85|a85|hex|unpack|getattr|__import__|globalThis|__builtins__|send\(|runInThisContext|new Function|binary decode|data:text\/javascript|["']\s*[+.]\s*["']|\$\w{1,20}\s*=\s*["']|\[\s*["'](?:eval|exec|system|popen|spawn|from|require|call|run)/;
/**
 * A function looked up by name in brackets (`m["exec"]`, `Buffer["from"]`): only names that run or build code, so an
 * ordinary key (`data["version"]`) is left as written.
 */
const LOOKED_UP_CALL = /\[\s*["'](eval|exec|execSync|execFile|execFileSync|system|popen|spawn|spawnSync|from|require|call|run|check_output|getoutput|Popen|Function)["']\s*\]/g;

/** A decoded string written back as a literal every language here reads alike. */
const quoted = (s: string) => JSON.stringify(s);

interface Edit {
  from: number;
  to: number;
  text: string;
}

function applied(text: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits.sort((a, b) => a.from - b.from)) {
    if (e.from < at) continue;
    out += text.slice(at, e.from) + e.text;
    at = e.to;
  }
  return edits.length ? out + text.slice(at) : text;
}

const XOR_IDIOM = /\bbytes\(\s*([A-Za-z_]\w{0,8})\s*\^\s*(\d{1,3})\s+for\s+\1\s+in\s+(?:base64\.)?b64decode\(\s*b?['"]([A-Za-z0-9+/=\s]{4,65536})['"]\s*\)\s*\)/g;
const PERL_ROT13 = /\$_\s*=\s*q\{([^{}]{1,8192})\}\s*;\s*(?:tr|y)\/A-Za-z\/N-ZA-Mn-za-m\/\s*;\s*eval\b/g;
/**
 * Two whole-statement idioms: Python's base64 XORed with one byte (`bytes(b^90 for b in base64.b64decode('…'))`), and
 * Perl's rot13 of `$_` before an eval (`$_=q{…};tr/A-Za-z/N-ZA-Mn-za-m/;eval`).
 */
function idiomsDecoded(text: string): string {
  const edits: Edit[] = [];
  for (const m of text.matchAll(XOR_IDIOM)) {
    const s = decodeBase64Xor(m[3]!, Number(m[2]));
    if (s !== undefined) edits.push({ from: m.index, to: m.index + m[0].length, text: quoted(s) });
  }
  for (const m of text.matchAll(PERL_ROT13)) edits.push({ from: m.index, to: m.index + m[0].length, text: `eval ${quoted(rot13(m[1]!))}` });
  return applied(text, edits);
}

/**
 * Character-code lists turned into the string they spell: Python's `''.join(map(chr, […]))`, JavaScript's
 * `String.fromCharCode(…)`, Lua's `string.char(…)`, R's `intToUtf8(c(…))`, Perl's `map chr, (…)`, Ruby's
 * `[…].pack("c*")` and `[…].map(&:chr).join`, and awk's and C's `sprintf("%c…", …)`.
 */
function charCodesDecoded(text: string): string {
  const edits: Edit[] = [];
  for (const re of CHAR_CODE_IDIOMS) {
    for (const m of text.matchAll(re)) edits.push({ from: m.index, to: m.index + m[0].length, text: quoted(charCodes(m[1]!)) });
  }
  // the codes' characters put in the format's `%c`s between plain text: `sprintf("%c%c%c%c -s -T …", 99, 117, 114, 108)`
  for (const m of text.matchAll(FORMATTED_CODES)) {
    const chars = [...charCodes(m[2]!)];
    const pieces = m[1]!.split('%c');
    if (chars.length === pieces.length - 1) edits.push({ from: m.index, to: m.index + m[0].length, text: quoted(pieces.map((p, k) => p + (chars[k] ?? '')).join('')) });
  }
  return applied(text, edits);
}
const CODES = '([0-9][0-9,\\s]{0,8000})';
const CHAR_CODE_IDIOMS = [
  new RegExp(`(?:''|"")\\.join\\(\\s*map\\(\\s*chr\\s*,\\s*[[(]${CODES}[\\])]\\s*\\)\\s*\\)`, 'g'),
  new RegExp(`(?:String\\.fromCharCode|string\\.char)\\(\\s*${CODES}\\)`, 'g'),
  new RegExp(`intToUtf8\\(\\s*c\\(${CODES}\\)\\s*\\)`, 'g'),
  new RegExp(`join\\s*\\(?\\s*(?:''|"")\\s*,\\s*map\\s*\\{?\\s*chr\\s*\\}?\\s*,?\\s*\\(${CODES}\\)\\s*\\)?`, 'g'),
  new RegExp(`\\[${CODES}\\]\\.pack\\(\\s*["'][cCU]\\*["']\\s*\\)`, 'g'),
  // Ruby's `[99, 117].map(&:chr).join`
  new RegExp(`\\[${CODES}\\]\\.map\\(\\s*&:chr\\s*\\)\\.join(?:\\(\\s*(?:''|"")?\\s*\\))?`, 'g'),
];
const FORMATTED_CODES = new RegExp(`\\bsprintf\\(\\s*"((?:%c|[^"%\\\\\\n]){1,4000})"\\s*,\\s*${CODES}\\)`, 'g');

/** What follows a decoded literal to the end of its decoding call: an encoding name, the call's parenthesis, a `.decode()`. */
const CALL_TAIL = /^\s*(?:,\s*(?:["'][\w-]{1,12}["']|[\w.]{1,24}))?\s*\)(?:\.(?:toString|decode)\(\s*(?:["'][\w-]{0,12}["'])?\s*\))?/;

/** Decoding calls before a literal, by what they decode; some only with an argument after it that says so (`'rot13'`, `'base64'`). */
const DECODERS: Array<[RegExp, (s: string, context: string) => string | undefined, RegExp?]> = [
  [/Buffer\.from\(\s*$/, (s) => decodeBase64(s), /["']base64["']/],
  [/Buffer\.from\(\s*$/, (s) => decodeHex(s), /["']hex["']/],
  [/(?:[\w.]{1,40}\.)?(?:b64decode|standard_b64decode|urlsafe_b64decode|decodebytes|decode64|strict_decode64|decode_base64|base64_decode|base64decode|atob)\(\s*b?$/, (s, context) => base64Inflated(s, context)],
  [/(?:[\w.]{1,40}\.)?b32decode\(\s*b?$/, (s) => decodeBase32(s)],
  [/(?:[\w.]{1,40}\.)?(?:b85decode|a85decode)\(\s*b?$/, (s) => decodeBase85(s)],
  [/(?:[\w.]{1,40}\.)?(?:fromhex|unhexlify|a2b_hex|hex2bin)\(\s*b?$/, (s) => decodeHex(s)],
  [/Base64\.getDecoder\(\)\.decode\(\s*$/, (s) => decodeBase64(s)],
  [/codecs\.(?:decode|encode)\(\s*$/, (s) => rot13(s), /rot_?13/],
  [/\bstr_rot13\(\s*$/, (s) => rot13(s)],
  [/\bstrrev\(\s*$/, (s) => reversed(s)],
];

/** Methods after a literal that decode it: reversal, Ruby's `unpack1("m")`, Groovy's `.decodeBase64()`, Lua's `:reverse()`. */
const DECODING_SUFFIXES: Array<[RegExp, (s: string) => string | undefined]> = [
  [/^\s*\[\s*::\s*-1\s*\]/, (s) => reversed(s)],
  [/^\.split\(\s*(?:""|'')\s*\)\.reverse\(\)\.join\(\s*(?:""|'')\s*\)/, (s) => reversed(s)],
  [/^\)?:reverse\(\)/, (s) => reversed(s)],
  [/^\.reverse\b(?!\()/, (s) => reversed(s)],
  [/^\.unpack1?\(\s*["']m0?["']\s*\)(?:\[0\]|\.first)?/, (s) => decodeBase64(s)],
  [/^\.decodeBase64\(\)/, (s) => decodeBase64(s)],
  [/^\)?:gsub\(\s*["']\.\.["']\s*,\s*function\s*\(\s*\w{1,8}\s*\)\s*return\s+string\.char\(\s*tonumber\(\s*\w{1,8}\s*,\s*16\s*\)\s*\)\s*end\s*\)/, (s) => decodeHex(s)],
];

function literalsDecoded(text: string, lang: string): string {
  const edits: Edit[] = [];
  for (const lit of stringLiterals(text, lang)) {
    const edit = decodedAt(text, lit);
    if (edit) edits.push(edit);
  }
  // Perl reverses a q{} string: `eval scalar reverse q{krof elihw krof}`
  for (const m of text.matchAll(/\b(?:scalar\s+)?reverse\s+q\{([^{}]{1,65536})\}/g)) edits.push({ from: m.index, to: m.index + m[0].length, text: quoted(reversed(m[1]!)) });
  // Ruby packs hex into a string: `exec(["6964"].pack("H*"))`
  for (const m of text.matchAll(/\[\s*(["'])([0-9a-fA-F]{2,65536})\1\s*\]\.pack\(\s*["']H\*["']\s*\)/g)) {
    const s = decodeHex(m[2]!);
    if (s !== undefined) edits.push({ from: m.index, to: m.index + m[0].length, text: quoted(s) });
  }
  // Tcl decodes a bare word: `eval [binary decode base64 c2V0…]`
  for (const m of text.matchAll(/\[binary decode base64 ([A-Za-z0-9+/=]{8,65536})\]/g)) {
    const s = decodeBase64(m[1]!);
    if (s !== undefined) edits.push({ from: m.index, to: m.index + m[0].length, text: quoted(s) });
  }
  return applied(text, edits);
}

function decodedAt(text: string, lit: Literal): Edit | undefined {
  const before = text.slice(Math.max(0, lit.start - 64), lit.start);
  const after = text.slice(lit.end, lit.end + 256);
  for (const [call, decode, says] of DECODERS) {
    const m = call.exec(before);
    const tail = m ? CALL_TAIL.exec(after) : null;
    if (!m || !tail || (says && !says.test(tail[0]))) continue;
    const context = text.slice(Math.max(0, lit.start - m[0].length - 32), lit.start - m[0].length);
    const s = decode(lit.value, context);
    if (s === undefined) continue;
    // the inflating call around the decoding one goes with it: `zlib.decompress(base64.b64decode("…")).decode()`, PHP's `gzinflate(base64_decode("…"))`
    const inflate = /(?:(?:__import__\(\s*["'](?:zlib|gzip)["']\s*\)|(?:[\w.]{1,40}\.)?(?:zlib|gzip))\.decompress|\b(?:gzinflate|gzuncompress|gzdecode))\(\s*$/.exec(context);
    const close = inflate ? /^\s*\)(?:\.decode\(\s*(?:["'][\w-]{0,12}["'])?\s*\))?/.exec(after.slice(tail[0].length)) : null;
    const outer = inflate && close ? [inflate[0].length, close[0].length] : [0, 0];
    return { from: lit.start - m[0].length - outer[0]!, to: lit.end + tail[0].length + outer[1]!, text: quoted(s) };
  }
  for (const [suffix, decode] of DECODING_SUFFIXES) {
    const m = suffix.exec(after);
    if (!m) continue;
    const s = decode(lit.value);
    // a Lua string wrapped in parentheses for its method: `("…"):reverse()`
    const open = m[0].startsWith(')') && text[lit.start - 1] === '(' ? 1 : 0;
    if (s !== undefined) return { from: lit.start - open, to: lit.end + m[0].length, text: quoted(s) };
  }
  // JavaScript module code given as a data URL: `import("data:text/javascript;base64,…")` runs it
  const data = /^data:text\/javascript;base64,([A-Za-z0-9+/=]{4,65536})$/.exec(lit.value);
  if (data && /\bimport\(\s*$/.test(before)) {
    const s = decodeBase64(data[1]!);
    if (s !== undefined) return { from: lit.start - (/\bimport\(\s*$/.exec(before)?.[0].length ?? 0), to: lit.end + 1, text: `eval(${quoted(s)})` };
  }
  return undefined;
}


/** Literals joined by `+`, `.` or nothing into one: `'sys'+'tem'` is `"system"`. */
function foldConcatenation(text: string, lang: string): string {
  const literals = stringLiterals(text, lang);
  const edits: Edit[] = [];
  for (let k = 0; k < literals.length; k++) {
    let last = k;
    let value = literals[k]!.value;
    while (last + 1 < literals.length && /^\s*[+.]\s*$/.test(text.slice(literals[last]!.end, literals[last + 1]!.start))) value += literals[++last]!.value;
    if (last > k) edits.push({ from: literals[k]!.start, to: literals[last]!.end, text: quoted(value) });
    k = last;
  }
  return applied(text, edits);
}

/**
 * Lists of literals joined into one string: Ruby's and JavaScript's `["cu", "rl"].join` (Ruby joins with nothing,
 * JavaScript's bare `join()` with commas) and Python's `"".join(["cu", "rl"])`. Only lists that hold nothing but literals.
 */
function joinedLists(text: string, lang: string): string {
  const edits: Edit[] = [];
  const literalsOnly = (inner: string): string[] | undefined => {
    // (or numbers: an address's octets, `[185,215,113,66].join(".")`)
    if (/^\s*\d{1,10}(?:\s*,\s*\d{1,10}){1,63}\s*$/.test(inner)) return inner.split(',').map((n) => n.trim());
    const lits = stringLiterals(inner, lang);
    let rest = inner;
    for (const l of [...lits].reverse()) rest = rest.slice(0, l.start) + rest.slice(l.end);
    return lits.length > 0 && /^[\s,]*$/.test(rest) ? lits.map((l) => l.value) : undefined;
  };
  for (const m of [...text.matchAll(/\]\s*\.join\b(\(\s*(?:(["'])([^"'\n]{0,8})\2)?\s*\))?/g)].slice(0, 32)) {
    const open = text.lastIndexOf('[', m.index);
    if (open < 0 || m.index - open > 2048) continue;
    const parts = literalsOnly(text.slice(open + 1, m.index));
    if (parts === undefined) continue;
    const sep = m[3] ?? (m[1] === undefined || lang === 'ruby' ? '' : ',');
    edits.push({ from: open, to: m.index + m[0].length, text: quoted(parts.join(sep)) });
  }
  for (const m of [...text.matchAll(/(["'])([^"'\n]{0,8})\1\s*\.join\(\s*[[(]/g)].slice(0, 32)) {
    const start = m.index + m[0].length;
    const close = text.slice(start, start + 2048).search(/[\])]\s*\)/);
    if (close < 0) continue;
    const parts = literalsOnly(text.slice(start, start + close));
    const end = start + close + /^[\])]\s*\)/.exec(text.slice(start + close))![0].length;
    if (parts !== undefined) edits.push({ from: m.index, to: end, text: quoted(parts.join(m[2]!)) });
  }
  return applied(text, edits);
}

/**
 * Names looked up by string written as names: `getattr(os, "system")` is `os.system`, `__import__("os")` is `os`,
 * `m["exec"]` is `m.exec`, `globalThis.eval` and `__builtins__.__dict__.exec` are `eval` and `exec`, Ruby's
 * `send("eval", …)` is `eval(…)`, and Node's `vm.runInThisContext(…)` and `new Function(…)` evaluate like `eval(…)`.
 */
function namesPlain(text: string): string {
  // PHP's variable functions: `$f = "system"; $f("…")`
  for (const m of [...text.matchAll(/\$(\w{1,20})\s*=\s*"(\w{1,40})"\s*;/g)].slice(0, 16)) text = text.split(`$${m[1]}(`).join(`${m[2]}(`);
  return text
    .replace(/\b(?:importlib\.)?import_module\(\s*["']([\w.]{1,40})["']\s*\)/g, '$1')
    // the running interpreter named by its path: `[sys.executable, '-m', 'pip', …]`, `spawn(process.execPath, […])`
    .replace(/\bsys\.executable\b/g, '"python3"')
    .replace(/\bprocess\.execPath\b/g, '"node"')
    .replace(/getattr\(\s*([\w.]{1,80})\s*,\s*["'](\w{1,40})["']\s*\)/g, '$1.$2')
    .replace(/__import__\(\s*["']([\w.]{1,40})["']\s*\)/g, '$1')
    .replace(LOOKED_UP_CALL, '.$1')
    .replace(/\b(?:globalThis|global|window|self|__builtins__(?:\.__dict__)?)\.(eval|exec|Function|require)\b/g, '$1')
    .replace(/\bsend\(\s*["'](eval|system|exec)["']\s*,\s*/g, '$1(')
    .replace(/(?:require\(\s*["']vm["']\s*\)|\bvm)\.runInThisContext\(/g, 'eval(')
    // (the body is a Function's last argument: the names of its parameters go)
    .replace(/\bnew Function\(\s*(?:(["'])[\w$, ]{0,200}\1\s*,\s*){0,8}/g, 'eval(');
}

/** Ways code reads one variable of its environment by name: Python's, Node's, Ruby's, Perl's, PHP's and the JVM's. */
const ENV_LOOKUP = /\bos\.environ\[\s*["'](\w{1,64})["']\s*\]|\bos\.environ\.get\(\s*["'](\w{1,64})["']\s*\)|\b(?:os\.)?getenv\(\s*["'](\w{1,64})["']\s*\)|\bprocess\.env\.(\w{1,64})\b|\bprocess\.env\[\s*["'](\w{1,64})["']\s*\]|\bENV\[\s*["'](\w{1,64})["']\s*\]|\$ENV\{(\w{1,64})\}|\bSystem\.getenv\(\s*"(\w{1,64})"\s*\)/g;

/**
 * Code that reads a variable its own command line sets (`P='import socket…' python3 -c "exec(os.environ['P'])"`), with
 * each such read written as the literal the variable holds. Undefined when it reads none of them.
 */
export function environmentFilled(code: string, assignments: ReadonlyArray<{ name: string; value: string }>): string | undefined {
  if (assignments.length === 0) return undefined;
  const values = new Map(assignments.map((a) => [a.name, a.value]));
  let changed = false;
  const text = code.slice(0, MAX_CODE).replace(ENV_LOOKUP, (whole, ...names: Array<string | undefined>) => {
    const value = values.get(names.slice(0, 8).find((n) => n !== undefined) ?? '');
    if (value === undefined) return whole;
    changed = true;
    return quoted(value.slice(0, MAX_CODE));
  });
  return changed ? text : undefined;
}
