/**
 * sed's command line and scripts as GNU sed reads them: which words are scripts and which are files, and the
 * substitutions, insertions and `e` commands a script holds. One linear pass per script, the first 4 KiB of it.
 */

/** One `s` command: its pattern and replacement with `\<delimiter>` read as the delimiter, other escapes as written. */
export interface SedSubstitution { from: string; to: string; flags: string }

const SCRIPT_LIMIT = 4096;
const SUBSTITUTION_LIMIT = 16;

/** A sed command's scripts (the -e values, or else its first operand) and the files it reads or edits (the other operands). */
export function sedScripts(argv: readonly string[]): { scripts: string[]; files: string[] } {
  const scripts: string[] = [];
  const operands: string[] = [];
  for (let i = 1; i < argv.length && i < 512; i++) {
    const a = argv[i]!;
    if (a === '-e' || a === '--expression') scripts.push(argv[++i] ?? '');
    else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (!a.startsWith('-')) operands.push(a);
  }
  if (scripts.length === 0 && operands.length > 0) scripts.push(operands.shift()!);
  return { scripts, files: operands };
}

/**
 * A script's `s` commands in order, each past its address (`3`, `$`, `/re/`, `1,/re/!`), and how many commands of
 * other kinds it holds (an `s` left open among them: what follows it is part of it, and the reading ends there).
 */
export function readSedScript(script: string): { substitutions: SedSubstitution[]; others: number } {
  const s = script.slice(0, SCRIPT_LIMIT);
  const substitutions: SedSubstitution[] = [];
  let others = 0;
  let i = 0;
  while (i < s.length) {
    if (' \t\n;{}'.includes(s[i]!)) { i++; continue; }
    // what is left unread counts as some other command
    if (substitutions.length === SUBSTITUTION_LIMIT) { others++; break; }
    i = pastAddress(s, i);
    if (s[i] === ',') i = pastAddress(s, i + 1);
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '!') i++;
    if (i >= s.length) break;
    if (s[i] === '{') { i++; continue; }
    const delimiter = s[i + 1];
    if (s[i] === 's' && delimiter !== undefined && delimiter !== '\\' && delimiter !== '\n') {
      const from = delimited(s, i + 2, delimiter);
      const to = from && delimited(s, from.end, delimiter);
      if (!from || !to) { others++; break; }
      let end = to.end;
      while (end < s.length && !';\n}'.includes(s[end]!)) end++;
      substitutions.push({ from: from.text, to: to.text, flags: s.slice(to.end, end).trim() });
      i = end;
      continue;
    }
    others++;
    // a, i and c take the rest of the line as their text; any other command ends at `;`
    const ends = 'aic'.includes(s[i]!) ? '\n' : ';\n}';
    i++;
    while (i < s.length && !ends.includes(s[i]!)) i++;
  }
  return { substitutions, others };
}

/**
 * The `s<d>from<d>to<d>` pairs of a sed command's scripts, the first 16, with escaped punctuation read as itself
 * (`api\.acme\.net` as `api.acme.net`): for comparing the names a substitution replaces, not for matching.
 */
export function sedSubstitutions(argv: readonly string[]): Array<[string, string]> {
  const literal = (x: string) => x.replace(/\\([^\w\s])/g, '$1');
  return sedScripts(argv).scripts.flatMap((script) => readSedScript(script).substitutions.map(({ from, to }): [string, string] => [literal(from), literal(to)])).slice(0, SUBSTITUTION_LIMIT);
}

/**
 * The patterns of a sed that only masks: every command of its scripts a substitution whose pattern runs on to the end
 * of the line outside any group (`s|(_authToken=).*|\1<redacted>|`) and whose replacement keeps none of the matched
 * text (no `&`), so each matching line is printed only up to where its value began. Undefined for any other sed.
 */
export function sedMaskPatterns(argv: readonly string[]): string[] | undefined {
  if (inPlace(argv)) return undefined;
  const patterns: string[] = [];
  for (const script of sedScripts(argv).scripts) {
    const { substitutions, others } = readSedScript(script);
    if (others > 0 || substitutions.length === 0) return undefined;
    for (const { from, to, flags } of substitutions) {
      if (!/(?<!\\)\.\*\$?$/.test(from) || /(?<!\\)&/.test(to) || /[ew]/.test(flags)) return undefined;
      patterns.push(from);
    }
  }
  return patterns.length > 0 ? patterns : undefined;
}

/**
 * What each substitution of a sed command puts in, its back-references filled with the text of the groups they name as
 * far as it is literal (`s|^\(\s*kdc = \).*|\1203.0.113.50|` puts in `kdc = 203.0.113.50`): the new settings, not the
 * lines they replace.
 */
export function sedReplacements(argv: readonly string[]): string[] {
  return sedScripts(argv).scripts.flatMap((script) => readSedScript(script).substitutions).slice(0, SUBSTITUTION_LIMIT).map(({ from, to }) => {
    const groups = [...from.matchAll(/\\?\(([^()]{0,256}?)\\?\)/g)].map((m) => m[1]!.replace(/\\[sS][*+?]?|[\^$]|\.\*|\\/g, '').trim());
    return to.replace(/\\([1-9])/g, (_, n: string) => (groups[Number(n) - 1] ?? '') + (groups[Number(n) - 1] ? ' ' : '')).replace(/\\n/g, '\n');
  });
}

/** The shell commands GNU sed runs from its scripts: the `e command` command, and the replaced pattern space of an `s///e`. */
export function sedExecs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (const script of sedScripts(argv).scripts) {
    const text = script.slice(0, SCRIPT_LIMIT);
    for (const m of text.matchAll(/(?:^|[;\n{])\s*(?:\d+|\$)?\s*e\s+([^;\n}]+)/g)) out.push(m[1]!.trim());
    for (const sub of readSedScript(text).substitutions) if (sub.flags.includes('e')) out.push(sub.to.replace(/\\(.)/g, '$1'));
  }
  return out.slice(0, SUBSTITUTION_LIMIT);
}

/**
 * The lines a `sed -i` script puts into the files it edits with its insert, append and change commands
 * (`1i //go:generate …`, `$a export X=…`, `/^main/a …`), as GNU sed's one-line forms spell them; with `rewrites`,
 * also the lines its substitutions anchored at a line's start write whole (`s|^Exec=.*|Exec=…|`).
 */
export function sedInsertions(argv: readonly string[], rewrites = false): { text: string; files: string[] } | undefined {
  if (!inPlace(argv)) return undefined;
  const { scripts, files } = sedScripts(argv);
  const lines = scripts.flatMap((script) => [
    ...[...script.slice(0, SCRIPT_LIMIT).matchAll(SED_INSERT)].map((m) => m[1]!),
    ...(rewrites ? readSedScript(script).substitutions.filter((x) => x.from.startsWith('^')).map((x) => x.to.replace(/\\&/g, '&')) : []),
  ].map((line) => line.replace(/\\n/g, '\n')));
  return lines.length > 0 && files.length > 0 ? { text: lines.join('\n'), files: files.slice(0, 16) } : undefined;
}
/** `[address]a|i|c[\\] text`, the address a line number, `$` or a /regex/. */
const SED_INSERT = /(?:^|[;\n])[ \t]*(?:(?:\d{1,9}|\$|\/[^/\n]{0,256}\/)[ \t]*)?[aic]\\?[ \t]*([^\n]{1,4096})/g;

/** sed's or perl's in-place switch, alone or among others (`-i`, `-i.bak`, `-pi`, perl's `-0pi`), or `--in-place`. */
export const inPlace = (argv: readonly string[]) => argv.some((w) => /^-[a-zA-Z0-9]*i/.test(w) || w.startsWith('--in-place'));

/** Past one address at `i`: a line number (`3`, `0~4`, `+2`), `$`, or a regex `/re/` or `\cREc` with its I/M flags. */
function pastAddress(s: string, i: number): number {
  if (s[i] === '$') return i + 1;
  if (/[0-9+~]/.test(s[i] ?? '')) {
    while (i < s.length && /[0-9+~]/.test(s[i]!)) i++;
    return i;
  }
  const open = s[i] === '/' ? i : s[i] === '\\' && i + 1 < s.length ? i + 1 : -1;
  if (open < 0) return i;
  const regex = delimited(s, open + 1, s[open]!);
  if (!regex) return s.length;
  let end = regex.end;
  while (s[end] === 'I' || s[end] === 'M') end++;
  return end;
}

/** The text from `i` up to the next unescaped `delimiter`, with `\<delimiter>` made the delimiter, and where it ends. */
function delimited(s: string, i: number, delimiter: string): { text: string; end: number } | undefined {
  let text = '';
  while (i < s.length && s[i] !== delimiter) {
    if (s[i] === '\\' && i + 1 < s.length) {
      text += s[i + 1] === delimiter ? delimiter : s.slice(i, i + 2);
      i += 2;
    } else text += s[i++];
  }
  return i < s.length ? { text, end: i + 1 } : undefined;
}
