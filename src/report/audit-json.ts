// The JSON shapes of sessions and audit events, shared by the HTTP API and the CLI.
import type { AuditEvent, SessionRecord } from '../store/types.js';

/** An ISO 8601 time, or epoch seconds / milliseconds (told apart by magnitude); undefined if neither. */
export function parseInstant(raw: string): number | undefined {
  if (/^\d{1,15}$/.test(raw)) {
    const n = Number(raw);
    return n < 1e11 ? n * 1000 : n;
  }
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : t;
}

const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

export function sessionJson(r: SessionRecord): Record<string, unknown> {
  return {
    session_id: r.id, user_id: r.userId, org_id: r.orgId, status: r.status, session_terminated: r.status === 'terminated',
    created_at: iso(r.createdAt), last_seen: iso(r.lastSeen), expires_at: iso(r.expiresAt), request_count: r.requestCount, max_score: r.maxScore,
    phase: r.phase, phases: r.phases, terminated_at: iso(r.terminatedAt), terminate_reason: r.terminateReason,
  };
}

export function eventJson(e: AuditEvent): Record<string, unknown> {
  return {
    id: e.id, at: iso(e.at), session_id: e.sessionId, user_id: e.userId, org_id: e.orgId, agent: e.agent, tool: e.tool, summary: e.summary,
    threat_score: e.score, decision: e.decision, mode: e.mode, rules: e.rules, tactics: e.tactics, targets: e.targets, refused: !!e.refused,
  };
}
