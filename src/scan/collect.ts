import { createHash } from 'node:crypto';
import type { Tactic } from '../engine/rule.js';
import { DECISIONS, type Decision } from '../engine/score.js';
import { FAIL_DECISION, MAX_FLAGGED, MAX_SESSION_FILES, MAX_SESSIONS, MAX_WARNINGS, type FailOn, type FlaggedCall, type ScanReport, type ScannedCall, type SessionSummary, type SkipNote } from './model.js';

const rank = (d: Decision): number => DECISIONS.indexOf(d);
/** At or above the alert threshold, and analyzed: calls refused because their session was terminated are not findings again. */
const isFlagged = (c: ScannedCall): boolean => c.decision !== 'Allow' && !c.refused_terminated;

/**
 * What identifies a flagged call across runs: its file, session, rules and the call itself, and which
 * occurrence of that it is; not its line, so that lines added above it do not make it new.
 */
function fingerprintOf(c: ScannedCall, occurrence: number): string {
  const rules = c.findings.map((f) => f.rule).sort().join(',');
  return createHash('sha256').update(`${c.file}\0${c.session_id}\0${rules}\0${c.summary}\0${occurrence}`).digest('hex').slice(0, 32);
}

/** Accumulates a scan's calls into the report, in memory bounded by the MAX_* limits whatever the input's size. */
export class ScanCollector {
  private readonly sessions = new Map<string, SessionSummary & { phaseSet: Set<Tactic> }>();
  private readonly occurrences = new Map<string, number>();
  private readonly findings: FlaggedCall[] = [];
  private readonly warnings: SkipNote[] = [];
  private readonly omitted = { findings: 0, sessions: 0, warnings: 0 };
  private suppressed = 0;
  private failed = false;
  readonly stats = { files: 0, bytes: 0, lines: 0, calls: 0, flagged: 0, skipped: 0, skipped_files: 0 };
  readonly files: ScanReport['files'] = [];

  constructor(
    private readonly failOn: FailOn | undefined,
    /** Fingerprints of a previous run's findings: those are not reported again. */
    private readonly baseline?: ReadonlySet<string>,
  ) {}

  /** Records a call; returns it with its fingerprint when it is a finding to report. */
  add(c: ScannedCall): FlaggedCall | undefined {
    this.stats.calls++;
    this.addToSession(c);
    if (!isFlagged(c)) return undefined;
    this.stats.flagged++;
    const base = fingerprintOf(c, 0);
    const n = this.occurrences.get(base) ?? 0;
    if (this.occurrences.size < MAX_FLAGGED * 4) this.occurrences.set(base, n + 1);
    const flagged: FlaggedCall = { ...c, fingerprint: n === 0 ? base : fingerprintOf(c, n) };
    if (this.baseline?.has(flagged.fingerprint)) {
      this.suppressed++;
      return undefined;
    }
    if (this.failOn && rank(c.decision) >= rank(FAIL_DECISION[this.failOn])) this.failed = true;
    if (this.findings.length < MAX_FLAGGED) this.findings.push(flagged);
    else this.omitted.findings++;
    return flagged;
  }

  warn(note: SkipNote): void {
    this.stats.skipped++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(note);
    else this.omitted.warnings++;
  }

  report(base: Pick<ScanReport, 'tool' | 'mode' | 'thresholds' | 'fail_on'>, durationMs: number, baselineFile?: string): ScanReport {
    const sessions = [...this.sessions.values()].map(({ phaseSet: _, ...s }) => s);
    return {
      ...base,
      failed: this.failed,
      stats: { ...this.stats, sessions: sessions.length + this.omitted.sessions, duration_ms: durationMs },
      sessions,
      findings: this.findings,
      omitted: { ...this.omitted },
      warnings: this.warnings,
      files: this.files,
      ...(baselineFile === undefined ? {} : { baseline: { file: baselineFile, suppressed: this.suppressed } }),
    };
  }

  private addToSession(c: ScannedCall): void {
    let s = this.sessions.get(c.session_id);
    if (!s) {
      if (this.sessions.size >= MAX_SESSIONS) {
        this.omitted.sessions++;
        return;
      }
      s = { session_id: c.session_id, first: { file: c.file, line: c.line }, files: [], calls: 0, flagged: 0, max_score: 0, decision: 'Allow', phases: [], phaseSet: new Set(), terminated: false, first_at: c.at };
      this.sessions.set(c.session_id, s);
    }
    s.calls++;
    if (isFlagged(c)) s.flagged++;
    if (!s.files.includes(c.file) && s.files.length < MAX_SESSION_FILES) s.files.push(c.file);
    s.max_score = Math.max(s.max_score, c.threat_score);
    if (rank(c.decision) > rank(s.decision)) s.decision = c.decision;
    if (c.phase && !s.phaseSet.has(c.phase)) {
      s.phaseSet.add(c.phase);
      s.phases.push(c.phase);
    }
    if (c.session_terminated || c.refused_terminated) s.terminated = true;
    if (c.at) s.last_at = c.at;
  }
}
