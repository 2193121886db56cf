import { ALL_ANALYZERS } from './analyzers/index.js';
import type { Policy } from './policy.js';
import type { Rule, Tactic } from './rule.js';
import { decide } from './score.js';
import type { Verdict, VerdictFinding } from './verdict.js';

/**
 * The optional LLM second opinion, as the engine sees it: data in, adjusted verdict out. Asking the
 * model is I/O and lives in src/semantic/; what its answer may do to a verdict is decided here, so
 * every host applies it the same way.
 */

/** `semantic` judges the call; `conversation_analysis` judges it against the user's request and the agent's reply. */
export type OpinionCheck = 'semantic' | 'conversation_analysis';

export interface ScoreBand {
  min: number;
  max: number;
}

export type SecondOpinion =
  | {
      status: 'given';
      check: OpinionCheck;
      model: string;
      verdict: 'benign' | 'suspicious' | 'malicious';
      /** Already clamped to the configured maximum by the caller. */
      adjustment: number;
      confidence: number;
      reasoning: string;
      /** Reused from the cache rather than asked for this call. */
      cached: boolean;
    }
  | { status: 'unavailable'; check: OpinionCheck; model: string; reason: string };

/** What the verdict records about its second opinion. */
export interface SecondOpinionNote {
  check: OpinionCheck;
  status: 'given' | 'unavailable';
  model: string;
  /** The score before the opinion. */
  pattern_score: number;
  /** The change applied: 0 when unavailable, vetoed or allowed away. */
  applied: number;
  verdict?: 'benign' | 'suspicious' | 'malicious';
  proposed?: number;
  confidence?: number;
  reasoning?: string;
  cached?: boolean;
  reason?: string;
}

/** Only ambiguous calls are worth a round trip: clear allows and clear attacks are left to the rules. */
export const inBand = (score: number, band: ScoreBand): boolean => score >= band.min && score <= band.max;

type Effect = 'raises' | 'lowers' | 'agrees' | 'unavailable';

interface OpinionRule extends Rule {
  analyzer: OpinionCheck;
  effect: Effect;
  examples: { fire: readonly OpinionExample[]; quiet: readonly OpinionExample[] };
}

/** A documented example: a call the rules find ambiguous, and what the model answered about it. */
export type OpinionExample = {
  call: string;
  opinion: SecondOpinion;
};

const given = (check: OpinionCheck, verdict: 'benign' | 'suspicious' | 'malicious', adjustment: number, reasoning: string): SecondOpinion => ({
  status: 'given', check, model: 'claude-haiku-4-5', verdict, adjustment, confidence: 0.8, reasoning, cached: false,
});
const unavailable = (check: OpinionCheck, reason: string): SecondOpinion => ({ status: 'unavailable', check, model: 'claude-haiku-4-5', reason });

const WORDING: Record<OpinionCheck, { family: string; subject: string; tactic: Tactic; technique: string }> = {
  semantic: { family: 'SEM', subject: 'the call', tactic: 'execution', technique: 'T1059' },
  conversation_analysis: { family: 'CONVAI', subject: 'the call against the conversation', tactic: 'execution', technique: 'T1059' },
};

/** The four outcomes of one check, as rules with stable ids, so policies and reports can name them. */
function opinionRules(check: OpinionCheck): OpinionRule[] {
  const w = WORDING[check];
  const ex = (call: string, opinion: SecondOpinion): OpinionExample => ({ call, opinion });
  const base = { analyzer: check, technique: w.technique, tactic: w.tactic };
  const sample = check === 'semantic' ? 'cat /etc/passwd' : 'cat .env';
  return [
    {
      ...base, effect: 'raises', id: `PX-${w.family}-001`, name: `${check === 'semantic' ? 'model' : 'conversation'}-judges-more-dangerous`, score: 30,
      message: `The model judged ${w.subject} more dangerous than the rules did`,
      why: 'An ambiguous call was read as a whole by a language model, which found intent the rules alone could not establish; the score moves up by at most the configured maximum.',
      examples: { fire: [ex(sample, given(check, 'malicious', 20, 'lists local accounts, the first step of finding one to take over'))], quiet: [ex(sample, given(check, 'benign', -15, 'the task asked which users exist'))] },
    },
    {
      ...base, effect: 'lowers', id: `PX-${w.family}-002`, name: `${check === 'semantic' ? 'model' : 'conversation'}-judges-less-dangerous`, score: 30,
      message: `The model judged ${w.subject} less dangerous than the rules did`,
      why: 'The rules fired on something a language model read as ordinary work; the score moves down by at most the configured maximum, never when a strongly malicious rule fired.',
      examples: { fire: [ex(sample, given(check, 'benign', -20, 'reading the local user list is what the task asked for'))], quiet: [ex(sample, given(check, 'malicious', 10, 'account discovery'))] },
    },
    {
      ...base, effect: 'agrees', id: `PX-${w.family}-003`, name: `${check === 'semantic' ? 'model' : 'conversation'}-agrees-with-rules`, score: 1,
      message: `The model agreed with the rules' reading of ${w.subject}`,
      why: 'A second opinion that leaves the score as it is still shows its reasoning, so a reviewer sees the call was looked at twice.',
      examples: { fire: [ex(sample, given(check, 'suspicious', 0, 'could be either'))], quiet: [ex(sample, given(check, 'suspicious', 5, 'leans malicious'))] },
    },
    {
      ...base, effect: 'unavailable', id: `PX-${w.family}-004`, name: `${check === 'semantic' ? 'model' : 'conversation'}-opinion-unavailable`, score: 1,
      message: `No second opinion on ${w.subject}: the rule verdict stands`,
      why: 'The provider timed out, failed, answered something unreadable, or is resting after repeated failures; the verdict is the rules\' alone, and the reason says which.',
      examples: { fire: [ex(sample, unavailable(check, 'timed out after 2000 ms'))], quiet: [ex(sample, given(check, 'suspicious', 0, 'unclear'))] },
    },
  ];
}

export const SECOND_OPINION_RULES: readonly OpinionRule[] = [...opinionRules('semantic'), ...opinionRules('conversation_analysis')];

const STRONG_RULES: ReadonlySet<string> = new Set(ALL_ANALYZERS.flatMap((a) => a.rules.filter((r) => r.strong).map((r) => r.id)));

const effectOf = (o: SecondOpinion): Effect => (o.status === 'unavailable' ? 'unavailable' : o.adjustment > 0 ? 'raises' : o.adjustment < 0 ? 'lowers' : 'agrees');
const ruleFor = (check: OpinionCheck, effect: Effect): OpinionRule => SECOND_OPINION_RULES.find((r) => r.analyzer === check && r.effect === effect)!;

/**
 * The verdict after a second opinion: the score moves by the opinion's adjustment (clamped to 0–100)
 * and the decision follows the thresholds again. A lowering is vetoed when a strongly malicious rule
 * fired, since that is exactly what a prompt injected into the call would ask the model for; a rule id
 * the policy allows (`--allow-rule PX-SEM-001`) has no effect. The opinion is always a finding.
 */
export function applySecondOpinion(verdict: Verdict, opinion: SecondOpinion, policy: Pick<Policy, 'thresholds' | 'allowRules'>): Verdict {
  const effect = effectOf(opinion);
  const rule = ruleFor(opinion.check, effect);
  const top = verdict.findings[0];
  const note: SecondOpinionNote = { check: opinion.check, status: opinion.status, model: opinion.model, pattern_score: verdict.threat_score, applied: 0 };
  let evidence: string;
  if (opinion.status === 'unavailable') {
    note.reason = opinion.reason;
    evidence = opinion.reason;
  } else {
    Object.assign(note, { verdict: opinion.verdict, proposed: opinion.adjustment, confidence: opinion.confidence, reasoning: opinion.reasoning, cached: opinion.cached });
    const vetoed = effect === 'lowers' && verdict.findings.some((f) => STRONG_RULES.has(f.rule));
    const allowed = policy.allowRules.includes(rule.id);
    if (!vetoed && !allowed) note.applied = opinion.adjustment;
    const signed = opinion.adjustment > 0 ? `+${opinion.adjustment}` : String(opinion.adjustment);
    evidence = `${opinion.verdict}, ${signed}${vetoed ? ' (not applied: a strongly malicious rule fired)' : allowed ? ` (not applied: the policy allows ${rule.id})` : ''}: ${opinion.reasoning || 'no reasoning given'}`;
  }
  const threat_score = Math.round(Math.min(100, Math.max(0, verdict.threat_score + note.applied)) * 10) / 10;
  const finding: VerdictFinding = {
    analyzer: opinion.check, rule: rule.id, name: rule.name, score: Math.max(0, note.applied), message: rule.message,
    evidence: evidence.length > 300 ? evidence.slice(0, 299) + '…' : evidence,
    technique: top?.technique ?? rule.technique, tactic: top?.tactic ?? rule.tactic,
  };
  const findings = [...verdict.findings, finding].sort((a, b) => b.score - a.score || a.rule.localeCompare(b.rule));
  const analyzer_scores = note.applied > 0 ? { ...verdict.analyzer_scores, [opinion.check]: note.applied } : verdict.analyzer_scores;
  return {
    ...verdict,
    threat_score,
    decision: decide(threat_score, policy.thresholds),
    findings,
    patterns: findings.map((f) => `${f.message} (${f.rule})`),
    analyzer_scores,
    second_opinion: note,
  };
}
