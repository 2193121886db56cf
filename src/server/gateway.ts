import { createHash, randomUUID } from 'node:crypto';
import type { AnalysisObserver, Engine } from '../engine/index.js';
import type { AnalyzerName } from '../engine/rule.js';
import type { Mode, Policy } from '../engine/policy.js';
import type { AnalyzeRequest } from '../engine/request.js';
import { toolCallToWire } from '../engine/toolcall.js';
import { summarizeCall } from '../engine/session.js';
import { analyzeInSession, type SessionCallDeps } from '../session/analyze-call.js';
import { refusalMessage, terminatedSessionMessage } from '../session/messages.js';
import { HttpError } from './http.js';
import type { Verdict } from '../engine/verdict.js';
import type { SessionRecord, SessionStore } from '../store/types.js';
import type { AlertDispatcher } from './alerts.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

export interface GatewaySettings {
  mode: Mode;
  policy: Policy;
  logAllRequests: boolean;
  /** When the store does not answer: analyze without the session (stateless) or answer 503 (refuse). */
  storeFailMode: 'stateless' | 'refuse';
}

/** The /analyze response: the verdict (a superset of the upstream response) plus the mode, and a message when refused. */
export interface AnalyzeResponse extends Verdict {
  session_id: string;
  mode: Mode;
  message?: string;
  /** The session store did not answer: this call was analyzed without its session and not recorded. */
  session_store_unavailable?: true;
}

export interface AnalyzeOutcome {
  status: 200 | 403;
  body: AnalyzeResponse;
}

/**
 * A call sent again under its request id gets its first answer for this long: a shell hook's curl
 * gives up after a second and its fallback asks again, while the first is still being answered.
 */
const REPEAT_WINDOW_MS = 60_000;
/** Answers kept for repeats, oldest dropped first: a bound, whatever clients send. */
const REPEAT_MAX = 4096;

interface Answered {
  fingerprint: string;
  at: number;
  outcome: Promise<AnalyzeOutcome>;
}

/**
 * The request path of the daemon: load the session, analyze, record, answer. Calls of one session
 * run one after another, so each sees the events of the calls before it; sessions run concurrently.
 */
export class Gateway {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly answered = new Map<string, Answered>();
  private readonly deps: SessionCallDeps;

  constructor(
    engine: Engine,
    store: SessionStore,
    public settings: GatewaySettings,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    private readonly alerts: AlertDispatcher | undefined,
    secondOpinion?: SessionCallDeps['secondOpinion'],
    private readonly clock: () => number = Date.now,
  ) {
    // Label children are resolved once per analyzer: ~30 observations per call must stay cheap.
    const timers = new Map<AnalyzerName, { observe(v: number): void }>();
    const observer: AnalysisObserver = {
      clock: () => performance.now() / 1000,
      analyzer: (name, seconds) => {
        let t = timers.get(name);
        if (!t) timers.set(name, (t = metrics.analysisDuration.labels(name)));
        t.observe(seconds);
      },
      error: (name, error) => {
        metrics.analyzerErrors.labels(name).inc();
        log.error('analyzer failed; the verdict comes from the others', { analyzer: name, error });
      },
    };
    this.deps = { engine, store, observer, secondOpinion, onStoreError: (e, op) => this.storeFailed(e, op) };
  }

  analyze(req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    if (req.requestId === undefined) return this.analyzeNew(req);
    // the session the caller named (a minted one differs on each try), and the same call: an id
    // sent again with another call is a new request, so a clash of ids never answers the wrong call
    const key = `${req.sessionId ?? ''}\0${req.requestId}`;
    const fingerprint = createHash('sha256').update(JSON.stringify(toolCallToWire(req.call))).digest('base64');
    const now = this.clock();
    const seen = this.answered.get(key);
    if (seen && seen.fingerprint === fingerprint && now - seen.at < REPEAT_WINDOW_MS) return seen.outcome;
    const outcome = this.analyzeNew(req);
    this.answered.delete(key);
    this.answered.set(key, { fingerprint, at: now, outcome });
    // kept in the order they came: the stale and the surplus are at the front
    for (const [k, a] of this.answered) {
      if (now - a.at < REPEAT_WINDOW_MS && this.answered.size <= REPEAT_MAX) break;
      this.answered.delete(k);
    }
    // a call that failed (a store outage answered 503) is tried afresh when it is sent again
    outcome.catch(() => {
      if (this.answered.get(key)?.outcome === outcome) this.answered.delete(key);
    });
    return outcome;
  }

  private analyzeNew(req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    const sessionId = req.sessionId || randomUUID();
    return this.serialize(sessionId, () => this.analyzeInSession(sessionId, req));
  }

  /** Resolves once every queued call has been answered (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  private serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return next;
  }

  private async analyzeInSession(sessionId: string, req: AnalyzeRequest): Promise<AnalyzeOutcome> {
    const { mode, policy } = this.settings;
    const started = process.hrtime.bigint();
    const userId = req.userId ?? 'anonymous';
    const r = await analyzeInSession(this.deps, { sessionId, request: req, now: this.clock(), mode, policy });
    if (r.refusedBy) return this.refuseTerminated(r.refusedBy, r.verdict, req, sessionId, userId, mode);

    const body: AnalyzeResponse = { ...r.verdict, session_id: sessionId, mode, ...(r.recorded ? {} : { session_store_unavailable: true as const }) };
    body.duration_us = Number((process.hrtime.bigint() - started) / 1000n);
    if (r.refused) body.message = refusalMessage(r.verdict, r.terminated);
    this.observe(body, r.refused, r.terminated, req, userId);
    return { status: r.refused ? 403 : 200, body };
  }

  private lastStoreWarning = 0;

  /**
   * A store failure on the request path. In refuse mode the call is answered 503; in stateless mode
   * it is analyzed without its session and the verdict says so. Logged at most every 10 s.
   */
  private storeFailed(e: unknown, op: string): undefined {
    if ((e as { code?: unknown })?.code !== 'E_STORE') throw e;
    const now = this.clock();
    if (now - this.lastStoreWarning >= 10_000) {
      this.lastStoreWarning = now;
      this.log.error('session store unavailable', { op, fail_mode: this.settings.storeFailMode, error: (e as Error).message });
    }
    if (this.settings.storeFailMode === 'refuse') throw new HttpError(503, 'session store unavailable', `${(e as Error).message}; STORE_FAIL_MODE=refuse answers 503 until it is back`, { 'retry-after': '5' });
    return undefined;
  }

  private refuseTerminated(record: SessionRecord, verdict: Verdict, req: AnalyzeRequest, sessionId: string, userId: string, mode: Mode): AnalyzeOutcome {
    const body: AnalyzeResponse = {
      ...verdict, session_id: sessionId, mode,
      message: terminatedSessionMessage(sessionId, record),
    };
    this.metrics.requests.labels('Terminate').inc();
    if (this.settings.logAllRequests) this.log.info('refused: session terminated', { session_id: sessionId, user_id: userId, summary: summarizeCall(req.call) });
    return { status: 403, body };
  }

  private observe(body: AnalyzeResponse, refused: boolean, terminated: boolean, req: AnalyzeRequest, userId: string): void {
    const m = this.metrics;
    m.requests.labels(body.decision).inc();
    m.threatScore.observe(body.threat_score);
    m.totalAnalysisDuration.observe((body.duration_us ?? 0) / 1e6);
    const contributing = Object.keys(body.analyzer_scores);
    if (body.decision !== 'Allow') for (const a of contributing) m.threatsDetected.labels(a, body.decision).inc();
    if (refused) for (const a of contributing) m.threatsBlocked.labels(a).inc();
    if (terminated) m.sessionsTerminated.labels('threat_score').inc();

    // most calls are allowed and neither logged nor alerted: their summary is not worth building
    const alerts = body.decision !== 'Allow' && body.mode !== 'monitor' ? this.alerts : undefined;
    if (body.decision === 'Allow' && !this.settings.logAllRequests && !alerts) return;
    const fields = {
      session_id: body.session_id, user_id: userId, org_id: req.orgId, agent: req.agent, decision: body.decision, threat_score: body.threat_score,
      rules: body.findings.map((f) => f.rule), mode: body.mode, refused, session_terminated: terminated, summary: summarizeCall(req.call), duration_us: body.duration_us,
      asked_for: body.asked_for,
    };
    if (body.decision !== 'Allow') this.log.warn('threat detected', fields);
    else if (this.settings.logAllRequests) this.log.info('analyzed', fields);

    if (alerts) {
      alerts.send({
        at: this.clock(), decision: body.decision, threat_score: body.threat_score, mode: body.mode, session_id: body.session_id, user_id: userId,
        org_id: req.orgId, agent: req.agent, summary: fields.summary, rules: fields.rules, patterns: body.patterns, session_terminated: terminated, asked_for: body.asked_for,
      });
    }
  }
}
