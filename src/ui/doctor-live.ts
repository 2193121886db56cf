import type { CheckReport } from '../doctor/types.js';
import type { ChecklistItem } from './doctor-checklist.js';

export interface LiveChecklist {
  /** Give to runChecks as its onReport: the check's line fills in at once. */
  report(r: CheckReport): void;
  /**
   * Draws the final state, which stays on screen, and stops redrawing. Rejects when ink could not be
   * loaded; nothing was drawn then, so the caller prints the text report instead.
   */
  finish(): Promise<void>;
}

const REDRAW_MS = 100;

/**
 * The live checklist of `proxilion doctor` on `stream` (a terminal: the caller decides). ink loads while
 * the checks already run: it costs ~300 ms at start, and a check that finishes meanwhile is simply drawn
 * finished in the first frame. The only module that loads ink for doctor, and only here.
 */
export function startChecklist(stream: NodeJS.WriteStream, view: { header: string; checks: readonly ChecklistItem[]; color: boolean }): LiveChecklist {
  const reports = new Map<string, CheckReport>();
  const startedAt = Date.now();
  let redraw = (): void => undefined;
  let timer: NodeJS.Timeout | undefined;
  const ready = Promise.all([import('ink'), import('react'), import('./doctor-checklist.js')]).then(([{ render }, { createElement }, { DoctorChecklist }]) => {
    // a fresh Map each time: the component is pure, and React re-renders on new props only
    const element = () => createElement(DoctorChecklist, { ...view, reports: new Map(reports), startedAt, now: Date.now() });
    const ink = render(element(), { stdout: stream, patchConsole: false, exitOnCtrlC: false });
    redraw = () => ink.rerender(element());
    // unref: a doctor that dies without calling finish() must still exit; ink unmounts itself on exit
    timer = setInterval(redraw, REDRAW_MS).unref();
    return ink;
  });
  // finish() reports a failed load; until then it must not count as unhandled
  ready.catch(() => undefined);
  let finished: Promise<void> | undefined;
  return {
    report(r) {
      reports.set(r.id, r);
      redraw();
    },
    finish: () =>
      (finished ??= (async () => {
        const ink = await ready;
        clearInterval(timer);
        redraw();
        // ink settles this promise only if it exists before unmount()
        const exited = ink.waitUntilExit();
        ink.unmount();
        await exited;
      })()),
  };
}
