import { expandBraces } from './braces.js';
import { decodeEscapes } from './escapes.js';
import type { Redirect } from './types.js';

/**
 * A quote-aware splitter for text the parser rejected: statements on `;`, `&`, `|`, `&&`, `||` and
 * newlines, then words with brace expansion and quote removal. Linear, never throws; good enough to keep analyzing.
 */
export interface FallbackStatement {
  words: string[];
  /** Redirections written unquoted (`> /etc/crontab`, `2>/dev/null`), taken out of the words. */
  redirects: Redirect[];
  text: string;
  pipedFromPrevious: boolean;
}

/**
 * Quoted `{`, `,` and `}` stand in for themselves during brace expansion (`{perl,-e,'socket(S,PF_INET,…)'}` is one
 * script), so they are held as private-use characters until it is done; unless the text has those characters itself.
 */
const HELD: Readonly<Record<string, string>> = { '{': '\uE000', ',': '\uE001', '}': '\uE002' };
const RELEASED: Readonly<Record<string, string>> = { '\uE000': '{', '\uE001': ',', '\uE002': '}' };
const release = (w: string) => w.replace(/[\uE000-\uE002]/g, (c) => RELEASED[c]!);

export function fallbackStatements(text: string): FallbackStatement[] {
  const hold = /[\uE000-\uE002]/.test(text) ? (c: string) => c : (c: string) => HELD[c] ?? c;
  const quoted = (q: string) => (q.includes('{') || q.includes(',') || q.includes('}') ? [...q].map(hold).join('') : q);
  const out: FallbackStatement[] = [];
  let words: string[] = [];
  // the words with nothing quoted or escaped in them, which alone can be a redirection's operator
  let bare: boolean[] = [];
  let word = '';
  let inWord = false;
  let quotedPart = false;
  let start = 0;
  let piped = false;
  const endWord = () => {
    if (inWord) words.push(word), bare.push(!quotedPart);
    word = '';
    inWord = false;
    quotedPart = false;
  };
  const endStatement = (at: number, nextPiped: boolean) => {
    endWord();
    const { kept, redirects } = redirectsOut(words, bare);
    const expanded = kept.flatMap((w) => expandBraces(w).map(release));
    if (expanded.length) out.push({ words: expanded, redirects, text: text.slice(start, at).trim(), pipedFromPrevious: piped });
    words = [];
    bare = [];
    start = at + 1;
    piped = nextPiped;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      if (text[i + 1] !== '\n') { word += hold(text[i + 1]!); inWord = true; quotedPart = true; }
      i++;
      continue;
    }
    // ANSI-C quoting, decoded: `{$'\x63at',/etc/shadow}`
    if (c === '$' && text[i + 1] === "'") {
      let j = i + 2;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      word += quoted(decodeEscapes(text.slice(i + 2, Math.min(j, text.length)), 'ansi-c'));
      inWord = true;
      quotedPart = true;
      i = j;
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word += quoted(text.slice(i + 1, end < 0 ? text.length : end));
      inWord = true;
      quotedPart = true;
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) { word += hold(text[j + 1]!); j += 2; continue; }
        word += hold(text[j]!);
        j++;
      }
      inWord = true;
      quotedPart = true;
      i = j;
      continue;
    }
    if (c === ' ' || c === '\t') { endWord(); continue; }
    if (c === ';' || c === '\n' || c === '&' || c === '|' || c === '(' || c === ')' || c === '{' && !inWord && text[i + 1] === ' ' || c === '}' && !inWord) {
      const pipe = c === '|' && text[i + 1] !== '|' && text[i - 1] !== '|';
      if ((c === '&' || c === '|') && text[i + 1] === c) {
        endStatement(i, false);
        i++;
        continue;
      }
      if (c === '&' && (text[i + 1] === '>' || text[i - 1] === '>')) { word += c; inWord = true; continue; }
      endStatement(i, pipe);
      continue;
    }
    word += c;
    inWord = true;
  }
  endStatement(text.length, false);
  return out;
}

/** An unquoted redirection's operator, with its target in the same word (`2>/dev/null`) or the next. */
const REDIRECT_WORD = /^(\d?)(>>|>\||>&|&>>|&>|<<<|<>|>|<)(.*)$/s;

/** Takes the unquoted redirections out of a statement's words. */
function redirectsOut(words: string[], bare: boolean[]): { kept: string[]; redirects: Redirect[] } {
  const kept: string[] = [];
  const redirects: Redirect[] = [];
  for (let k = 0; k < words.length; k++) {
    const m = bare[k] ? REDIRECT_WORD.exec(words[k]!) : null;
    if (!m || (m[3] === '' && k + 1 >= words.length)) { kept.push(words[k]!); continue; }
    const target = m[3] !== '' ? m[3]! : words[++k]!;
    redirects.push({ op: m[2]!, ...(m[1] ? { fd: Number(m[1]) } : {}), target: release(target), dynamic: target.includes('$') });
  }
  return { kept, redirects };
}
