import { MAX_ID_CHARS } from '../../engine/request.js';
import { isObject, type JsonObject } from '../agent-tools.js';
import type { CallOutcome, IngestedCall, IngestItem, IngestSkip, InputLine, Turn } from '../types.js';
import { isoToMs, jsonOrUndefined } from './shared.js';

/** What the JSON-lines readers (Claude Code, Codex, Gemini, MCP logs) share: parsing lines, ids and times, and holding calls for their results. */

/** How many calls wait for their results; past it the oldest is reported without an outcome. */
export const MAX_PENDING = 64;
/** Block keys remembered for de-duplication: repeats of a split message follow it closely. */
const MAX_SEEN = 4096;

/** A JSON object, or undefined for anything else (including text that is not JSON). */
export function parseObject(text: string): JsonObject | undefined {
  const v = jsonOrUndefined(text);
  return isObject(v) ? v : undefined;
}

/**
 * The first step of every JSONL reader: a line's object, nothing for a blank line, or a skip.
 * Another reader's format is not a reason to guess: text that is not a JSON object is reported.
 */
export function jsonLine(l: InputLine): { entry: JsonObject } | IngestSkip | undefined {
  if (l.text === undefined) return { kind: 'skip', line: l.line, reason: 'line longer than the limit' };
  if (l.text.trim() === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(l.text);
  } catch {
    return { kind: 'skip', line: l.line, reason: 'not JSON' };
  }
  return isObject(v) ? { entry: v } : { kind: 'skip', line: l.line, reason: 'JSON but not an object' };
}

/** A reader's remembered prompt and assistant text, as the turn a call carries. */
export function turnOf(prompt: string | undefined, text: string | undefined): Turn {
  const turn: Turn = {};
  if (prompt !== undefined) turn.userMessage = prompt;
  if (text !== undefined) turn.aiResponse = text;
  return turn;
}

/** Epoch ms of an ISO timestamp, when it is one. */
export function timeOf(v: unknown): number | undefined {
  return typeof v === 'string' ? isoToMs(v) : undefined;
}

/** A session id the daemon would accept: longer ones are refused there, so here they are dropped. */
export function idOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v.length <= MAX_ID_CHARS ? v : undefined;
}

/** True when `text`, after leading space and any of `wrappers`, starts with one of `prefixes` (lower case). */
export function startsWithAny(text: string, prefixes: readonly string[], wrappers: readonly string[] = []): boolean {
  let t = text.trimStart().slice(0, 256).toLowerCase();
  for (const w of wrappers) if (t.startsWith(w)) t = t.slice(w.length).trimStart();
  return prefixes.some((p) => t.startsWith(p));
}

/** Remembers a key in a set of bounded size; returns false when it was already there. */
export function remember(seen: Set<string>, key: string, max = MAX_SEEN): boolean {
  if (seen.has(key)) return false;
  if (seen.size >= max) seen.delete(seen.values().next().value!);
  seen.add(key);
  return true;
}

interface Held {
  item: IngestItem;
  ready: boolean;
  key?: string;
}

/**
 * Items on their way out in file order. A call waits until its result resolves it; skips and
 * resolved calls wait behind it. At most `max` items are held: past that the oldest goes out as it
 * is, so a call whose result never comes costs a missing outcome, never unbounded memory.
 */
export class PendingCalls {
  private readonly held: Held[] = [];
  private readonly byKey = new Map<string, Held>();

  constructor(private readonly max = MAX_PENDING) {}

  /**
   * Adds an item; a call with a key waits for `resolve(key)`. A key already waiting is reused: the
   * earlier call stops waiting, since the next result could answer either, and the newer call waits.
   * Returns what may go out now.
   */
  push(item: IngestItem, key?: string): IngestItem[] {
    const waits = key !== undefined && item.kind === 'call';
    if (waits) this.settle(key);
    const h: Held = waits ? { item, ready: false, key } : { item, ready: true };
    if (waits) this.byKey.set(key, h);
    this.held.push(h);
    return this.release();
  }

  resolve(key: string, outcome: CallOutcome): IngestItem[] {
    const h = this.byKey.get(key);
    if (h) (h.item as IngestedCall).outcome = outcome;
    return this.unwait(key);
  }

  /** The call under this key stops waiting, with no outcome (its result can no longer be told apart). */
  unwait(key: string): IngestItem[] {
    this.settle(key);
    return this.release();
  }

  drain(): IngestItem[] {
    this.byKey.clear();
    return this.held.splice(0).map((h) => h.item);
  }

  private settle(key: string): void {
    const h = this.byKey.get(key);
    if (!h) return;
    this.byKey.delete(key);
    delete h.key;
    h.ready = true;
  }

  private release(): IngestItem[] {
    const out: IngestItem[] = [];
    while (this.held.length > 0 && (this.held[0]!.ready || this.held.length > this.max)) {
      const h = this.held.shift()!;
      if (h.key !== undefined) this.byKey.delete(h.key);
      out.push(h.item);
    }
    return out;
  }
}

