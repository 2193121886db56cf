/**
 * What a sent text carries when it is data rather than a message: an encoded or compressed blob, rows of
 * people's addresses, a table. Single passes over a bounded prefix of the text; the patterns test one
 * character or a bounded field, never an open run.
 */

const MAX_SCAN = 64 * 1024;
/** Shortest run of base64 that is a file rather than an id, a hash or a token (a SHA-256 in hex is 64, a JWT segment rarely 160). */
export const MIN_BLOB = 160;

/** Base64 of gzip, zip, bzip2, xz and of a PEM block: a short run with one of these openings is already a packed file. */
const PACKED_OPENINGS = ['H4sI', 'UEsDB', 'QlpoO', '/Td6WFo', 'LS0tLS1CRUdJTi'];
const MIN_PACKED = 32;

const isBase64Char = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x2d || c === 0x5f;

/**
 * The start of the first run of base64 that is a file: MIN_BLOB or more characters mixing upper case, lower
 * case and digits (so no long word, path or hex digest) and not a JWT (`eyJ…`, a login's token), or a
 * shorter one that opens as a packed file does.
 */
export function encodedBlob(text: string): string | undefined {
  const t = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  let start = 0;
  let upper = false;
  let lower = false;
  let digit = false;
  for (let k = 0; k <= t.length; k++) {
    const c = k < t.length ? t.charCodeAt(k) : -1;
    if (c >= 0 && isBase64Char(c)) {
      if (c >= 0x41 && c <= 0x5a) upper = true;
      else if (c >= 0x61 && c <= 0x7a) lower = true;
      else if (c >= 0x30 && c <= 0x39) digit = true;
      continue;
    }
    const n = k - start;
    const packed = n >= MIN_PACKED && PACKED_OPENINGS.some((o) => t.startsWith(o, start));
    if (packed || (n >= MIN_BLOB && upper && lower && digit && !t.startsWith('eyJ', start))) return `${t.slice(start, start + 24)}… (${n} characters)`;
    start = k + 1;
    upper = lower = digit = false;
  }
  return undefined;
}

/** Distinct e-mail addresses in a text, counted up to `cap`: a list of them is a table of people. */
export function emailAddresses(text: string, cap: number): number {
  const t = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const seen = new Set<string>();
  for (let at = t.indexOf('@'); at > 0 && seen.size < cap; at = t.indexOf('@', at + 1)) {
    let a = at;
    while (a > 0 && at - a < 64 && /[A-Za-z0-9._%+-]/.test(t[a - 1]!)) a--;
    let b = at + 1;
    let dot = false;
    for (; b < t.length && b - at < 255 && /[A-Za-z0-9.-]/.test(t[b]!); b++) if (t[b] === '.') dot = true;
    if (a < at && dot && b > at + 3) seen.add(t.slice(a, b).toLowerCase());
  }
  return seen.size;
}

/**
 * Rows of a comma-separated table that opens a text: a header of three or more column names, then the
 * rows with as many fields (counted up to 50 lines). A table in a mail's body is an export pasted in.
 */
export function csvRows(text: string): number {
  const lines = text.slice(0, 8192).split('\n', 51);
  const header = lines[0]!.split(',');
  if (header.length < 3 || !header.every((h) => /^[A-Za-z][A-Za-z0-9_ ]{0,39}$/.test(h.trim()))) return 0;
  let rows = 0;
  for (const l of lines.slice(1)) if (l.split(',').length === header.length) rows++;
  return rows;
}

/**
 * One e-mail address; every part has a bounded length, so no start position costs more than a few hundred steps (a long
 * run of letters costs 64 steps a character: look for an `@` first).
 */
export const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,6}/;
/** The e-mail addresses a text names, the first 32, as written. */
export const emailAddressList = (text: string): string[] => [...text.slice(0, 16384).matchAll(new RegExp(EMAIL_ADDRESS.source, 'g'))].map((m) => m[0]).slice(0, 32);
/** A consumer mail provider's domain as it ends an address (`@gmail.com`, a sentence's full stop after it too), where a work account would not be. */
export const PERSONAL_MAIL_DOMAIN = String.raw`@(?:gmail|googlemail|outlook|hotmail|live|yahoo|ymail|protonmail|proton|pm|icloud|me|aol|gmx|yandex|mail|mailbox|posteo|mailfence|disroot|riseup|onionmail|tutanota|tuta|zoho|fastmail|hushmail|mailinator|guerrillamail|sharklasers|yopmail|trashmail|dispostable|maildrop|10minutemail|temp-mail)\.[a-z]{2,3}(?:\.[a-z]{2})?(?![\w-]|\.[\w-])`;
/** An address at a consumer mail provider. */
export const PERSONAL_MAILBOX = new RegExp(`[A-Za-z0-9._%+-]{1,64}${PERSONAL_MAIL_DOMAIN}`, 'i');
/** The same provider's domain alone: for long text, where the address's local part would cost 64 steps a character. */
export const PERSONAL_MAIL_AT = new RegExp(PERSONAL_MAIL_DOMAIN, 'i');
