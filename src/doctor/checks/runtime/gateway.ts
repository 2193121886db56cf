import { ProxilionError } from '../../../client/error.js';
import type { Check, CheckResult, DoctorContext } from '../../types.js';
import { type Measured,  portOf, listenAddress, pidCommand, serveCommand, restartLines, isTransport } from './shared.js';
import { storeFix } from './gateway-answers.js';
import { shellQuote } from '../../../engine/toolcall.js';

export const gateway: Check = {
  id: 'runtime.gateway',
  group: 'runtime',
  title: 'the gateway answers /health',
  async run(ctx) {
    let h;
    try {
      h = await ctx.client.health();
    } catch (e) {
      return gatewayUnreachable(ctx, e);
    }
    const measured: Measured = { status: h.status, version: h.version, mode: h.mode, session_store: h.session_store, store_connected: h.store_connected, uptime_seconds: h.uptime_seconds };
    const about = `version ${h.version}, mode ${h.mode}, ${h.session_store} store, up ${h.uptime_seconds} s`;
    if (h.status === 'healthy' && h.store_connected) return { status: 'pass', reason: `healthy: ${about}`, measured };
    return {
      status: 'warn',
      reason: `degraded: the gateway answers but its ${h.session_store} session store does not (${about})`,
      symptom: 'calls are analyzed without their session history (STORE_FAIL_MODE=stateless, the verdict says "session_store_unavailable") or refused with 503 (refuse)',
      measured,
      fix: storeFix(ctx, h.session_store) };
  } };

function gatewayUnreachable(ctx: DoctorContext, e: unknown): CheckResult {
  const err = e as ProxilionError;
  if (!isTransport(e)) {
    return {
      status: 'fail',
      reason: `something answers at ${ctx.client.target}, but not as a proxilion gateway: ${err.message ?? String(e)}`,
      symptom: 'agent hooks and clients get errors instead of verdicts',
      measured: { status: err.status ?? null },
      fix: [...(pidCommand(ctx) ? [`ps -o pid,args -p $(${pidCommand(ctx)})   # what holds the address`] : []), `proxilion doctor --gateway http://HOST:PORT   # if the gateway listens elsewhere`] };
  }
  const where = ctx.socket ? `--socket ${ctx.socket}` : listenAddress(ctx.gateway);
  const local = pidCommand(ctx) !== undefined;
  if (err.code === 'E_TIMEOUT') {
    return {
      status: 'fail',
      reason: `the gateway at ${ctx.client.target} accepts connections but does not answer GET /health in time: ${err.message}`,
      symptom: 'agent hooks wait until PROXILION_HOOK_BUDGET_MS runs out, then fall back to PROXILION_FAIL_MODE',
      measured: { error: err.code, target: ctx.client.target },
      fix: [...(local ? [`ps -o pid,pcpu,rss,etime,args -p $(${pidCommand(ctx)})   # a process stuck at 100 % CPU, or swapping`] : []), ...restartLines(ctx)] };
  }
  return {
    status: 'fail',
    reason: `the gateway at ${ctx.client.target} does not answer GET /health: ${err.message}`,
    symptom: `agent hooks fall back to PROXILION_FAIL_MODE (${ctx.config.value?.failMode ?? 'open'}): calls run unchecked, or are all refused`,
    measured: { error: err.code, target: ctx.client.target },
    fix: [
      local ? `${serveCommand(ctx)}   # start it where doctor looks` : `# on ${ctx.gateway.hostname}: ${serveCommand(ctx)}`,
      ...(!local ? [] : ctx.socket ? [`ls -l ${shellQuote(ctx.socket)}`] : [`lsof -nP -iTCP:${portOf(ctx.gateway)} -sTCP:LISTEN   # is anything listening on ${where}?`]),
      `proxilion doctor --gateway http://HOST:PORT   # if it runs elsewhere (default: PROXILION_SOCKET, else LISTEN_ADDR)`,
    ] };
}

