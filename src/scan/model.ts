import type { Mode } from '../engine/policy.js';
import type { Tactic } from '../engine/rule.js';
import type { Decision } from '../engine/score.js';
import type { VerdictFinding } from '../engine/verdict.js';
import type { CallOutcome, InputFormat } from '../ingest/types.js';

/** Where something was found: the file as the user named it (or found it in a directory) and a 1-based line. */
export interface Location {
  file: string;
  line: number;
}

/** One analyzed call: the `ndjson` output line, and the body of every finding in the other formats. */
export interface ScannedCall extends Location {
  session_id: string;
  /** ISO time of the call, when the input records one. */
  at?: string;
  format: InputFormat;
  tool?: string;
  agent?: string;
  outcome?: CallOutcome;
  /** The call in one line, as the audit log shows it. */
  summary: string;
  decision: Decision;
  threat_score: number;
  session_terminated: boolean;
  /** The session had been terminated by an earlier call (terminate mode): this one was refused unanalyzed. */
  refused_terminated?: true;
  phase?: Tactic;
  findings: VerdictFinding[];
  /** The user's request that lowered this call (Verdict.asked_for). */
  asked_for?: string;
}

/** A call at or above the alert threshold, with the fingerprint that identifies it across runs. */
export interface FlaggedCall extends ScannedCall {
  /** Stable across runs while the file, session, rules and call stay the same, wherever the line moves. */
  fingerprint: string;
}

export interface SessionSummary {
  session_id: string;
  /** Where the session's first call was found. */
  first: Location;
  /** Files the session's calls came from, at most MAX_SESSION_FILES. */
  files: string[];
  calls: number;
  flagged: number;
  max_score: number;
  /** The highest decision of its calls. */
  decision: Decision;
  phases: Tactic[];
  terminated: boolean;
  first_at?: string;
  last_at?: string;
}

export interface SkipNote extends Location {
  reason: string;
}

export interface ScanStats {
  files: number;
  bytes: number;
  lines: number;
  calls: number;
  flagged: number;
  sessions: number;
  /** Lines or entries that were not understood (each reported as a warning, up to MAX_WARNINGS). */
  skipped: number;
  /** Files left out whole: unrecognized formats in a directory walk, unreadable files. */
  skipped_files: number;
  duration_ms: number;
}

export interface ScanReport {
  tool: { name: 'proxilion'; version: string };
  mode: Mode;
  thresholds: { alert: number; block: number; terminate: number };
  fail_on?: FailOn;
  /** The decision that fails the run was reached (exit 1). */
  failed: boolean;
  stats: ScanStats;
  /** Sessions in the order they were first seen, at most MAX_SESSIONS. */
  sessions: SessionSummary[];
  /** Flagged calls in input order, at most MAX_FLAGGED; with a baseline, only those not in it. */
  findings: FlaggedCall[];
  /** Flagged calls beyond MAX_FLAGGED, and sessions beyond MAX_SESSIONS, counted but not listed. */
  omitted: { findings: number; sessions: number; warnings: number };
  warnings: SkipNote[];
  files: Array<{ file: string; format: InputFormat | 'skipped'; calls: number; reason?: string }>;
  baseline?: { file: string; suppressed: number };
}

export const FAIL_ON = ['alert', 'block', 'terminate'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** `--reader-thread`: read and parse the inputs on a second thread (scan/reader-thread.ts). */
export const READER_THREAD_MODES = ['auto', 'on', 'off'] as const;
export type ReaderThreadMode = (typeof READER_THREAD_MODES)[number];
export const FAIL_DECISION: Record<FailOn, Decision> = { alert: 'Alert', block: 'Block', terminate: 'Terminate' };

export const MAX_FLAGGED = 10_000;
export const MAX_SESSIONS = 100_000;
export const MAX_WARNINGS = 200;
export const MAX_SESSION_FILES = 20;
