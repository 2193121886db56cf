import type { Engine } from '../../src/engine/index.js';
import type { Tactic } from '../../src/engine/rule.js';
import { MAX_HISTORY, MAX_ORG_EVENTS, PHASE_MIN_SCORE, toSessionEvent, type SessionContext, type SessionEvent } from '../../src/engine/session.js';
import { parseToolCall, type ToolCall } from '../../src/engine/toolcall.js';
import type { Verdict } from '../../src/engine/verdict.js';

/**
 * Upstream's session cases as sessions of ours. Upstream injected session state as statistics
 * (counts, timestamps, phases, age); proxilion's analyzers read the events a store keeps. The
 * translation synthesizes events whose times, count and tactics reproduce the statistics, next to
 * the events of the row's own earlier steps (toSessionEvent of their verdicts, as a store appends them).
 */

/** Upstream's test clock starts near 0; ours runs at a realistic epoch, so no synthesized time goes negative. */
const EPOCH = 1_750_000_000_000;
/** The spacing of calls upstream gave no time for: an agent's ordinary pace. */
const GAP_MS = 15_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Upstream's SessionStats; its RateStats and ProgressionStats are subsets with the same names. */
export interface UpstreamStats {
  requests_last_minute?: number;
  requests_last_hour?: number;
  total_requests?: number;
  request_timestamps?: number[];
  attack_phases?: string[];
  max_phase_reached?: number;
  phase_transitions?: number;
  session_age_hours?: number;
}

export interface UpstreamStep {
  tool_call: Record<string, unknown> | null;
  user_id: string;
  session_id: string;
  delay_ms?: number;
  timestamp_ms?: number;
  now_ms?: number;
  session_stats?: UpstreamStats;
  rate_stats?: UpstreamStats;
  progression_stats?: UpstreamStats;
  /** Derived from org_stats for stream-based engines; org_stats is translated instead. */
  replay?: boolean;
}

interface OrgStats {
  org_id: string;
  user_activities: Record<string, { user_id: string; tools_used: string[]; request_count: number; last_request_time: number }>;
}

export interface UpstreamSessionRow<S extends UpstreamStep = UpstreamStep> {
  id: string;
  steps: S[];
  conversation?: Array<{ role: 'user' | 'assistant'; content: string; timestamp: number }>;
  org_stats?: OrgStats;
}

/**
 * Upstream phase names → our tactics. Upstream used ATT&CK tactic names in snake case as we do, plus
 * the short `recon`. Its max_phase_reached and phase_transitions summarize the same list (in some rows
 * as a count of entries: five `recon` entries "reach" phase 5); our analyzers derive both from the
 * events, so only the list is translated.
 */
const PHASES: Readonly<Record<string, Tactic>> = {
  recon: 'reconnaissance',
  reconnaissance: 'reconnaissance',
  resource_development: 'resource_development',
  initial_access: 'initial_access',
  execution: 'execution',
  persistence: 'persistence',
  privilege_escalation: 'privilege_escalation',
  defense_evasion: 'defense_evasion',
  credential_access: 'credential_access',
  discovery: 'discovery',
  lateral_movement: 'lateral_movement',
  collection: 'collection',
  command_and_control: 'command_and_control',
  exfiltration: 'exfiltration',
  impact: 'impact',
};

function tacticOf(phase: string): Tactic {
  const t = PHASES[phase];
  if (!t) throw new Error(`no tactic for upstream phase "${phase}": add it to PHASES`);
  return t;
}

/** An earlier call upstream only counted: nothing is known of it beyond its time. */
const blank = (at: number): SessionEvent => ({ at, tool: 'bash', score: 0, decision: 'Allow', tactics: [], rules: [], targets: [] });

/** `n` times evenly spaced below `newest`, the last one at `oldest`. */
const spread = (n: number, newest: number, oldest: number): number[] => Array.from({ length: n }, (_, i) => Math.round(newest - ((i + 1) * (newest - oldest)) / n));

const within = (events: readonly SessionEvent[], now: number, ms: number) => events.filter((e) => e.at <= now && now - e.at <= ms).length;

/**
 * The history that reproduces `stats` at `now`, given the events the session is known to hold.
 * - request_timestamps are earlier calls at those times;
 * - requests_last_minute / _hour / total_requests count earlier calls: calls the known events and
 *   timestamps do not account for are added, evenly spaced, in the minute, the rest of the hour, and
 *   between the session's start and the hour (a count smaller than the calls listed for its window
 *   is a lower bound);
 * - attack_phases, oldest first: entries no known event reached go to the newest synthesized calls,
 *   in order. The stats carry no times for phases, so this is the reading most favourable to
 *   detection: every phase as recent as the counts allow;
 * - session_age_hours gives startedAt.
 * Stats with no counts at all (ProgressionStats) stand for one call per phase entry, GAP_MS apart.
 */
function historyFromStats(stats: UpstreamStats, now: number, known: readonly SessionEvent[]): Pick<SessionContext, 'history' | 'startedAt' | 'callsLastHour'> {
  const startedAt = stats.session_age_hours !== undefined ? now - stats.session_age_hours * HOUR_MS : undefined;
  const reached = known.flatMap((e) => e.tactics);
  const pending: Tactic[] = [];
  for (const t of (stats.attack_phases ?? []).map(tacticOf)) {
    const k = reached.indexOf(t);
    if (k >= 0) reached.splice(k, 1);
    else pending.push(t);
  }
  const counted = stats.requests_last_minute !== undefined || stats.requests_last_hour !== undefined || stats.total_requests !== undefined;
  const listed = stats.request_timestamps?.length ? stats.request_timestamps.map((t) => EPOCH + t) : counted ? [] : pending.map((_, i) => now - (pending.length - i) * GAP_MS);
  const synthetic = listed.map(blank);
  const fill = (count: number | undefined, ms: number, newest: number, oldest: number) => {
    const missing = (count ?? 0) - within([...known, ...synthetic], now, ms);
    if (missing <= 0) return;
    if (oldest >= newest) throw new Error(`stats need ${missing} more calls before ${newest} than the session's age leaves room for`);
    synthetic.push(...spread(missing, newest, oldest).map(blank));
  };
  const floor = (t: number) => Math.max(t, startedAt ?? -Infinity);
  fill(stats.requests_last_minute, MINUTE_MS, now, floor(now - MINUTE_MS));
  fill(stats.requests_last_hour, HOUR_MS, now - MINUTE_MS, floor(now - HOUR_MS));
  fill(stats.total_requests, Infinity, now - HOUR_MS, startedAt ?? now - HOUR_MS - (stats.total_requests ?? 0) * GAP_MS);
  synthetic.sort((a, b) => a.at - b.at);
  if (pending.length > synthetic.length) throw new Error(`${pending.length} phases for ${synthetic.length} calls`);
  const first = synthetic.length - pending.length;
  // a call reaches a phase with a finding of at least PHASE_MIN_SCORE; which rule, upstream did not say
  pending.forEach((t, i) => (synthetic[first + i] = { ...synthetic[first + i]!, tactics: [t], score: PHASE_MIN_SCORE }));
  const all = [...known, ...synthetic].sort((a, b) => a.at - b.at);
  return { history: all.slice(-MAX_HISTORY), startedAt: startedAt ?? all[0]?.at ?? now, callsLastHour: within(all, now, HOUR_MS) };
}

/**
 * The conversation before the call as a store holds it: each exchange is an earlier call carrying the
 * user's message and the assistant's reply (upstream recorded no call, so it carries no findings);
 * a user message still unanswered comes with this call.
 */
function conversationContext(turns: NonNullable<UpstreamSessionRow['conversation']>): Pick<SessionContext, 'history' | 'userMessage'> {
  const history: SessionEvent[] = [];
  let asked: string | undefined;
  for (const t of turns) {
    if (t.role === 'user') asked = t.content;
    else {
      history.push({ ...blank(EPOCH + t.timestamp), tool: 'unknown', userMessage: asked, aiResponse: t.content });
      asked = undefined;
    }
  }
  return { history, userMessage: asked };
}

/**
 * Upstream's org statistics as the org events a store hands over: each user's request_count calls,
 * cycling through the commands it used, analyzed one-shot. Upstream kept only each user's last request
 * time, so all of a user's calls are placed there.
 */
function orgEvents(engine: Engine, org: OrgStats): SessionEvent[] {
  const events = Object.values(org.user_activities).flatMap((u) =>
    Array.from({ length: u.request_count }, (_, i) => {
      const call = bash(u.tools_used[i % u.tools_used.length]!);
      return toSessionEvent(call, engine.analyze(call), EPOCH + u.last_request_time, { userId: u.user_id });
    }),
  );
  return events.sort((a, b) => a.at - b.at).slice(-MAX_ORG_EVENTS);
}

const bash = (command: string): ToolCall => ({ kind: 'bash', command, args: [], env: {} });

/** Upstream's session-only analyzers took no call: an ordinary one stands in, so only the session speaks. */
const NO_CALL = bash('ls');

/** When a step is analyzed, on our clock. */
function timeOf(row: UpstreamSessionRow, step: UpstreamStep, previous: number | undefined): number {
  if (step.timestamp_ms !== undefined) return EPOCH + step.timestamp_ms;
  if (step.now_ms !== undefined) return EPOCH + step.now_ms;
  if (previous !== undefined) return previous + (step.delay_ms ?? GAP_MS);
  const stamps = [
    ...(step.session_stats ?? step.rate_stats ?? {}).request_timestamps ?? [],
    ...(row.conversation ?? []).map((t) => t.timestamp),
    ...Object.values(row.org_stats?.user_activities ?? {}).map((u) => u.last_request_time),
  ];
  return EPOCH + (stamps.length ? Math.max(...stamps) + GAP_MS : 0);
}

export interface AnalyzedStep {
  /** Index into row.steps. */
  index: number;
  verdict: Verdict;
}

/**
 * Runs a row's steps in order through the engine, as one session per session id: each step's context
 * holds the events of the earlier steps and whatever the row's statistics, conversation or org
 * activity add. Replay steps are skipped: the org statistics they were derived from are translated.
 */
export function runUpstreamSession(engine: Engine, row: UpstreamSessionRow): AnalyzedStep[] {
  const out: AnalyzedStep[] = [];
  const sessions = new Map<string, SessionEvent[]>();
  let previous: number | undefined;
  row.steps.forEach((step, index) => {
    if (step.replay) return;
    const now = timeOf(row, step, previous);
    previous = now;
    const known = sessions.get(step.session_id) ?? [];
    const stats = step.session_stats ?? step.rate_stats ?? step.progression_stats;
    const conversation = row.conversation ? conversationContext(row.conversation) : undefined;
    const earlier = [...(conversation?.history ?? []), ...known];
    const context: SessionContext = {
      sessionId: step.session_id,
      userId: step.user_id,
      now,
      ...(stats ? historyFromStats(stats, now, earlier) : { history: earlier.slice(-MAX_HISTORY), startedAt: earlier[0]?.at ?? now, callsLastHour: within(earlier, now, HOUR_MS) }),
      userMessage: conversation?.userMessage,
      ...(row.org_stats ? { orgId: row.org_stats.org_id, org: orgEvents(engine, row.org_stats) } : {}),
    };
    const call = step.tool_call ? parseToolCall(step.tool_call) : NO_CALL;
    const verdict = engine.analyze(call, context);
    out.push({ index, verdict });
    sessions.set(step.session_id, [...known, toSessionEvent(call, verdict, now, { userId: step.user_id, userMessage: context.userMessage })]);
  });
  return out;
}
