import type { SessionContext, SessionEvent } from '../engine/session.js';
import type { Mode } from '../engine/policy.js';
import type { Tactic } from '../engine/rule.js';

export type StoreKind = 'sqlite' | 'inmemory' | 'redis';

/** A session as the gateway tracks it: what `GET /sessions/:id` and `proxilion sessions` show. */
export interface SessionRecord {
  id: string;
  /** The user of the session's first call. */
  userId: string;
  orgId?: string;
  createdAt: number;
  lastSeen: number;
  /** lastSeen + TTL: the session reads as absent from then on. */
  expiresAt: number;
  requestCount: number;
  maxScore: number;
  /** Kill-chain phases in the order the session first reached them. */
  phases: Tactic[];
  /** The most advanced phase reached (ATT&CK order), if any. */
  phase?: Tactic;
  status: 'active' | 'terminated';
  terminatedAt?: number;
  terminateReason?: string;
}

/** One row of the audit log: every decision, with who, where and why. */
export interface AuditEvent extends SessionEvent {
  /** Assigned by the store, increasing in insertion order: the paging cursor of `GET /events`. */
  id: number;
  sessionId: string;
  userId: string;
  orgId?: string;
  agent?: string;
  /** A bounded one-line description of the call (engine `summarizeCall`). */
  summary: string;
  mode: Mode;
  /** The call was refused without analysis because its session had been terminated. */
  refused?: boolean;
}

export interface AppendInput {
  sessionId: string;
  userId: string;
  orgId?: string;
  agent?: string;
  summary: string;
  mode: Mode;
  event: SessionEvent;
  refused?: boolean;
  /** Mark the session terminated (terminate mode, score at or above the terminate threshold). */
  terminate?: { reason: string };
}

export interface LoadQuery {
  sessionId: string;
  orgId?: string;
  now: number;
}

export interface LoadedSession {
  /** Absent for a new, expired or reset session. */
  record?: SessionRecord;
  /**
   * The engine's view of the session: history (oldest first, ≤ MAX_HISTORY, only events since the
   * session began, so a reset or expiry starts clean), startedAt, callsLastHour, and org events
   * (other sessions of `orgId` within ORG_WINDOW_MS, ≤ MAX_ORG_EVENTS) when orgId is given.
   */
  context: SessionContext;
}

export interface EventQuery {
  sessionId?: string;
  decision?: string;
  /** Only events at or after this time (ms since epoch). */
  since?: number;
  /** Paging cursor: only events with an id greater than this. */
  after?: number;
  /** At most this many events, oldest first. */
  limit: number;
}

export interface EventPage {
  events: AuditEvent[];
  /** Pass as `after` for the next page; absent on the last page. */
  next?: number;
}

export interface SweepResult {
  sessions: number;
  events: number;
  /** Expired cache entries deleted (Redis expires its own: always 0 there). */
  cached: number;
}

/** The longest cache key: room for a hex or base64 digest with a prefix, not for the data it stands for. */
export const MAX_CACHE_KEY_CHARS = 256;
/** The largest cache value, in UTF-8 bytes. */
export const MAX_CACHE_VALUE_BYTES = 64 * 1024;

/**
 * Where sessions and the audit log live. Every method is async so a networked store (Redis) fits
 * the same contract; `test/store-contract.test.ts` runs one suite against every implementation.
 */
export interface SessionStore {
  readonly kind: StoreKind;
  /** A description for logs and /health: the file path, or the URL without credentials. */
  readonly location: string;
  load(q: LoadQuery): Promise<LoadedSession>;
  /**
   * Record a call: append its audit event and create or update its session in one atomic step.
   * Resolves only once the event is durable (an acknowledged event survives kill -9).
   */
  append(input: AppendInput): Promise<SessionRecord>;
  get(sessionId: string, now: number): Promise<SessionRecord | undefined>;
  /** Most recently active sessions first. */
  list(q: { now: number; limit: number }): Promise<SessionRecord[]>;
  /** Operator reset: forget the session and its termination; its audit events stay. */
  reset(sessionId: string): Promise<boolean>;
  events(q: EventQuery): Promise<EventPage>;
  countActive(now: number): Promise<number>;
  /**
   * A shared key/value cache for answers worth sharing between processes and replicas, such as second
   * opinions, keyed by a hash the caller computes. Undefined for a missing key or an entry with
   * expiresAt <= now. Keys are at most MAX_CACHE_KEY_CHARS, values at most MAX_CACHE_VALUE_BYTES.
   */
  cacheGet(key: string, now: number): Promise<string | undefined>;
  /** Stores value under key until expiresAt (ms since epoch); a later set replaces it. */
  cacheSet(key: string, value: string, expiresAt: number): Promise<void>;
  /** Delete expired sessions, audit events past retention and expired cache entries, in bounded batches. */
  sweep(now: number): Promise<SweepResult>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Idle time after which a session expires (SESSION_TTL_HOURS). */
  ttlMs: number;
  /** How long audit events are kept. */
  retentionMs: number;
  /**
   * Whether the opener will record calls. A SQLite file this user cannot write is then refused at
   * open, so a daemon does not start only to fail every call; readers of the audit log may still open it.
   */
  forWriting?: boolean;
}

/** A store could not be opened or used: the message names the store, the location and the fix. */
export class StoreError extends Error {
  readonly code = 'E_STORE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}
