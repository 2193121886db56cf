import { readFile } from 'node:fs/promises';
import { SNIFF_LINE_CHARS, SNIFF_LINES, type FormatReader, type IngestedCall, type IngestItem, type InputLine } from '../../src/ingest/types.js';
import { readAs } from '../../src/engine/tool-shape.js';

/** A file's lines as the scanner hands them to a reader: 1-based, without their line ends. */
export async function fileLines(path: string): Promise<InputLine[]> {
  const text = (await readFile(path)).toString('utf8');
  const parts = text.split('\n');
  if (parts.at(-1) === '') parts.pop();
  return parts.map((t, i) => ({ text: t.endsWith('\r') ? t.slice(0, -1) : t, line: i + 1 }));
}

export async function* iterate(lines: readonly InputLine[]): AsyncIterable<InputLine> {
  for (const l of lines) yield l;
}

/** Lines from texts (undefined: a line over the length limit), numbered from 1. */
export const linesOf = (texts: ReadonlyArray<string | undefined>): InputLine[] => texts.map((text, i) => ({ text, line: i + 1 }));

export async function collect(reader: FormatReader, lines: readonly InputLine[], path = 'input.jsonl'): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of reader.read(iterate(lines), { path })) out.push(item);
  return out;
}

export async function readFixture(reader: FormatReader, path: string): Promise<IngestItem[]> {
  return collect(reader, await fileLines(path), path);
}

/** The head a reader's sniff sees: the first non-empty lines, each cut. */
export async function headOf(path: string): Promise<string[]> {
  const lines = await fileLines(path);
  return lines
    .map((l) => l.text ?? '')
    .filter((t) => t.trim() !== '')
    .slice(0, SNIFF_LINES)
    .map((t) => t.slice(0, SNIFF_LINE_CHARS));
}

export const callsOf = (items: readonly IngestItem[]): IngestedCall[] => items.filter((i): i is IngestedCall => i.kind === 'call');

/** One call in a line for table assertions: where, which tool, what it does, how it ended. */
export function brief(c: IngestedCall): [number, string | undefined, string, string | undefined] {
  // as the engine reads it: an agent's Edit or apply_patch is the write it makes
  const call = readAs(c.request.call);
  const what =
    call.kind === 'bash'
      ? call.command
      : call.kind === 'filesystem'
        ? `${call.operation} ${call.path}`
        : call.kind === 'network'
          ? `${call.method} ${call.url}`
          : call.kind === 'database'
            ? `query ${call.query}`
            : `unknown ${call.toolName}`;
  return [c.line, c.tool, what, c.outcome];
}
