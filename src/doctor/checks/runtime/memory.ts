import type { Check } from '../../types.js';
import { MIB, type Measured, skip, mib, restartLines, metricsUrl, metricValue } from './shared.js';
import { gatewayRefused } from './gateway-answers.js';

const MEMORY_WARN_BYTES = 512 * MIB;
const MEMORY_FAIL_BYTES = 1024 * MIB;

export const memory: Check = {
  id: 'runtime.memory',
  group: 'runtime',
  title: 'the gateway\'s memory is bounded',
  async run(ctx) {
    let text;
    try {
      text = await ctx.client.metrics();
    } catch (e) {
      return gatewayRefused(ctx, e, 'GET /metrics');
    }
    const rss = metricValue(text, 'proxilion_process_resident_memory_bytes', 'process_resident_memory_bytes');
    if (rss === undefined || !Number.isFinite(rss)) return skip('the gateway\'s /metrics has no process_resident_memory_bytes, so its memory cannot be read from here');
    const heap = metricValue(text, 'proxilion_nodejs_heap_size_used_bytes', 'nodejs_heap_size_used_bytes');
    const active = metricValue(text, 'proxilion_active_sessions');
    const measured: Measured = { rss_mib: mib(rss), heap_used_mib: heap === undefined ? null : mib(heap), active_sessions: active ?? null };
    const lines = `warns at ${MEMORY_WARN_BYTES / MIB} MiB, fails at ${MEMORY_FAIL_BYTES / MIB} MiB`;
    if (rss < MEMORY_WARN_BYTES) return { status: 'pass', reason: `resident memory ${mib(rss)} MiB (${lines})`, measured };
    const failing = rss >= MEMORY_FAIL_BYTES;
    const c = ctx.config.value;
    const fix = [
      `curl -s ${metricsUrl(ctx)} | grep -E '^proxilion_(active_sessions|nodejs_heap_size_used_bytes|process_resident_memory_bytes) '   # is it sessions piling up?`,
      ...restartLines(ctx),
    ];
    if (c?.sessionStore === 'inmemory') {
      fix.push(`# SESSION_STORE=inmemory keeps every session in this process for SESSION_TTL_HOURS (${c.sessionTtlHours}) after its last call: a shorter TTL, or SESSION_STORE=sqlite, holds fewer here`);
    } else if (c) {
      fix.push(`# sessions live in the ${c.sessionStore} store, not in this process: growth that a restart resets and active sessions do not explain is worth reporting, with proxilion diagnose`);
    }
    return {
      status: failing ? 'fail' : 'warn',
      reason: `resident memory ${mib(rss)} MiB (${lines})`,
      symptom: failing ? 'the gateway risks being killed for memory (OOM killer, container limit), dropping every agent\'s check' : 'memory grows: sessions accumulating, or a leak',
      measured,
      fix,
    };
  },
};
