import { describe, expect, it } from 'vitest';
import { boundedLines } from '../src/cli/bounded-lines.js';

async function lines(chunks: string[], max: number): Promise<(string | undefined)[]> {
  async function* source() { for (const c of chunks) yield Buffer.from(c); }
  const out: (string | undefined)[] = [];
  for await (const l of boundedLines(source(), max)) out.push(l);
  return out;
}

describe('boundedLines', () => {
  it('splits on \\n and \\r\\n, across chunk edges, keeping a last line without a newline', async () => {
    expect(await lines(['ab', 'c\nde\r', '\n\nf'], 10)).toEqual(['abc', 'de', '', 'f']);
    expect(await lines(['x\n'], 10)).toEqual(['x']);
    expect(await lines([], 10)).toEqual([]);
  });

  it('decodes a multibyte character split between chunks', async () => {
    const b = Buffer.from('é\n');
    async function* source() { yield b.subarray(0, 1); yield b.subarray(1); }
    const out: (string | undefined)[] = [];
    for await (const l of boundedLines(source(), 10)) out.push(l);
    expect(out).toEqual(['é']);
  });

  it('reports a line past the limit as undefined and recovers on the next line', async () => {
    expect(await lines(['12345\n123456\n1234', '56', '7\nok'], 5)).toEqual(['12345', undefined, undefined, 'ok']);
    expect(await lines(['12345\r\n'], 5)).toEqual(['12345']);
    expect(await lines(['123456\r\n'], 5)).toEqual([undefined]);
    expect(await lines(['1234567'], 5)).toEqual([undefined]);
  });
});
