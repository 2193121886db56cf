import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InputSource } from '../src/scan/inputs.js';
import { BATCH_ITEMS, readSource, type SourceEvent } from '../src/scan/read-source.js';
import { AUTO_THREAD_BYTES, useReaderThread } from '../src/scan/reader-thread.js';

const dir = mkdtempSync(join(tmpdir(), 'px-read-source-'));
const file = (path: string, size?: number): InputSource => ({ path, display: path, named: true, size });

async function events(source: InputSource): Promise<{ events: SourceEvent[]; lines: number; bytes: number }> {
  const out = { events: [] as SourceEvent[], lines: 0, bytes: 0 };
  for await (const e of readSource(source, undefined, { lines: (n) => (out.lines += n), bytes: (n) => (out.bytes += n) })) out.events.push(e);
  return out;
}

describe('readSource', () => {
  it('names the format, then hands the items over in batches, counting every line and byte', async () => {
    const path = join(dir, 'commands.txt');
    const text = Array.from({ length: BATCH_ITEMS + 10 }, (_, i) => `echo ${i}`).join('\n') + '\n';
    writeFileSync(path, text);
    const r = await events(file(path));
    expect(r.events.map((e) => (e.kind === 'items' ? e.items.length : e.kind))).toEqual(['format', BATCH_ITEMS, 10]);
    expect([r.lines, r.bytes]).toEqual([BATCH_ITEMS + 10, Buffer.byteLength(text)]);
  });

  it('reports an input it cannot read, and one in no format it knows, without throwing', async () => {
    expect((await events(file(dir))).events).toEqual([{ kind: 'unreadable', message: expect.stringContaining('EISDIR') }]);
    const binary = join(dir, 'blob.bin');
    writeFileSync(binary, Buffer.from([0, 1, 2, 255, 0, 10]));
    const walked = { ...file(binary), named: false };
    expect((await events(walked)).events).toEqual([{ kind: 'skipped', reason: expect.any(String) }]);
  });
});

describe('useReaderThread', () => {
  it('reads on a second thread for large files only, never for stdin, as asked', () => {
    const big = file('big.jsonl', AUTO_THREAD_BYTES);
    const small = file('small.jsonl', AUTO_THREAD_BYTES - 1);
    expect(useReaderThread('off', [big])).toBe(false);
    expect(useReaderThread('on', [small])).toBe(true);
    expect(useReaderThread('on', [small, { path: '-', display: '-', named: true }])).toBe(false);
    expect(useReaderThread('auto', [small])).toBe(false);
    // auto also needs a second core
    expect(useReaderThread('auto', [big])).toBe(availableParallelism() > 1);
  });
});
