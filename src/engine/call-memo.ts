import type { Facts } from './facts.js';
import type { Finding } from './rule.js';
import type { CommandView } from './shell/types.js';
import type { ToolCall } from './toolcall.js';

/** What analysis learns from a call alone: its shell view, its facts, and the call-only analyzers' findings. */
export interface CallPart {
  view?: CommandView;
  facts: Facts;
  /** Raw findings (before the policy gate) of CALL_ANALYZER_LIST, in list order. */
  findings: readonly Finding[];
  /** The verdict's and the session event's targets: what the call touched, and the files it leaves for later calls. */
  targets: readonly string[];
}

/** Distinct calls remembered by default; agents repeat a small set of commands (git status, npm test, ls) all day. */
export const DEFAULT_MEMO_ENTRIES = 4096;
/** Longer lines are rarely repeated, and would make the memory held grow with the input. */
const MAX_KEY_CHARS = 2048;

/**
 * The call-only part of analysis, remembered per distinct shell call (least recently used evicted),
 * so a repeated command costs only its session-aware part. It is deterministic state: the same call
 * gives the same part whether computed or recalled, so a verdict does not depend on what came before.
 * Entries are shared between verdicts and never mutated.
 */
export class CallMemo {
  private readonly entries = new Map<string, CallPart>();

  /** `capacity` 0 remembers nothing: every call is analyzed whole. */
  constructor(private readonly capacity: number) {}

  /** The key of a call worth remembering, or undefined (only shell lines, and only short ones). */
  static keyOf(call: ToolCall): string | undefined {
    if (call.kind !== 'bash') return undefined;
    let key = call.command;
    for (const a of call.args) key += '\0' + a;
    for (const [k, v] of Object.entries(call.env)) key += '\u0001' + k + '=' + v;
    return key.length <= MAX_KEY_CHARS ? key : undefined;
  }

  get(key: string): CallPart | undefined {
    const part = this.entries.get(key);
    if (part) {
      this.entries.delete(key);
      this.entries.set(key, part);
    }
    return part;
  }

  set(key: string, part: CallPart): void {
    if (this.capacity === 0) return;
    this.entries.set(key, part);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
