import { DEFAULT_THRESHOLDS, type Thresholds } from './score.js';
import type { AnalyzerName } from './rule.js';

export type Mode = 'monitor' | 'alert' | 'block' | 'terminate';
export const MODES: readonly Mode[] = ['monitor', 'alert', 'block', 'terminate'];

/** What the engine needs of the operator's policy. Loading and validating files happens outside. */
export interface Policy {
  thresholds: Thresholds;
  disabledAnalyzers: readonly AnalyzerName[];
  /** Rule ids whose findings are dropped (reviewed false positives). */
  allowRules: readonly string[];
}

export const DEFAULT_POLICY: Policy = { thresholds: DEFAULT_THRESHOLDS, disabledAnalyzers: [], allowRules: [] };
