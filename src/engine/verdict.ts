import type { Decision } from './score.js';
import type { AnalyzerName, Finding, Tactic } from './rule.js';
import type { NormalizationStep, SimpleCommand } from './shell/types.js';

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
  /** What the call touched that a session should remember: sensitive paths (canonical) and remote hosts. */
  targets: string[];
  duration_us?: number;
  /** How the command was understood: unwrapped layers and decodings (for --explain). */
  normalization: NormalizationStep[];
  /** The simple commands analyzed, with their argv. */
  commands: Array<Pick<SimpleCommand, 'name' | 'argv' | 'origin' | 'depth'>>;
}

export function toVerdictFinding({ strong: _strong, ...f }: Finding): VerdictFinding {
  return f;
}
