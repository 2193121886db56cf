import type { AnalyzeRequest } from '../../engine/request.js';
import { MAX_TURN_CHARS } from '../../engine/session.js';
import { cut, isObject, toolCallFromAgent, type JsonObject } from '../agent-tools.js';
import type { CallOutcome, FormatReader, IngestedCall, IngestItem, IngestSkip, InputLine, Turn } from '../types.js';
import { idOf, jsonLine, parseObject, remember, startsWithAny, timeOf, turnOf } from './jsonl.js';

/**
 * Gemini CLI chat recordings: `~/.gemini/tmp/<project_hash>/chats/session-<time>-<id8>.json[l]`
 * (subagents: `chats/<parent session id>/<id>.jsonl`).
 *
 * Format facts from google-gemini/gemini-cli packages/core/src/services/chatRecordingService.ts and
 * chatRecordingTypes.ts (2025–2026):
 * - older versions write one JSON document (pretty-printed): ConversationRecord {sessionId,
 *   projectHash, startTime, lastUpdated, messages: [{id, timestamp, type: user|gemini|info|error|
 *   warning, content, toolCalls?: [{id, name, args, result, status, timestamp, resultDisplay…}]}]};
 * - newer versions append JSONL: a metadata line {sessionId, projectHash, startTime…}, then whole
 *   message records, written again each time a message changes (same `id`), `{"$set": {...}}`
 *   metadata updates and `{"$rewindTo": id}` markers. A rewind does not undo calls that ran.
 * - tool calls are recorded once they complete, so the first record of a call has its final
 *   `status` (success | error | cancelled); later copies of it are ignored.
 * - results are Gemini parts: `[{functionResponse: {id, name, response: {output} | {error}}}]`.
 */
export const geminiReader: FormatReader = {
  format: 'gemini',
  sniff(head) {
    let sessionKey = false;
    let hashKey = false;
    for (const text of head) {
      const o = parseObject(text);
      if (o) {
        if (isMetadata(o)) return 10;
        continue;
      }
      const t = text.trimStart();
      if (t.startsWith('{"sessionId":') && t.includes('"projectHash":')) return 10;
      sessionKey ||= t.startsWith('"sessionId":');
      hashKey ||= t.startsWith('"projectHash":');
    }
    return sessionKey && hashKey ? 10 : 0;
  },
  read: (lines) => readInto(new Conversation(), lines),
  async turnAfter(lines) {
    const session = new Conversation();
    for await (const _ of readInto(session, lines));
    return session.turn();
  },
};

/** Reads a recording (JSONL, or one JSON document) into `session`. */
async function* readInto(session: Conversation, lines: AsyncIterable<InputLine>): AsyncGenerator<IngestItem> {
  let document: DocumentBuffer | undefined;
  let mode: 'jsonl' | 'json' | undefined;
  for await (const l of lines) {
    if (mode === undefined) {
      if (l.text !== undefined && l.text.trim() === '') continue;
      mode = l.text !== undefined && parseObject(l.text) ? 'jsonl' : 'json';
      if (mode === 'json') document = new DocumentBuffer();
    }
    if (document) {
      const skip = document.add(l);
      if (skip) {
        yield skip;
        return;
      }
    } else {
      for (const item of session.record(l)) yield item;
    }
  }
  if (document) yield* document.finish(session);
}

/** The largest session document read whole; a bigger one is reported and not read. */
export const MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;

/** Errors that mean the call never ran (gemini-cli scheduler/policy.ts, core/coreToolHookTriggers.ts). */
const DENIAL_PREFIXES = ['tool execution denied by policy', 'tool execution blocked:', 'agent execution stopped by hook', 'you are in plan mode'];

const isMetadata = (o: JsonObject) => typeof o.sessionId === 'string' && typeof o.projectHash === 'string';

/** Where a record's tool calls start: their own line in a document, the record's line in JSONL. */
type LineOf = (id: string) => number | undefined;

class Conversation {
  private session: string | undefined;
  private prompt: string | undefined;
  private text: string | undefined;
  private readonly seen = new Set<string>();

  turn(): Turn {
    return turnOf(this.prompt, this.text);
  }

  /** One JSONL line. */
  record(l: InputLine): IngestItem[] {
    const parsed = jsonLine(l);
    if (parsed === undefined) return [];
    if (!('entry' in parsed)) return [parsed];
    const { entry } = parsed;
    if ('$rewindTo' in entry) return [];
    if (isObject(entry.$set)) {
      this.session = idOf(entry.$set.sessionId) ?? this.session;
      return [];
    }
    if (typeof entry.id === 'string' && typeof entry.type === 'string') return this.message(entry, l.line, () => undefined);
    // A whole document on one line reads as its metadata record with the messages in it.
    if (isMetadata(entry)) return this.document(entry, l.line, () => undefined);
    return [{ kind: 'skip', line: l.line, reason: 'JSON without a Gemini CLI session shape' }];
  }

  document(doc: JsonObject, line: number, lineOf: LineOf): IngestItem[] {
    this.session = idOf(doc.sessionId) ?? this.session;
    if (!Array.isArray(doc.messages)) return [];
    const out: IngestItem[] = [];
    for (const m of doc.messages) if (isObject(m)) out.push(...this.message(m, (typeof m.id === 'string' && lineOf(m.id)) || line, lineOf));
    return out;
  }

  private message(m: JsonObject, line: number, lineOf: LineOf): IngestItem[] {
    const text = textOf(m.content);
    if (m.type === 'user') {
      if (text === undefined) return [];
      this.prompt = cut(text, MAX_TURN_CHARS);
      this.text = undefined;
      return [];
    }
    if (m.type !== 'gemini') return [];
    if (text !== undefined) this.text = cut(text, MAX_TURN_CHARS);
    if (!Array.isArray(m.toolCalls)) return [];
    const out: IngestItem[] = [];
    for (const tc of m.toolCalls) {
      if (!isObject(tc)) continue;
      const id = typeof tc.id === 'string' ? tc.id : undefined;
      const where = lineOf(id ?? '') ?? line;
      if (typeof tc.name !== 'string') out.push({ kind: 'skip', line: where, reason: 'tool call without a name' });
      else if (id === undefined || remember(this.seen, id)) out.push(this.call(tc, tc.name, where, timeOf(tc.timestamp) ?? timeOf(m.timestamp)));
    }
    return out;
  }

  private call(tc: JsonObject, name: string, line: number, at: number | undefined): IngestedCall {
    const request: AnalyzeRequest = { call: toolCallFromAgent(name, tc.args), sessionId: this.session, agent: 'gemini', ...this.turn() };
    const call: IngestedCall = { kind: 'call', request, line, tool: name };
    if (at !== undefined) call.at = at;
    const outcome = outcomeOf(tc);
    if (outcome !== undefined) call.outcome = outcome;
    return call;
  }
}

/** Message content is a string or Gemini parts; thought parts are the model's reasoning, not its answer. */
function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content.trim() === '' ? undefined : content;
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const p of content) if (isObject(p) && typeof p.text === 'string' && p.thought !== true && p.text.trim() !== '') parts.push(p.text);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

function outcomeOf(tc: JsonObject): CallOutcome | undefined {
  switch (tc.status) {
    case 'success':
      return 'ok';
    case 'cancelled':
      return 'denied';
    case 'error':
      return startsWithAny(errorText(tc), DENIAL_PREFIXES) ? 'denied' : 'error';
    default:
      return undefined;
  }
}

function errorText(tc: JsonObject): string {
  if (Array.isArray(tc.result)) {
    for (const part of tc.result) {
      const response = isObject(part) && isObject(part.functionResponse) ? part.functionResponse.response : undefined;
      if (isObject(response) && typeof response.error === 'string') return response.error;
    }
  }
  return typeof tc.resultDisplay === 'string' ? tc.resultDisplay : '';
}

/**
 * A pretty-printed session document, held until it ends (at most MAX_DOCUMENT_CHARS), then parsed.
 * Each tool call is reported at the line of its `"id"`, found by one pass over the held lines.
 */
class DocumentBuffer {
  private lines: string[] = [];
  private lineNumbers: number[] = [];
  private chars = 0;

  add(l: InputLine): IngestSkip | undefined {
    if (l.text === undefined) return { kind: 'skip', line: l.line, reason: 'line longer than the limit; the Gemini session document was not read' };
    this.chars += l.text.length + 1;
    if (this.chars > MAX_DOCUMENT_CHARS) return { kind: 'skip', line: l.line, reason: `file is larger than the Gemini session limit (${MAX_DOCUMENT_CHARS / (1024 * 1024)} MiB); not read` };
    this.lines.push(l.text);
    this.lineNumbers.push(l.line);
    return undefined;
  }

  finish(session: Conversation): IngestItem[] {
    const first = this.lineNumbers[0];
    if (first === undefined) return [];
    const doc = parseObject(this.lines.join('\n'));
    const ids = doc ? this.idLines() : undefined;
    this.lines = [];
    if (!doc || !ids || !isMetadata(doc) || !Array.isArray(doc.messages)) return [{ kind: 'skip', line: first, reason: 'not a Gemini CLI session document (JSON with sessionId, projectHash and messages)' }];
    return session.document(doc, first, (id) => ids.get(JSON.stringify(id).slice(1, -1)));
  }

  /** Line of the first `"id": "<value>"` of each value (values kept JSON-escaped). */
  private idLines(): Map<string, number> {
    const ids = new Map<string, number>();
    this.lines.forEach((text, i) => {
      let from = text.indexOf('"id":');
      while (from >= 0) {
        const value = quotedAfter(text, from + 5);
        if (value !== undefined && !ids.has(value)) ids.set(value, this.lineNumbers[i]!);
        from = text.indexOf('"id":', from + 5);
      }
    });
    return ids;
  }
}

/** The JSON string starting after optional spaces at `from`, without its quotes and unescaped as written. */
function quotedAfter(text: string, from: number): string | undefined {
  let i = from;
  while (text.charCodeAt(i) === 0x20) i++;
  if (text[i] !== '"') return undefined;
  let end = i + 1;
  while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
  return end < text.length ? text.slice(i + 1, end) : undefined;
}
