import type { AnalysisObserver, Engine } from '../engine/index.js';
import type { Mode, Policy } from '../engine/policy.js';
import type { AnalyzeRequest } from '../engine/request.js';
import { EMPTY_CONTEXT, summarizeCall, toSessionEvent, type SessionContext, type SessionEvent } from '../engine/session.js';
import type { Verdict } from '../engine/verdict.js';
import type { AppendInput, SessionRecord, SessionStore } from '../store/types.js';

export interface SessionCallDeps {
  engine: Engine;
  store: SessionStore;
  observer?: AnalysisObserver;
  /**
   * A store operation failed: return to go on without the store (the call is analyzed on its own and
   * not recorded), or throw to fail the call. Without it, the failure is thrown.
   */
  onStoreError?: (error: unknown, op: 'load' | 'append') => void;
  /**
   * The LLM second opinion (ENABLE_SEMANTIC_ANALYSIS): consulted after the rules and before the event
   * is recorded, so the session remembers the final score. Never throws; absent when the feature is off.
   */
  secondOpinion?: { review(req: AnalyzeRequest, verdict: Verdict, policy: Policy, now: number): Promise<Verdict> };
}

export interface SessionCall {
  sessionId: string;
  request: AnalyzeRequest;
  /** The time of the call (ms since the epoch): the daemon's clock, or the time a replayed input records. */
  now: number;
  mode: Mode;
  policy: Policy;
}

export interface SessionCallResult {
  verdict: Verdict;
  /** This call ended its session (terminate mode, a Terminate verdict, recorded). */
  terminated: boolean;
  /** The session had been terminated before: the call was refused unanalyzed, and this is the record. */
  refusedBy?: SessionRecord;
  /** Block or terminate mode refuses this call. */
  refused: boolean;
  /** The call's event is in the store (false when the store failed and onStoreError let it go on). */
  recorded: boolean;
}

/**
 * One call in its session, the same for the daemon, the hooks and the scanner: load the session, refuse
 * the call if the session was terminated, analyze it with the session's history, record the event (and
 * the termination it causes). Calls of one session must be passed one at a time, in order.
 */
export async function analyzeInSession(deps: SessionCallDeps, c: SessionCall): Promise<SessionCallResult> {
  const { request: req, sessionId, now, mode, policy } = c;
  const userId = req.userId ?? 'anonymous';
  const storeFailed = (op: 'load' | 'append') => (e: unknown): undefined => {
    if (!deps.onStoreError) throw e;
    deps.onStoreError(e, op);
    return undefined;
  };
  const loaded = await deps.store.load({ sessionId, orgId: req.orgId, now }).catch(storeFailed('load'));
  const summary = summarizeCall(req.call);
  // one shape for every append, fields written out: spreading them showed in profiles of long scans
  const appended = (event: SessionEvent, refused: boolean, terminate?: { reason: string }): AppendInput => ({ sessionId, userId, orgId: req.orgId, agent: req.agent, summary, mode, event, refused, terminate });
  const turns = { userId, userMessage: req.userMessage, aiResponse: req.aiResponse };

  if (loaded?.record?.status === 'terminated') {
    const record = loaded.record;
    const verdict: Verdict = {
      decision: 'Terminate', threat_score: record.maxScore, patterns: [], findings: [], analyzer_scores: {}, session_terminated: true,
      phase: record.phase, legitimacy: 1, targets: [], normalization: [], commands: [],
    };
    const event = toSessionEvent(req.call, verdict, now, turns);
    const recorded = await deps.store.append(appended(event, true)).then(() => true, (e: unknown) => (storeFailed('append')(e), false));
    return { verdict, terminated: false, refusedBy: record, refused: true, recorded };
  }

  // built field by field: spreading the loaded context cost more than the rest of this step
  const stored = loaded?.context ?? EMPTY_CONTEXT;
  const context: SessionContext = {
    history: stored.history, startedAt: stored.startedAt, callsLastHour: stored.callsLastHour, org: stored.org,
    sessionId, userId, orgId: req.orgId, agent: req.agent, now, userMessage: req.userMessage, aiResponse: req.aiResponse,
  };
  const ruled = deps.engine.analyze(req.call, context, policy, deps.observer);
  const verdict = deps.secondOpinion ? await deps.secondOpinion.review(req, ruled, policy, now) : ruled;
  let terminated = mode === 'terminate' && verdict.decision === 'Terminate';
  const event = toSessionEvent(req.call, verdict, now, turns);
  let recorded = loaded !== undefined;
  if (recorded) {
    const terminate = terminated ? { reason: `threat score ${verdict.threat_score} ≥ terminate threshold ${policy.thresholds.terminate}` } : undefined;
    recorded = await deps.store.append(appended(event, false, terminate)).then(() => true, (e: unknown) => (storeFailed('append')(e), false));
  }
  // A termination that could not be recorded does not stick; the answer must not claim it does.
  if (!recorded) terminated = false;
  const refused = (mode === 'block' || mode === 'terminate') && (verdict.decision === 'Block' || verdict.decision === 'Terminate');
  return { verdict: { ...verdict, session_terminated: terminated }, terminated, refused, recorded };
}
