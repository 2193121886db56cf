import type { ToolCall } from './toolcall.js';
import type { CommandView, SimpleCommand } from './shell/types.js';
import type { Facts } from './facts.js';
import type { SessionContext } from './session.js';
import type { Policy } from './policy.js';

/** ATT&CK tactics as they show up in agent-run commands; also the kill-chain phases of a session. */
export type Tactic =
  | 'reconnaissance'
  | 'discovery'
  | 'resource_development'
  | 'initial_access'
  | 'execution'
  | 'persistence'
  | 'privilege_escalation'
  | 'defense_evasion'
  | 'credential_access'
  | 'lateral_movement'
  | 'collection'
  | 'command_and_control'
  | 'exfiltration'
  | 'impact';

/** Tactics in ATT&CK order: the later, the further along a kill chain. */
export const PHASE_ORDER: readonly Tactic[] = [
  'reconnaissance', 'resource_development', 'initial_access', 'execution', 'persistence', 'privilege_escalation', 'defense_evasion',
  'credential_access', 'discovery', 'lateral_movement', 'collection', 'command_and_control', 'exfiltration', 'impact',
];

export const ANALYZERS = [
  'enumeration',
  'credential',
  'exfiltration',
  'ai_velocity',
  'prompt_engineering',
  'social_engineering',
  'callback_validation',
  'mcp_orchestration',
  'file_access',
  'task_fragmentation',
  'data_volume',
  'privilege_escalation',
  'lateral_movement',
  'hacking_tools',
  'hallucination',
  'persistence',
  'defense_evasion',
  'command_and_control',
  'collection',
  'impact',
  'tool_call',
  'legitimacy',
  'parser',
  'policy',
  'request_rate',
  'session_progression',
  'ai_autonomy',
  'multi_target_orchestration',
  'multi_user_correlation',
  'conversation_context',
  'semantic',
  'conversation_analysis',
] as const;
export type AnalyzerName = (typeof ANALYZERS)[number];

/** Everything an analyzer may look at for one call. Computed once, shared by all analyzers. */
export interface AnalysisInput {
  /** The call as analyzed: an Unknown call that reads as another kind by its arguments is that call (tool-shape.ts). */
  call: ToolCall;
  /** The Unknown call as sent, when `call` is its reading. */
  original?: ToolCall;
  /** The parsed shell view for Bash calls, and for command strings found in other calls. */
  view?: CommandView;
  facts: Facts;
  context: SessionContext;
  /** Session-aware analyzers run second and see what the per-call analyzers found. */
  prior?: readonly Finding[];
  /** The operator's policy: its deny entries are the `policy` pseudo-analyzer's input. */
  policy?: Policy;
}

/**
 * An example is a shell line, an upstream-shaped tool call object, or either of those with the
 * session context it is analyzed in (for rules that read the session's history).
 */
export type Example = string | Record<string, unknown> | SessionExample;
export interface SessionExample {
  call: string | Record<string, unknown>;
  context: SessionContext;
  /** Policy entries the example is analyzed under (the policy rules' own examples). */
  policy?: Partial<Policy>;
}
export const isSessionExample = (e: Example): e is SessionExample => typeof e === 'object' && 'call' in e && 'context' in e;

export interface Rule {
  /** `PX-<FAMILY>-<NNN>`: stable, never reused. */
  id: string;
  /** kebab-case behaviour name. */
  name: string;
  score: number;
  message: string;
  why: string;
  technique: string;
  tactic: Tactic;
  /** Unmistakably malicious: the legitimacy multiplier may not lower the score. */
  strong?: boolean;
  alternative?: string;
  examples: { fire: readonly Example[]; quiet: readonly Example[] };
  /** Prefilter: command names this rule looks at. Absent = any command. */
  commands?: readonly string[];
  /** Per simple command: evidence when the rule fires. */
  test?: (cmd: SimpleCommand, input: AnalysisInput) => string | undefined;
  /** Per call (paths, URLs, non-shell calls): evidence strings when the rule fires. */
  check?: (input: AnalysisInput) => string | string[] | undefined;
  /** A sharp step a person may ask their agent for by name; absent = never the user's to ask for. */
  askable?: Askable;
}

/**
 * How a user asks for a sharp step ("rotate svc-ci-deployer's key", "scan 10.42.8.0/24"): the words
 * that ask for it, and what a call does it to. A call whose every such step the user's latest
 * message asks for, naming every object, is the user's own work: legitimacy.ts lowers it to Alert.
 */
export interface Askable {
  /** Lower-case words or phrases (letters and spaces) that ask for the step. */
  asks: readonly string[];
  /** Hosts, addresses, ranges, accounts, repositories or list files the call does it to; empty = nothing the user could have named. */
  objects: (input: AnalysisInput) => readonly string[];
  /** Messages with calls the rule fires on: lowered when `asked`, left alone when `unasked`. */
  examples: { asked: ReadonlyArray<readonly [message: string, call: string | Record<string, unknown>]>; unasked: ReadonlyArray<readonly [message: string, call: string | Record<string, unknown>]> };
}

export interface Finding {
  analyzer: AnalyzerName;
  rule: string;
  name: string;
  score: number;
  message: string;
  evidence: string;
  technique: string;
  tactic: Tactic;
  strong: boolean;
}

export interface Analyzer {
  name: AnalyzerName;
  rules: readonly Rule[];
  analyze(input: AnalysisInput): Finding[];
}

/**
 * The shared evaluation loop: a command-name index in front of every per-command test, then the
 * call-level checks. One finding per rule (the first evidence), so a rule cannot stack with itself.
 */
export function ruleAnalyzer(name: AnalyzerName, rules: readonly Rule[]): Analyzer {
  const byCommand = new Map<string, Rule[]>();
  const anyCommand: Rule[] = [];
  const callLevel: Rule[] = [];
  for (const r of rules) {
    if (r.check) callLevel.push(r);
    if (!r.test) continue;
    if (!r.commands) anyCommand.push(r);
    else for (const c of r.commands) byCommand.set(c, [...(byCommand.get(c) ?? []), r]);
  }
  return {
    name,
    rules,
    analyze(input) {
      const out: Finding[] = [];
      const fired = new Set<string>();
      const emit = (r: Rule, evidence: string) => {
        if (fired.has(r.id)) return;
        fired.add(r.id);
        out.push({ analyzer: name, rule: r.id, name: r.name, score: r.score, message: r.message, evidence: clip(evidence), technique: r.technique, tactic: r.tactic, strong: !!r.strong });
      };
      for (const cmd of input.view?.commands ?? []) {
        const candidates = byCommand.get(cmd.name);
        if (candidates) for (const r of candidates) if (!fired.has(r.id)) { const e = r.test!(cmd, input); if (e !== undefined) emit(r, e); }
        for (const r of anyCommand) if (!fired.has(r.id)) { const e = r.test!(cmd, input); if (e !== undefined) emit(r, e); }
      }
      for (const r of callLevel) {
        const e = r.check!(input);
        if (e === undefined || (Array.isArray(e) && e.length === 0)) continue;
        emit(r, Array.isArray(e) ? e.join(', ') : e);
      }
      return out;
    },
  };
}

function clip(s: string): string {
  return s.length > 300 ? s.slice(0, 297) + '…' : s;
}

/** Options present in argv, clustered short flags included: has(cmd, 'e') sees `-e`, `-ne`, `-lvnpe`. */
export function hasShortFlag(cmd: SimpleCommand, letter: string): boolean {
  return cmd.argv.some((a, i) => i > 0 && a.length > 1 && a[0] === '-' && a[1] !== '-' && a.slice(1).includes(letter));
}

export function hasArg(cmd: Pick<SimpleCommand, 'argv'>, ...values: string[]): boolean {
  for (let i = 1; i < cmd.argv.length; i++) if (values.includes(cmd.argv[i]!)) return true;
  return false;
}

/** Whether the words hold the sequence, in order and next to each other (`GRANT … WITH GRANT OPTION`, RACF's `UID 0`). */
export function hasSeq(w: readonly string[], ...seq: string[]): boolean {
  for (let i = 0; i + seq.length <= w.length; i++) if (seq.every((s, k) => w[i + k] === s)) return true;
  return false;
}

export function hasAllArgs(cmd: SimpleCommand, ...values: string[]): boolean {
  return values.every((v) => cmd.argv.includes(v));
}

/**
 * `ngrok tcp --help`, `chisel client --version`: a tool asked for its usage, before anything it would act on (a
 * `--help` after a target, `chisel client 45.33.12.7:8000 R:socks --help`, may be read as one more operand).
 */
export function printsUsage(cmd: SimpleCommand): boolean {
  return hasArg(cmd, '--help', '--version') && operands(cmd).length <= 1;
}

/** Non-option operands (a `-x value` pair is not distinguished; callers that care say so). */
export function operands(cmd: Pick<SimpleCommand, 'argv'>): string[] {
  const out: string[] = [];
  let dd = false;
  for (let i = 1; i < cmd.argv.length; i++) {
    const a = cmd.argv[i]!;
    if (!dd && a === '--') { dd = true; continue; }
    if (!dd && a.startsWith('-') && a.length > 1) continue;
    out.push(a);
  }
  return out;
}

/**
 * Whether `cmd` came out of a script that a command named `name` runs (`ssh host 'sudo install …'`): walking
 * back through the view, the enclosing commands are the nearest ones at each smaller depth.
 */
export function nestedUnder(input: AnalysisInput, cmd: SimpleCommand, name: string): boolean {
  const cmds = input.view?.commands ?? [];
  let depth = cmd.depth;
  for (let k = cmds.indexOf(cmd) - 1; k >= 0 && depth > 0; k--) {
    const c = cmds[k]!;
    if (c.depth >= depth) continue;
    if (c.name === name) return true;
    depth = c.depth;
  }
  return false;
}

/** The last command of the pipeline a command starts (itself when nothing is piped on), at most eight hops on. */
export function pipelineEnd(cmd: SimpleCommand): SimpleCommand {
  let last = cmd;
  for (let hop = 0; last.pipeTo && hop < 8; hop++) last = last.pipeTo;
  return last;
}

/**
 * Files this command's output is redirected to: its stdout's, alone or with stderr (`> out`, `&> log`). Its errors
 * sent away (`2>/dev/null`) leave the output where it was, in the terminal.
 */
export function writeTargets(cmd: SimpleCommand): string[] {
  return cmd.redirects.filter((r) => (r.fd === undefined || r.fd === 1) && (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>' || r.op === '&>>' || (r.op === '>&' && !/^\d+$/.test(r.target)))).map((r) => r.target);
}

const NOTHING = Symbol('nothing remembered');

/**
 * Memoizes a derived fact per call (or per command, or per message): several rules ask for the same derivation, one
 * after another, of the same key. One remembered key catches that; a WeakMap cost more than it saved
 * (a lookup and an entry for the collector per derivation and call). The last key and value stay
 * referenced until the next call.
 */
export function perCall<K, T>(fn: (key: K) => T): (key: K) => T {
  let lastKey: K | typeof NOTHING = NOTHING;
  let lastValue: T;
  return (key) => {
    if (key !== lastKey) {
      lastValue = fn(key);
      lastKey = key;
    }
    return lastValue;
  };
}

/** The command that spawned each nested command (`find -exec sh`, `awk 'BEGIN{system("sh")}'`, `docker compose exec … airflow …`). */
export const parents = perCall((i: AnalysisInput): Map<SimpleCommand, SimpleCommand> => {
  const out = new Map<SimpleCommand, SimpleCommand>();
  const stack: SimpleCommand[] = [];
  for (const c of i.view?.commands ?? []) {
    while (stack.length && stack[stack.length - 1]!.depth >= c.depth) stack.pop();
    if (stack.length) out.set(c, stack[stack.length - 1]!);
    stack.push(c);
  }
  return out;
});
