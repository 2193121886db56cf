import type { Engine } from '../engine/index.js';
import type { Mode, Policy } from '../engine/policy.js';
import type { IngestedCall } from '../ingest/types.js';
import { analyzeInSession, type SessionCallResult } from '../session/analyze-call.js';
import { MemoryStore } from '../store/memory.js';
import { setRecent } from '../store/recent.js';

/**
 * Calls without a time in their input are placed this long after the previous call of their session:
 * past the one-minute window of the rate rules, which need real times, and well within the windows
 * that link the steps of a kill chain.
 */
export const UNTIMED_GAP_MS = 61_000;
/** Sessions whose last time is remembered for untimed calls; the least recent are forgotten first. */
const MAX_CLOCKS = 100_000;

export interface ReplayedCall extends SessionCallResult {
  sessionId: string;
  /** The time the call was analyzed at: the input's, or one placed after the previous call of its session. */
  now: number;
}

/**
 * Replays calls through the daemon's own session step (analyzeInSession) over an in-memory store, so
 * a kill chain spread over a transcript is found as the daemon would find it. The store is bounded,
 * so memory stays flat whatever the input's size.
 */
export class Replayer {
  private readonly store: MemoryStore;
  private readonly clocks = new Map<string, number>();

  constructor(
    private readonly engine: Engine,
    private readonly policy: Policy,
    private readonly mode: Mode,
    ttlMs: number,
    /** Where untimed sessions start: any fixed instant works, since only the gaps between calls matter. */
    private readonly origin: number,
  ) {
    this.store = new MemoryStore({ ttlMs, retentionMs: Number.MAX_SAFE_INTEGER, maxSessions: MAX_CLOCKS, maxEvents: 20_000 });
  }

  async replay(item: IngestedCall, defaultSession: string): Promise<ReplayedCall> {
    const sessionId = item.request.sessionId || defaultSession;
    const now = item.at ?? (this.clocks.get(sessionId) ?? this.origin - UNTIMED_GAP_MS) + UNTIMED_GAP_MS;
    setRecent(this.clocks, sessionId, now, MAX_CLOCKS);
    const request = item.request.sessionId === sessionId ? item.request : { ...item.request, sessionId };
    const result = await analyzeInSession({ engine: this.engine, store: this.store }, { sessionId, request, now, mode: this.mode, policy: this.policy });
    return Object.assign(result, { sessionId, now });
  }
}
