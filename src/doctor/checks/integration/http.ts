import type { AnalyzeResponse } from '../../../client/types.js';
import { shellQuote } from '../../../engine/toolcall.js';
import type { Check, DoctorContext } from '../../types.js';
import { answerError, BENIGN_PROBES, gatewayProbe, gatewayRequest, PROBE_USER, probeSessionId, proxilion, refusedProbe, withSlash, type RawAnswer } from '../detection.js';

/** The origin a local web dashboard is usually served from, probed when every origin is allowed. */
const DEFAULT_ORIGIN = 'http://localhost:3000';
/** Enough configured origins to judge the setting, few enough to stay quick. */
const MAX_ORIGINS = 5;

const endpoint = (ctx: DoctorContext, path: string): string => new URL(path, withSlash(ctx.gateway)).href;

/** integration.cors: the guide's "check CORS", as a browser's preflight for POST /analyze. */
export const cors: Check = {
  id: 'integration.cors',
  group: 'integration',
  title: 'the CORS preflight answers',
  run: gatewayProbe(async (ctx) => {
    // the gateway does not publish its CORS_ORIGINS: this environment's setting says what it should allow
    const configured = ctx.config.value?.corsOrigins;
    const open = !configured || configured.includes('*');
    const origins = open ? [DEFAULT_ORIGIN] : configured.slice(0, MAX_ORIGINS);
    const preflight = (origin: string) =>
      `curl -si -X OPTIONS -H 'Origin: ${origin}' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type' ${endpoint(ctx, 'analyze')}`;
    for (const origin of origins) {
      const a = await gatewayRequest(ctx, 'OPTIONS', '/analyze', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      const allowOrigin = header(a, 'access-control-allow-origin');
      const methods = header(a, 'access-control-allow-methods') ?? '';
      const allowHeaders = header(a, 'access-control-allow-headers') ?? '';
      const measured = { origin, status: a.status, 'access-control-allow-origin': allowOrigin ?? null, 'access-control-allow-methods': methods || null, CORS_ORIGINS: configured?.join(',') ?? null };
      if (a.status !== 204) {
        return {
          status: 'fail',
          reason: `the preflight OPTIONS /analyze from ${origin} answered ${a.status}, not 204${a.status >= 400 ? `: ${answerError(a)}` : ''}`,
          symptom: 'browser clients fail before sending any call ("CORS preflight did not succeed")',
          measured,
          fix: [preflight(origin), '# a proxy in front of the gateway must pass OPTIONS through unchanged'],
        };
      }
      if (allowOrigin !== origin && allowOrigin !== '*') {
        const reason = open
          ? `the gateway does not allow browsers on ${origin}: it runs with a restricted CORS_ORIGINS, which it reveals only by allowing an origin`
          : `this environment's CORS_ORIGINS (${configured.join(',')}) allows ${origin}, but the gateway does not: it runs with other settings`;
        const wanted = open ? origin : configured.join(',');
        return {
          status: open ? 'warn' : 'fail',
          reason,
          symptom: `a browser on ${origin} gets "blocked by CORS policy: No 'Access-Control-Allow-Origin' header"`,
          measured,
          fix: [
            preflight(origin),
            `export CORS_ORIGINS=${shellQuote(wanted)}   # every origin browser clients call from, comma-separated`,
            `${proxilion()} serve   # restart the gateway with it`,
            ...(open ? ['# a restriction on purpose is fine: CORS only matters to clients running in a browser'] : []),
          ],
        };
      }
      if (!/\bPOST\b/i.test(methods) || !/\bcontent-type\b/i.test(allowHeaders)) {
        return {
          status: 'fail',
          reason: `the preflight allows ${origin} but not POST with Content-Type (methods "${methods}", headers "${allowHeaders}")`,
          symptom: 'browser clients can not send JSON to /analyze',
          measured,
          fix: [preflight(origin), '# a proxy in front of the gateway may rewrite the Access-Control-Allow-* headers: pass them through'],
        };
      }
    }
    const what = open ? `every origin is allowed (CORS_ORIGINS=*): the preflight from ${DEFAULT_ORIGIN} answers 204` : `the preflight from ${origins.join(', ')} answers 204 with the origin allowed`;
    return { status: 'pass', reason: `${what}, for POST with Content-Type` };
  }),
};

const header = (a: RawAnswer, name: string): string | undefined => {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

/** integration.content-type: the guide's content-type handling: JSON is analyzed, anything else refused with a JSON error. */
export const contentType: Check = {
  id: 'integration.content-type',
  group: 'integration',
  title: 'content-type handling works',
  run: gatewayProbe(async (ctx) => {
    const command = BENIGN_PROBES[0];
    const id = probeSessionId();
    const body = JSON.stringify({ tool_call: { Bash: { command } }, user_id: PROBE_USER, session_id: id });
    const curl = (type: string) => `curl -si -H 'content-type: ${type}' -d ${shellQuote(body)} ${endpoint(ctx, 'analyze')}`;
    try {
      // the same bytes under two types: only the declared type differs
      const plain = await gatewayRequest(ctx, 'POST', '/analyze', { headers: { 'content-type': 'text/plain' }, body });
      if (plain.status === 401) return refusedProbe(ctx, command, plain);
      const plainError = jsonError(plain);
      if (plain.status !== 415 || plainError === undefined) {
        return {
          status: 'fail',
          reason: `POST /analyze with Content-Type: text/plain answered ${plain.status}${plainError === undefined ? ' without a JSON error' : ''}, not 415 with a JSON error`,
          symptom: 'clients that send the wrong content type get an answer they cannot read, or have a body analyzed that the gateway should refuse',
          measured: { status: plain.status, 'content-type': header(plain, 'content-type') ?? null },
          fix: [curl('text/plain'), '# a proxy in front of the gateway may rewrite Content-Type or replace error bodies: pass both through'],
        };
      }
      const json = await gatewayRequest(ctx, 'POST', '/analyze', { headers: { 'content-type': 'application/json' }, body });
      if (json.status !== 200 && json.status !== 403) return refusedProbe(ctx, command, json);
      if (!isVerdict(json)) {
        return {
          status: 'fail',
          reason: `POST /analyze with Content-Type: application/json answered ${json.status} without a verdict`,
          symptom: 'clients cannot read the decision',
          measured: { status: json.status, 'content-type': header(json, 'content-type') ?? null },
          fix: [curl('application/json')],
        };
      }
      return { status: 'pass', reason: `application/json is analyzed (${json.status}); text/plain is refused with 415 and a JSON error ("${plainError}")` };
    } finally {
      await ctx.client.resetSession(id).catch(() => undefined);
    }
  }),
};

function jsonError(a: RawAnswer): string | undefined {
  try {
    const body = JSON.parse(a.text) as { error?: unknown };
    return typeof body?.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

function isVerdict(a: RawAnswer): boolean {
  try {
    return typeof (JSON.parse(a.text) as AnalyzeResponse)?.decision === 'string';
  } catch {
    return false;
  }
}
