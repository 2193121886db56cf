import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { ProxilionError } from '../../../client/error.js';
import type { Check, DoctorContext } from '../../types.js';
import { type Measured, skip, round1, quantile,  pidCommand, restartLines, metricsUrl, PROBE_COMMAND } from './shared.js';
import { gatewayRefused } from './gateway-answers.js';
import { shellQuote } from '../../../engine/toolcall.js';

// The guide's lines. Latency is the round trip an agent's hook waits for, as a client sees it.
const LATENCY_WARN_MS = 50;
const LATENCY_FAIL_MS = 100;
const PROBES = 20;
/** The series stops early past this, so a slow gateway still gets a verdict within the check's time. */
const PROBE_BUDGET_MS = 6000;

export const latency: Check = {
  id: 'runtime.latency',
  group: 'runtime',
  title: `p95 latency of POST /analyze is under ${LATENCY_WARN_MS} ms`,
  timeoutMs: 12_000,
  async run(ctx) {
    // A session of its own, reset afterwards, so real sessions never see the probes.
    const session = `proxilion-doctor-${randomBytes(6).toString('hex')}`;
    const probe = () => ctx.client.analyzeCommand(PROBE_COMMAND, { sessionId: session, userId: 'proxilion-doctor' });
    const rtt: number[] = [];
    const server: number[] = [];
    let answered = false;
    try {
      // The first call pays once for the connection and lazy loading, which a running agent does not.
      await probe();
      answered = true;
      const started = performance.now();
      for (let i = 0; i < PROBES && !ctx.signal.aborted && performance.now() - started < PROBE_BUDGET_MS; i++) {
        const t = performance.now();
        const verdict = await probe();
        rtt.push(performance.now() - t);
        if (typeof verdict.duration_us === 'number') server.push(verdict.duration_us / 1000);
      }
    } catch (e) {
      if (answered && e instanceof ProxilionError && e.code === 'E_TIMEOUT') {
        return {
          status: 'fail', reason: `a probe got no answer in time after ${rtt.length} answered: ${e.message}`,
          symptom: 'agent hooks wait until their budget runs out, then fall back to PROXILION_FAIL_MODE',
          measured: { probes: rtt.length, session_id: session }, fix: slowFix(ctx, undefined) };
      }
      return gatewayRefused(ctx, e, 'POST /analyze');
    } finally {
      if (answered) await ctx.client.resetSession(session).catch(() => undefined);
    }
    if (rtt.length === 0) return skip('no probe finished within the check\'s time');
    const sorted = [...rtt].sort((a, b) => a - b);
    const p95 = round1(quantile(sorted, 0.95));
    const serverP95 = server.length ? round1(quantile([...server].sort((a, b) => a - b), 0.95)) : undefined;
    const measured: Measured = { probes: rtt.length, p50_ms: round1(quantile(sorted, 0.5)), p95_ms: p95, max_ms: round1(sorted[sorted.length - 1]!), server_p95_ms: serverP95 ?? null };
    const series = `${rtt.length} sequential \`${PROBE_COMMAND}\` calls in throwaway session ${session} (reset afterwards; its audit events stay in /events)`;
    if (p95 < LATENCY_WARN_MS) return { status: 'pass', reason: `p95 ${p95} ms over ${series}: under the ${LATENCY_WARN_MS} ms line`, measured };
    const failing = p95 > LATENCY_FAIL_MS;
    return {
      status: failing ? 'fail' : 'warn',
      reason: `p95 ${p95} ms over ${series}: ${failing ? `over the ${LATENCY_FAIL_MS} ms line` : `over the ${LATENCY_WARN_MS} ms line (fails over ${LATENCY_FAIL_MS} ms)`}`,
      symptom: failing ? 'every agent tool call waits over 100 ms for its verdict; hooks with a tight PROXILION_HOOK_BUDGET_MS fall back to PROXILION_FAIL_MODE' : 'agents wait noticeably for each verdict',
      measured,
      fix: slowFix(ctx, serverP95, p95) };
  } };

/** The guide's causes of a slow gateway, as far as this environment tells which apply. */
function slowFix(ctx: DoctorContext, serverP95: number | undefined, p95?: number): string[] {
  const out: string[] = [];
  if (serverP95 !== undefined && p95 !== undefined) {
    out.push(serverP95 * 2 < p95
      ? `# the gateway reports ${serverP95} ms (p95) of analysis in a ${p95} ms round trip: the rest is the network, a proxy, or a busy event loop`
      : `# the analysis itself takes ${serverP95} ms (p95): see which analyzer or the store takes it`);
  }
  out.push('uptime   # load average above the core count: the gateway shares its CPU');
  const pid = pidCommand(ctx);
  if (pid) out.push(`ps -o pid,pcpu,rss,etime,args -p $(${pid})`);
  out.push(`curl -s ${metricsUrl(ctx)} | grep -E '^proxilion_(total_)?analysis_duration_seconds_(sum|count)'`);
  const c = ctx.config.value;
  if (c?.logAllRequests) out.push('# LOG_ALL_REQUESTS=true writes a log line for every call:', ...restartLines(ctx, 'LOG_ALL_REQUESTS=false'));
  if (c?.enableSemanticAnalysis) out.push(`# ENABLE_SEMANTIC_ANALYSIS=true asks ${c.semanticModel} about ambiguous calls, a round trip to the API each:`, ...restartLines(ctx, 'ENABLE_SEMANTIC_ANALYSIS=false'));
  if (c?.sessionStore === 'redis') out.push('proxilion doctor --only runtime.redis-latency   # every call reads and writes its session in Redis');
  if (c?.sessionStore === 'sqlite') out.push(`df -hT ${shellQuote(dirname(c.sessionDb))}   # SQLite on a network or overlay file system is slow`);
  return out;
}
