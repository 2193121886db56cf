import { AGENTS, SHELLS } from '../integrations/names.js';
import { reportFailure } from './failure.js';
import { runAgentHook, runShellCheck } from './hook.js';

/**
 * The hooks run once per agent tool call and per typed shell line, so their start-up is the product's
 * latency. The launcher sends the exact argument shapes that install and the shell snippets write
 * here, skipping commander and the rest of the CLI; any other shape (help, a typo) returns undefined
 * and goes through the full CLI, which parses the same commands.
 */
export function runHookFast(args: readonly string[]): Promise<number> | undefined {
  const [hook, sub, ...rest] = args;
  if (hook !== 'hook' || sub === undefined) return undefined;
  if ((AGENTS as readonly string[]).includes(sub) && rest.length === 0) return runAgentHook(sub).catch(reportFailure);
  // hook check <shell> --session <id> [--request-id <id>] -- <line…> (shells loaded before request ids send no id)
  const [shell, flag, session, ...more] = rest;
  const requestId = more[0] === '--request-id' ? more[1] : undefined;
  const [dashes, ...line] = requestId === undefined ? more : more.slice(2);
  if (sub === 'check' && shell && (SHELLS as readonly string[]).includes(shell) && flag === '--session' && session !== undefined && dashes === '--' && line.length > 0) {
    return runShellCheck(shell, line.join(' '), { session, requestId }).catch(reportFailure);
  }
  return undefined;
}
