import type { AnalysisInput, Finding } from '../rule.js';
import { LEGITIMACY_LEVELS } from '../score.js';

/**
 * Upstream's legitimacy analyzer as a multiplier that only ever lowers a score. It applies when
 * everything the call reaches stays on this machine or its private network and nothing it does
 * is a credential, persistence or destruction finding: the shape of a developer testing their own
 * stack. Strongly malicious rules are exempt in aggregate().
 */
export function legitimacy(input: AnalysisInput, findings: readonly Finding[]): number {
  if (findings.length === 0) return LEGITIMACY_LEVELS[0];
  const local = input.facts.destinations.length > 0 && input.facts.destinations.every((d) => d.kind === 'loopback');
  const benignTactics = findings.every((f) => f.tactic === 'discovery' || f.tactic === 'reconnaissance');
  if (local && benignTactics) return LEGITIMACY_LEVELS[2];
  if (benignTactics && input.view && input.view.commands.every((c) => c.origin === 'line' && c.depth === 0) && input.facts.destinations.every((d) => d.kind === 'loopback' || d.kind === 'private')) {
    return LEGITIMACY_LEVELS[1];
  }
  return LEGITIMACY_LEVELS[0];
}
