import type { CallVerdict } from './decide.js';
import type { HookAction } from './agents/types.js';
import { refusalMessage } from '../session/messages.js';

/**
 * What a verdict means for the call under the mode it was decided in: refused calls are denied; in
 * alert, block and terminate modes anything at or above the alert threshold that was not refused is
 * a warning. Monitor mode only records (the audit log has every decision), and says nothing to an
 * agent; a person at a shell (`notifyInMonitor`) still sees what would have been stopped.
 */
export function actionFor(v: CallVerdict, opts: { notifyInMonitor?: boolean } = {}): HookAction {
  if (v.refused) return { kind: 'deny', reason: `proxilion: ${v.message ?? refusalMessage(v.verdict, v.verdict.session_terminated)}` };
  if (v.verdict.decision === 'Allow' || (v.mode === 'monitor' && !opts.notifyInMonitor)) return { kind: 'pass' };
  const top = v.verdict.findings[0];
  const why = top ? `${top.message} (${top.rule})` : v.verdict.patterns[0] ?? 'suspicious call';
  const label = v.mode === 'monitor' ? `${v.verdict.decision.toLowerCase()}, not stopped: MODE=monitor` : v.verdict.decision.toLowerCase();
  return { kind: 'warn', reason: `proxilion ${label} (score ${v.verdict.threat_score}): ${why}` };
}

/**
 * No verdict: an internal error, bad hook input, or the time budget spent. PROXILION_FAIL_MODE=open
 * (the default) lets the call run and says so; closed refuses it.
 */
export function failureAction(problem: string, failMode: 'open' | 'closed'): HookAction {
  if (failMode === 'closed') return { kind: 'deny', reason: `proxilion could not check this call (${problem}) and PROXILION_FAIL_MODE=closed refuses unchecked calls. Do not retry; tell the user proxilion needs attention (proxilion doctor).` };
  return { kind: 'unchecked', reason: `proxilion could not check this call (${problem}); it was allowed because PROXILION_FAIL_MODE=open` };
}
