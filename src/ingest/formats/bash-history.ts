import type { FormatReader, IngestItem, InputLine } from '../types.js';
import { allDigits, checkLine, epochSecondsToMs, nameHint, shellCall } from './shared.js';

/**
 * ~/.bash_history. With HISTTIMEFORMAT set, bash writes `#<epoch seconds>` before each entry
 * (readline histfile.c, HIST_TIMESTAMP_START: the comment char followed by a digit); the time holds
 * for every line up to the next such line. Each other line is one command: with `lithist` bash may
 * write one entry over several lines, and nothing in the file tells those apart.
 */
export const bashHistoryReader: FormatReader = {
  format: 'bash-history',
  sniff(head, path) {
    if (head.filter(isTimestampLine).length >= 2) return 8;
    return nameHint(path, ['.bash_history', 'bash_history']);
  },
  async *read(lines: AsyncIterable<InputLine>): AsyncIterable<IngestItem> {
    let at: number | undefined;
    for await (const l of lines) {
      const c = checkLine(l);
      if (c.kind === 'skip') {
        yield c;
      } else if (c.text.startsWith('#')) {
        at = epochSecondsToMs(c.text.slice(1)) ?? at;
      } else if (c.text.trim() !== '') {
        yield shellCall(c.text, c.line, at, 'shell');
      }
    }
  },
};

/** `#` and 9–11 digits: epoch seconds from 2001 to 5138, what bash writes, and unlike any comment. */
function isTimestampLine(text: string): boolean {
  return text.startsWith('#') && text.length >= 10 && text.length <= 12 && allDigits(text, 1);
}
