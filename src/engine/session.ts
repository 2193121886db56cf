import type { Tactic } from './rule.js';
import type { ToolCall } from './toolcall.js';
import { readAs } from './tool-shape.js';
import type { Verdict } from './verdict.js';

/** One earlier call of a session, as the store keeps it. */
export interface SessionEvent {
  /** Milliseconds since the epoch. */
  at: number;
  tool: string;
  score: number;
  decision: string;
  /** Tactics of the call's findings that count as kill-chain progress (score ≥ PHASE_MIN_SCORE). */
  tactics: Tactic[];
  rules: string[];
  /**
   * What the call touched: canonical sensitive paths and lower-cased hosts; and what it left for later calls,
   * tagged with how it came to be (ArtifactKind): `fetched:~/.local/bin/agent`, `staged:/tmp/e`, `read:notion`.
   */
  targets: string[];
  /** The user who made the call; set on org-wide events, where users differ. */
  userId?: string;
  /** The conversation turn that came with the call, clipped to MAX_TURN_CHARS. */
  userMessage?: string;
  aiResponse?: string;
}

/**
 * What the engine knows of a session when analyzing its next call. Pure data: the store derives it,
 * the engine never reads a clock or a database. The session-aware analyzers build on it.
 */
export interface SessionContext {
  sessionId?: string;
  userId?: string;
  orgId?: string;
  /** The agent making the call (claude-code, cursor, mcp:<server>…), for per-agent policy. */
  agent?: string;
  /** The time of the call being analyzed (ms since epoch), supplied by the caller. */
  now?: number;
  /** This session's most recent calls, oldest first, at most MAX_HISTORY. */
  history: readonly SessionEvent[];
  /** When the session began; its first call's time when absent. */
  startedAt?: number;
  /** Calls of this session in the hour before `now`, counted by the store beyond the history window. */
  callsLastHour?: number;
  /** Recent calls by other sessions of the same org (each with its userId), newest last, at most MAX_ORG_EVENTS. */
  org?: readonly SessionEvent[];
  userMessage?: string;
  aiResponse?: string;
}

export const EMPTY_CONTEXT: SessionContext = { history: [] };

/** How many earlier calls of a session a store hands to the engine. */
export const MAX_HISTORY = 200;
/** How many recent org-wide calls a store hands to the engine for cross-user correlation. */
export const MAX_ORG_EVENTS = 500;
/** The window within which org-wide calls are correlated. */
export const ORG_WINDOW_MS = 60 * 60 * 1000;
/** Conversation turns are kept up to this length: enough for intent, bounded for storage. */
export const MAX_TURN_CHARS = 2000;
/** A finding below this score does not move a session along the kill chain. */
export const PHASE_MIN_SCORE = 25;
/** Longest call summary kept in the audit log. */
export const MAX_SUMMARY_CHARS = 512;

const clip = (s: string | undefined, n: number): string | undefined => (s === undefined ? undefined : s.length > n ? s.slice(0, n - 1) + '…' : s);

/** A one-line, bounded description of a call for the audit log. */
export function summarizeCall(sent: ToolCall): string {
  // an Unknown call that reads as a file write is summarized as one, so its content stays out of the log
  const call = readAs(sent);
  let s = call === sent ? '' : `${clip(sent.kind === 'unknown' ? sent.toolName : '', 128)}: `;
  switch (call.kind) {
    case 'bash':
      s += [call.command, ...call.args].join(' ');
      break;
    case 'filesystem':
      s += `${call.operation} ${call.path}`;
      break;
    case 'network':
      s += `${call.method} ${call.url}`;
      break;
    case 'database':
      s += call.query;
      break;
    case 'unknown':
      s += `${call.toolName} ${safeJson(call.params)}`;
      break;
  }
  return clip(s.replace(/[\r\n]+/g, ' '), MAX_SUMMARY_CHARS)!;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, MAX_SUMMARY_CHARS) ?? '';
  } catch {
    return '';
  }
}

/** The event a store appends for an analyzed call: the same derivation for every adapter. */
export function toSessionEvent(call: ToolCall, verdict: Verdict, at: number, turn: { userId?: string; userMessage?: string; aiResponse?: string } = {}): SessionEvent {
  const tactics = new Set<Tactic>();
  for (const f of verdict.findings) if (f.score >= PHASE_MIN_SCORE) tactics.add(f.tactic);
  return {
    at,
    tool: readAs(call).kind,
    score: verdict.threat_score,
    decision: verdict.decision,
    tactics: [...tactics],
    rules: [...new Set(verdict.findings.map((f) => f.rule))],
    targets: verdict.targets,
    userId: turn.userId,
    userMessage: clip(turn.userMessage, MAX_TURN_CHARS),
    aiResponse: clip(turn.aiResponse, MAX_TURN_CHARS),
  };
}

/**
 * What a call leaves that a later call of the session may build on: a file `fetched` from a host that is not
 * a vetted source, a file `staged` with secret or personal data in it (a secret copied, encoded or written
 * there, or people's identity fields exported there), a
 * private workspace store `read` through a tool (`read:jira`), a directory whose downloads were
 * `verified` against a signature or a checksum, a value `stored` in a secret store (by its fingerprint,
 * never the value), or a project file `armed` with something harmful that a later install, build, commit or push runs. Recorded among the event's targets as `<kind>:<canonical path, store or fingerprint>`,
 * a form no path or host takes.
 */
export type ArtifactKind = 'fetched' | 'staged' | 'read' | 'verified' | 'stored' | 'armed';
const ARTIFACT_KINDS: readonly ArtifactKind[] = ['fetched', 'staged', 'read', 'verified', 'stored', 'armed'];

export const artifactTarget = (kind: ArtifactKind, path: string): string => `${kind}:${path}`;

/** The artifact a target records, or undefined for a path or host. */
export function artifactOf(target: string): { kind: ArtifactKind; path: string } | undefined {
  const colon = target.indexOf(':');
  const kind = ARTIFACT_KINDS.find((k) => k.length === colon && target.startsWith(k));
  return kind && { kind, path: target.slice(colon + 1) };
}
