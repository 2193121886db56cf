import { shellQuote } from '../toolcall.js';
import { base64Inflated, charCodes, decodeHex, reversed, rot13 } from './decoders.js';

/**
 * Finds what interpreter one-liners hand to a shell: `os.system("…")`, `subprocess.call(["nc", …])`,
 * Perl/Ruby backticks, `child_process.execSync('…')`, awk's `system("…")` and its command pipes. A
 * linear scanner over string literals; no regex ever runs on the whole code with backtracking-prone
 * patterns.
 */
export interface Literal {
  value: string;
  start: number;
  end: number;
  quote: string;
}

const MAX_LITERALS = 512;

export function stringLiterals(code: string, lang: string): Literal[] {
  const out: Literal[] = [];
  let i = 0;
  while (i < code.length && out.length < MAX_LITERALS) {
    const c = code[i]!;
    if (c === '#' && (lang === 'python' || lang === 'ruby' || lang === 'perl' || lang === 'r') && !(lang === 'perl' && code[i - 1] === '$')) {
      const nl = code.indexOf('\n', i);
      i = nl < 0 ? code.length : nl + 1;
      continue;
    }
    if (c !== '"' && c !== "'" && c !== '`') { i++; continue; }
    const triple = lang === 'python' && code.startsWith(c.repeat(3), i);
    const delim = triple ? c.repeat(3) : c;
    const raw = lang === 'python' && /[rR]/.test(code[i - 1] ?? '');
    let j = i + delim.length;
    let value = '';
    let closed = false;
    while (j < code.length) {
      if (code.startsWith(delim, j)) { closed = true; break; }
      const ch = code[j]!;
      if (ch === '\\' && j + 1 < code.length && !raw) {
        const n = code[j + 1]!;
        // single quotes in perl/ruby/php only unescape \\ and \'
        const literalOnly = c === "'" && (lang === 'perl' || lang === 'ruby' || lang === 'php');
        if (literalOnly && n !== '\\' && n !== "'") { value += ch; j++; continue; }
        // octal (`\143\165\162\154` is curl in awk, Python, Perl and Ruby strings)
        const octal = /^[0-7]{1,3}/.exec(code.slice(j + 1, j + 4))?.[0];
        if (octal !== undefined) { value += String.fromCharCode(parseInt(octal, 8) & 0xff); j += 1 + octal.length; continue; }
        const mapped = ESCAPES[n];
        if (mapped !== undefined) { value += mapped; j += 2; continue; }
        if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(code.slice(j + 2, j + 4))) {
          value += String.fromCharCode(parseInt(code.slice(j + 2, j + 4), 16));
          j += 4;
          continue;
        }
        value += n;
        j += 2;
        continue;
      }
      value += ch;
      j++;
    }
    out.push({ value, start: i, end: closed ? j + delim.length : j, quote: delim });
    i = closed ? j + delim.length : code.length;
  }
  return out;
}

/** The code with its string literals emptied: what it does, apart from what it only says. */
export function codeOutsideStrings(code: string, lang: string): string {
  let out = '';
  let at = 0;
  for (const lit of stringLiterals(code, lang)) {
    out += code.slice(at, lit.start) + '""';
    at = lit.end;
  }
  return out + code.slice(at);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', $: '$' };

/** Functions that run their (first) argument as a command line, or an argv list. */
const EXEC_FUNCS = new Set([
  'system', 'popen', 'exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'check_output', 'check_call',
  'call', 'run', 'Popen', 'getoutput', 'getstatusoutput', 'shell_exec', 'passthru', 'proc_open', 'execv', 'execve',
  'execvp', 'execl', 'execlp', 'qx', 'open3', 'capture2', 'capture3', 'spawn_sync', 'os_execute', 'execute', 'startfile', 'system2', 'shell',
]);

/** What joins two string literals into one: nothing (awk, Python), `+` or `.` (Perl, PHP). */
const CONCATENATION = /^\s*(?:[+.]\s*)?$/;
/** After an argv list's last literal, up to four plain names before it closes: `, action, unit]`. */
const TRAILING_NAMES = /^\s*,((?:\s*[A-Za-z_][A-Za-z0-9_]{0,40}\s*,){0,3}\s*[A-Za-z_][A-Za-z0-9_]{0,40})\s*,?\s*[\])]/;
/** Between two literals of an argv list, up to four plain names of the code's own values: `, kind, ns,`. */
const LIST_NAMES = /^\s*,((?:\s*[A-Za-z_][A-Za-z0-9_]{0,40}\s*,){0,4})\s*$/;

/**
 * Is the awk statement holding `at` a print or printf? Only there do `>` and `>>` redirect output to a file; elsewhere
 * (`$1 > "2020-01-01"`, `if ($2 > "m")`) they compare. The `;` and braces of the code's strings end nothing.
 */
export function awkPrints(code: string, at: number, literals: readonly Literal[]): boolean {
  let outside = '';
  let k = literals.length - 1;
  for (let pos = at - 1, steps = 0; pos >= 0 && steps < 512; pos--, steps++) {
    while (k >= 0 && literals[k]!.start > pos) k--;
    if (k >= 0 && pos < literals[k]!.end) {
      pos = literals[k]!.start;
      outside = ' ' + outside;
      continue;
    }
    if (';{}\n'.includes(code[pos]!)) break;
    outside = code[pos] + outside;
  }
  return /\bprintf?\b/.test(outside);
}

/**
 * An awk literal that is only compared with or matched against the input (`$0 ~ "/etc/shadow"`, `$1 == "root"`,
 * `$3 > "2020-01-01"`): text to look for, never a file opened or a host reached.
 */
export function awkCompared(code: string, lit: Literal, literals: readonly Literal[]): boolean {
  const before = code.slice(Math.max(0, lit.start - 12), lit.start);
  if (/(?:==|!=|!?~|>=|<=)\s*$/.test(before) || /^\s*(?:==|!=|!?~|>=|<=)/.test(code.slice(lit.end, lit.end + 8))) return true;
  const single = /([<>])\s*$/.exec(before);
  if (!single || /[<>|]\s*[<>]\s*$/.test(before)) return false;
  // `getline line < "/etc/shadow"` reads the file; `print … > "f"` writes it
  return single[1] === '>' ? !awkPrints(code, lit.start, literals) : !/\bgetline\b[\w\s$]{0,40}<\s*$/.test(code.slice(Math.max(0, lit.start - 64), lit.start));
}

/** Shell command lines that the code would run. */
export function execStrings(code: string, lang: string, literals: Literal[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < literals.length; k++) {
    const lit = literals[k]!;
    // backticks run a shell line in Perl, Ruby, PHP and awk-like languages; in JavaScript only when tagged with `$`
    // (Bun's shell `Bun.$\`…\``, zx's `$\`…\``)
    if (lit.quote === '`' && ((lang !== 'node' && lang !== 'python') || (lang === 'node' && code[lit.start - 1] === '$'))) {
      out.push(lit.value);
      continue;
    }
    // awk runs a string piped into getline, and a string that print pipes into (`"id" | getline`, `print x | "sh"`)
    if (lang === 'awk' && (/^\s*\|&?\s*getline\b/.test(code.slice(lit.end, lit.end + 24)) || /\|&?\s*$/.test(code.slice(Math.max(0, lit.start - 8), lit.start)))) {
      out.push(lit.value);
      continue;
    }
    const decoded = decodedLiteral(code, lang, lit, literals[k + 1]);
    if (decoded !== undefined) {
      out.push(decoded);
      continue;
    }
    const before = precedingCall(code, lang, lit.start);
    if (!before) continue;
    if (before.list) {
      const list = argvList(code, lang, literals, k, []);
      k = list.last;
      out.push(list.line);
    } else {
      // one string made of several: `system("c""at /etc/sh""adow")` in awk, `"c" + "at"`, perl's `"c"."at"`
      const joined = joinedFrom(code, literals, k, lang);
      k = joined.last;
      // a program and its argv apart: `spawnSync('git', ['config', …])`, `execFile("curl", ["-s", …])`; the exec*v
      // family's list starts with the program's own name (`execvp('bash', ['bash', '-c', …])`)
      const next = literals[k + 1];
      // Perl's and Ruby's system and exec take the program and its words as the call's own arguments: `system("aws", "iam", …)`
      const gap = next === undefined ? '' : code.slice(literals[k]!.end, next.start);
      const ownArguments = (lang === 'perl' || lang === 'ruby') && (before.name === 'system' || before.name === 'exec') && /^\s*,\s*$/.test(gap);
      if (next !== undefined && ownArguments) {
        const list = argvList(code, lang, literals, k + 1, [joined.value]);
        k = list.last;
        out.push(list.line);
      } else if (next !== undefined && next.start - literals[k]!.end < 64 && PROGRAM_THEN_LIST.test(gap)) {
        const list = argvList(code, lang, literals, k + 1, before.name?.startsWith('execv') ? [] : [joined.value]);
        k = list.last;
        out.push(list.line);
      } else out.push(joined.value);
    }
  }
  // `c="cu""rl …|sh"; system(c)`, `cmd = 'id'; os.system(cmd)`: a name given a string, then run
  out.push(...variablesRun(code, lang, literals));
  // a command spelled in character codes right inside the call that runs it, with no literal at all:
  // Lua's `os.execute(string.char(99, 104, …))`, JavaScript's `execSync(String.fromCharCode(105, 100))`
  // (both names have six letters before their dot, so each dot is tried as theirs)
  for (let at = code.indexOf('.'), n = 0; at >= 0 && n < 64; at = code.indexOf('.', at + 1)) {
    const m = CHAR_CODE_CALL.exec(code.slice(Math.max(0, at - 6), at + 4032));
    if (!m) continue;
    n++;
    const start = Math.max(0, at - 6) + m.index;
    if (runsText(code, lang, start)) out.push(charCodes(m[1]!));
  }
  // perl/ruby `%x(…)` and `qx{…}`
  if (lang === 'perl' || lang === 'ruby') {
    for (const open of ['qx(', 'qx{', '%x(', '%x{']) {
      let at = code.indexOf(open);
      while (at >= 0 && out.length < MAX_LITERALS) {
        const close = code.indexOf(open.endsWith('(') ? ')' : '}', at + 3);
        if (close < 0) break;
        out.push(code.slice(at + 3, close));
        at = code.indexOf(open, close);
      }
    }
  }
  return expandedByLoops(out, loopLiterals(code, literals));
}

/**
 * Library calls that delete the file named right after them, with the recursive ones apart: `os.remove("…")`, perl's
 * `unlink glob("…")`, `File.delete(…)`, `fs.unlinkSync(…)`, `FileUtils.rm_rf(…)`, `shutil.rmtree(…)`.
 */
const DELETE_CALL = /\b(remove|unlink|unlinkSync|delete|rm_f|rm|removedirs|(rmtree|rmSync|rm_rf|rm_r|remove_tree))\s*(?:\(\s*)?(?:glob\s*(?:\(\s*)?)?$/;

/** A loop over a literal list: Python's `for c in (…)` or `[… for c in (…)]`, JavaScript's `for (const c of [...])` and `[...].forEach((c) =>`. */
const LOOP_OVER_LIST = /\bfor\s+([A-Za-z_]\w{0,40})\s+in\s*[([]|\bfor\s*\(\s*(?:const|let|var)\s+([A-Za-z_]\w{0,40})\s+of\s*\[/g;
const FOR_EACH = /\]\s*\.\s*forEach\s*\(\s*\(?\s*([A-Za-z_]\w{0,40})\s*\)?\s*=>/g;

/**
 * Command lines with a loop's variable in them (`systemctl "$a" "$s"` from `['systemctl', a, s] for s in (…) for a in
 * (…)`), written out once per value the loops give it, up to 16 lines each; a variable no loop binds stays as it is.
 */
function expandedByLoops(lines: string[], loops: ReadonlyArray<{ name: string; values: string[] }>): string[] {
  if (loops.length === 0) return lines;
  const bound = new Map(loops.map((l) => [l.name, l.values]));
  return lines.flatMap((line) => {
    let variants = [line];
    for (const [name, values] of bound) {
      if (!line.includes(`"$${name}"`)) continue;
      variants = variants.flatMap((v) => values.slice(0, 8).map((x) => v.split(`"$${name}"`).join(shellQuote(x)))).slice(0, 16);
    }
    return variants;
  });
}

/** The literals of each loop over a literal list, by the loop variable's name (a plain word; at most 8 loops, 16 literals each). */
export function loopLiterals(code: string, literals: Literal[]): Array<{ name: string; values: string[] }> {
  const text = code.slice(0, 20000);
  const out: Array<{ name: string; values: string[] }> = [];
  const take = (name: string, open: number) => {
    const close = text.indexOf(text[open] === '[' ? ']' : ')', open + 1);
    const values = literals.filter((lit) => lit.start > open && lit.end <= close).slice(0, 16).map((lit) => lit.value);
    if (values.length > 0 && out.length < 8) out.push({ name, values });
  };
  for (const m of text.matchAll(LOOP_OVER_LIST)) take(m[1] ?? m[2]!, m.index! + m[0].length - 1);
  for (const m of text.matchAll(FOR_EACH)) {
    const open = text.lastIndexOf('[', m.index!);
    if (open >= 0) take(m[1]!, open);
  }
  return out;
}

/**
 * Command lines a loop hands, one by one, to an exec-family call: `[subprocess.run(c.split()) for c in ('iptables -F',
 * 'ufw disable')]`, `for (const c of ['…']) execSync(c)`. Only literals with a space in them are command lines.
 */
export function loopedCommands(code: string, literals: Literal[]): string[] {
  const text = code.slice(0, 20000);
  return loopLiterals(code, literals)
    .filter((loop) => new RegExp(`\\b(?:${[...EXEC_FUNCS].join('|')})\\s*\\(\\s*${loop.name}\\b`).test(text))
    .flatMap((loop) => loop.values.filter((v) => /\s/.test(v)))
    .slice(0, 16);
}

/** `rm` lines for the files the code deletes by name (a path: absolute, under home, or relative with a folder). */
export function deletedPaths(code: string, literals: Literal[]): string[] {
  const out: string[] = [];
  for (const lit of literals) {
    if (out.length >= 16) break;
    if (!/^(?:\/|~\/|\.{1,2}\/|[\w.-]{1,64}\/)/.test(lit.value)) continue;
    const call = DELETE_CALL.exec(code.slice(Math.max(0, lit.start - 40), lit.start));
    if (call) out.push(`rm ${call[2] ? '-rf' : '-f'} ${shellQuote(lit.value)}`);
  }
  return out;
}

/** Between a program's name and the list of its arguments: `, [`. */
const PROGRAM_THEN_LIST = /^\s*,\s*\[\s*$/;

/**
 * An argv list that literal k starts: the literals up to the closing bracket, each element quoted as one word, after
 * the words already known (`head`), as one command line; and the index of its last literal.
 */
function argvList(code: string, lang: string, literals: Literal[], k: number, head: string[]): { line: string; last: number } {
  const argv = [...head, literals[k]!.value];
  const variables = new Map<number, string>();
  let end = literals[k]!.end;
  while (k + 1 < literals.length) {
    if (literals[k + 1]!.start - end > 256) break;
    const between = code.slice(end, literals[k + 1]!.start);
    // an element joined from literals (`"kube" + "ctl"`)
    if (CONCATENATION.test(between)) {
      argv[argv.length - 1] += literals[++k]!.value;
      end = literals[k]!.end;
      continue;
    }
    // names between literals (`["kubectl", "delete", kind, "--all"]`): values the code picks, read as shell variables
    const picked = LIST_NAMES.exec(between);
    if (!picked) break;
    for (const name of picked[1]!.split(',').map((x) => x.trim()).filter(Boolean)) variables.set(argv.push('') - 1, name);
    const item = literals[++k]!;
    // an element built by a decoding idiom: `['bash', '-c', ''.join(map(chr, […]))]`
    argv.push(decodedLiteral(code, lang, item, literals[k + 1]) ?? item.value);
    end = item.end;
  }
  // and names after the last literal (`['systemctl', action, unit]`)
  const trailing = TRAILING_NAMES.exec(code.slice(end, end + 256));
  if (trailing) for (const name of trailing[1]!.split(',').map((x) => x.trim()).filter(Boolean)) variables.set(argv.push('') - 1, name);
  return { line: argv.map((a, n) => (variables.has(n) ? `"$${variables.get(n)}"` : shellQuote(a))).join(' '), last: k };
}

/** The string that literal k starts, joined with the literals concatenated to it, and the index of the last one. */
function joinedFrom(code: string, literals: Literal[], k: number, lang = ''): { value: string; last: number } {
  let value = literals[k]!.value;
  let end = literals[k]!.end;
  while (k + 1 < literals.length && literals[k + 1]!.start - end < 64) {
    const between = code.slice(end, literals[k + 1]!.start);
    // an awk field between the pieces is a word of the input, unknown here (`"dig " $1 ".x.oast.fun"`): a variable the
    // shell running the line cannot know
    const field = lang === 'awk' ? AWK_FIELD_JOIN.exec(between) : null;
    if (!CONCATENATION.test(between) && !field) break;
    value += (field ? `\${AWK_FIELD_${field[1]}}` : '') + literals[++k]!.value;
    end = literals[k]!.end;
  }
  return { value, last: k };
}

/** Between two awk strings, a field read from the input: `" $1 "`, `" $NF "`. */
const AWK_FIELD_JOIN = /^\s{0,4}\$(\d{1,2}|NF)\s{0,4}$/;

/** Strings assigned to a name (`c = "…"`, `my $c = '…'`, `$c = …`) that a call then runs by that name. */
function variablesRun(code: string, lang: string, literals: Literal[]): string[] {
  const assigned = new Map<string, string>();
  for (let k = 0; k < literals.length && assigned.size < 64; k++) {
    const m = /([A-Za-z_][A-Za-z0-9_]*)\s*=\s*$/.exec(code.slice(Math.max(0, literals[k]!.start - 40), literals[k]!.start));
    if (!m || code[literals[k]!.start - m[0].length - 1] === '=') continue;
    const joined = joinedFrom(code, literals, k);
    assigned.set(m[1]!, joined.value);
    k = joined.last;
  }
  if (assigned.size === 0) return [];
  const out: string[] = [];
  let calls = 0;
  for (let at = code.indexOf('('); at >= 0 && calls < 512; at = code.indexOf('(', at + 1), calls++) {
    if (!precedingCall(code, lang, at + 1)) continue;
    // the argument: one name, alone or first (`system(c)`, `os.system(cmd)`, `exec(c, …)`, `$c` in Perl)
    let i = at + 1;
    while (code[i] === ' ' || code[i] === '$') i++;
    let j = i;
    while (j < code.length && j - i < 64 && /[A-Za-z0-9_]/.test(code[j]!)) j++;
    let after = j;
    while (code[after] === ' ') after++;
    const named = j > i ? assigned.get(code.slice(i, j)) : undefined;
    const value = named !== undefined && (code[after] === ')' || code[after] === ',') ? named : undefined;
    if (value !== undefined) out.push(value);
    // or the name and literals joined into the call's argument (`execSync(c + ' find-internet-password -s github.com -w')`)
    else if (named !== undefined && CONCATENATION.test(code[after] ?? '')) {
      const next = literals.find((l) => l.start > after && l.start - after < 8);
      if (next !== undefined && /^\s*[+.]\s*$/.test(code.slice(after, next.start))) out.push(named + joinedFrom(code, literals, literals.indexOf(next), lang).value);
    }
  }
  return out;
}

/**
 * A command built by a decoding idiom right inside a call that runs it, in Python and the like:
 * `os.system(''.join(map(chr, [99, 97, …])))`, `os.system(''.join(reversed('…')))`,
 * `os.system('…'[::-1])`, `os.system(codecs.decode('…', 'rot13'))`, `os.system(base64.b64decode('…'))`.
 */
function decodedLiteral(code: string, lang: string, lit: Literal, next: Literal | undefined): string | undefined {
  const after = code.slice(lit.end, lit.end + 4096);
  if (lit.value === '' && runsText(code, lang, lit.start)) {
    const chars = /^\.join\(\s*(?:map\(\s*chr\s*,\s*\[([0-9,\s]{1,4000})\]\s*\)|\[\s*chr\(\s*\w+\s*\)\s+for\s+\w+\s+in\s+\[([0-9,\s]{1,4000})\]\s*\])/.exec(after);
    const codes = chars?.[1] ?? chars?.[2];
    if (codes !== undefined) return charCodes(codes);
    if (next && /^\.join\(\s*reversed\(\s*$/.test(code.slice(lit.end, next.start))) return reversed(next.value);
  }
  if (/^\s*\[\s*::\s*-1\s*\]/.test(after) && runsText(code, lang, lit.start)) return reversed(lit.value);
  // Ruby and Perl character codes packed into a string: `system([105,100].pack("c*"))`
  if (/^[cCU]\*$/.test(lit.value)) {
    const before = code.slice(Math.max(0, lit.start - 4100), lit.start);
    const open = before.lastIndexOf('[');
    const packed = open >= 0 ? /^\[([0-9,\s]{1,4000})\]\.pack\(\s*$/.exec(before.slice(open)) : null;
    if (packed && runsText(code, lang, lit.start - before.length + open)) return charCodes(packed[1]!);
  }
  const b64 = base64Wrapper(code, lit);
  if (b64 > 0 && runsText(code, lang, lit.start - b64)) return unpackedBase64(code, lit, b64);
  const packed = packedHex(code, lit);
  if (packed && runsText(code, lang, lit.start - packed[0].length)) return decodeHex(lit.value);
  const hex = hexWrapper(code, lit);
  if (hex > 0 && runsText(code, lang, lit.start - hex)) return decodeHex(lit.value);
  const wrapped = /(?:codecs\.)?(?:decode|encode)\(\s*$/.exec(code.slice(Math.max(0, lit.start - 24), lit.start));
  if (wrapped && /^\s*,\s*['"]rot_?13['"]\s*\)/.test(after) && runsText(code, lang, lit.start - wrapped[0].length)) return rot13(lit.value);
  return undefined;
}

/**
 * How many characters of a base64-decoding call lead up to a literal (`base64.b64decode(`,
 * `__import__('base64').b64decode(b`, `Base64.decode64(`, `decode_base64(`, `atob(`,
 * `Buffer.from(` with 'base64' after), or 0 when it is not one.
 */
function base64Wrapper(code: string, lit: Literal): number {
  const before = code.slice(Math.max(0, lit.start - 48), lit.start);
  const m = /(?:(?:[A-Za-z_][A-Za-z0-9_]*|__import__\(\s*['"]base64['"]\s*\))\.)?(?:b64decode|standard_b64decode|urlsafe_b64decode|decodebytes|decode64|strict_decode64|decode_base64|atob)\(\s*b?$/.exec(before);
  if (m) return m[0].length;
  const buffer = /Buffer\.from\(\s*$/.exec(before);
  return buffer && /^\s*,\s*['"]base64['"]/.test(code.slice(lit.end, lit.end + 16)) ? buffer[0].length : 0;
}

/** How many characters of a hex-decoding call lead up to a literal (`bytes.fromhex('…')`, `binascii.unhexlify('…')`, `Buffer.from('…', 'hex')`), or 0. */
function hexWrapper(code: string, lit: Literal): number {
  const before = code.slice(Math.max(0, lit.start - 32), lit.start);
  const m = /(?:[A-Za-z_][A-Za-z0-9_]*\.)?(?:fromhex|unhexlify|a2b_hex)\(\s*b?$/.exec(before);
  if (m) return m[0].length;
  const buffer = /Buffer\.from\(\s*$/.exec(before);
  return buffer && /^\s*,\s*['"]hex['"]/.test(code.slice(lit.end, lit.end + 16)) ? buffer[0].length : 0;
}

/** Base64 decoded, and inflated when the decode sits inside `zlib.decompress(…)` or `gzip.decompress(…)`. */
const unpackedBase64 = (code: string, lit: Literal, wrapper: number) => base64Inflated(lit.value, code.slice(Math.max(0, lit.start - wrapper - 48), lit.start - wrapper));

/** Perl's `pack("H*", "…")`: the literal after it is hex. */
const packedHex = (code: string, lit: Literal) => /\bpack\s*\(?\s*["']H\*["']\s*,\s*$/.exec(code.slice(Math.max(0, lit.start - 24), lit.start));

/** A literal the one-liner runs as more code of its own language: `exec("…")`/`eval("…")`, or base64 or hex decoded first. */
export function evaluatedCode(code: string, lang: string, lit: Literal): string | undefined {
  const b64 = base64Wrapper(code, lit);
  if (b64 > 0) return unpackedBase64(code, lit, b64);
  if (hexWrapper(code, lit) > 0 || packedHex(code, lit)) return decodeHex(lit.value);
  const before = code.slice(Math.max(0, lit.start - 32), lit.start);
  const evaluates = lang === 'python' ? /\b(?:exec|eval|compile)\(\s*$/.test(before) : EVALUATES.test(before);
  return evaluates ? lit.value : undefined;
}

/**
 * Calls that run a string as code, by language: `eval`, Lua's `load`, Julia's `include_string(Main, …)`, Groovy's
 * `Eval.me(…)`, R's `eval(parse(text = …))`.
 */
const EVALUATES = /(?:\beval\s*\(?|\bload(?:string)?\(|\binclude_string\(\s*\w{1,20}\s*,\s*(?:String\()?|\bEval\.me\(\s*(?:new String\()?|\bevaluate\(|\bparse\(\s*text\s*=)\s*$/;

/** `string.char(…)` or `String.fromCharCode(…)` with numbers only, at the start of the text it is run on. */
const CHAR_CODE_CALL = /^(?:string\.char|String\.fromCharCode)\(\s*([0-9,\s]{1,4000})\)/;


/**
 * Whether what starts at `at` is run as a command line: the argument of a call that runs one, or the script
 * of a shell's `-c` in an argv list (`execvp('bash', ['bash', '-c', ''.join(map(chr, […]))])`, Perl's `exec "sh", "-c", …`).
 */
function runsText(code: string, lang: string, at: number): boolean {
  if (precedingCall(code, lang, at)) return true;
  return /(['"])(?:\/[\w/]{0,24}\/)?(?:ba|z|da|k)?sh\1\s*,\s*(['"])-c\2\s*,\s*$/.test(code.slice(Math.max(0, at - 48), at));
}

/** Looks left of a literal for `name(`, `name [`, `name(['`, `name '`, skipping module prefixes. */
/** Whether the name assigned at `eq` (the `=` of `a = [`) is handed to an exec-family function later in the code. */
function assignedArgv(code: string, eq: number): boolean {
  let k = eq - 1;
  while (k >= 0 && code[k] === ' ') k--;
  const end = k + 1;
  while (k >= 0 && /[A-Za-z0-9_]/.test(code[k]!)) k--;
  const name = code.slice(k + 1, end);
  if (!/^[A-Za-z_]\w{0,63}$/.test(name)) return false;
  for (const m of code.slice(eq, eq + 8192).matchAll(/([A-Za-z_]\w{0,31})\(\s*([A-Za-z_]\w{0,63})\b/g)) if (m[2] === name && EXEC_FUNCS.has(m[1]!)) return true;
  return false;
}

/**
 * Other names code gives its exec-family functions: `const {execSync: x} = require('child_process')`, `run = os.system`,
 * `from subprocess import check_output as co`. Remembered for the last code asked about, as every literal asks.
 */
let aliasesOf: { code: string; names: ReadonlySet<string> } = { code: '', names: new Set() };
function execAliases(code: string): ReadonlySet<string> {
  if (aliasesOf.code === code) return aliasesOf.names;
  const names = new Set<string>();
  const text = code.slice(0, 20000);
  for (const m of text.matchAll(/\b(?:execSync|exec|execFile|execFileSync|spawn|spawnSync)\s*:\s*([A-Za-z_$][\w$]{0,40})/g)) names.add(m[1]!);
  for (const m of text.matchAll(/\b([A-Za-z_$][\w$]{0,40})\s*=\s*(?:[\w$]{1,40}\.){0,2}(?:system|popen|execSync|spawnSync|check_output|check_call|getoutput|Popen)\b(?!\s*\()/g)) names.add(m[1]!);
  for (const m of text.matchAll(/\bimport\s+(?:system|popen|check_output|check_call|call|run|Popen|getoutput)\s+as\s+(\w{1,40})/g)) names.add(m[1]!);
  aliasesOf = { code, names };
  return names;
}

function precedingCall(code: string, lang: string, at: number): { list: boolean; name?: string } | undefined {
  let i = at - 1;
  let list = false;
  let sawParen = false;
  while (i >= 0 && at - i < 24) {
    const c = code[i]!;
    if (c === ' ' || c === '\t') { i--; continue; }
    if (c === '[') { list = true; i--; continue; }
    if (c === '(') { sawParen = true; i--; continue; }
    break;
  }
  // a list assigned to a name that an exec-family call is then given: `a=["sys"+"temd-run", …]; os.execvp(a[0], a)`
  if (list && code[i] === '=' && code[i - 1] !== '=') return assignedArgv(code, i) ? { list } : undefined;
  let end = i + 1;
  while (i >= 0 && /[A-Za-z0-9_]/.test(code[i]!)) i--;
  const name = code.slice(i + 1, end);
  // Python's exec() runs Python, not a command line (its os.exec* family is execv, execl…)
  if ((!EXEC_FUNCS.has(name) && !execAliases(code).has(name)) || (lang === 'python' && name === 'exec')) return undefined;
  // perl/ruby allow `system "…"` without parentheses; elsewhere require the call syntax
  if (!sawParen && !list && code[end] !== ' ') return undefined;
  return { list, name };
}
