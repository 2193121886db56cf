import { DEFAULT_THRESHOLDS, type Thresholds } from './score.js';
import type { AnalysisInput, AnalyzerName, Finding } from './rule.js';
import type { LinearRegex } from './knowledge/linear-regex.js';
import { allowMatches } from './policy-match.js';

export type Mode = 'monitor' | 'alert' | 'block' | 'terminate';
export const MODES: readonly Mode[] = ['monitor', 'alert', 'block', 'terminate'];

/**
 * One allow, exception or deny entry of the policy file, compiled. Every condition and scope it
 * carries must hold for it to apply (see policy-match.ts for what "hold" means for allow and deny).
 */
export interface PolicyEntry {
  reason: string;
  /** Where the entry was written (`policy.yaml:12`), reported with what it did. */
  source?: string;
  /** Allow: only these rules' findings are dropped. Absent: the whole call is allowed. */
  rules?: readonly string[];
  users?: readonly string[];
  agents?: readonly string[];
  /** The words of a command prefix (`terraform destroy`); each may hold `*` globs. */
  command?: readonly string[];
  /** A glob over canonical file paths (home directories folded to `~`). */
  path?: string;
  /** A glob over destination host names, lower case. */
  host?: string;
  regex?: LinearRegex;
  /** Deny: the finding's score. Absent: the block threshold. */
  score?: number;
}

/** What the engine needs of the operator's policy. Loading and validating files happens outside. */
export interface Policy {
  thresholds: Thresholds;
  disabledAnalyzers: readonly AnalyzerName[];
  /** Rule ids whose findings are dropped everywhere (`--allow-rule`). */
  allowRules: readonly string[];
  /** Allow entries and per-user/per-agent exceptions, in file order. */
  allow?: readonly PolicyEntry[];
  deny?: readonly PolicyEntry[];
}

export const DEFAULT_POLICY: Policy = { thresholds: DEFAULT_THRESHOLDS, disabledAnalyzers: [], allowRules: [] };

/** An allow entry that dropped findings of a call, as the verdict reports it. */
export interface AllowNote {
  reason: string;
  source?: string;
  /** The rule ids it dropped; empty when a whole-call allow met a call nothing fired on. */
  rules: string[];
}

export interface PolicyGate {
  keep(f: Finding): boolean;
  notes(): AllowNote[] | undefined;
}

const OPEN: PolicyGate = { keep: () => true, notes: () => undefined };

/**
 * Decides, finding by finding, what the policy's allow side lets through for one call. A whole-call
 * allow drops every finding except the policy's own denials: a deny entry is the operator's explicit
 * word, and only an allow or exception that names its rule (PX-POLICY-001) lifts it.
 */
export function policyGate(input: AnalysisInput, policy: Policy): PolicyGate {
  const entries = policy.allow ?? [];
  if (entries.length === 0 && policy.allowRules.length === 0) return OPEN;
  const dropped = new Map<PolicyEntry, string[]>();
  const callWide = entries.find((e) => !e.rules && allowMatches(e, input));
  if (callWide) dropped.set(callWide, []);
  const memo = new Map<PolicyEntry, boolean>();
  const applies = (e: PolicyEntry): boolean => {
    let m = memo.get(e);
    if (m === undefined) memo.set(e, (m = allowMatches(e, input)));
    return m;
  };
  return {
    keep(f) {
      if (policy.allowRules.includes(f.rule)) return false;
      const by = callWide && f.analyzer !== 'policy' ? callWide : entries.find((e) => e.rules?.includes(f.rule) && applies(e));
      if (!by) return true;
      const rules = dropped.get(by);
      if (rules) rules.push(f.rule);
      else dropped.set(by, [f.rule]);
      return false;
    },
    notes: () => (dropped.size === 0 ? undefined : [...dropped].map(([e, rules]) => ({ reason: e.reason, source: e.source, rules }))),
  };
}
