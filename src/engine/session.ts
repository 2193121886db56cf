import type { Tactic } from './rule.js';

/** One earlier call of the session, as the store keeps it. */
export interface SessionEvent {
  /** Milliseconds since the epoch. */
  at: number;
  tool: string;
  score: number;
  decision: string;
  tactics: Tactic[];
  rules: string[];
  targets: string[];
}

/**
 * What the engine knows of a session when analyzing its next call. Pure data: the store derives it,
 * the engine never reads a clock or a database. The session-aware analyzers build on it.
 */
export interface SessionContext {
  sessionId?: string;
  userId?: string;
  orgId?: string;
  /** The time of the call being analyzed (ms since epoch), supplied by the caller. */
  now?: number;
  history: readonly SessionEvent[];
  userMessage?: string;
  aiResponse?: string;
}

export const EMPTY_CONTEXT: SessionContext = { history: [] };
