import type { Check, CheckReport, CheckResult, DoctorContext } from './types.js';

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Runs the checks at once, each within its own time limit, and reports each as it finishes
 * (the live checklist). A check that throws or runs out of time fails with the reason; it never
 * stops the others. Reports come back in the order of `checks`.
 */
export async function runChecks(checks: readonly Check[], ctx: Omit<DoctorContext, 'signal'>, onReport?: (r: CheckReport) => void): Promise<CheckReport[]> {
  return Promise.all(
    checks.map(async (check) => {
      const started = performance.now();
      const result = await runOne(check, ctx);
      const report: CheckReport = { id: check.id, group: check.group, title: check.title, ...result, duration_ms: Math.round(performance.now() - started) };
      onReport?.(report);
      return report;
    }),
  );
}

async function runOne(check: Check, ctx: Omit<DoctorContext, 'signal'>): Promise<CheckResult> {
  const limit = check.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve({ status: 'fail', reason: `the check did not finish within ${limit} ms`, symptom: 'something it waits on hangs', measured: { timeout_ms: limit } });
    }, limit);
  });
  try {
    return await Promise.race([check.run({ ...ctx, signal: abort.signal }), timedOut]);
  } catch (e) {
    return { status: 'fail', reason: `the check itself failed: ${(e as Error)?.message ?? String(e)}` };
  } finally {
    clearTimeout(timer);
  }
}

/** `--only deployment` or `--only deployment.port,runtime.latency`: the checks selected, or the unknown names. */
export function selectChecks(all: readonly Check[], only: string | undefined): { checks: Check[] } | { unknown: string[] } {
  if (!only) return { checks: [...all] };
  const wanted = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => !all.some((c) => c.id === w || c.group === w));
  if (unknown.length > 0) return { unknown };
  return { checks: all.filter((c) => wanted.includes(c.id) || wanted.includes(c.group)) };
}
