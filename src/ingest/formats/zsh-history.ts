import type { FormatReader, IngestItem, InputLine } from '../types.js';
import { allDigits, checkLine, epochSecondsToMs, nameHint, shellCall } from './shared.js';

/**
 * ~/.zsh_history. With EXTENDED_HISTORY each entry is `: <start epoch>:<elapsed seconds>;<command>`;
 * without it, just the command (and a leading `:` is written `\:`). A newline inside a command is
 * written as backslash-newline, and a line ending in a backslash continues the entry (Src/hist.c,
 * savehistfile and readhistline).
 *
 * The reader wants the file's bytes one per character (`lineEncoding`), because zsh metafies them
 * (see unmetafy below) and only the raw bytes can be put back; it decodes UTF-8 itself.
 */
export const zshHistoryReader: FormatReader = {
  format: 'zsh-history',
  lineEncoding: 'latin1',
  sniff(head, path) {
    if (head.filter((h) => parseExtended(h) !== undefined).length >= 2) return 10;
    return nameHint(path, ['.zsh_history', 'zsh_history', '.zhistory']);
  },
  read: (lines) => readEntries(lines),
};

/** Bound on one multi-line entry; a larger one is skipped rather than held. */
export const MAX_ZSH_ENTRY_CHARS = 1024 * 1024;

interface Entry {
  line: number;
  at: number | undefined;
  text: string;
}

/** After a broken entry: drop lines until the next `: …;` entry, or until the entry's own last line. */
type Discard = 'until-start' | 'until-end' | undefined;

async function* readEntries(lines: AsyncIterable<InputLine>): AsyncIterable<IngestItem> {
  let entry: Entry | undefined;
  let discard: Discard;
  let extended = false;
  for await (const raw of lines) {
    const c = checkLine({ line: raw.line, text: raw.text === undefined ? undefined : unmetafy(raw.text) });
    if (c.kind === 'skip') {
      if (!entry) {
        yield c;
        continue;
      }
      yield { kind: 'skip', line: entry.line, reason: `multi-line entry broken at line ${c.line}: ${c.reason}` };
      entry = undefined;
      // The lost line may or may not have ended the entry; only an extended file says where the next one starts.
      discard = extended ? 'until-start' : undefined;
      continue;
    }
    let text = c.text;
    if (discard === 'until-end') {
      if (!endsWithBackslash(text)) discard = undefined;
      continue;
    }
    if (discard === 'until-start') {
      if (parseExtended(text) === undefined) continue;
      discard = undefined;
    }
    if (!entry) {
      const ext = parseExtended(text);
      if (ext) extended = true;
      else if (text.startsWith('\\:')) text = text.slice(1);
      entry = { line: c.line, at: ext?.at, text: '' };
      text = ext ? text.slice(ext.commandStart) : text;
    } else {
      entry.text += '\n';
    }
    const more = endsWithBackslash(text);
    entry.text += more ? text.slice(0, -1) : text;
    if (entry.text.length > MAX_ZSH_ENTRY_CHARS) {
      yield { kind: 'skip', line: entry.line, reason: `multi-line entry longer than ${MAX_ZSH_ENTRY_CHARS} characters` };
      entry = undefined;
      if (more) discard = extended ? 'until-start' : 'until-end';
    } else if (!more) {
      if (entry.text.trim() !== '') yield shellCall(entry.text, entry.line, entry.at, 'shell');
      entry = undefined;
    }
  }
  // zsh ends an entry at end of file even after a trailing backslash (readhistline checks feof).
  if (entry && entry.text.trim() !== '') yield shellCall(entry.text, entry.line, entry.at, 'shell');
}

const endsWithBackslash = (text: string): boolean => text.endsWith('\\');

/** `: <digits>:<digits>;`, scanned by hand; the command starts after the `;`. */
function parseExtended(text: string): { at: number | undefined; commandStart: number } | undefined {
  if (!text.startsWith(': ')) return undefined;
  const colon = text.indexOf(':', 2);
  if (colon === -1 || !allDigits(text, 2, colon)) return undefined;
  const semi = text.indexOf(';', colon + 1);
  if (semi === -1 || !allDigits(text, colon + 1, semi)) return undefined;
  return { at: epochSecondsToMs(text.slice(2, colon)), commandStart: semi + 1 };
}

/** zsh's Meta byte (Src/zsh.h). */
const META = 0x83;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * zsh "metafies" the text it writes to history: NUL and the bytes Meta (0x83) through Marker (0xA2),
 * which it uses as internal tokens, become Meta followed by the byte XOR 0x20 (Src/zsh.h, comment on
 * `Meta`; unmetafy() in Src/utils.c). In UTF-8 text those bytes are common continuation bytes
 * (`—` is E2 80 94, written E2 80 83 B4), so they must be put back before decoding.
 *
 * `raw` holds one byte per character when the lines were read as latin1. A character above U+00FF
 * means the lines were already decoded as UTF-8: the bytes are gone and the text is taken as it is.
 * Bytes that are not UTF-8 after unmetafying are read as latin1, the usual legacy encoding, which
 * also leaves already-decoded Latin-1 text (`café`) unchanged.
 */
export function unmetafy(raw: string): string {
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c > 0xff) return raw;
    if (c > 0x7f) ascii = false;
  }
  if (ascii) return raw;
  const bytes = Buffer.from(raw, 'latin1');
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    bytes[n++] = b === META && i + 1 < bytes.length ? bytes[++i]! ^ 0x20 : b;
  }
  try {
    return UTF8.decode(bytes.subarray(0, n));
  } catch {
    return bytes.toString('latin1', 0, n);
  }
}
