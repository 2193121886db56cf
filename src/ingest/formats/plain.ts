import type { FormatReader, IngestItem, InputLine } from '../types.js';
import { checkLine, headLooksBinary, shellCall } from './shared.js';

/** One shell command per line; `#` lines are comments, as they would be in a script. */
export const plainReader: FormatReader = {
  format: 'plain',
  // The fallback: any text might be a list of commands, so it only ever guesses.
  sniff: (head) => (headLooksBinary(head) ? 0 : 1),
  async *read(lines: AsyncIterable<InputLine>): AsyncIterable<IngestItem> {
    for await (const l of lines) {
      const c = checkLine(l);
      if (c.kind === 'skip') yield c;
      else if (isCommand(c.text)) yield shellCall(c.text, c.line, undefined, undefined);
    }
  },
};

function isCommand(text: string): boolean {
  const t = text.trimStart();
  return t !== '' && !t.startsWith('#');
}
