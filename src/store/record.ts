import { PHASE_ORDER, type Tactic } from '../engine/rule.js';
import type { AppendInput, AuditEvent, EventQuery, SessionRecord } from './types.js';

/** What every store keeps per session: the record, and the first audit event of this incarnation of it. */
export interface SessionState {
  record: SessionRecord;
  /** History and call counts start here, so a session that expired or was reset starts clean. */
  firstEventId: number;
}

/** The window of `SessionContext.callsLastHour`. */
export const CALLS_WINDOW_MS = 60 * 60 * 1000;
/** The largest page `events` returns. */
export const MAX_EVENT_PAGE = 1000;

export const isLive = (record: SessionRecord, now: number): boolean => record.expiresAt > now;

export const pageLimit = (q: EventQuery): number => Math.min(MAX_EVENT_PAGE, Math.max(1, Math.floor(q.limit) || 1));

/**
 * The session after one more call (the event numbered `eventId`). An expired session is replaced by a
 * fresh one, and a termination sticks until the session expires or is reset. Every store calls this,
 * so the bookkeeping is the same whatever the backend.
 */
export function advanceSession(prev: SessionState | undefined, input: AppendInput, eventId: number, ttlMs: number): SessionState {
  const { at, score, tactics } = input.event;
  const live = prev && isLive(prev.record, at) ? prev : undefined;
  const before = live?.record;
  const phases = [...(before?.phases ?? [])];
  for (const t of tactics) if (!phases.includes(t)) phases.push(t);
  const lastSeen = Math.max(before?.lastSeen ?? at, at);
  const terminated = before?.status === 'terminated' ? before : input.terminate && { terminatedAt: at, terminateReason: input.terminate.reason };
  const record: SessionRecord = {
    id: input.sessionId,
    userId: before?.userId ?? input.userId,
    orgId: before ? before.orgId ?? input.orgId : input.orgId,
    createdAt: before?.createdAt ?? at,
    lastSeen,
    expiresAt: lastSeen + ttlMs,
    requestCount: (before?.requestCount ?? 0) + 1,
    maxScore: Math.max(before?.maxScore ?? score, score),
    phases,
    phase: mostAdvanced(phases),
    status: terminated ? 'terminated' : 'active',
    terminatedAt: terminated ? terminated.terminatedAt : undefined,
    terminateReason: terminated ? terminated.terminateReason : undefined,
  };
  return { record, firstEventId: live?.firstEventId ?? eventId };
}

function mostAdvanced(phases: readonly Tactic[]): Tactic | undefined {
  let best: Tactic | undefined;
  for (const p of phases) if (!best || PHASE_ORDER.indexOf(p) > PHASE_ORDER.indexOf(best)) best = p;
  return best;
}

/** The audit row of an appended call, as every store returns it. */
export function toAuditEvent(id: number, input: AppendInput): AuditEvent {
  const e = input.event;
  return {
    id,
    at: e.at,
    sessionId: input.sessionId,
    userId: input.userId,
    orgId: input.orgId,
    agent: input.agent,
    tool: e.tool,
    summary: input.summary,
    score: e.score,
    decision: e.decision,
    mode: input.mode,
    rules: [...e.rules],
    tactics: [...e.tactics],
    targets: [...e.targets],
    userMessage: e.userMessage,
    aiResponse: e.aiResponse,
    refused: input.refused || undefined,
  };
}
