import type { AnalysisInput, Askable, Finding } from '../rule.js';
import { LEGITIMACY_LEVELS } from '../score.js';
import { latestRequest } from '../session-stats.js';

export interface Legitimacy {
  multiplier: number;
  /** The user's request that lowered the call: what it asks for and the objects it names. */
  asked?: string;
}

/** Findings below this cannot make a call more than an Alert, so no request is needed for them. */
const STEP_SCORE = 50;

/**
 * Upstream's legitimacy analyzer as a multiplier that only ever lowers a score. It applies when
 * everything the call reaches stays on this machine or its private network and nothing it does
 * is a credential, persistence or destruction finding: the shape of a developer testing their own
 * stack. It also applies when the user's latest message asks for every sharp step of the call by
 * name (askedFor below). Strongly malicious rules are exempt in aggregate().
 *
 * `steps` maps every per-call rule id to how a user asks for it (null: a user cannot); findings of
 * rules it does not hold weigh the session, not the call, and are not asked for.
 */
export function legitimacy(input: AnalysisInput, findings: readonly Finding[], steps: ReadonlyMap<string, Askable | null>): Legitimacy {
  if (findings.length === 0) return { multiplier: LEGITIMACY_LEVELS[0] };
  const shape = ownStack(input, findings);
  const asked = askedFor(input, findings, steps);
  return asked ? { multiplier: Math.min(shape, LEGITIMACY_LEVELS[2]), asked } : { multiplier: shape };
}

function ownStack(input: AnalysisInput, findings: readonly Finding[]): number {
  const local = input.facts.destinations.length > 0 && input.facts.destinations.every((d) => d.kind === 'loopback');
  const benignTactics = findings.every((f) => f.tactic === 'discovery' || f.tactic === 'reconnaissance');
  if (local && benignTactics) return LEGITIMACY_LEVELS[2];
  if (benignTactics && input.view && input.view.commands.every((c) => c.origin === 'line' && c.depth === 0) && input.facts.destinations.every((d) => d.kind === 'loopback' || d.kind === 'private')) {
    return LEGITIMACY_LEVELS[1];
  }
  return LEGITIMACY_LEVELS[0];
}

/**
 * The request in the user's latest message that covers every sharp step of this call: each finding
 * that could raise the call past Alert is a rule a user may ask for, the message uses a word that
 * asks for it, and it names every object the call does it to (the very host, range, account or
 * repository; a neighbour or a look-alike is not named). Only the user writes that message, so a
 * step chosen there is theirs, not one smuggled in through a file or a page the agent read.
 */
function askedFor(input: AnalysisInput, findings: readonly Finding[], steps: ReadonlyMap<string, Askable | null>): string | undefined {
  const words = new Set<string>();
  const objects = new Set<string>();
  for (const f of findings) {
    const step = steps.get(f.rule);
    if (f.score < STEP_SCORE || step === undefined) continue;
    if (step === null) return undefined;
    const said = latestRequest(input.context);
    if (!said) return undefined;
    const word = said.asks(step.asks);
    const on = word === undefined ? [] : step.objects(input);
    // (the user's own account is named by "my": "rotate my access key" and `--user-name` the session's user)
    const own = (o: string) => input.context.userId !== undefined && o.toLowerCase() === input.context.userId.toLowerCase() && said.saysOwn();
    if (on.length === 0 || !on.every((o) => said.names(o) || own(o))) return undefined;
    words.add(word!);
    for (const o of on) objects.add(o);
  }
  return words.size ? `"${[...words].join('", "')}" … ${[...objects].slice(0, 4).join(', ')}` : undefined;
}
