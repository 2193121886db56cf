import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { decodeEscapes } from './escapes.js';

/** Decoded payloads larger than this are cut: a static decode must never become a memory sink. */
export const MAX_DECODED = 64 * 1024;

const B64 = new Int16Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (B64[c.charCodeAt(0)] = i));
B64['-'.charCodeAt(0)] = 62;
B64['_'.charCodeAt(0)] = 63;

/** Lenient base64 (standard or URL alphabet, whitespace ignored). Returns undefined when it is not base64 or not text. */
export function decodeBase64(s: string): string | undefined {
  const bytes = base64Bytes(s);
  return bytes && bytesToText(bytes);
}

/** Base64 whose bytes were each XORed with one key byte (`bytes(b ^ 90 for b in b64decode('…'))`). */
export function decodeBase64Xor(s: string, key: number): string | undefined {
  const bytes = base64Bytes(s);
  return bytes && bytesToText(bytes.map((b) => b ^ (key & 0xff)));
}

/**
 * Base64 of gzip (or brotli) data, as `echo H4sI… | base64 -d | gunzip | sh` hides a script: inflated
 * in memory with the output capped at MAX_DECODED, so a decompression bomb stops at the cap and
 * yields nothing. A pure computation, like the other decoders; text only.
 */
export function decodeBase64Compressed(s: string, format: 'gzip' | 'zlib' | 'raw' | 'brotli'): string | undefined {
  const bytes = base64Bytes(s);
  if (!bytes || bytes.length < 4) return undefined;
  try {
    const data = Uint8Array.from(bytes);
    const limit = { maxOutputLength: MAX_DECODED };
    const out = format === 'gzip' ? gunzipSync(data, limit) : format === 'zlib' ? inflateSync(data, limit) : format === 'raw' ? inflateRawSync(data, limit) : brotliDecompressSync(data, limit);
    return bytesToText([...out]);
  } catch {
    // not that format, cut off by the base64 bound, or over the cap
    return undefined;
  }
}

/** Base64 of UTF-16LE text, the form of PowerShell's -EncodedCommand. */
export function decodeBase64Utf16(s: string): string | undefined {
  const bytes = base64Bytes(s, 2 * MAX_DECODED);
  if (!bytes || bytes.length < 2) return undefined;
  const text = new TextDecoder('utf-16le', { fatal: false }).decode(Uint8Array.from(bytes.length % 2 ? bytes.slice(0, -1) : bytes));
  return isText(text) ? text : undefined;
}

function base64Bytes(s: string, max = MAX_DECODED): number[] | undefined {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  let seen = 0;
  for (let i = 0; i < s.length && bytes.length < max; i++) {
    const code = s.charCodeAt(i);
    if (code === 61 /* = */) break;
    if (code === 32 || code === 10 || code === 13 || code === 9) continue;
    const v = code < 128 ? B64[code]! : -1;
    if (v < 0) return undefined;
    seen++;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return seen < 2 ? undefined : bytes;
}

export function decodeBase32(s: string): string | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length && bytes.length < MAX_DECODED; i++) {
    const c = s[i]!.toUpperCase();
    if (c === '=') break;
    if (c === ' ' || c === '\n' || c === '\r') continue;
    const v = alphabet.indexOf(c);
    if (v < 0) return undefined;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return bytes.length ? bytesToText(bytes) : undefined;
}

/** Bitcoin's base58 alphabet (no 0, O, I or l). */
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Base58 decoding is quadratic in its length: longer inputs are not decoded. */
const MAX_BASE58 = 1024;

/** Base58 (`base58 -d`), as text; undefined when it is not base58, not text, or longer than the bound. */
export function decodeBase58(s: string): string | undefined {
  const t = s.trim();
  if (t.length === 0 || t.length > MAX_BASE58) return undefined;
  // the number, little-endian in bytes, multiplied by 58 and added to digit by digit
  const bytes: number[] = [];
  for (const ch of t) {
    let carry = BASE58.indexOf(ch);
    if (carry < 0) return undefined;
    for (let k = 0; k < bytes.length; k++) {
      carry += bytes[k]! * 58;
      bytes[k] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  // each leading '1' is a leading zero byte
  for (let k = 0; k < t.length && t[k] === '1'; k++) bytes.push(0);
  return bytes.length ? bytesToText(bytes.reverse()) : undefined;
}

/** Percent-encoding undone (`+` as a space when `form`); a stray `%` leaves the text as it is. */
export function percentDecoded(text: string, form = false): string {
  const t = form ? text.replace(/\+/g, ' ') : text;
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
}

/** Base64 decoded, and inflated when the decoding call sits inside `zlib.decompress(…)` or `gzip.decompress(…)` (`before` is the text before that call). */
export function base64Inflated(s: string, before: string): string | undefined {
  // (PHP's gzinflate reads raw deflate, gzuncompress zlib's and gzdecode gzip's: `gzinflate(base64_decode("…"))`)
  const zip = /\b(?:zlib(?:['"]\s*\))?\.decompress|gzuncompress)\(\s*$/.test(before) ? 'zlib' : /\b(?:gzip(?:['"]\s*\))?\.decompress|gzdecode)\(\s*$/.test(before) ? 'gzip' : /\bgzinflate\(\s*$/.test(before) ? 'raw' : undefined;
  return zip ? decodeBase64Compressed(s, zip) : decodeBase64(s);
}

const BASE85 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';

/** Base85 as Python's `b85decode` reads it (RFC 1924's alphabet), bounded like the rest. */
export function decodeBase85(s: string): string | undefined {
  const text = s.replace(/\s/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length && bytes.length < MAX_DECODED; i += 5) {
    const chunk = text.slice(i, i + 5);
    let acc = 0;
    for (let k = 0; k < 5; k++) {
      const v = k < chunk.length ? BASE85.indexOf(chunk[k]!) : 84;
      if (v < 0) return undefined;
      acc = acc * 85 + v;
    }
    if (acc > 0xffffffff) return undefined;
    const group = [(acc >>> 24) & 0xff, (acc >>> 16) & 0xff, (acc >>> 8) & 0xff, acc & 0xff];
    bytes.push(...group.slice(0, chunk.length - 1));
  }
  return bytes.length ? bytesToText(bytes) : undefined;
}

/** Plain hex dump (`xxd -p` style), separators ignored. */
export function decodeHex(s: string): string | undefined {
  const bytes: number[] = [];
  let hi = -1;
  for (let i = 0; i < s.length && bytes.length < MAX_DECODED; i++) {
    const c = s[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === ':') continue;
    if (c === '\\' && s[i + 1] === 'x') { i++; continue; }
    const v = parseInt(c, 16);
    if (Number.isNaN(v)) return undefined;
    if (hi < 0) hi = v;
    else {
      bytes.push(hi * 16 + v);
      hi = -1;
    }
  }
  return bytes.length ? bytesToText(bytes) : undefined;
}

function bytesToText(bytes: number[]): string | undefined {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(bytes));
  return isText(text) ? text : undefined;
}

/** A decode that yields mostly control characters is binary, not a hidden command. */
function isText(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 10 && c !== 13 && c !== 9) || c === 0xfffd) control++;
  }
  return control * 10 <= text.length;
}

/** A string's characters in reverse order (`'imaohw'[::-1]`, Ruby's `.reverse`). */
export const reversed = (s: string) => Array.from(s).reverse().join('');

/** rot13 of the ASCII letters, the rest left as they are. */
export const rot13 = (s: string) => s.replace(/[a-zA-Z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) & 31) + 12) % 26 + (c.charCodeAt(0) & 96) + 1));

export function reverseLines(s: string): string {
  return s
    .split('\n')
    .map(reversed)
    .join('\n');
}

/** `tr SET1 SET2` with ranges, enough for rot13 and character-swap tricks. */
export function translate(s: string, from: string, to: string): string | undefined {
  const a = expandTrSet(from);
  const b = expandTrSet(to);
  if (!a || !b || b.length === 0) return undefined;
  const map = new Map<string, string>();
  a.forEach((c, i) => map.set(c, b[Math.min(i, b.length - 1)]!));
  let out = '';
  for (const c of s) out += map.get(c) ?? c;
  return out;
}

/** `tr -d SET`: the text without the set's characters. */
export function deleteChars(s: string, set: string): string | undefined {
  const drop = expandTrSet(set);
  if (!drop) return undefined;
  const gone = new Set(drop);
  let out = '';
  for (const c of s) if (!gone.has(c)) out += c;
  return out;
}

function expandTrSet(set: string): string[] | undefined {
  const out: string[] = [];
  const s = decodeEscapes(set, 'printf');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '[' && s[i + 1] === ':') return undefined; // character classes: not worth modelling
    if (i + 2 < s.length && s[i + 1] === '-') {
      const lo = s.charCodeAt(i);
      const hi = s.charCodeAt(i + 2);
      if (hi < lo || hi - lo > 256) return undefined;
      for (let c = lo; c <= hi; c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(s[i]!);
  }
  return out;
}

/** A bounded `printf FORMAT ARGS…`: %s %b %d %c %x %o and escapes; the format is reused while arguments remain. */
export function printf(format: string, args: string[]): string {
  let out = '';
  let argi = 0;
  for (let round = 0; round < 64 && out.length < MAX_DECODED; round++) {
    let literal = '';
    for (let i = 0; i < format.length; i++) {
      const c = format[i]!;
      if (c !== '%') {
        literal += c;
        continue;
      }
      out += decodeEscapes(literal, 'printf');
      literal = '';
      let j = i + 1;
      while (j < format.length && '-+ #0123456789.'.includes(format[j]!)) j++;
      const conv = format[j];
      i = j;
      if (conv === '%') { out += '%'; continue; }
      const arg = args[argi++] ?? '';
      switch (conv) {
        case 's': out += arg; break;
        case 'b': out += decodeEscapes(arg, 'printf-b'); break;
        case 'c': out += arg.slice(0, 1); break;
        case 'd': case 'i': out += String(parseInt(arg, 10) || 0); break;
        case 'x': out += (parseInt(arg, 10) || 0).toString(16); break;
        case 'o': out += (parseInt(arg, 10) || 0).toString(8); break;
        default: out += arg;
      }
    }
    out += decodeEscapes(literal, 'printf');
    if (argi === 0 || argi >= args.length) break;
  }
  return out.slice(0, MAX_DECODED);
}

/** The text a list of character codes spells (`String.fromCharCode(115, 101, …)`, Lua's `string.char(…)`), bounded. */
export const charCodes = (list: string): string => String.fromCharCode(...list.split(',', 4096).map((n) => Number(n.trim())).filter((n) => n > 0 && n < 0x110000));
