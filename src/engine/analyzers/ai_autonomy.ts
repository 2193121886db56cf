import { ruleAnalyzer, type AnalysisInput, type Rule } from '../rule.js';
import { SUSPICIOUS_SCORE, callSuspicion, sessionTurns, suspiciousEvent } from '../session-stats.js';
import { sessionAfter } from './session-examples.js';

/**
 * An agent acting on its own: suspicious calls one after another with no user turn between them, or a
 * long run of calls since the user last spoke. Running unattended is how agents are meant to work, so
 * these weigh only a call that is suspicious by itself.
 */

/** Suspicious calls in a row, this one included, with the user silent throughout. */
const STREAK = 4;
/** Calls since the user last spoke, this one included, in a session that carries user messages. */
const LONG_RUN = 30;

/** A suspicious call in a session with history: the context is checked first, it is the cheaper question. */
const suspicious = (i: AnalysisInput): boolean => i.context.history.length > 0 && callSuspicion(i) >= SUSPICIOUS_SCORE;

/** Suspicious calls in a row ending with this one, going back no further than the call that opened the user turn. */
function streak(i: AnalysisInput): string | undefined {
  if (!suspicious(i)) return undefined;
  const { history } = i.context;
  const turnStart = sessionTurns(i.context).turnStart ?? 0;
  let n = 1;
  for (let k = history.length - 1; k >= turnStart && suspiciousEvent(history[k]!); k--) n++;
  return n >= STREAK ? `${n} suspicious calls in a row without a user turn` : undefined;
}

function longRun(i: AnalysisInput): string | undefined {
  if (!suspicious(i)) return undefined;
  const { turnStart } = sessionTurns(i.context);
  if (turnStart === undefined) return undefined;
  const since = i.context.history.length + 1 - turnStart;
  return since >= LONG_RUN ? `${since} calls since the user last wrote` : undefined;
}

/** Earlier calls of the given scores, 20 s apart, flagged by `rules`; the first one opens a user turn. */
const run = (scores: readonly number[], rules = ['PX-CRED-002']) =>
  sessionAfter(scores.map((score, k) => ({ ago: (scores.length - k) * 20_000, score, rules: score > 0 ? rules : [], ...(k === 0 ? { userMessage: 'tidy up the repo' } : {}) })));
const fill = (n: number, score: number) => Array.from({ length: n }, () => score);

export const AI_AUTONOMY_RULES: readonly Rule[] = [
  {
    id: 'PX-AUTO-001', name: 'unattended-suspicious-streak', score: 50, tactic: 'execution', technique: 'T1059',
    message: 'A run of suspicious calls with no user turn in between', why: 'One odd call happens; several in a row while the user says nothing is an agent pursuing something on its own, or following injected instructions.',
    check: streak,
    examples: {
      fire: [{ call: 'cat ~/.aws/credentials', context: run([60, 55, 70]) }, { call: 'sudo -l', context: run([10, 45, 80, 62]) }],
      quiet: ['cat ~/.aws/credentials', { call: 'git status', context: run([60, 55, 70]) }, { call: 'cat ~/.aws/credentials', context: run([60, 10, 70]) }, { call: 'cat ~/.aws/credentials', context: run([60, 55, 70], ['PX-VEL-002', 'PX-RATE-002']) }, { call: 'cat ~/.aws/credentials', context: sessionAfter([{ ago: 60_000, score: 60, rules: ['PX-CRED-002'] }, { ago: 40_000, score: 60, rules: ['PX-CRED-002'] }, { ago: 20_000, score: 60, rules: ['PX-CRED-002'], userMessage: 'now check the creds' }]) }],
    },
  },
  {
    id: 'PX-AUTO-002', name: 'long-unprompted-run', score: 40, tactic: 'execution', technique: 'T1059',
    message: 'A suspicious call after a long run of calls the user did not prompt', why: 'Dozens of calls since the user last wrote means no person is steering; a suspicious call at that point was chosen by the agent alone.',
    check: longRun,
    examples: {
      fire: [{ call: 'cat ~/.aws/credentials', context: run(fill(35, 0)) }],
      quiet: [{ call: 'npm test', context: run(fill(35, 0)) }, { call: 'cat ~/.aws/credentials', context: sessionAfter(fill(35, 0).map((_, k) => ({ ago: (35 - k) * 20_000 }))) }, { call: 'cat ~/.aws/credentials', context: run(fill(10, 0)) }],
    },
  },
];

export const aiAutonomy = ruleAnalyzer('ai_autonomy', AI_AUTONOMY_RULES);
