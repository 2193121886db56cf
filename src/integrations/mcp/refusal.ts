import type { Verdict } from '../../engine/verdict.js';

/**
 * The answer to a refused tools/call: a tool result with isError, which MCP clients hand to the model
 * (a JSON-RPC error would read as a broken server and invite retries). The text tells the model
 * not to try a variation; `_meta` carries the verdict for programs.
 */
export function refusalResult(reason: string, verdict: Verdict | undefined, sessionId: string) {
  const detail = verdict
    ? { decision: verdict.decision, threat_score: verdict.threat_score, rules: verdict.findings.map((f) => f.rule), session_terminated: verdict.session_terminated }
    : { decision: 'Unchecked' };
  return {
    content: [{ type: 'text', text: reason }],
    isError: true,
    _meta: { proxilion: { refused: true, session_id: sessionId, ...detail } },
  };
}
