import { dirname } from 'node:path';
import { ProxilionError } from '../../../client/error.js';
import type { CheckResult, DoctorContext } from '../../types.js';
import { redisCli, redisTarget } from './redis-connect.js';
import { PROBE_COMMAND, curlTarget, gatewayDown, isTransport } from './shared.js';
import { shellQuote } from '../../../engine/toolcall.js';

/** A call the gateway answered with an error, or an answer that is not the gateway's. */
export function gatewayRefused(ctx: DoctorContext, e: unknown, route: string): CheckResult {
  if (isTransport(e)) return gatewayDown(ctx, e);
  const err = e as ProxilionError;
  if (err.status === 401) {
    return {
      status: 'warn', reason: `the gateway refuses ${route} without its API key, so this could not be measured`,
      symptom: 'doctor runs without the PROXILION_API_KEY the gateway was started with',
      measured: { status: 401 },
      fix: ['export PROXILION_API_KEY=…   # the key the gateway was started with', `proxilion doctor --only runtime --gateway ${ctx.gateway.href}`] };
  }
  const [method, path] = route.split(' ') as [string, string];
  const body = method === 'POST' ? ` -H 'content-type: application/json' -d '{"tool_call":{"Bash":{"command":"${PROBE_COMMAND}"}},"user_id":"proxilion-doctor"}'` : '';
  return {
    status: 'fail',
    reason: `${route} failed: ${err.message ?? String(e)}`,
    symptom: `${route} does not work, so agents and dashboards that use it do not either`,
    measured: { status: err.status ?? null },
    fix: [
      `curl -si -X ${method}${body} ${curlTarget(ctx, path)}   # the answer as it comes`,
      ...(err.status === 503 ? storeFix(ctx, ctx.config.value?.sessionStore ?? 'sqlite') : []),
    ] };
}

/** What to look at when the gateway says its store is not connected. */
export function storeFix(ctx: DoctorContext, kind: string): string[] {
  const c = ctx.config.value;
  if (kind === 'redis') {
    const t = redisTarget(ctx);
    const cli = 'url' in t ? redisCli(t) : 'redis-cli';
    return [`${cli} PING`, 'proxilion doctor --only runtime.redis-latency,deployment'];
  }
  if (kind === 'sqlite' && c) return [`ls -l ${shellQuote(c.sessionDb)}   # the gateway's user must be able to write it`, `df -h ${shellQuote(dirname(c.sessionDb))}`, 'proxilion doctor --only deployment'];
  return ['proxilion doctor --only deployment'];
}
