/**
 * A recognizer for the regular subset of shell that most agent commands use: plain words, single
 * quotes, double quotes without expansions, pipelines, `&&`/`||`/`;` lists and simple redirections.
 * For such a line the parse is unambiguous, so it is lexed directly; anything else (expansions,
 * substitutions, globs' bracket classes, braces, subshells, reserved words, heredocs, comments,
 * backslashes, background jobs) returns undefined and goes to the full parser. A test proves the two
 * agree on every eligible corpus line and on long lines. Linear in the line's length, which the view
 * bounds; its command and argument bounds apply to what this returns, as to the parser's output.
 */
export interface PlainRedirect {
  op: string;
  fd?: number;
  target: string;
}

export interface PlainCommand {
  argv: string[];
  redirects: PlainRedirect[];
  text: string;
  /** Piped from the previous command of the same pipeline. */
  piped: boolean;
}

const WORD_CHAR = /[A-Za-z0-9_./:,@%+=~^*?-]/;
// reserved words, and builtins the grammar reads as declarations (their assignments matter)
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', 'select', 'time', 'coproc', 'in', 'export', 'declare', 'local', 'readonly', 'typeset', 'unset']);

export function plainLine(line: string): PlainCommand[] | undefined {
  const out: PlainCommand[] = [];
  let i = 0;
  let argv: string[] = [];
  let redirects: PlainRedirect[] = [];
  let start = -1;
  let piped = false;
  let pendingRedirect: { op: string; fd?: number } | undefined;

  const finish = (end: number): boolean => {
    // a redirection-only or reserved-word command, or an assignment, needs the full grammar
    if (pendingRedirect || argv.length === 0 || RESERVED.has(argv[0]!) || argv[0]!.includes('=')) return false;
    out.push({ argv, redirects, text: line.slice(start, end).trimEnd(), piped });
    argv = [];
    redirects = [];
    start = -1;
    return true;
  };

  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') { i++; continue; }
    if (start < 0) start = i;
    // operators
    if (c === '|' || c === '&' || c === ';') {
      const two = line.slice(i, i + 2);
      if (two === '&&' || two === '||') {
        if (!finish(i)) return undefined;
        piped = false;
        i += 2;
        continue;
      }
      if (c === '|' && two !== '|&') {
        if (!finish(i)) return undefined;
        piped = true;
        i++;
        continue;
      }
      if (c === ';' && two !== ';;') {
        if (!finish(i)) return undefined;
        piped = false;
        i++;
        continue;
      }
      return undefined;
    }
    if (c === '>' || c === '<') {
      if (pendingRedirect) return undefined;
      let op = c;
      if (line[i + 1] === c) {
        if (c === '<') return undefined; // heredocs go to the full parser
        op = '>>';
      }
      i += op.length;
      if (line[i] === '&') {
        if (op !== '>') return undefined;
        const m = /^(\d+|-)/.exec(line.slice(i + 1, i + 4));
        if (!m || WORD_CHAR.test(line[i + 1 + m[0].length] ?? ' ')) return undefined;
        redirects.push({ op: '>&', target: m[0] });
        i += 1 + m[0].length;
        continue;
      }
      if (line[i] === '|' || line[i] === '>' || line[i] === '<' || line[i] === '(') return undefined;
      pendingRedirect = { op };
      continue;
    }
    // a word: plain characters and quoted runs
    let word = '';
    let quoted = false;
    const wordStart = i;
    while (i < line.length) {
      const ch = line[i]!;
      if (WORD_CHAR.test(ch)) { word += ch; i++; continue; }
      if (ch === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) return undefined;
        word += line.slice(i + 1, end);
        quoted = true;
        i = end + 1;
        continue;
      }
      if (ch === '"') {
        let j = i + 1;
        while (j < line.length && line[j] !== '"') {
          if ('$`\\'.includes(line[j]!)) return undefined;
          j++;
        }
        if (j >= line.length) return undefined;
        word += line.slice(i + 1, j);
        quoted = true;
        i = j + 1;
        continue;
      }
      break;
    }
    if (i === wordStart) return undefined; // a character outside the subset
    const next = line[i];
    if (next !== undefined && next !== ' ' && next !== '\t' && next !== '|' && next !== '&' && next !== ';' && next !== '>' && next !== '<') return undefined;
    if (pendingRedirect) {
      redirects.push({ ...pendingRedirect, target: word });
      pendingRedirect = undefined;
      continue;
    }
    // `2>file`, `2>&1`: a bare fd number glued to a redirection
    if (!quoted && /^\d$/.test(word) && (next === '>' || next === '<')) {
      if (line[i + 1] === '&') {
        const m = /^(\d+|-)/.exec(line.slice(i + 2, i + 5));
        if (!m || WORD_CHAR.test(line[i + 2 + m[0].length] ?? ' ')) return undefined;
        redirects.push({ op: '>&', fd: Number(word), target: m[0] });
        i += 2 + m[0].length;
        continue;
      }
      const op = line[i + 1] === next ? next + next : next;
      if (op === '<<') return undefined;
      i += op.length;
      if (line[i] === '|' || line[i] === '>' || line[i] === '<' || line[i] === '&' || line[i] === '(') return undefined;
      pendingRedirect = { op, fd: Number(word) };
      continue;
    }
    argv.push(word);
  }
  return finish(line.length) ? out : undefined;
}
