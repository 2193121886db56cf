/**
 * Lines of a byte stream, each at most `maxBytes` long (without its `\n` or `\r\n`). A longer line
 * yields `undefined` and its bytes are dropped as they arrive, so one endless line cannot grow the
 * buffer the way readline's would.
 */
export async function* boundedLines(input: AsyncIterable<Buffer>, maxBytes: number, encoding: 'utf8' | 'latin1' = 'utf8'): AsyncGenerator<string | undefined> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const take = (piece: Buffer): void => {
    if (overflow || piece.length === 0) return;
    if (size + piece.length > maxBytes + 1) { // +1: room for a '\r' that is not part of the line
      overflow = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  const finish = (): string | undefined => {
    let line: string | undefined;
    if (!overflow) {
      const bytes = Buffer.concat(parts, size);
      const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
      line = end > maxBytes ? undefined : bytes.toString(encoding, 0, end);
    }
    parts = [];
    size = 0;
    overflow = false;
    return line;
  };
  for await (const chunk of input) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      if (size === 0 && !overflow) {
        // the usual case, a line within one chunk: decoded in place, without copying its bytes
        const end = nl > start && chunk[nl - 1] === 0x0d ? nl - 1 : nl;
        yield end - start > maxBytes ? undefined : chunk.toString(encoding, start, end);
      } else {
        take(chunk.subarray(start, nl));
        yield finish();
      }
      start = nl + 1;
    }
    take(chunk.subarray(start));
  }
  if (size > 0 || overflow) yield finish();
}
