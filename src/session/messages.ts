import type { Verdict } from '../engine/verdict.js';
import type { SessionRecord } from '../store/types.js';

/**
 * Why a call was refused, worded for the model that made it as much as for a person: what matched,
 * that a variation will not help, and who can allow it. The daemon and the hooks say the same thing.
 */
export function refusalMessage(v: Verdict, terminated: boolean): string {
  const top = v.findings[0];
  const opinion = v.second_opinion;
  // a refusal the model's opinion tipped over the threshold says so, with its reasoning
  const raised = opinion && opinion.applied > 0 ? `; a second opinion raised the score by ${opinion.applied}: ${opinion.reasoning || 'no reasoning given'}` : '';
  const why = (top ? `${top.message} (${top.rule})` : 'policy') + raised;
  if (terminated) return `Blocked and session terminated: ${why}. Every further call in this session is refused until an operator resets it.`;
  const allow = top ? `allow rule ${top.rule} in the policy file` : 'change the policy';
  return `Blocked: ${why}. Do not retry a variation of this call; if it is legitimate, ask an operator to ${allow}.`;
}

/** The answer to any call in a session that was terminated earlier. */
export function terminatedSessionMessage(sessionId: string, record: Pick<SessionRecord, 'terminateReason'>): string {
  return `Session ${sessionId} was terminated${record.terminateReason ? ` (${record.terminateReason})` : ''}; every call in it is refused until it expires or an operator resets it (DELETE /sessions/${sessionId}, or proxilion sessions ${sessionId} --reset).`;
}
