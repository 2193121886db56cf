import { readSettings } from '../config/resolve.js';
import { MAX_ID_CHARS } from '../engine/request.js';
import { DIALECTS } from '../integrations/agents/index.js';
import { HookInputError, type HookAction } from '../integrations/agents/types.js';
import { decide, type HookCall } from '../integrations/decide.js';
import { actionFor, failureAction } from '../integrations/hook-action.js';
import { isAgent, isShell } from '../integrations/names.js';
import { localUser } from '../integrations/local-user.js';
import { EXIT, UsageError } from './exit.js';

/** Hook input is one JSON object; a Write of a large file is the biggest an agent sends. */
export const MAX_HOOK_INPUT_BYTES = 64 * 1024 * 1024;

/** `proxilion hook <agent>`: the agent's hook JSON on stdin, its answer on stdout, exit 2 to deny. */
export async function runAgentHook(agent: string): Promise<number> {
  if (!isAgent(agent)) throw new UsageError(`unknown agent "${agent}"`);
  if (process.stdin.isTTY) throw new UsageError(`proxilion hook ${agent} reads the agent's hook JSON on stdin, as the agent runs it; to add it to the agent, run: proxilion install ${agent}`);
  const dialect = DIALECTS[agent];
  const { action, spent } = await withinBudget(async () => {
    const input = dialect.read(parseJson(await readStdin(MAX_HOOK_INPUT_BYTES)));
    if (input.kind === 'other') return { kind: 'pass' } as const;
    return decideAction({ agent, sessionId: input.sessionId, userId: input.userId ?? localUser(), call: input.call, transcriptPath: input.transcriptPath });
  });
  const answer = dialect.answer(action);
  process.stderr.write(answer.stderr);
  return finish(answer.stdout, answer.exitCode, spent);
}

/** `proxilion hook check <shell> -- <line>`: exit 0 runs the line, 2 stops it (the reason on stderr). */
export async function runShellCheck(shell: string, line: string, opts: { session?: string; requestId?: string }): Promise<number> {
  if (!isShell(shell)) throw new UsageError(`unknown shell "${shell}"`);
  if (opts.requestId !== undefined && opts.requestId.length > MAX_ID_CHARS) throw new UsageError(`--request-id is longer than ${MAX_ID_CHARS} characters`);
  const { action, spent } = await withinBudget(() =>
    decideAction({
      agent: `shell:${shell}`, sessionId: opts.session || `shell:${shell}:${process.ppid}`, userId: localUser(),
      call: { kind: 'bash', command: line, args: [], env: {} }, requestId: opts.requestId || undefined,
    }, { notifyInMonitor: true }),
  );
  if (action.kind !== 'pass') process.stderr.write(action.reason + '\n');
  // 2, not 1: node exits 1 when it crashes or the launcher is gone, and the snippets must not read that as a refusal
  return finish('', action.kind === 'deny' ? EXIT.block : EXIT.allow, spent);
}

/**
 * Writes the answer. After a spent budget the work may still be running (a locked store, a stuck
 * daemon): the process exits as soon as the answer is out, so it cannot hold the agent or the shell.
 */
async function finish(stdout: string, exitCode: number, spent: boolean): Promise<number> {
  await new Promise<void>((resolve) => process.stdout.write(stdout, () => resolve()));
  if (spent) process.exit(exitCode);
  return exitCode;
}

async function decideAction(c: HookCall, opts: { notifyInMonitor?: boolean } = {}): Promise<HookAction> {
  const v = await decide({ ...c, sessionId: c.sessionId.slice(0, MAX_ID_CHARS) });
  for (const note of v.notes) process.stderr.write(`proxilion: ${note}\n`);
  return actionFor(v, opts);
}

/** Runs the decision within PROXILION_HOOK_BUDGET_MS; a fault or a spent budget becomes the PROXILION_FAIL_MODE answer. */
async function withinBudget(work: () => Promise<HookAction>): Promise<{ action: HookAction; spent: boolean }> {
  const { values, problems } = readSettings(['failMode', 'hookBudgetMs']);
  // a misspelt PROXILION_FAIL_MODE must not turn a closed setup open: anything but "open" is closed
  const failMode = values.failMode ?? (process.env.PROXILION_FAIL_MODE?.trim().toLowerCase() === 'open' ? 'open' : 'closed');
  if (problems.length > 0) return { action: failureAction(problems.join('; '), failMode), spent: false };
  const budget = values.hookBudgetMs!;
  let timer: NodeJS.Timeout | undefined;
  const spent = new Promise<{ action: HookAction; spent: boolean }>((resolve) => {
    timer = setTimeout(() => resolve({ action: failureAction(`no verdict within PROXILION_HOOK_BUDGET_MS=${budget}`, failMode), spent: true }), budget);
  });
  const done = work().then(
    (action) => ({ action, spent: false }),
    (e: unknown) => ({ action: failureAction(describe(e), failMode), spent: false }),
  );
  try {
    return await Promise.race([done, spent]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(e: unknown): string {
  if (e instanceof HookInputError) return e.message;
  const err = e as Error;
  return err?.message ? err.message.split('\n')[0]! : String(e);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HookInputError(`hook input is not JSON: ${(e as Error).message}`);
  }
}

async function readStdin(max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new HookInputError(`hook input is larger than ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
