import type { Decision } from './score.js';
import type { AnalyzerName, Finding, Tactic } from './rule.js';
import type { NormalizationStep, SimpleCommand } from './shell/types.js';
import type { AllowNote } from './policy.js';
import type { SecondOpinionNote } from './second-opinion.js';

/** A finding as reported: the rule's `strong` flag only matters inside scoring. */
export type VerdictFinding = Omit<Finding, 'strong'>;

/** A superset of the upstream response: `patterns` stays a flat list of readable strings. */
export interface Verdict {
  decision: Decision;
  threat_score: number;
  patterns: string[];
  findings: VerdictFinding[];
  analyzer_scores: Partial<Record<AnalyzerName, number>>;
  session_id?: string;
  session_terminated: boolean;
  /** The most advanced kill-chain phase this call reaches, if any. */
  phase?: Tactic;
  legitimacy: number;
  /** The user's request that lowered this call (legitimacy): what it asks for, and the objects it names. */
  asked_for?: string;
  /** What the call touched that a session should remember: sensitive paths (canonical) and remote hosts. */
  targets: string[];
  duration_us?: number;
  /** How the command was understood: unwrapped layers and decodings (for --explain). */
  normalization: NormalizationStep[];
  /** The simple commands analyzed, with their argv. */
  commands: Array<Pick<SimpleCommand, 'name' | 'argv' | 'origin' | 'depth'>>;
  /** Policy allow entries that dropped findings of this call (absent when none did). */
  allowed_by?: AllowNote[];
  /** Analyzers that failed on this call (a defect; the verdict comes from the others). */
  analyzer_errors?: AnalyzerName[];
  /** The LLM second opinion on an ambiguous call, when semantic analysis is on (absent otherwise). */
  second_opinion?: SecondOpinionNote;
}

export function toVerdictFinding({ strong: _strong, ...f }: Finding): VerdictFinding {
  return f;
}
