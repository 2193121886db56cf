import { PHASE_ORDER, type Tactic } from '../engine/rule.js';
import { MAX_CACHE_KEY_CHARS, MAX_CACHE_VALUE_BYTES, StoreError, type AppendInput, type AuditEvent, type EventQuery, type SessionRecord } from './types.js';

/** What every store keeps per session: the record, and the first audit event of this incarnation of it. */
export interface SessionState {
  record: SessionRecord;
  /** History and call counts start here, so a session that expired or was reset starts clean. */
  firstEventId: number;
}

/** A session as stored: the SQLite columns and the Redis hash fields have these names. Absent values are null. */
export interface SessionFields {
  id: string;
  user_id: string;
  org_id: string | null;
  created_at: number;
  last_seen: number;
  expires_at: number;
  request_count: number;
  max_score: number;
  /** JSON array of the tactics reached */
  phases: string;
  phase: string | null;
  status: SessionRecord['status'];
  terminated_at: number | null;
  terminate_reason: string | null;
  first_event_id: number;
}

export function toSessionFields({ record: r, firstEventId }: SessionState): SessionFields {
  return {
    id: r.id,
    user_id: r.userId,
    org_id: r.orgId ?? null,
    created_at: r.createdAt,
    last_seen: r.lastSeen,
    expires_at: r.expiresAt,
    request_count: r.requestCount,
    max_score: r.maxScore,
    phases: JSON.stringify(r.phases),
    phase: r.phase ?? null,
    status: r.status,
    terminated_at: r.terminatedAt ?? null,
    terminate_reason: r.terminateReason ?? null,
    first_event_id: firstEventId,
  };
}

export function fromSessionFields(f: SessionFields): SessionState {
  return {
    firstEventId: f.first_event_id,
    record: {
      id: f.id,
      userId: f.user_id,
      orgId: f.org_id ?? undefined,
      createdAt: f.created_at,
      lastSeen: f.last_seen,
      expiresAt: f.expires_at,
      requestCount: f.request_count,
      maxScore: f.max_score,
      phases: JSON.parse(f.phases) as Tactic[],
      phase: (f.phase ?? undefined) as Tactic | undefined,
      status: f.status,
      terminatedAt: f.terminated_at ?? undefined,
      terminateReason: f.terminate_reason ?? undefined,
    },
  };
}

/** The window of `SessionContext.callsLastHour`. */
export const CALLS_WINDOW_MS = 60 * 60 * 1000;

/**
 * The calls at or after `start` later than `t` (the window's start), counted back from the newest
 * and stopped at the first one outside the window, as the Redis store counts its timestamps: so a
 * clock stepping back can only shorten the count. For events in time order, a search finds the same.
 */
export function callsAfter(events: { readonly length: number; at(i: number): AuditEvent | undefined }, start: number, t: number): number {
  let n = 0;
  for (let i = events.length - 1; i >= start && events.at(i)!.at > t; i--) n++;
  return n;
}
/** The largest page `events` returns. */
export const MAX_EVENT_PAGE = 1000;

export const isLive = (record: SessionRecord, now: number): boolean => record.expiresAt > now;

/** Refuses a key past MAX_CACHE_KEY_CHARS; `where` names the store as its other errors do. */
export function checkCacheKey(where: string, key: string): void {
  if (key.length > MAX_CACHE_KEY_CHARS) throw new StoreError(`${where}: a cache key of ${key.length} characters is over the limit of ${MAX_CACHE_KEY_CHARS}; key entries by a hash of what they stand for`);
}

/** Refuses what no store could keep alike: a key or value past the limits, an expiry that is not a time. */
export function checkCacheEntry(where: string, key: string, value: string, expiresAt: number): void {
  checkCacheKey(where, key);
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_CACHE_VALUE_BYTES) throw new StoreError(`${where}: a cache value of ${bytes} bytes is over the limit of ${MAX_CACHE_VALUE_BYTES} (64 KiB); cache a shorter answer`);
  if (!Number.isFinite(expiresAt)) throw new StoreError(`${where}: cache expiry ${expiresAt} is not a time in ms since the epoch`);
}

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
