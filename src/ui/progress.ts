import type { Snapshot } from './progress-types.js';

export interface ProgressHandle {
  /** Draws the final state, which stays on screen as one line, and stops redrawing. */
  stop(): Promise<void>;
}

const REDRAW_MS = 100;

/**
 * Shows the scan's progress on `stream` (stderr) while it is a terminal; otherwise does nothing and loads
 * nothing, so piped and CI runs stay byte-for-byte clean. The only module that loads ink, and only here:
 * ink costs ~300 ms at start.
 */
export async function startProgress(stream: NodeJS.WriteStream, read: () => Snapshot): Promise<ProgressHandle> {
  if (!stream.isTTY) return { stop: async () => undefined };
  const [{ render }, { createElement }, { ScanProgress }] = await Promise.all([import('ink'), import('react'), import('./scan-progress.js')]);
  // chalk, which ink colours with, honours --no-color but not NO_COLOR (https://no-color.org)
  const color = !process.env.NO_COLOR && !process.argv.includes('--no-color');
  const view = () => createElement(ScanProgress, { snapshot: read(), color });
  const ink = render(view(), { stdout: stream, patchConsole: false, exitOnCtrlC: false });
  // unref: a scan that dies without calling stop() must still exit; ink unmounts itself on exit
  const timer = setInterval(() => ink.rerender(view()), REDRAW_MS).unref();
  let stopped: Promise<void> | undefined;
  return {
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        ink.rerender(view());
        // ink settles this promise only if it exists before unmount()
        const exited = ink.waitUntilExit();
        ink.unmount();
        await exited;
      })()),
  };
}
