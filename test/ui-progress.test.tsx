import { PassThrough } from 'node:stream';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { startProgress } from '../src/ui/progress.js';
import type { Snapshot } from '../src/ui/progress-types.js';
import { ScanProgress, shortenLeft } from '../src/ui/scan-progress.js';

const base: Snapshot = { files: 1, filesTotal: 4, bytes: 250, bytesTotal: 1000, lines: 12345, calls: 678, flagged: 3, file: 'transcripts/s1.jsonl', startedAt: 10_000, now: 12_000 };

/** ink-testing-library draws on a 100-column stdout. */
const frame = (s: Partial<Snapshot>) => render(<ScanProgress snapshot={{ ...base, ...s }} color={false} />).lastFrame() ?? '';

describe('ScanProgress', () => {
  it('draws a bar, the percent and the counts when the total size is known', () => {
    // 13 cells: 30 needs a terminal of 117 columns or more (see the tmux test)
    expect(frame({})).toBe(`${'█'.repeat(3)}${'░'.repeat(10)}  25%  1/4 files  12.3K lines (6.2K/s)  678 calls  3 flagged  transcripts/s1.jsonl`);
    expect(frame({ bytes: 1000, files: 4, now: base.startedAt })).toContain(`${'█'.repeat(13)} 100%  4/4 files  12.3K lines (0/s)`);
  });

  it('draws a spinner instead of a bar when the total is unknown (stdin)', () => {
    const line = frame({ bytesTotal: undefined, filesTotal: 1, files: 0, file: '-' });
    expect(line).toBe('⠋  0/1 files  12.3K lines (6.2K/s)  678 calls  3 flagged  -');
    expect(frame({ bytesTotal: undefined, now: 12_100 })).toMatch(/^⠙ /);
  });

  it('shortens a long file name from the left to fit the line', () => {
    const file = `/home/dev/projects/${'deeply/nested/'.repeat(6)}session-2026-01-01.jsonl`;
    const line = frame({ file });
    expect(line).toHaveLength(99);
    expect(line).toMatch(/ 3 flagged  …ession-2026-01-01\.jsonl$/);
  });

  it('drops the name rather than show a few characters of it', () => {
    expect(frame({ lines: 10 ** 12, calls: 10 ** 12, file: 'transcripts/s1.jsonl' })).not.toContain('…');
  });
});

describe('shortenLeft', () => {
  it.each([
    ['abc', 3, 'abc'],
    ['abcdef', 4, '…def'],
    ['ééééé', 3, '…éé'],
  ])('%s in %i columns is %s', (name, width, expected) => expect(shortenLeft(name, width)).toBe(expected));
});

describe('startProgress', () => {
  it('writes nothing to a stream that is not a terminal', async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    let written = '';
    (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (written += chunk.toString()));
    const handle = await startProgress(stream, () => ({ ...base, now: Date.now() }));
    await new Promise((r) => setTimeout(r, 250));
    await handle.stop();
    expect(written).toBe('');
  });
});
