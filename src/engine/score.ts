import type { AnalyzerName, Finding } from './rule.js';

export type Decision = 'Allow' | 'Alert' | 'Block' | 'Terminate';
export const DECISIONS: readonly Decision[] = ['Allow', 'Alert', 'Block', 'Terminate'];

export interface Thresholds {
  alert: number;
  block: number;
  terminate: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { alert: 50, block: 70, terminate: 90 };

/** Upstream's legitimacy levels: what a clearly legitimate context may multiply a score by. */
export const LEGITIMACY_LEVELS = [1, 0.9, 0.7, 0.4, 0.2] as const;

/** One analyzer's score: its strongest finding, nudged by further distinct rules (at most +10). */
export function analyzerScore(findings: readonly Finding[]): number {
  if (findings.length === 0) return 0;
  const scores = findings.map((f) => f.score).sort((a, b) => b - a);
  return Math.min(100, scores[0]! + Math.min(10, 5 * (scores.length - 1)));
}

/**
 * Upstream's aggregation, kept so thresholds mean the same: top + 0.15·2nd + 0.10·3rd + 0.05·4th,
 * +3/+6/+10 when 2/3/4+ analyzers fire, capped at 100, times the legitimacy multiplier — which may
 * not lower a score that a strongly malicious rule produced.
 */
export function aggregate(scores: Partial<Record<AnalyzerName, number>>, multiplier: number, strong: boolean): number {
  const s = Object.values(scores).filter((v): v is number => typeof v === 'number' && v > 0).sort((a, b) => b - a);
  if (s.length === 0) return 0;
  const weights = [1, 0.15, 0.1, 0.05];
  let total = 0;
  for (let i = 0; i < Math.min(4, s.length); i++) total += s[i]! * weights[i]!;
  total += s.length >= 4 ? 10 : s.length === 3 ? 6 : s.length === 2 ? 3 : 0;
  total = Math.min(100, total);
  const m = strong ? Math.max(1, multiplier) : multiplier;
  return Math.round(Math.min(100, total * m) * 10) / 10;
}

export function decide(score: number, t: Thresholds): Decision {
  if (score >= t.terminate) return 'Terminate';
  if (score >= t.block) return 'Block';
  if (score >= t.alert) return 'Alert';
  return 'Allow';
}

export function validateThresholds(t: Thresholds): string | undefined {
  for (const [k, v] of Object.entries(t)) {
    if (!Number.isFinite(v) || v < 0 || v > 100) return `${k} threshold must be a number from 0 to 100, got ${v}`;
  }
  if (!(t.alert <= t.block && t.block <= t.terminate)) return `thresholds must satisfy alert ≤ block ≤ terminate, got ${t.alert}/${t.block}/${t.terminate}`;
  return undefined;
}
