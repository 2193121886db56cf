import { SECRET_PATTERNS } from '../engine/knowledge/secrets.js';

/**
 * Removes secrets from what is sent to the semantic-analysis provider: a third party must not
 * receive a developer's credentials because an agent's command mentioned them. Over-redaction
 * costs the model a little context and under-redaction leaks a credential, so doubtful cases are
 * redacted. Every pass is linear in the text: the format patterns are a literal anchor and a
 * bounded class, and everything else is a hand-written scanner whose look-ahead is either consumed
 * or a constant.
 */

/** The caller sends far less and says so when it cuts; this only bounds the work. */
const MAX_TEXT_CHARS = 65536;
/** A quoted value that does not close within this many characters is redacted this far. */
const MAX_QUOTED_CHARS = 1000;
const MARKER = '[REDACTED:';
/** Longer than any `[REDACTED:<kind>]`, so a marker without its `]` is not searched for to the end. */
const MAX_MARKER_CHARS = 64;

/** Replaces secrets in text with [REDACTED:<kind>] and reports how many were replaced. */
export function redactSecrets(text: string): { text: string; redactions: number } {
  let t = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  let redactions = 0;
  for (const pass of PASSES) {
    const r = pass(t);
    t = r.text;
    redactions += r.redactions;
  }
  return { text: t, redactions };
}

type Pass = (text: string) => { text: string; redactions: number };

/**
 * Key blocks first, so their bodies are not matched piecemeal; known formats before the generic
 * rules, so a token says what it is; URL passwords before assignments (see redactUrlPasswords).
 */
const PASSES: readonly Pass[] = [redactBlocks, redactTokens, redactUrlPasswords, redactAssignments];

/** Builds the output of a left-to-right pass from the text and the ranges it replaces. */
class Rewriter {
  private out = '';
  private pos = 0;
  redactions = 0;
  constructor(private readonly text: string) {}

  replace(from: number, to: number, kind: string): void {
    this.out += this.text.slice(this.pos, from) + `${MARKER}${kind}]`;
    this.pos = to;
    this.redactions++;
  }

  result(): { text: string; redactions: number } {
    return { text: this.out + this.text.slice(this.pos), redactions: this.redactions };
  }
}

// ---------------------------------------------------------------------------------------------
// Known formats (src/engine/knowledge/secrets.ts)

/**
 * Formats whose pattern matches only a header: the secret is the block that follows, up to the
 * position these return (the text's end when the block never ends).
 */
const BLOCK_ENDS: ReadonlyMap<string, (text: string, from: number) => number> = new Map([
  ['private key', pemEnd],
  ['PuTTY private key', puttyEnd],
]);

const globalCopy = (re: RegExp): RegExp => new RegExp(re.source, re.flags + 'g');
const BLOCKS = SECRET_PATTERNS.filter((p) => BLOCK_ENDS.has(p.kind)).map((p) => ({ kind: p.kind, re: globalCopy(p.re), end: BLOCK_ENDS.get(p.kind)! }));
const TOKENS = SECRET_PATTERNS.filter((p) => !BLOCK_ENDS.has(p.kind)).map((p) => ({ kind: p.kind, re: globalCopy(p.re) }));

/** Just past the first `-----END … PRIVATE KEY…-----` line from `from`. */
function pemEnd(text: string, from: number): number {
  const LABEL_AT = '-----END '.length;
  for (let at = text.indexOf('-----END ', from); at >= 0; ) {
    const close = text.indexOf('-----', at + LABEL_AT);
    if (close < 0) break;
    const label = close - at - LABEL_AT <= 40 ? text.slice(at + LABEL_AT, close) : '';
    // a label running over a line is a broken END line; taking it could expose the next key's body
    if (label.includes('PRIVATE KEY') && !label.includes('\n')) return close + 5;
    at = text.indexOf('-----END ', close);
  }
  return text.length;
}

/** A .ppk file ends with its `Private-MAC:` line. */
function puttyEnd(text: string, from: number): number {
  const mac = text.indexOf('Private-MAC:', from);
  if (mac < 0) return text.length;
  const eol = text.indexOf('\n', mac);
  return eol < 0 ? text.length : eol;
}

/** Key blocks go first: their base64 body would otherwise be matched piecemeal, and partly missed. */
function redactBlocks(text: string): { text: string; redactions: number } {
  let t = text;
  let redactions = 0;
  for (const b of BLOCKS) {
    const r = new Rewriter(t);
    b.re.lastIndex = 0;
    for (let m = b.re.exec(t); m; m = b.re.exec(t)) {
      const end = b.end(t, m.index + m[0].length);
      r.replace(m.index, end, b.kind);
      b.re.lastIndex = end;
    }
    t = r.result().text;
    redactions += r.redactions;
  }
  return { text: t, redactions };
}

function redactTokens(text: string): { text: string; redactions: number } {
  let t = text;
  let redactions = 0;
  for (const p of TOKENS) {
    t = t.replace(p.re, () => {
      redactions++;
      return `${MARKER}${p.kind}]`;
    });
  }
  return { text: t, redactions };
}

// ---------------------------------------------------------------------------------------------
// URL passwords

/**
 * `scheme://user:password@host`. The authority runs to the first `/` or space, and the last `@`
 * in it ends the userinfo, since a password may itself hold an `@`. Runs before the assignment
 * pass, which would read `token:pw@host` as a `token:` name with the value `pw@host`.
 */
function redactUrlPasswords(text: string): { text: string; redactions: number } {
  const r = new Rewriter(text);
  for (let at = text.indexOf('://'); at >= 0; ) {
    let colon = -1;
    let lastAt = -1;
    let end = at + 3;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === SLASH || isSpace(c)) break;
      if (c === AT) lastAt = end;
      else if (c === COLON && colon < 0) colon = end;
    }
    if (colon >= 0 && colon + 1 < lastAt && !text.startsWith(MARKER, colon + 1)) r.replace(colon + 1, lastAt, 'url-password');
    // the authority holds no `/`, so the next `://` starts at its last character at the earliest
    at = text.indexOf('://', end - 1);
  }
  return r.result();
}

// ---------------------------------------------------------------------------------------------
// Assignments, auth headers and password flags

const SECRET_WORDS = ['password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'api_key', 'api-key', 'access_key', 'accesskey', 'private_key', 'auth', 'credential', 'session'];
/**
 * Names with a secret word that hold no secret: session ids, which hook payloads carry and which
 * identify a conversation, and the shell's working-directory variables (every `env` dump).
 */
const NOT_SECRETS: ReadonlySet<string> = new Set(['session_id', 'sessionid', 'session-id', 'pwd', 'oldpwd']);
/**
 * Names whose value says where a secret is kept (`--password-file`, `DB_PASSWORD_FILE`,
 * `--password-stdin`, a flag without a value): that location is what the reviewer needs to see.
 */
const LOCATION_SUFFIXES = ['_file', '-file', '_path', '-path', '_stdin', '-stdin'];
const AUTH_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization']);
const MYSQL_CLIENTS: ReadonlySet<string> = new Set(['mysql', 'mariadb', 'mysqldump']);

function isSecretName(lowercase: string): boolean {
  let k = 0;
  while (lowercase.charCodeAt(k) === DASH) k++;
  const name = k === 0 ? lowercase : lowercase.slice(k);
  return SECRET_WORDS.some((w) => name.includes(w)) && !NOT_SECRETS.has(name) && !LOCATION_SUFFIXES.some((s) => name.endsWith(s));
}

/**
 * One walk over the text. Each name (a run of letters, digits, `_` and `-`) is looked at where it
 * ends: is it followed by `=`, `:=`, `=>`, `:` (after a closing quote for a quoted key), or is it
 * a `--flag` followed by a value? The walk goes on past a redacted value and past a header's
 * scheme; what it looks ahead at and then reads again is blanks only, so it stays linear.
 */
function redactAssignments(text: string): { text: string; redactions: number } {
  const r = new Rewriter(text);
  const n = text.length;
  let mysqlOnLine = false;
  let sshpassOnLine = false;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      mysqlOnLine = sshpassOnLine = false;
      i++;
      continue;
    }
    if (c === LEFT_BRACKET && text.startsWith(MARKER, i)) {
      i = markerEnd(text, i);
      continue;
    }
    if (!isNameChar(c)) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isNameChar(text.charCodeAt(i))) i++;
    const name = text.slice(start, i);

    if (MYSQL_CLIENTS.has(name)) mysqlOnLine = true;
    else if (name === 'sshpass') sshpassOnLine = true;
    if ((mysqlOnLine || sshpassOnLine) && name.startsWith('-p') && (start === 0 || isSpace(text.charCodeAt(start - 1)))) {
      const word = passwordFlagValue(text, start, i, sshpassOnLine);
      if (word) {
        r.replace(word.from, word.to, 'password-flag');
        i = word.resume;
        continue;
      }
    }

    const before = start > 0 ? text.charCodeAt(start - 1) : -1;
    const quotedName = (before === QUOTE || before === APOSTROPHE) && text.charCodeAt(i) === before;
    const nameEnd = quotedName ? i + 1 : i;
    const sepAt = skipBlanks(text, nameEnd);
    const sep = text.charCodeAt(sepAt);
    const sepNext = text.charCodeAt(sepAt + 1);
    let valueAt: number;
    let colon = false;
    if (sep === EQUALS && sepNext !== EQUALS) valueAt = skipBlanks(text, sepAt + (sepNext === GREATER ? 2 : 1));
    else if (sep === COLON && sepNext === EQUALS) valueAt = skipBlanks(text, sepAt + 2);
    else if (sep === COLON && sepNext !== COLON) {
      valueAt = skipBlanks(text, sepAt + 1);
      colon = true;
    } else if (!quotedName && sepAt > nameEnd && name.charCodeAt(0) === DASH && !NOT_A_FLAG_VALUE.has(sep)) valueAt = sepAt;
    else continue;

    const lowercase = name.toLowerCase();
    if (colon && !quotedName && AUTH_HEADERS.has(lowercase)) {
      const credential = headerCredential(text, valueAt);
      if (credential.to > credential.from) r.replace(credential.from, credential.to, 'auth-header');
      i = credential.resume;
      continue;
    }
    if (!isSecretName(lowercase)) continue;
    // a JSON or Python key's unquoted value is a literal ending at the structure's punctuation
    const word = readWord(text, valueAt, quotedName);
    if (!word) continue;
    r.replace(word.from, word.to, 'assignment');
    i = word.resume;
  }
  return r.result();
}

/** After `--flag` and a blank, these start another flag, a redirection or a subshell: not a value. */
const NOT_A_FLAG_VALUE: ReadonlySet<number> = new Set([0x2d, 0x3c, 0x3e, 0x28, 0x29]);

interface Word {
  /** The range replaced. */
  from: number;
  to: number;
  /** Where the walk goes on. */
  resume: number;
}

/**
 * `mysql -pSECRET` (never `-p SECRET`: that is mysql's prompt followed by a database name) and
 * `sshpass -pSECRET` or `sshpass -p SECRET`.
 */
function passwordFlagValue(text: string, start: number, end: number, sshpass: boolean): Word | undefined {
  const attached = start + 2;
  if (attached < text.length && !isSpace(text.charCodeAt(attached))) return readWord(text, attached, false);
  if (!sshpass || end !== attached) return undefined;
  const at = skipBlanks(text, end);
  if (at === end || text.charCodeAt(at) === DASH) return undefined;
  return readWord(text, at, false);
}

/**
 * `Authorization: Bearer xyz` keeps its scheme and loses the rest of the header: everything to the
 * end of the line or a closing quote (an AWS signature lists several parameters). A single word is
 * the credential itself. Nothing is replaced when `to` is `from`; the walk still goes on past the
 * scheme, so a header already redacted is not looked at again word by word.
 */
function headerCredential(text: string, at: number): Word {
  const n = text.length;
  if (text.startsWith(MARKER, at)) return { from: at, to: at, resume: at };
  let from = at;
  let wordEnd = at;
  while (wordEnd < n && !isSpace(text.charCodeAt(wordEnd)) && !isQuote(text.charCodeAt(wordEnd))) wordEnd++;
  const next = skipBlanks(text, wordEnd);
  if (next > wordEnd && next < n && !isSpace(text.charCodeAt(next)) && !isQuote(text.charCodeAt(next))) from = next;
  if (text.startsWith(MARKER, from)) return { from, to: from, resume: from };
  let to = from;
  while (to < n && !isLineBreak(text.charCodeAt(to)) && !isQuote(text.charCodeAt(to))) to++;
  while (to > from && isBlank(text.charCodeAt(to - 1))) to--;
  return { from, to, resume: to };
}

/**
 * The value at `at`: a quoted string, whose content is replaced and whose quotes stay so code
 * around it still reads as code, or a run of characters up to a space, a quote, `;`, `&`, `|` or a
 * redaction marker. Undefined when empty or already redacted.
 */
function readWord(text: string, at: number, json: boolean): Word | undefined {
  const n = text.length;
  if (at >= n || text.startsWith(MARKER, at)) return undefined;
  // bash's $'…' and $"…" quote like '…' and "…"
  const open = text.charCodeAt(at) === DOLLAR && isQuote(text.charCodeAt(at + 1)) ? at + 1 : at;
  if (isQuote(text.charCodeAt(open))) {
    if (text.startsWith(MARKER, open + 1)) return undefined;
    const q = quotedEnd(text, open);
    const to = q.closed ? q.end - 1 : q.end;
    return to > open + 1 ? { from: open + 1, to, resume: q.end } : undefined;
  }
  let i = at;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (!isValueChar(c) || (json && JSON_PUNCTUATION.has(c)) || (c === LEFT_BRACKET && text.startsWith(MARKER, i))) break;
  }
  return i > at ? { from: at, to: i, resume: i } : undefined;
}

const JSON_PUNCTUATION: ReadonlySet<number> = new Set([0x2c, 0x7d, 0x5d]);

/** Just past the quote closing the one at `open`, honouring backslash escapes, within MAX_QUOTED_CHARS. */
function quotedEnd(text: string, open: number): { end: number; closed: boolean } {
  const q = text.charCodeAt(open);
  const limit = Math.min(text.length, open + 1 + MAX_QUOTED_CHARS);
  for (let i = open + 1; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === q) return { end: i + 1, closed: true };
  }
  // an unclosed quote hides where the secret ends: all of it is taken
  return { end: limit, closed: false };
}

function markerEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + MAX_MARKER_CHARS);
  for (let i = at + MARKER.length; i < limit; i++) if (text.charCodeAt(i) === RIGHT_BRACKET) return i + 1;
  return at + MARKER.length;
}

function skipBlanks(text: string, at: number): number {
  let i = at;
  while (i < text.length && isBlank(text.charCodeAt(i))) i++;
  return i;
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKTICK = 0x60;
const DOLLAR = 0x24;
const DASH = 0x2d;
const SLASH = 0x2f;
const COLON = 0x3a;
const EQUALS = 0x3d;
const GREATER = 0x3e;
const AT = 0x40;
const LEFT_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const RIGHT_BRACKET = 0x5d;

const isBlank = (c: number): boolean => c === SPACE || c === TAB;
const isLineBreak = (c: number): boolean => c === LF || c === CR;
const isSpace = (c: number): boolean => c === SPACE || (c >= TAB && c <= CR);
const isQuote = (c: number): boolean => c === QUOTE || c === APOSTROPHE;
const isNameChar = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === DASH;
/**
 * `;`, `&` and `|` end a shell command, and with it an unquoted value; a backquote starts a command
 * substitution, which is code the reviewer should see rather than a secret.
 */
const isValueChar = (c: number): boolean => !isSpace(c) && !isQuote(c) && c !== BACKTICK && c !== 0x3b && c !== 0x26 && c !== 0x7c;
