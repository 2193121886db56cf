import type { FormatReader, IngestItem, InputLine } from '../types.js';
import { checkLine, epochSecondsToMs, nameHint, shellCall } from './shared.js';

/**
 * ~/.local/share/fish/fish_history: fish's "nearly YAML" (src/history/yaml_backend.rs in fish 4,
 * history.cpp in fish 2–3):
 *
 *   - cmd: <command, a backslash written \\ and a newline \n>
 *     when: <epoch seconds>
 *     paths:
 *       - <path the command named>
 *
 * Only `cmd` and `when` are kept, so an entry's size is its cmd line, which the line limit bounds;
 * `paths` lines are read past, however many there are.
 */
export const fishHistoryReader: FormatReader = {
  format: 'fish-history',
  sniff(head, path) {
    if (head.some((h) => h.startsWith(CMD)) && head.some((h) => h.startsWith(WHEN))) return 10;
    return nameHint(path, ['fish_history']);
  },
  read: (lines) => readEntries(lines),
};

const CMD = '- cmd:';
const WHEN = '  when:';

interface Entry {
  line: number;
  command: string;
  at?: number;
}

async function* readEntries(lines: AsyncIterable<InputLine>): AsyncIterable<IngestItem> {
  let entry: Entry | undefined;
  for await (const l of lines) {
    const c = checkLine(l);
    // Indented lines belong to the entry above; with no entry (its cmd line was skipped) they are dropped with it.
    if (c.kind === 'text' && c.text.startsWith(' ')) {
      if (entry && c.text.startsWith(WHEN)) entry.at = epochSecondsToMs(c.text.slice(WHEN.length).trim()) ?? entry.at;
      continue;
    }
    if (entry) yield shellCall(entry.command, entry.line, entry.at, 'shell');
    entry = undefined;
    if (c.kind === 'skip') yield c;
    else if (c.text.startsWith(CMD)) entry = { line: c.line, command: unescapeFish(c.text.slice(CMD.length).trimStart()) };
    else if (c.text.trim() !== '') yield { kind: 'skip', line: c.line, reason: 'not a fish history entry (expected "- cmd: ")' };
  }
  if (entry) yield shellCall(entry.command, entry.line, entry.at, 'shell');
}

/**
 * fish's escape_yaml_fish_2_0 writes `\` as `\\` and a newline as `\n`, nothing else. fish's own
 * unescape stops at any other backslash pair, which it never writes; here such a pair is kept as it
 * is, so a hand-edited file cannot hide the rest of a command.
 */
export function unescapeFish(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const next = s[i + 1];
    if (ch === '\\' && (next === '\\' || next === 'n')) {
      out += next === 'n' ? '\n' : '\\';
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}
