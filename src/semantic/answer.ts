/**
 * Reads the model's second opinion out of whatever it answered. Models are asked for one JSON
 * object, but answer with prose around it, code fences, numbers as strings, synonyms and extra
 * keys; all of that is accepted. The answer is untrusted text (a prompt injection in the reviewed
 * call can steer it), so every step is linear in its length and every value is bounded.
 */

export interface Opinion {
  verdict: 'benign' | 'suspicious' | 'malicious';
  /** Clamped to [-maxAdjustment, +maxAdjustment], an integer. */
  adjustment: number;
  /** Clamped to [0, 1]; 0.5 when absent. */
  confidence: number;
  /** Trimmed, control characters replaced by spaces, at most 500 characters (cut with an ellipsis). */
  reasoning: string;
}

export type ParsedAnswer = { ok: true; opinion: Opinion } | { ok: false; problem: string };

/** The largest answer text looked at; beyond it the text is cut (an answer is a few hundred bytes). */
export const MAX_ANSWER_CHARS = 65536;

/** Enough for a worked example or a retry before the real answer, without parsing a flood of objects. */
const MAX_CANDIDATES = 8;
/** An opinion is a few hundred bytes; an object this long is something else and not worth parsing. */
const MAX_CANDIDATE_CHARS = 16384;
const MAX_REASONING_CHARS = 500;
/** Verdict text quoted back in a problem, which ends up in logs. */
const MAX_QUOTED_CHARS = 40;

type VerdictWord = Opinion['verdict'];

const ALIASES = {
  verdict: ['verdict', 'classification', 'label', 'assessment'],
  adjustment: ['adjustment', 'score_adjustment', 'adjust', 'delta'],
  confidence: ['confidence', 'certainty'],
  reasoning: ['reasoning', 'reason', 'explanation', 'rationale'],
} as const;

const VERDICTS: ReadonlyMap<string, VerdictWord> = new Map<string, VerdictWord>([
  ['benign', 'benign'],
  ['safe', 'benign'],
  ['legitimate', 'benign'],
  ['suspicious', 'suspicious'],
  ['uncertain', 'suspicious'],
  ['ambiguous', 'suspicious'],
  ['malicious', 'malicious'],
  ['dangerous', 'malicious'],
  ['harmful', 'malicious'],
  ['attack', 'malicious'],
]);

/** An adjustment at least this large, either way, states a verdict when the model gave none. */
const DECISIVE_ADJUSTMENT = 10;

const LEFT_BRACE = 0x7b;
const RIGHT_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function parseAnswer(text: string, maxAdjustment: number): ParsedAnswer {
  const answer = text.length > MAX_ANSWER_CHARS ? text.slice(0, MAX_ANSWER_CHARS) : text;
  if (answer.trim() === '') return { ok: false, problem: 'the answer is empty' };
  // a fractional or negative limit from a hand-edited config must still give an integer in range
  const limit = Math.max(0, Math.floor(maxAdjustment));

  const spans = candidateSpans(answer);
  if (spans.length === 0) return { ok: false, problem: 'no JSON object in the answer' };
  let problem: string | undefined;
  for (const [start, end] of spans.slice(0, MAX_CANDIDATES)) {
    let value: Record<string, unknown>;
    try {
      // a span starts with `{`, so whatever parses is a plain object
      value = JSON.parse(answer.slice(start, end)) as Record<string, unknown>;
    } catch {
      continue;
    }
    const read = opinionFrom(value, limit);
    if (read.ok) return read;
    problem ??= read.problem;
  }
  return { ok: false, problem: problem ?? 'no JSON object in the answer parses' };
}

/**
 * The balanced `{…}` spans of the text that no other balanced span contains, in order, each at
 * most MAX_CANDIDATE_CHARS long. This is what scanning from every `{` for its matching `}` finds,
 * done in one pass: every `{` the scan meets outside a string begins a scan of its own whose
 * string state is the same from there on and whose depth differs by a constant, so one stack of
 * open braces answers for all of them. A `{` inside a string of an object that never closes is
 * the one start this misses; such an object is rarely followed by a usable one on the same line.
 */
function candidateSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const open: number[] = [];
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open.length === 0) {
      // prose quotes outside any object say nothing about JSON strings
      if (c === LEFT_BRACE) open.push(i);
    } else if (inString) {
      if (c < 0x20) {
        // JSON strings never hold a raw control character, so no object still open can parse:
        // drop them all and look afresh, which recovers an object retried on the next line
        open.length = 0;
        inString = false;
        escaped = false;
      } else if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === LEFT_BRACE) open.push(i);
    else if (c === RIGHT_BRACE) {
      const start = open.pop()!;
      if (i + 1 - start > MAX_CANDIDATE_CHARS) continue;
      // the spans recorded since `start` was opened lie inside this one
      while (spans.length > 0 && spans[spans.length - 1]![0] > start) spans.pop();
      spans.push([start, i + 1]);
    }
  }
  return spans;
}

function opinionFrom(object: Record<string, unknown>, limit: number): ParsedAnswer {
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) {
    const name = key.trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, value);
  }
  const pick = (names: readonly string[]): unknown => {
    for (const n of names) {
      const v = fields.get(n);
      if (v !== undefined && v !== null) return v;
    }
    return undefined;
  };

  const said = pick(ALIASES.verdict);
  const named = typeof said === 'string' ? VERDICTS.get(said.trim().toLowerCase()) : undefined;
  const proposed = numberFrom(pick(ALIASES.adjustment));
  const rounded = proposed === undefined ? undefined : Math.round(proposed);
  let verdict: VerdictWord;
  let adjustment: number;
  if (named !== undefined) {
    verdict = named;
    const half = Math.round(limit / 2);
    adjustment = rounded ?? (named === 'benign' ? -half : named === 'malicious' ? half : 0);
  } else if (rounded !== undefined) {
    // judged on the model's own number: a tight limit should not turn "+20" into "suspicious"
    verdict = rounded >= DECISIVE_ADJUSTMENT ? 'malicious' : rounded <= -DECISIVE_ADJUSTMENT ? 'benign' : 'suspicious';
    adjustment = rounded;
  } else if (typeof said === 'string') {
    return { ok: false, problem: `the verdict "${clean(said, MAX_QUOTED_CHARS)}" is none of benign, suspicious, malicious, and there is no adjustment` };
  } else return { ok: false, problem: 'the JSON object has neither a verdict nor an adjustment' };

  const confidence = numberFrom(pick(ALIASES.confidence));
  return {
    ok: true,
    opinion: {
      verdict,
      adjustment: withoutNegativeZero(Math.min(limit, Math.max(-limit, adjustment))),
      confidence: confidence === undefined ? 0.5 : Math.min(1, Math.max(0, confidence)),
      reasoning: reasoningFrom(pick(ALIASES.reasoning)),
    },
  };
}

// Math.round(-0.4) is -0, which prints as 0 but is not 0 to Object.is and deep equality
const withoutNegativeZero = (n: number): number => (n === 0 ? 0 : n);

/** A finite number, from a number or a numeric string such as "+15" or "12.7"; anything else is missing. */
function numberFrom(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  // Number() alone would also take "", "0x1f" and "Infinity"; only decimal notation is a number here
  if (t.length === 0 || t.length > 32) return undefined;
  let i = t[0] === '+' || t[0] === '-' ? 1 : 0;
  let digits = 0;
  for (; isDigit(t, i); i++) digits++;
  if (t[i] === '.') {
    for (i++; isDigit(t, i); i++) digits++;
  }
  if (digits === 0) return undefined;
  if (t[i] === 'e' || t[i] === 'E') {
    i++;
    if (t[i] === '+' || t[i] === '-') i++;
    const exponent = i;
    while (isDigit(t, i)) i++;
    if (i === exponent) return undefined;
  }
  if (i !== t.length) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

const isDigit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39;

function reasoningFrom(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return clean(value, MAX_REASONING_CHARS);
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    // JSON.stringify recurses, and a candidate can nest thousands of arrays deep
    return '';
  }
  return clean(text, MAX_REASONING_CHARS);
}

/**
 * Reasoning is shown in terminals and logs: C0 and C1 controls (a C1 CSI starts an escape
 * sequence), line separators and bidirectional overrides (which reorder what a reader sees) become
 * spaces. A character class cannot backtrack.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function clean(s: string, max: number): string {
  const t = s.replace(UNPRINTABLE, ' ').trim();
  if (t.length <= max) return t;
  let cut = max - 1;
  // never leave half a surrogate pair before the ellipsis
  const last = t.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return t.slice(0, cut).trimEnd() + '…';
}
