import { parentPort, workerData } from 'node:worker_threads';
import { readSource, type ReadTally } from './read-source.js';
import { BATCHES_AHEAD, TALLY_LINES, type ThreadMessage, type ThreadRequest } from './reader-thread.js';

/**
 * The reader thread (dist/scan-worker.js): reads, splits and parses the inputs in order and posts their
 * events to the scan, which analyzes them. At most BATCHES_AHEAD batches wait unanalyzed: the scan
 * returns a credit for each, so memory stays bounded however fast this thread reads.
 */
const port = parentPort!;
const { sources, formatIn } = workerData as ThreadRequest;
let credits = BATCHES_AHEAD;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits++;
  wake?.();
});
const post = (m: ThreadMessage): void => port.postMessage(m);

for (let index = 0; index < sources.length; index++) {
  let lines = 0;
  let bytes = 0;
  const flush = (): void => {
    if (lines > 0 || bytes > 0) post({ index, tally: { lines, bytes } });
    lines = 0;
    bytes = 0;
  };
  const tally: ReadTally = {
    bytes: (n) => void (bytes += n),
    lines: (n) => {
      if ((lines += n) >= TALLY_LINES) flush();
    },
  };
  for await (const event of readSource(sources[index]!, formatIn, tally)) {
    flush();
    if (event.kind === 'items') {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
    }
    post({ index, event });
  }
  flush();
  post({ index, end: true });
}
