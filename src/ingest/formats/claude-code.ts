import type { AnalyzeRequest } from '../../engine/request.js';
import { MAX_TURN_CHARS } from '../../engine/session.js';
import { cut, isObject, toolCallFromAgent, type JsonObject } from '../agent-tools.js';
import type { CallOutcome, FormatReader, IngestedCall, IngestItem, InputLine, Turn } from '../types.js';
import { PendingCalls, idOf, jsonLine, parseObject, remember, startsWithAny, timeOf, turnOf } from './jsonl.js';

/**
 * Claude Code session transcripts: `~/.claude/projects/<encoded-cwd>/<session-id>.jsonl`, one JSON
 * object per line, `type` discriminating (INTEGRATIONS.md §b; not a documented stable interface).
 * Calls are the `tool_use` blocks of assistant lines; a user line's `tool_result` blocks tell their
 * outcome. One API message may be written over several lines that repeat its blocks, so calls are
 * de-duplicated by (message.id, block id).
 */
export const claudeCodeReader: FormatReader = {
  format: 'claude-code',
  sniff(head) {
    for (const text of head) {
      const o = parseObject(text);
      if (o && typeof o.type === 'string' && SNIFF_TYPES.has(o.type) && (typeof o.sessionId === 'string' || typeof o.uuid === 'string')) return 10;
    }
    return 0;
  },
  async *read(lines) {
    const reader = new TranscriptReader();
    // a plain loop: `yield*` of an array wraps it in an async iterator on every line
    for await (const l of lines) for (const item of reader.line(l)) yield item;
    yield* reader.pending.drain();
  },
  turnTracker() {
    const reader = new TranscriptReader();
    // the calls are not wanted here: drained, so a followed transcript holds none of them
    return { line: (l) => void (reader.line(l), reader.pending.drain()), turn: (sessionId) => reader.turn(sessionId) };
  },
};

const SNIFF_TYPES = new Set(['user', 'assistant', 'summary', 'system', 'file-history-snapshot']);

/** Sessions whose last prompt and assistant text are remembered (a transcript rarely holds more than one). */
const MAX_SESSIONS = 64;

/**
 * Tool results Claude Code writes when a call did not run, matched as prefixes (after an optional
 * `<tool_use_error>` or `Error:` wrapper) of an is_error result. Wording from transcripts quoted in
 * public parsers and issues (anthropics/claude-code #33235, #23524; Claude Code 2.0–2.1):
 * - user rejection: "The user doesn't want to proceed with this tool use. The tool use was rejected …"
 *   and "The user doesn't want to take this action right now. …";
 * - PreToolUse hook exit 2: "PreToolUse:Bash hook error: [<hook command>]: <stderr>";
 * - permission rules / auto mode: "Permission to use Bash with command … has been denied.",
 *   "Permission for this action was denied by the Claude Code auto mode classifier …",
 *   "This command requires approval", "This Bash command contains multiple operations. The following
 *   part requires approval …";
 * - built-in guards: "Blocked: …".
 */
const DENIAL_PREFIXES = [
  "the user doesn't want to proceed",
  "the user doesn't want to take this action",
  'pretooluse:',
  'permission to use ',
  'permission for this ',
  'this command requires approval',
  'this bash command contains multiple operations',
  'blocked',
];
const RESULT_WRAPPERS = ['<tool_use_error>', 'error:'];

/**
 * Some versions also mark a refused call's result line with `toolDenialKind` (seen in 2.1.x
 * transcripts by third-party parsers; undocumented). Interruptions are not refusals: the call may
 * have started.
 */
const NOT_DENIALS = new Set(['interrupted', 'cancelled']);

interface SessionState {
  prompt?: string;
  text?: string;
}

class TranscriptReader {
  readonly pending = new PendingCalls();
  private readonly seen = new Set<string>();
  private readonly sessions = new Map<string, SessionState>();

  line(l: InputLine): IngestItem[] {
    const parsed = jsonLine(l);
    if (parsed === undefined) return [];
    if (!('entry' in parsed)) return this.pending.push(parsed);
    const { entry } = parsed;
    switch (entry.type) {
      case 'assistant':
        return this.assistant(entry, l.line);
      case 'user':
        return this.user(entry, l.line);
      case undefined:
        return this.pending.push({ kind: 'skip', line: l.line, reason: 'JSON without a Claude Code entry "type"' });
      default:
        // summary, system, file-history-snapshot, queue-operation, progress and types to come: not calls.
        return typeof entry.type === 'string' ? [] : this.pending.push({ kind: 'skip', line: l.line, reason: 'entry "type" is not a string' });
    }
  }

  private assistant(entry: JsonObject, line: number): IngestItem[] {
    const message = entry.message;
    if (!isObject(message) || !Array.isArray(message.content)) return this.pending.push({ kind: 'skip', line, reason: 'assistant entry without message.content blocks' });
    const state = this.session(entry);
    const out: IngestItem[] = [];
    for (const block of message.content) {
      if (!isObject(block)) continue;
      if (block.type === 'text' && typeof block.text === 'string' && block.text.trim() !== '') state.text = cut(block.text, MAX_TURN_CHARS);
      else if (block.type === 'tool_use') out.push(...this.toolUse(entry, message, block, state, line));
    }
    return out;
  }

  private toolUse(entry: JsonObject, message: JsonObject, block: JsonObject, state: SessionState, line: number): IngestItem[] {
    if (typeof block.name !== 'string') return this.pending.push({ kind: 'skip', line, reason: 'tool_use block without a name' });
    const blockId = typeof block.id === 'string' ? block.id : undefined;
    if (blockId !== undefined && typeof message.id === 'string' && !remember(this.seen, `${message.id}\u0000${blockId}`)) return [];
    const request: AnalyzeRequest = { call: toolCallFromAgent(block.name, block.input), sessionId: idOf(entry.sessionId), agent: 'claude-code', ...turnOf(state.prompt, state.text) };
    const call: IngestedCall = { kind: 'call', request, line, tool: block.name };
    const at = timeOf(entry.timestamp);
    if (at !== undefined) call.at = at;
    return this.pending.push(call, blockId);
  }

  private user(entry: JsonObject, line: number): IngestItem[] {
    const message = entry.message;
    const content = isObject(message) ? message.content : undefined;
    if (typeof content === 'string') {
      if (entry.isMeta !== true) this.prompt(entry, content);
      return [];
    }
    if (!Array.isArray(content)) return this.pending.push({ kind: 'skip', line, reason: 'user entry without message.content' });
    const out: IngestItem[] = [];
    const texts: string[] = [];
    for (const block of content) {
      if (!isObject(block)) continue;
      if (block.type === 'tool_result' && typeof block.tool_use_id === 'string') out.push(...this.pending.resolve(block.tool_use_id, outcomeOf(block, entry.toolDenialKind)));
      else if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    }
    if (texts.length > 0 && entry.isMeta !== true) this.prompt(entry, texts.join('\n'));
    return out;
  }

  /** The turn of a session, or of the session the transcript started last when it does not name this one (a hook's id may be cut or missing). */
  turn(sessionId: string | undefined): Turn {
    let state = sessionId === undefined ? undefined : this.sessions.get(sessionId);
    if (!state) for (const s of this.sessions.values()) state = s;
    return turnOf(state?.prompt, state?.text);
  }

  /** A new prompt starts a turn: the assistant text of the previous turn no longer precedes the calls. */
  private prompt(entry: JsonObject, text: string): void {
    if (text.trim() === '') return;
    const state = this.session(entry);
    state.prompt = cut(text, MAX_TURN_CHARS);
    delete state.text;
  }

  private session(entry: JsonObject): SessionState {
    const key = idOf(entry.sessionId) ?? '';
    let state = this.sessions.get(key);
    if (!state) {
      if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
      state = {};
      this.sessions.set(key, state);
    }
    return state;
  }
}

function outcomeOf(block: JsonObject, denialKind: unknown): CallOutcome {
  if (typeof denialKind === 'string' && denialKind !== '' && !NOT_DENIALS.has(denialKind)) return 'denied';
  if (block.is_error !== true) return 'ok';
  return startsWithAny(resultText(block.content), DENIAL_PREFIXES, RESULT_WRAPPERS) ? 'denied' : 'error';
}

/** A tool_result's content is a string or a list of blocks; the first text block is what is said. */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) for (const b of content) if (isObject(b) && typeof b.text === 'string') return b.text;
  return '';
}
