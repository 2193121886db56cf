import { gzipSync } from 'node:zlib';

/** One file of an archive. */
export interface TarEntry {
  /** The path inside the archive, `/`-separated, relative. */
  name: string;
  data: Buffer;
  /** Default 0o600: a diagnostic bundle is for the person it is sent to. */
  mode?: number;
}

const BLOCK = 512;
/** The largest size the 12-byte octal field holds (8 GiB - 1); far above anything a bundle carries. */
const MAX_SIZE = 0o77777777777;

/**
 * A field of `width` bytes holding `value` in octal, zero-padded and NUL-terminated, as POSIX ustar
 * writes numbers.
 */
function octal(header: Buffer, offset: number, width: number, value: number): void {
  const digits = value.toString(8).padStart(width - 1, '0');
  if (digits.length > width - 1) throw new RangeError(`tar: ${value} does not fit a ${width}-byte field`);
  header.write(`${digits}\0`, offset, width, 'ascii');
}

/**
 * Splits a path into ustar's name (100 bytes) and prefix (155 bytes) fields at a `/`; names of the
 * bundle are far shorter, but the limit is checked rather than the name silently cut.
 */
function splitName(name: string): { name: Buffer; prefix: Buffer } {
  const whole = Buffer.from(name, 'utf8');
  if (whole.length <= 100) return { name: whole, prefix: Buffer.alloc(0) };
  for (let i = whole.length - 1; i > 0; i--) {
    if (whole[i] !== 0x2f) continue;
    if (i <= 155 && whole.length - i - 1 <= 100 && whole.length - i - 1 > 0) return { name: whole.subarray(i + 1), prefix: whole.subarray(0, i) };
  }
  throw new RangeError(`tar: the path ${JSON.stringify(name)} is too long for a ustar header`);
}

/** The 512-byte POSIX ustar header of one entry (type '0' file or '5' directory). */
function header(name: string, size: number, mode: number, mtime: number, type: '0' | '5'): Buffer {
  if (size > MAX_SIZE) throw new RangeError(`tar: ${name} is ${size} bytes, more than a ustar entry holds`);
  const h = Buffer.alloc(BLOCK);
  const parts = splitName(name);
  parts.name.copy(h, 0);
  octal(h, 100, 8, mode);
  octal(h, 108, 8, 0); // uid: the archive names no owner, so extracting gives the files to whoever extracts
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtime);
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  parts.prefix.copy(h, 345);
  // the checksum is computed with its own field read as eight spaces
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

/**
 * A gzip-compressed POSIX ustar archive of `entries` under the directory `dir`: a header per entry,
 * its data padded to a whole block, and two zero blocks at the end. Everything is in memory: the
 * caller bounds each entry's size.
 */
export function tarGz(dir: string, entries: readonly TarEntry[], mtime: Date = new Date()): Buffer {
  const seconds = Math.floor(mtime.getTime() / 1000);
  const parts: Buffer[] = [header(`${dir}/`, 0, 0o700, seconds, '5')];
  for (const e of entries) {
    parts.push(header(`${dir}/${e.name}`, e.data.length, e.mode ?? 0o600, seconds, '0'), e.data);
    const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(parts));
}
