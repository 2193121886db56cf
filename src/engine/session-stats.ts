import { perCall, type AnalysisInput, type Tactic } from './rule.js';
import { MAX_TURN_CHARS, PHASE_MIN_SCORE, artifactOf, type ArtifactKind, type SessionContext, type SessionEvent } from './session.js';
import { classifyPath, type PathKind } from './knowledge/paths.js';
import { Said } from './knowledge/named.js';

/**
 * What the session-aware analyzers derive from a SessionContext, each part computed at most once per
 * context and only when a rule asks: call rates and their regularity (SessionPace), the kill-chain
 * phases reached and the secrets and hosts touched (SessionStats), where the user last spoke
 * (SessionTurns); and what this call itself contributes. Pure: `now` comes from the context, never a clock.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** A call whose own findings reach this is suspicious; session rules that judge intent weigh only such calls. */
export const SUSPICIOUS_SCORE = 40;

/** Tactics that mark an attack under way; `execution` is left out: running things is what agents do. */
export const ATTACK_PHASES: ReadonlySet<Tactic> = new Set([
  'reconnaissance', 'discovery', 'credential_access', 'collection', 'privilege_escalation', 'lateral_movement', 'persistence', 'defense_evasion', 'command_and_control', 'exfiltration', 'impact',
]);

/** Phases whose tools reach other machines: the hosts they touch count towards a sweep. */
export const SWEEP_PHASES: readonly Tactic[] = ['discovery', 'reconnaissance', 'lateral_movement'];

export interface CallWindow {
  /** Earlier calls of the session within the window (this call not included). */
  calls: number;
  meanGapMs: number;
  sdGapMs: number;
}

export interface SessionPace {
  lastMinute: CallWindow;
  /** Earlier calls in the hour before now: the store's count when it saw more than the history holds. */
  lastHourCalls: number;
}

export interface SessionStats {
  /** The last time an earlier call reached each phase (a finding of PHASE_MIN_SCORE or more). */
  phases: ReadonlyMap<Tactic, number>;
  /** Secret files that earlier calls took (the call raised a credential-access or collection finding), with when. */
  secretsTaken: ReadonlyMap<string, number>;
  /** Every secret file an earlier call touched, with its kind and when last. */
  secretFiles: ReadonlyMap<string, { kind: PathKind; at: number }>;
  /** Remote hosts earlier calls swept (reached in a discovery or lateral-movement call, or addressed by IP), with when last. */
  sweptHosts: ReadonlyMap<string, number>;
  /** What earlier calls left (ArtifactKind), by its target (`staged:/tmp/e`), with when last. */
  artifacts: ReadonlyMap<string, { kind: ArtifactKind; path: string; at: number }>;
}

export interface SessionTurns {
  /**
   * Where the current user turn began, as an index into history followed by this call
   * (history.length: this call opens it); undefined when the session carries no user messages.
   */
  turnStart?: number;
  /** The most recent user message of the session, this call's included. */
  latestUserMessage?: string;
}

/** How fast the session goes; every call needs it, so it is kept apart from the costlier SessionStats. */
export const sessionPace = perCall((c: SessionContext): SessionPace => {
  const now = c.now;
  let hour = 0;
  let minute = 0;
  let sum = 0;
  let sumSq = 0;
  let previous: number | undefined;
  // newest first, stopping at the first call older than the hour (history is oldest first)
  for (let k = c.history.length - 1; now !== undefined && k >= 0; k--) {
    const at = c.history[k]!.at;
    if (at > now) continue;
    if (now - at > HOUR_MS) break;
    hour++;
    if (now - at > MINUTE_MS) continue;
    minute++;
    if (previous !== undefined) {
      sum += previous - at;
      sumSq += (previous - at) ** 2;
    }
    previous = at;
  }
  const gaps = minute - 1;
  const mean = gaps > 0 ? sum / gaps : 0;
  const sd = gaps > 0 ? Math.sqrt(Math.max(0, sumSq / gaps - mean * mean)) : 0;
  return { lastMinute: { calls: minute, meanGapMs: mean, sdGapMs: sd }, lastHourCalls: Math.max(c.callsLastHour ?? 0, hour) };
});

export const sessionStats = perCall(statsOf);

function statsOf(c: SessionContext): SessionStats {
  const phases = new Map<Tactic, number>();
  const secretsTaken = new Map<string, number>();
  const secretFiles = new Map<string, { kind: PathKind; at: number }>();
  const sweptHosts = new Map<string, number>();
  const artifacts = new Map<string, { kind: ArtifactKind; path: string; at: number }>();
  // oldest first, so each map ends up holding the latest time
  for (const e of c.history) {
    for (const t of e.tactics) phases.set(t, e.at);
    const took = e.tactics.includes('credential_access') || e.tactics.includes('collection');
    const swept = SWEEP_PHASES.some((t) => e.tactics.includes(t));
    for (const t of e.targets) {
      const left = artifactOf(t);
      if (left) {
        artifacts.set(t, { ...left, at: e.at });
        continue;
      }
      // the other targets are canonical sensitive paths or lower-cased hosts; a path is one the catalog knows
      const path = classifyPath(t);
      if (!path) {
        if (swept || isIpLiteral(t)) sweptHosts.set(t, e.at);
      } else if (path.role === 'secret') {
        secretFiles.set(t, { kind: path.kind, at: e.at });
        if (took) secretsTaken.set(t, e.at);
      }
    }
  }
  return { phases, secretsTaken, secretFiles, sweptHosts, artifacts };
}

/** Where the user last spoke, scanning back from this call; apart from SessionStats, since most calls need neither. */
export const sessionTurns = perCall((c: SessionContext): SessionTurns => {
  const h = c.history;
  let latestUserMessage = c.userMessage;
  for (let k = h.length - 1; k >= 0 && latestUserMessage === undefined; k--) latestUserMessage = h[k]!.userMessage;
  // index h.length is this call; each step compares a call's message with the one before it
  let message = c.userMessage;
  for (let k = h.length; k >= 0; k--) {
    const previous = k > 0 ? h[k - 1]!.userMessage : undefined;
    if (startsTurn(message, previous)) return { turnStart: k, latestUserMessage };
    message = previous;
  }
  return { latestUserMessage };
});

/**
 * A call opens a user turn when it carries a user message other than the call before it: this holds
 * whether a store attaches the message to the first call of a turn only or to every call of it.
 */
const startsTurn = (message: string | undefined, previous: string | undefined): boolean => message !== undefined && message !== previous;

/** A host written as an address (v4 dotted quad or v6), not a name. */
export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** This call's kill-chain phases: the tactics of its own findings that count as progress. */
export const callPhases = perCall((i: AnalysisInput): ReadonlySet<Tactic> => new Set((i.prior ?? []).filter((f) => f.score >= PHASE_MIN_SCORE).map((f) => f.tactic)));

/**
 * Rules that judge the session rather than the call: its pace, and the session-aware analyzers. They
 * never make a call suspicious, or a burst of harmless calls would feed the rules that weigh suspicious
 * ones. Listed by id because the rule tables import this module.
 */
const SESSION_RULE_FAMILIES = ['PX-RATE-', 'PX-CHAIN-', 'PX-AUTO-', 'PX-MTO-', 'PX-MUC-', 'PX-CONV-'];
const PACE_RULES = new Set(['PX-VEL-002']);
const judgesSession = (rule: string): boolean => PACE_RULES.has(rule) || SESSION_RULE_FAMILIES.some((f) => rule.startsWith(f));

/** The strongest finding the per-call analyzers raised about what this call does. */
export const callSuspicion = perCall((i: AnalysisInput): number => (i.prior ?? []).reduce((m, f) => (judgesSession(f.rule) ? m : Math.max(m, f.score)), 0));

/** An earlier call that was suspicious for what it did (its score counts only with a rule about the call itself). */
export const suspiciousEvent = (e: SessionEvent): boolean => e.score >= SUSPICIOUS_SCORE && e.rules.some((r) => !judgesSession(r));

/** Secret files this call touches (canonical), with their kind. */
export const callSecrets = perCall((i: AnalysisInput): ReadonlyMap<string, PathKind> => {
  const out = new Map<string, PathKind>();
  for (const f of i.facts.files) if (f.sensitive?.role === 'secret') out.set(f.canonical, f.sensitive.kind);
  return out;
});

const readMessage = perCall((message: string) => new Said(message));
/** Words of a message that asks to do the last request again ("rerun just those templates"), which it then does not repeat. */
const REPEAT = /\b(?:re-?run|rerunning|re-?do|retry|again|once more)\b/i;

/** Earlier messages of the user searched for a name: enough for a working session, bounded for a long one. */
const NAMING_MESSAGES = 16;

/**
 * The user named `object` (a host, a repository) in this message or one of the session's earlier ones: where
 * the user said the work is (`lanternpress.co`, told at the start) is where the session sends what it sends.
 */
export function namedInSession(c: SessionContext, object: string): boolean {
  let previous = c.userMessage;
  if (previous !== undefined && readMessage(previous).names(object)) return true;
  for (let k = c.history.length - 1, seen = 0; k >= 0 && seen < NAMING_MESSAGES; k--) {
    const m = c.history[k]!.userMessage;
    if (m === undefined || m === previous) continue;
    previous = m;
    seen++;
    if (readMessage(m).names(object)) return true;
  }
  return false;
}

/**
 * The user's latest message, read for what it asks for and names; a turn's message is read once for all of its
 * calls. A message that asks to do it again is read with the message before it, whose request it repeats.
 */
export function latestRequest(c: SessionContext): Said | undefined {
  const message = sessionTurns(c).latestUserMessage;
  if (message === undefined) return undefined;
  if (!REPEAT.test(message.slice(0, MAX_TURN_CHARS))) return readMessage(message);
  let earlier: string | undefined;
  for (let k = c.history.length - 1; k >= 0 && earlier === undefined; k--) {
    const m = c.history[k]!.userMessage;
    if (m !== undefined && m !== message) earlier = m;
  }
  return readMessage(earlier === undefined ? message : `${earlier.slice(0, MAX_TURN_CHARS)}\n${message}`);
}
