/** SQL as the engine reads it: tokens, and the strings a statement builds to run. */
import { decodeBase64, decodeHex } from '../shell/decoders.js';

const MAX_SQL = 64 * 1024;
const MAX_TOKENS = 8192;
/** Characters a backslash escapes in a MySQL string, read as themselves. */
const SQL_ESCAPES = new Set(["'", '"', '\\', '%', '_']);

export type TokenKind = 'word' | 'string' | 'number' | 'punct';
export interface Token { kind: TokenKind; text: string }

/**
 * A linear SQL tokenizer: words upper-cased (dotted names kept whole), string literals as one token,
 * comments dropped (a MySQL versioned comment's text kept). No regex ever runs over the query as a whole.
 */
export function sqlTokens(query: string): Token[] {
  const s = query.length > MAX_SQL ? query.slice(0, MAX_SQL) : query;
  const out: Token[] = [];
  let i = 0;
  let versioned = false;
  while (i < s.length && out.length < MAX_TOKENS) {
    const ch = s[i]!;
    const start = i;
    if (ch === '-' && s[i + 1] === '-') { const nl = s.indexOf('\n', i); i = nl < 0 ? s.length : nl + 1; continue; }
    if (ch === '#') { const nl = s.indexOf('\n', i); i = nl < 0 ? s.length : nl + 1; continue; }
    // MySQL runs what a versioned comment holds (`/*!50000DROP*/`): its text is read, its markers are not
    if (ch === '/' && s[i + 1] === '*' && s[i + 2] === '!' && !versioned) { versioned = true; i += 3; while (i < s.length && i < start + 9 && s[i]! >= '0' && s[i]! <= '9') i++; continue; }
    if (ch === '*' && s[i + 1] === '/' && versioned) { versioned = false; i += 2; continue; }
    if (ch === '/' && s[i + 1] === '*') { const end = s.indexOf('*/', i + 2); i = end < 0 ? s.length : end + 2; continue; }
    if (ch === "'" || ch === '"' || ch === '`') {
      // PostgreSQL's U&'\0044…' keeps its backslashes for the escapes it spells
      const unicode = out.length >= 2 && out[out.length - 1]!.text === '&' && out[out.length - 2]!.text === 'U';
      let j = i + 1;
      let text = '';
      while (j < s.length) {
        if (s[j] === ch) { if (s[j + 1] === ch) { text += ch; j += 2; continue; } break; }
        // MySQL's escapes; any other backslash is kept, as PostgreSQL and SQL Server read it (`'\\host\share'`)
        if (s[j] === '\\' && ch === "'" && !unicode && j + 1 < s.length) { text += SQL_ESCAPES.has(s[j + 1]!) ? s[j + 1] : s[j]! + s[j + 1]; j += 2; continue; }
        text += s[j];
        j++;
      }
      out.push({ kind: ch === "'" ? 'string' : 'word', text: ch === "'" ? text : text.toUpperCase() });
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      // PostgreSQL dollar quoting: $$…$$ or $tag$…$tag$ is one string, semicolons included
      let j = i + 1;
      while (j < s.length && j - i < 64 && /[A-Za-z_]/.test(s[j]!)) j++;
      if (s[j] === '$') {
        const tag = s.slice(i, j + 1);
        const end = s.indexOf(tag, j + 1);
        out.push({ kind: 'string', text: s.slice(j + 1, end < 0 ? s.length : end) });
        i = end < 0 ? s.length : end + tag.length;
        continue;
      }
    }
    if (/[A-Za-z_@$]/.test(ch)) {
      let j = i + 1;
      while (j < s.length && /[A-Za-z0-9_$@.]/.test(s[j]!)) j++;
      out.push({ kind: 'word', text: s.slice(i, j).toUpperCase() });
      i = j;
      continue;
    }
    // a hex literal (`0x44524f50`) is one number, read as a string where strings are folded
    if (ch === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9A-Fa-f]/.test(s[i + 2] ?? '')) {
      let j = i + 2;
      while (j < s.length && /[0-9A-Fa-f]/.test(s[j]!)) j++;
      out.push({ kind: 'number', text: s.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      let j = i + 1;
      while (j < s.length && /[0-9.]/.test(s[j]!)) j++;
      out.push({ kind: 'number', text: s.slice(i, j) });
      i = j;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') { i++; continue; }
    out.push({ kind: 'punct', text: ch });
    i++;
  }
  return out;
}

/** Bounds on folding: the strings read from one statement, the length of each, and how deep calls nest. */
const MAX_FOLDED = 16;
const MAX_FOLDED_TEXT = 8192;
const MAX_FOLD_DEPTH = 8;

interface Folded { text: string; built: boolean; end: number }

/**
 * The text of each string expression a statement builds rather than writes out: pieces joined with `||`, `+` or
 * CONCAT, characters from CHR/CHAR codes, hex (`0x…`, X'…', UNHEX, decode(…, 'hex')), base64 (FROM_BASE64,
 * decode(…, 'base64')), U&'\0044' escapes and REVERSE. `EXECUTE 'DR' || 'OP …'`, `PREPARE s FROM CONCAT('DR', …)`
 * and `EXEC('xp_' + 'cmdshell …')` run that text, so it is read as the statement it spells.
 */
export function foldedStrings(st: readonly Token[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < st.length && out.length < MAX_FOLDED; k++) {
    const f = foldExpr(st, k, 0);
    if (!f) continue;
    if (f.built) out.push(f.text);
    k = Math.max(k, f.end - 1);
  }
  return out;
}

export const isPunct = (t: Token | undefined, p: string) => t?.kind === 'punct' && t.text === p;

function foldExpr(st: readonly Token[], at: number, depth: number): Folded | undefined {
  let left = foldTerm(st, at, depth);
  if (!left) return undefined;
  for (let guard = 0; guard < 256; guard++) {
    const k = left.end;
    const op = isPunct(st[k], '|') && isPunct(st[k + 1], '|') ? 2 : isPunct(st[k], '+') ? 1 : 0;
    if (op === 0) break;
    const right = foldTerm(st, k + op, depth);
    if (!right) break;
    left = { text: (left.text + right.text).slice(0, MAX_FOLDED_TEXT), built: true, end: right.end };
  }
  return left;
}

/** The arguments of a call whose name is at `at`: folded expressions, or numbers, up to the closing parenthesis. */
function foldArgs(st: readonly Token[], at: number, depth: number): { args: Array<Folded | number>; end: number } | undefined {
  if (!isPunct(st[at + 1], '(') || depth >= MAX_FOLD_DEPTH) return undefined;
  const args: Array<Folded | number> = [];
  let k = at + 2;
  for (let guard = 0; guard < 256 && k < st.length; guard++) {
    const t = st[k];
    if (t?.kind === 'number' && !t.text.startsWith('0x') && (isPunct(st[k + 1], ',') || isPunct(st[k + 1], ')'))) { args.push(Number(t.text)); k++; }
    else {
      const f = foldExpr(st, k, depth + 1);
      if (!f) return undefined;
      args.push(f);
      k = f.end;
    }
    if (isPunct(st[k], ')')) return { args, end: k + 1 };
    if (!isPunct(st[k], ',')) return undefined;
    k++;
  }
  return undefined;
}

const textOf = (a: Folded | number | undefined) => (typeof a === 'object' ? a.text : undefined);

function foldTerm(st: readonly Token[], at: number, depth: number): Folded | undefined {
  const t = st[at];
  if (!t) return undefined;
  if (t.kind === 'string') return { text: t.text.slice(0, MAX_FOLDED_TEXT), built: false, end: at + 1 };
  if (t.kind === 'number' && t.text.startsWith('0x')) { const text = decodeHex(t.text.slice(2)); return text === undefined ? undefined : { text, built: true, end: at + 1 }; }
  if (t.kind !== 'word') return undefined;
  // X'44524f50' and U&'\0044\0052…'
  if (t.text === 'X' && st[at + 1]?.kind === 'string') { const text = decodeHex(st[at + 1]!.text); return text === undefined ? undefined : { text, built: true, end: at + 2 }; }
  if (t.text === 'U' && isPunct(st[at + 1], '&') && st[at + 2]?.kind === 'string') return { text: unicodeEscapes(st[at + 2]!.text), built: true, end: at + 3 };
  const call = foldArgs(st, at, depth);
  if (!call) return undefined;
  const { args, end } = call;
  const built = (text: string | undefined) => (text === undefined ? undefined : { text: text.slice(0, MAX_FOLDED_TEXT), built: true, end });
  switch (t.text) {
    case 'CONCAT': return args.every((a) => typeof a === 'object') ? built(args.map(textOf).join('')) : undefined;
    case 'CONCAT_WS': return args.every((a) => typeof a === 'object') && args.length > 1 ? built(args.slice(1).map(textOf).join(textOf(args[0]))) : undefined;
    case 'CHR': case 'CHAR': case 'NCHAR':
      return args.every((a) => typeof a === 'number' && a >= 0 && a <= 0x10ffff) ? built(String.fromCodePoint(...(args as number[]))) : undefined;
    case 'UNHEX': return built(decodeHex(textOf(args[0]) ?? ''));
    case 'FROM_BASE64': return built(decodeBase64(textOf(args[0]) ?? ''));
    case 'DECODE': {
      const format = textOf(args[1])?.toLowerCase();
      const data = textOf(args[0]);
      return data === undefined ? undefined : built(format === 'hex' ? decodeHex(data) : format === 'base64' ? decodeBase64(data) : undefined);
    }
    case 'CONVERT_FROM': case 'REVERSE': case 'LOWER': case 'UPPER': {
      const a = args[0];
      if (typeof a !== 'object') return undefined;
      const text = t.text === 'REVERSE' ? [...a.text].reverse().join('') : t.text === 'LOWER' ? a.text.toLowerCase() : t.text === 'UPPER' ? a.text.toUpperCase() : a.text;
      return { text, built: a.built || t.text === 'REVERSE', end };
    }
    default: return undefined;
  }
}

/** PostgreSQL's U&'…' escapes: `\0044` and `\+000044`. */
function unicodeEscapes(s: string): string {
  let out = '';
  for (let i = 0; i < s.length && out.length < MAX_FOLDED_TEXT; i++) {
    const six = s[i] === '\\' && s[i + 1] === '+' ? /^[0-9A-Fa-f]{6}$/.exec(s.slice(i + 2, i + 8))?.[0] : undefined;
    const four = six === undefined && s[i] === '\\' ? /^[0-9A-Fa-f]{4}$/.exec(s.slice(i + 1, i + 5))?.[0] : undefined;
    const code = six ?? four;
    const cp = code === undefined ? undefined : parseInt(code, 16);
    if (cp !== undefined && cp <= 0x10ffff) { out += String.fromCodePoint(cp); i += six ? 7 : 4; }
    else out += s[i];
  }
  return out;
}

/**
 * A query's statements as the server reads them, for rules that match their text: comments gone, versioned comments
 * opened, words upper-cased, a string literal's text left out (`LIKE '%DROP DATABASE%'` searches for those words), and
 * the SQL it hands on to run and the statements its strings spell appended (`'DR' || 'OP DATABASE x'` reads as DROP
 * DATABASE x).
 */
export function sqlSpelled(query: string): string {
  const st = sqlTokens(query);
  const run = [st, ...executedStrings(st).map((text) => sqlTokens(text))];
  return [...run.map((r) => r.map((t) => (t.kind === 'string' ? "''" : t.text)).join(' ')), ...run.flatMap((r) => foldedStrings(r))].join(' ; ');
}

/**
 * The SQL a statement hands to the server to run later or elsewhere, as written in its strings: a DO block's or a
 * function's body, `EXECUTE '…'`, `EXEC('…')`, `PREPARE s FROM '…'`, `sp_executesql N'…'`, pg_cron's scheduled
 * command and dblink's remote statement. Other strings are data, and stay data.
 */
export function executedStrings(st: readonly Token[]): string[] {
  const out: string[] = [];
  const first = st[0]?.text;
  if (first === 'DO') { const body = st.find((t) => t.kind === 'string'); if (body) out.push(body.text); }
  const definesCode = first === 'CREATE' && st.slice(1, 6).some((t) => t.text === 'FUNCTION' || t.text === 'PROCEDURE');
  for (let k = 0; k < st.length && out.length < MAX_FOLDED; k++) {
    const t = st[k]!;
    if (t.kind === 'string' && definesCode && st[k - 1]?.text === 'AS') out.push(t.text);
    if (t.kind !== 'word') continue;
    // EXECUTE '…', EXECUTE IMMEDIATE '…', EXEC('…'), sp_executesql N'…', PREPARE s FROM '…'
    const at = isPunct(st[k + 1], '(') ? k + 2 : st[k + 1]?.text === 'N' ? k + 2 : k + 1;
    if ((t.text === 'EXECUTE' || t.text === 'EXEC' || t.text === 'IMMEDIATE' || t.text === 'SP_EXECUTESQL' || (t.text === 'FROM' && st[k - 2]?.text === 'PREPARE')) && st[at]?.kind === 'string') out.push(st[at]!.text);
    // cron.schedule('name', '*/5 * * * *', $$…$$), dblink_exec('host=…', '…'): every string argument, read as SQL
    if ((t.text.startsWith('CRON.SCHEDULE') || t.text === 'DBLINK_EXEC' || t.text === 'DBLINK') && isPunct(st[k + 1], '(')) {
      for (let j = k + 2, depth = 1; j < st.length && j < k + 64 && depth > 0; j++) {
        if (isPunct(st[j], '(')) depth++;
        else if (isPunct(st[j], ')')) depth--;
        else if (st[j]!.kind === 'string' && depth === 1 && out.length < MAX_FOLDED) out.push(st[j]!.text);
      }
    }
  }
  return out;
}

const READING_STATEMENTS = new Set(['SELECT', 'WITH', 'SHOW', 'EXPLAIN', 'DESCRIBE', 'DESC']);
/** Words that make a reading statement write, run or hand something on (`SELECT … INTO t`, `EXPLAIN ANALYZE DELETE …`). */
const WRITING_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UPSERT', 'REPLACE', 'INTO', 'COPY', 'CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'GRANT', 'REVOKE', 'EXEC', 'EXECUTE', 'CALL', 'OUTFILE', 'DUMPFILE', 'DBLINK', 'DBLINK_EXEC']);

/** Whether every statement of a query only reads: a search for a phrase in a query's strings says nothing to anyone. */
export function onlyReads(query: string): boolean {
  const st = sqlTokens(query);
  let start = true;
  for (const t of st) {
    if (isPunct(t, ';')) { start = true; continue; }
    if (t.kind !== 'word') { if (start) return false; continue; }
    if (start && !READING_STATEMENTS.has(t.text)) return false;
    start = false;
    if (WRITING_WORDS.has(t.text)) return false;
  }
  return st.length > 0;
}

/** Table functions and calls that read a file the query names: DuckDB's readers, SQLite's readfile, the servers' file reads. */
const FILE_READERS = new Set(['READ_TEXT', 'READ_BLOB', 'READ_CSV', 'READ_CSV_AUTO', 'READ_JSON', 'READ_JSON_AUTO', 'READ_NDJSON', 'READ_PARQUET', 'PARQUET_SCAN', 'READFILE', 'PG_READ_FILE', 'PG_READ_BINARY_FILE', 'LOAD_FILE', 'LO_IMPORT']);

/**
 * Command lines DuckDB's shellfs extension runs for a query: a reader's path that ends in a pipe
 * (`read_csv('curl -s https://… | sh |')`) runs it and reads its output, a COPY to one that starts with a pipe writes to it.
 */
export function shellfsCommands(query: string): string[] {
  if (!query.includes('|')) return [];
  const st = sqlTokens(query);
  const out: string[] = [];
  for (const f of filesQueried(query)) if (/\|\s*$/.test(f)) out.push(f.replace(/\|\s*$/, ''));
  for (let k = 1; k < st.length && out.length < 16; k++) if (st[k]!.kind === 'string' && st[k - 1]!.text === 'TO' && /^\s*\|/.test(st[k]!.text)) out.push(st[k]!.text.replace(/^\s*\|/, ''));
  return out.slice(0, 16);
}

/** The files a query reads through its engine (`read_text(['~/.aws/credentials', …])`, `readfile('…')`), the first 16. */
export function filesQueried(query: string): string[] {
  const st = sqlTokens(query);
  const out: string[] = [];
  for (let k = 0; k < st.length && out.length < 16; k++) {
    if (st[k]!.kind !== 'word' || !FILE_READERS.has(st[k]!.text) || !isPunct(st[k + 1], '(')) continue;
    // one path, or DuckDB's list of them
    for (let j = k + 2; j < st.length && j < k + 40 && out.length < 16; j++) {
      const t = st[j]!;
      if (t.kind === 'string') out.push(t.text);
      else if (!isPunct(t, '[') && !isPunct(t, ',')) break;
    }
  }
  return out;
}
