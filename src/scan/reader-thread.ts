import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { InputFormat } from '../ingest/types.js';
import type { InputSource } from './inputs.js';
import type { ReaderThreadMode } from './model.js';
import type { ReadTally, SourceEvent } from './read-source.js';

/*
 * Reading, splitting and JSON-parsing the inputs is about half of a scan's work; on a second thread
 * it runs beside the analysis. Worth it only when there is a second core and enough input to repay
 * the thread's start.
 */

/** `auto` reads on a second thread from this many bytes of input on. */
export const AUTO_THREAD_BYTES = 32 * 1024 * 1024;
/** Batches of items read but not yet analyzed, at most. */
export const BATCHES_AHEAD = 8;
/** The reader thread reports lines read at least this often. */
export const TALLY_LINES = 8192;

export interface ThreadRequest {
  sources: InputSource[];
  formatIn?: InputFormat;
}

export type ThreadMessage =
  | { index: number; event: SourceEvent }
  | { index: number; tally: { lines: number; bytes: number } }
  | { index: number; end: true };

/** Whether a scan of these inputs reads them on a second thread. Stdin is always read on the scan's own thread. */
export function useReaderThread(mode: ReaderThreadMode, sources: readonly InputSource[]): boolean {
  if (mode === 'off' || sources.length === 0 || sources.some((s) => s.path === '-')) return false;
  if (mode === 'on') return true;
  return availableParallelism() > 1 && sources.reduce((t, s) => t + (s.size ?? 0), 0) >= AUTO_THREAD_BYTES;
}

/** The inputs read on a second thread: their events come out as readSource's would, one input after another. */
export class ReaderThread {
  private readonly worker: Worker;
  private readonly queue: ThreadMessage[] = [];
  private failure: Error | undefined;
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(sources: readonly InputSource[], formatIn: InputFormat | undefined) {
    const request: ThreadRequest = { sources: [...sources], formatIn };
    this.worker = new Worker(workerFile(), { workerData: request });
    this.worker.on('message', (m: ThreadMessage) => {
      this.queue.push(m);
      this.wake?.();
    });
    this.worker.on('error', (e) => {
      this.failure = new Error(`the scan's reader thread failed: ${e.message}`, { cause: e });
      this.wake?.();
    });
    this.worker.on('exit', (code) => {
      if (!this.closed) this.failure ??= new Error(`the scan's reader thread exited early (code ${code})`);
      this.wake?.();
    });
  }

  /** The events of input `index`. Inputs must be taken in order, each to its end. */
  async *events(index: number, tally: ReadTally): AsyncGenerator<SourceEvent> {
    for (;;) {
      const m = await this.next();
      if (m.index !== index) throw new Error(`the scan's reader thread sent input ${m.index} while ${index} was being read`);
      if ('end' in m) return;
      if ('tally' in m) {
        tally.lines(m.tally.lines);
        tally.bytes(m.tally.bytes);
        continue;
      }
      yield m.event;
      if (m.event.kind === 'items') this.worker.postMessage('credit');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }

  private async next(): Promise<ThreadMessage> {
    for (;;) {
      const m = this.queue.shift();
      if (m) return m;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

/** dist/scan-worker.js, found from the built module that asks (dist/ or dist/chunks/). */
function workerFile(): URL {
  for (const rel of ['./scan-worker.js', '../scan-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return url;
  }
  throw new Error('scan-worker.js is missing beside the built CLI; run npm run build');
}
