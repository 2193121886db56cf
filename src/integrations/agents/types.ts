import type { ToolCall } from '../../engine/toolcall.js';
import type { AgentName } from '../names.js';

/** What an agent's hook input asks about. */
export type AgentInput =
  | {
      kind: 'call';
      sessionId: string;
      userId?: string;
      call: ToolCall;
      /** The agent's transcript of the session (`transcript_path`), where the user's prompt is. */
      transcriptPath?: string;
    }
  /** An event the hook was not made for (installed on the wrong event by hand): no opinion. */
  | { kind: 'other'; event: string };

/**
 * What proxilion has to say about the call, before it is put in the agent's words:
 * - pass: nothing (allowed, or monitor mode): the agent's own permission flow goes on
 * - warn: an alert the person should see (and confirm, where the agent can ask)
 * - deny: the call must not run
 * - unchecked: no verdict could be reached and PROXILION_FAIL_MODE=open lets the call run
 */
export type HookAction = { kind: 'pass' } | { kind: 'warn' | 'deny' | 'unchecked'; reason: string };

/** The hook process's answer: stdout (only JSON, or nothing), stderr and the exit code. */
export interface HookAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One agent's hook dialect (INTEGRATIONS.md §a, §c, §d). */
export interface AgentDialect {
  name: AgentName;
  /** Reads the hook's stdin JSON; throws HookInputError when it is not what the agent sends. */
  read(input: unknown): AgentInput;
  answer(action: HookAction): HookAnswer;
}

export class HookInputError extends Error {
  readonly code = 'E_HOOK_INPUT';
}

/** Exit 2 is every one of these agents' documented hard block, whatever happens to the JSON. */
export const DENY_EXIT = 2;

export const json = (v: unknown): string => JSON.stringify(v) + '\n';
