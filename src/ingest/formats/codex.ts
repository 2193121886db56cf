import path from 'node:path';
import type { AnalyzeRequest } from '../../engine/request.js';
import { MAX_TURN_CHARS } from '../../engine/session.js';
import { cut, isObject, toolCallFromAgent, type JsonObject } from '../agent-tools.js';
import type { CallOutcome, FormatReader, IngestedCall, IngestItem, InputLine, Turn } from '../types.js';
import { PendingCalls, idOf, jsonLine, parseObject, startsWithAny, timeOf, turnOf } from './jsonl.js';

/**
 * Codex CLI session rollouts: `~/.codex/sessions/YYYY/MM/DD/rollout-<ts>-<uuid>.jsonl`.
 *
 * Format facts from openai/codex (codex-rs/protocol/src/protocol.rs `RolloutLine`/`RolloutItem`,
 * codex-rs/protocol/src/models.rs `ResponseItem`, codex-rs/core/src/hook_runtime.rs; rust CLI
 * 0.3x–0.1xx, Sept 2025 – 2026):
 * - current ("wrapped", Codex ≥ Sept 2025): every line is `{timestamp, type, payload}` with `type`
 *   session_meta (payload.id = session id, cwd, cli_version…), response_item, turn_context,
 *   event_msg, compacted (newer builds add more). A forked session writes its own session_meta
 *   first and then copies its parent's, so the first one names the session.
 * - legacy ("bare", up to early Sept 2025): line 1 is `{id, timestamp, instructions, git?}`, then
 *   bare response items, and `{"record_type":"state"}` markers.
 * - response items: function_call {name, arguments (a JSON *string*), call_id} — `shell` /
 *   `container.exec` with an argv `command`, `shell_command` with a string, `exec_command` {cmd};
 *   custom_tool_call {name, input (string: apply_patch's patch), call_id}; local_shell_call
 *   {call_id, action: {type: "exec", command: argv, env…}}; their outputs
 *   function_call_output / custom_tool_call_output {call_id, output}. The output is a string (older
 *   shells: a JSON string `{"output", "metadata": {"exit_code"}}`; newer: a text headed "Exit code: N"
 *   or, for exec_command, "Process exited with code N"), an object `{content, success}` in older
 *   failure records, or a list of content items.
 * Events (event_msg exec_command_end and the like) repeat what response items say and are ignored.
 */
export const codexReader: FormatReader = {
  format: 'codex',
  sniff(head) {
    for (const text of head) {
      const o = parseObject(text);
      if (o ? isRolloutShape(o) : text.startsWith('{"timestamp":') && text.includes('"type":"session_meta"')) return 10;
    }
    return 0;
  },
  async *read(lines, source) {
    const reader = new RolloutReader(fileSessionId(source.path));
    for await (const l of lines) for (const item of reader.line(l)) yield item;
    yield* reader.pending.drain();
  },
  turnTracker(source) {
    const reader = new RolloutReader(fileSessionId(source.path));
    return { line: (l) => void (reader.line(l), reader.pending.drain()), turn: () => reader.turn() };
  },
};

const ENVELOPE_TYPES = new Set(['session_meta', 'response_item', 'event_msg', 'turn_context', 'compacted']);

function isRolloutShape(o: JsonObject): boolean {
  if (typeof o.type === 'string') return ENVELOPE_TYPES.has(o.type) && isObject(o.payload);
  return o.record_type === 'state' || (typeof o.id === 'string' && typeof o.timestamp === 'string' && 'instructions' in o);
}

/** The uuid that ends a rollout file's name, for files whose session_meta is missing. */
export function fileSessionId(filePath: string): string | undefined {
  const name = path.basename(filePath);
  if (!name.startsWith('rollout-') || !name.endsWith('.jsonl')) return undefined;
  const candidate = name.slice(0, -'.jsonl'.length).slice(-36);
  return isUuid(candidate) ? candidate : undefined;
}

function isUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    const dash = i === 8 || i === 13 || i === 18 || i === 23;
    if (dash ? c !== 0x2d : !isHex(c)) return false;
  }
  return true;
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/**
 * Outputs that say the call never ran, matched as case-insensitive prefixes: the user's refusal as
 * codex-rs/core normalizes it ("exec command rejected by user" / "patch rejected by user"), a
 * PreToolUse hook block (codex-rs/core/src/hook_runtime.rs) and the guardian reviewer's refusal.
 */
const DENIAL_PREFIXES = [
  'exec command rejected by user',
  'patch rejected by user',
  'command blocked by pretooluse hook',
  'tool call blocked by pretooluse hook',
  'this action was rejected due to unacceptable risk',
];
const EXIT_PREFIXES = ['Exit code: ', 'Process exited with code '];
/** The exit status sits in the few header lines before "Output:". */
const HEADER_LINES = 6;

const CALL_ITEMS = new Set(['function_call', 'custom_tool_call', 'local_shell_call']);
const OUTPUT_ITEMS = new Set(['function_call_output', 'custom_tool_call_output', 'local_shell_call_output']);

class RolloutReader {
  readonly pending = new PendingCalls();
  private session: string | undefined;
  private prompt: string | undefined;
  private text: string | undefined;

  constructor(private readonly fileSession: string | undefined) {}

  turn(): Turn {
    return turnOf(this.prompt, this.text);
  }

  line(l: InputLine): IngestItem[] {
    const parsed = jsonLine(l);
    if (parsed === undefined) return [];
    if (!('entry' in parsed)) return this.pending.push(parsed);
    const { entry } = parsed;
    if (typeof entry.type === 'string' && 'payload' in entry) return this.envelope(entry, l.line);
    if ('record_type' in entry) return [];
    if (typeof entry.type === 'string') return this.item(entry, l.line, undefined);
    if (typeof entry.id === 'string' && typeof entry.timestamp === 'string') return this.meta(entry);
    return this.pending.push({ kind: 'skip', line: l.line, reason: 'JSON without a Codex rollout shape' });
  }

  private envelope(entry: JsonObject, line: number): IngestItem[] {
    const payload = entry.payload;
    if (!isObject(payload)) return this.pending.push({ kind: 'skip', line, reason: `${String(entry.type)} line without a payload object` });
    if (entry.type === 'session_meta') return this.meta(payload);
    if (entry.type === 'response_item') return this.item(payload, line, timeOf(entry.timestamp));
    return [];
  }

  private meta(payload: JsonObject): IngestItem[] {
    this.session ??= idOf(payload.id);
    return [];
  }

  private item(p: JsonObject, line: number, at: number | undefined): IngestItem[] {
    const type = typeof p.type === 'string' ? p.type : '';
    if (CALL_ITEMS.has(type)) return this.call(p, line, at);
    if (OUTPUT_ITEMS.has(type)) return typeof p.call_id === 'string' ? this.pending.resolve(p.call_id, outcomeOf(p.output)) : [];
    if (type === 'message') this.message(p);
    return [];
  }

  private call(p: JsonObject, line: number, at: number | undefined): IngestItem[] {
    const local = p.type === 'local_shell_call';
    const name = local ? 'local_shell' : p.name;
    if (typeof name !== 'string') return this.pending.push({ kind: 'skip', line, reason: `${String(p.type)} without a name` });
    const input = local ? p.action : p.type === 'custom_tool_call' ? p.input : argumentsOf(p.arguments);
    const request: AnalyzeRequest = { call: toolCallFromAgent(name, input), sessionId: this.session ?? this.fileSession, agent: 'codex', ...this.turn() };
    const call: IngestedCall = { kind: 'call', request, line, tool: name };
    if (at !== undefined) call.at = at;
    const key = typeof p.call_id === 'string' ? p.call_id : local && typeof p.id === 'string' ? p.id : undefined;
    return this.pending.push(call, key);
  }

  /**
   * Codex injects its own context as user messages (`<environment_context>`, `<user_instructions>`…);
   * only text the user typed counts as the prompt. A prompt starts a turn, as in Claude Code.
   */
  private message(p: JsonObject): void {
    const text = messageText(p.content);
    if (text === undefined) return;
    if (p.role === 'user' && !text.trimStart().startsWith('<')) {
      this.prompt = cut(text, MAX_TURN_CHARS);
      this.text = undefined;
    } else if (p.role === 'assistant') {
      this.text = cut(text, MAX_TURN_CHARS);
    }
  }
}

/** function_call arguments are a JSON string; text that does not parse is kept for the report. */
function argumentsOf(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function messageText(content: unknown): string | undefined {
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const c of content) if (isObject(c) && typeof c.text === 'string' && c.text.trim() !== '') parts.push(c.text);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

export function outcomeOf(output: unknown): CallOutcome {
  const { text, failed } = outputText(output);
  if (startsWithAny(text, DENIAL_PREFIXES)) return 'denied';
  if (failed) return 'error';
  const code = exitCode(text);
  return code !== undefined && code !== 0 ? 'error' : 'ok';
}

function outputText(output: unknown): { text: string; failed: boolean } {
  if (typeof output === 'string') return { text: output, failed: false };
  if (isObject(output)) return { text: typeof output.content === 'string' ? output.content : '', failed: output.success === false };
  return { text: messageText(output) ?? '', failed: false };
}

function exitCode(text: string): number | undefined {
  if (text.startsWith('{')) {
    const meta = parseObject(text)?.metadata;
    return isObject(meta) && typeof meta.exit_code === 'number' ? meta.exit_code : undefined;
  }
  let from = 0;
  for (let i = 0; i < HEADER_LINES && from < text.length; i++) {
    const nl = text.indexOf('\n', from);
    const line = text.slice(from, nl < 0 ? text.length : nl);
    if (line === 'Output:') return undefined;
    for (const prefix of EXIT_PREFIXES) if (line.startsWith(prefix)) return numberOf(line.slice(prefix.length));
    if (nl < 0) break;
    from = nl + 1;
  }
  return undefined;
}

function numberOf(s: string): number | undefined {
  const n = Number.parseInt(s, 10);
  return Number.isNaN(n) ? undefined : n;
}
