/**
 * Backslash-escape decoding shared by `$'…'`, `echo -e` and `printf`. Linear, bounded by input.
 * `mode` selects the dialect: printf/echo accept `\0NNN` octal; `$'…'` accepts `\NNN` and `\cX`.
 */
export function decodeEscapes(s: string, mode: 'ansi-c' | 'echo' | 'printf' | 'printf-b'): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': case 'E': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case "'": out += mode === 'ansi-c' ? "'" : "\\'"; break;
      case '"': out += mode === 'ansi-c' ? '"' : '\\"'; break;
      case '?': out += mode === 'ansi-c' ? '?' : '\\?'; break;
      case 'x': {
        const m = takeWhile(s, i + 1, 2, isHex);
        if (m.length === 0) { out += '\\x'; break; }
        out += String.fromCharCode(parseInt(m, 16));
        i += m.length;
        break;
      }
      case 'u': case 'U': {
        const m = takeWhile(s, i + 1, n === 'u' ? 4 : 8, isHex);
        if (m.length === 0) { out += '\\' + n; break; }
        const cp = parseInt(m, 16);
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
        i += m.length;
        break;
      }
      case 'c':
        if (mode === 'ansi-c' && i + 1 < s.length) {
          out += String.fromCharCode(s.charCodeAt(++i) & 0x1f);
          break;
        }
        out += '\\c';
        break;
      default:
        if (isOct(n)) {
          // echo/printf spell octal as \0NNN; $'…' and printf's format also take \NNN, and printf's %b both
          let start = i;
          if (mode === 'echo' || (mode === 'printf-b' && n === '0')) {
            if (n !== '0') { out += '\\' + n; break; }
            start = i + 1;
          }
          const m = takeWhile(s, start, 3, isOct);
          out += String.fromCharCode(parseInt(m || '0', 8) & 0xff);
          i = start + m.length - 1;
          break;
        }
        out += mode === 'ansi-c' ? '\\' + n : '\\' + n;
    }
  }
  return out;
}

function takeWhile(s: string, from: number, max: number, ok: (c: string) => boolean): string {
  let end = from;
  while (end < s.length && end - from < max && ok(s[end]!)) end++;
  return s.slice(from, end);
}
const isHex = (c: string) => /[0-9a-fA-F]/.test(c);
const isOct = (c: string) => c >= '0' && c <= '7';
