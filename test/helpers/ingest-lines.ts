import { readFileSync } from 'node:fs';
import type { FormatReader, IngestItem, InputLine } from '../../src/ingest/types.js';
import { SNIFF_LINE_CHARS, SNIFF_LINES } from '../../src/ingest/types.js';

export interface LineOptions {
  /** Lines longer than this many bytes come through as `text: undefined`, as the scanner's line reader gives them. */
  maxLineBytes?: number;
}

/** A reader that wants raw bytes (zsh) names the encoding its lines must be decoded with. */
const encodingOf = (reader: FormatReader): BufferEncoding => ('lineEncoding' in reader ? (reader.lineEncoding as BufferEncoding) : 'utf8');

/** A file's lines split on \n (a trailing \r dropped), like the scanner's bounded line reader. */
export function fileLines(path: string, encoding: BufferEncoding, opts: LineOptions = {}): InputLine[] {
  const bytes = readFileSync(path);
  const out: InputLine[] = [];
  let start = 0;
  while (start < bytes.length) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    const tooLong = opts.maxLineBytes !== undefined && stop - start > opts.maxLineBytes;
    out.push({ line: out.length + 1, text: tooLong ? undefined : bytes.toString(encoding, start, stop) });
    start = end + 1;
  }
  return out;
}

export async function* asLines(lines: readonly InputLine[]): AsyncIterable<InputLine> {
  for (const l of lines) yield l;
}

/** Lines from texts, numbered from 1; `undefined` stands for an over-long line. */
export const numbered = (texts: readonly (string | undefined)[]): InputLine[] => texts.map((text, i) => ({ line: i + 1, text }));

export async function collect(reader: FormatReader, lines: readonly InputLine[], path = 'test-input'): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of reader.read(asLines(lines), { path })) out.push(item);
  return out;
}

/** Every item a reader gives for a fixture file, its lines decoded the way the reader asks. */
export function readFixture(reader: FormatReader, path: string, opts: LineOptions = {}): Promise<IngestItem[]> {
  return collect(reader, fileLines(path, encodingOf(reader), opts), path);
}

/** What sniff sees: the first SNIFF_LINES non-empty lines, each cut at SNIFF_LINE_CHARS. */
export function sniffHead(path: string): string[] {
  return fileLines(path, 'utf8')
    .map((l) => l.text ?? '')
    .filter((t) => t.trim() !== '')
    .slice(0, SNIFF_LINES)
    .map((t) => t.slice(0, SNIFF_LINE_CHARS));
}
