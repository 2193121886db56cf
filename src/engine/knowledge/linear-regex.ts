/**
 * Operator-written patterns (policy `regex` entries) run on attacker text. V8's backtracking engine
 * is polynomial even without nested quantifiers (`.*a.*b.*c` takes seconds on 1 KiB), so these run on
 * a Thompson NFA simulated Pike-style: O(text × pattern) on every input, whatever the pattern.
 *
 * The syntax is the ECMAScript subset command lines need: literals and escapes, `.`, classes with
 * ranges and `\d \w \s` (and negations), `^ $ \b \B`, groups (capturing, `(?:…)`, `(?<name>…)`),
 * alternation, and `* + ? {n} {n,} {n,m}` (lazy forms accepted; only whether it matches counts).
 */

export const MAX_REGEX_SOURCE = 512;
/** Counted repetition is unrolled; this bounds the automaton a 512-character pattern can grow into. */
const MAX_COUNT = 100;
const MAX_PROGRAM = 2048;
const COUNTED = /\{(\d+)(,(\d*))?\}/y;

export class RegexSyntaxError extends Error {
  override readonly name = 'RegexSyntaxError';
}

export interface LinearRegex {
  readonly source: string;
  /** True when the pattern matches somewhere in the text, as RegExp.prototype.test would. */
  search(text: string): boolean;
  /** True when the pattern matches the whole text, as if written `^(?:…)$`. */
  matchesWhole(text: string): boolean;
}

/** A character set as sorted [lo, hi] code-unit ranges; `negate` flips membership. */
interface CharSet {
  ranges: number[];
  negate: boolean;
  ascii: Uint8Array;
}

type Node =
  | { t: 'set'; set: CharSet }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'assert'; kind: Assertion };

type Assertion = 'bol' | 'eol' | 'word' | 'nonword';

const DIGIT = [48, 57];
const WORD = [48, 57, 65, 90, 95, 95, 97, 122];
const SPACE = [9, 13, 32, 32, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff];
const LINE_TERMINATORS = [10, 10, 13, 13, 0x2028, 0x2029];

function complement(ranges: number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i]! > next) out.push(next, ranges[i]! - 1);
    next = ranges[i + 1]! + 1;
  }
  if (next <= 0xffff) out.push(next, 0xffff);
  return out;
}

function makeSet(ranges: number[], negate: boolean): CharSet {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = merged.length - 1;
    if (last > 0 && lo <= merged[last]! + 1) merged[last] = Math.max(merged[last]!, hi);
    else merged.push(lo, hi);
  }
  const ascii = new Uint8Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = inRanges(merged, c) !== negate ? 1 : 0;
  return { ranges: merged, negate, ascii };
}

function inRanges(ranges: number[], c: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (c < ranges[i]!) return false;
    if (c <= ranges[i + 1]!) return true;
  }
  return false;
}

const hasSet = (s: CharSet, c: number): boolean => (c < 128 ? s.ascii[c] === 1 : inRanges(s.ranges, c) !== s.negate);
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 || (c >= 97 && c <= 122);

class Parser {
  i = 0;
  constructor(private readonly src: string) {}

  fail(problem: string): never {
    throw new RegexSyntaxError(`${problem} at position ${this.i + 1}`);
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) this.fail('unmatched ")"');
    return node;
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const start = this.i;
      const atom = this.atom();
      const q = this.quantifier();
      if (!q) {
        items.push(atom);
        continue;
      }
      if (atom.t === 'assert') this.fail('nothing to repeat');
      // harmless here, but catastrophic in every backtracking engine the same pattern may be tried in
      if (q.max > 1 && containsRepeat(atom)) {
        this.i = start;
        this.fail('nested quantifier (a repeated group that itself contains a quantifier)');
      }
      items.push({ t: 'rep', node: atom, ...q });
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private quantifier(): { min: number; max: number } | undefined {
    const c = this.src[this.i];
    let q: { min: number; max: number } | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    if (q) this.i++;
    else if (c === '{') {
      COUNTED.lastIndex = this.i;
      const m = COUNTED.exec(this.src);
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) this.fail('numbers out of order in {} quantifier');
      if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) this.fail(`counted repetition above ${MAX_COUNT}`);
      this.i += m[0].length;
      q = { min, max };
    }
    if (q && this.src[this.i] === '?') this.i++;
    return q;
  }

  private atom(): Node {
    const c = this.src[this.i]!;
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.':
        this.i++;
        return { t: 'set', set: makeSet(LINE_TERMINATORS, true) };
      case '^':
        this.i++;
        return { t: 'assert', kind: 'bol' };
      case '$':
        this.i++;
        return { t: 'assert', kind: 'eol' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat');
      case '{':
        COUNTED.lastIndex = this.i;
        if (COUNTED.test(this.src)) this.fail('nothing to repeat');
    }
    this.i++;
    return literal(c.charCodeAt(0));
  }

  private group(): Node {
    this.i++;
    if (this.src[this.i] === '?') {
      const rest = this.src.slice(this.i, this.i + 3);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!') || rest === '?<=' || rest === '?<!') this.fail('lookahead and lookbehind are not supported');
      else if (rest.startsWith('?<')) {
        const close = this.src.indexOf('>', this.i);
        if (close < 0 || !/^[A-Za-z_$][\w$]*$/.test(this.src.slice(this.i + 2, close))) this.fail('invalid group name');
        this.i = close + 1;
      } else this.fail('invalid group');
    }
    const node = this.alternation();
    if (this.src[this.i] !== ')') this.fail('unterminated group');
    this.i++;
    return node;
  }

  private escape(): Node {
    const c = this.src[this.i + 1];
    if (c === undefined) this.fail('\\ at end of pattern');
    if (c === 'b' || c === 'B') {
      this.i += 2;
      return { t: 'assert', kind: c === 'b' ? 'word' : 'nonword' };
    }
    if (/[1-9]/.test(c) || (c === 'k' && this.src[this.i + 2] === '<')) this.fail('backreferences are not supported');
    const cls = classEscape(c);
    if (cls) {
      this.i += 2;
      return { t: 'set', set: makeSet(cls, false) };
    }
    return literal(this.charEscape());
  }

  /** A single-character escape at this.i (which points at the backslash); advances past it. */
  private charEscape(): number {
    const c = this.src[this.i + 1]!;
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
    if (c in simple) {
      this.i += 2;
      return simple[c]!;
    }
    if (c === '0' && !/[0-9]/.test(this.src[this.i + 2] ?? '')) {
      this.i += 2;
      return 0;
    }
    const hex = c === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i + 2)) : c === 'u' ? /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i + 2)) : null;
    if (hex) {
      this.i += 2 + hex[0].length;
      return parseInt(hex[0], 16);
    }
    if (c === 'c' && /[A-Za-z]/.test(this.src[this.i + 2] ?? '')) {
      this.i += 3;
      return this.src.charCodeAt(this.i - 1) % 32;
    }
    if (/[A-Za-z0-9]/.test(c)) this.fail(`unknown escape \\${c}`);
    this.i += 2;
    return c.charCodeAt(0);
  }

  private charClass(): Node {
    this.i++;
    const negate = this.src[this.i] === '^';
    if (negate) this.i++;
    const ranges: number[] = [];
    while (this.src[this.i] !== ']') {
      if (this.i >= this.src.length) this.fail('unterminated character class');
      const lo = this.classAtom(ranges);
      if (lo === undefined) continue;
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        const hi = this.classAtom(ranges);
        if (hi === undefined) this.fail('a class like \\d cannot end a range');
        if (hi < lo) this.fail('range out of order in character class');
        ranges.push(lo, hi);
      } else ranges.push(lo, lo);
    }
    this.i++;
    return { t: 'set', set: makeSet(ranges, negate) };
  }

  /** One class member: a code unit, or undefined after adding a class escape's ranges itself. */
  private classAtom(ranges: number[]): number | undefined {
    const c = this.src[this.i]!;
    if (c !== '\\') {
      this.i++;
      return c.charCodeAt(0);
    }
    const e = this.src[this.i + 1];
    const cls = e === undefined ? undefined : classEscape(e);
    if (cls) {
      this.i += 2;
      ranges.push(...cls);
      return undefined;
    }
    if (e === 'b') {
      this.i += 2;
      return 8;
    }
    if (e === '-') {
      this.i += 2;
      return 45;
    }
    return this.charEscape();
  }
}

function classEscape(c: string): number[] | undefined {
  switch (c) {
    case 'd': return DIGIT;
    case 'D': return complement(DIGIT);
    case 'w': return WORD;
    case 'W': return complement(WORD);
    case 's': return SPACE;
    case 'S': return complement(SPACE);
    default: return undefined;
  }
}

const literal = (code: number): Node => ({ t: 'set', set: makeSet([code, code], false) });

function containsRepeat(n: Node): boolean {
  switch (n.t) {
    case 'rep': return true;
    case 'seq': return n.items.some(containsRepeat);
    case 'alt': return n.alts.some(containsRepeat);
    default: return false;
  }
}

const Op = { Set: 0, Split: 1, Jmp: 2, Assert: 3, Match: 4 } as const;
interface Inst {
  op: (typeof Op)[keyof typeof Op];
  set?: CharSet;
  kind?: Assertion;
  /** Jump target, or a split's first branch. */
  x: number;
  /** A split's second branch. */
  y: number;
}

function compile(root: Node): Inst[] {
  const prog: Inst[] = [];
  const emit = (inst: Omit<Inst, 'x' | 'y'> & Partial<Inst>): number => {
    if (prog.length >= MAX_PROGRAM) throw new RegexSyntaxError('pattern too complex (it unrolls into too large an automaton)');
    prog.push({ x: 0, y: 0, ...inst });
    return prog.length - 1;
  };
  const gen = (n: Node): void => {
    switch (n.t) {
      case 'set':
        emit({ op: Op.Set, set: n.set });
        return;
      case 'assert':
        emit({ op: Op.Assert, kind: n.kind });
        return;
      case 'seq':
        for (const item of n.items) gen(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.alts.forEach((alt, k) => {
          if (k === n.alts.length - 1) return gen(alt);
          const split = emit({ op: Op.Split });
          prog[split]!.x = prog.length;
          gen(alt);
          jumps.push(emit({ op: Op.Jmp }));
          prog[split]!.y = prog.length;
        });
        for (const j of jumps) prog[j]!.x = prog.length;
        return;
      }
      case 'rep': {
        for (let k = 0; k < n.min; k++) gen(n.node);
        if (n.max === Infinity) {
          const split = emit({ op: Op.Split });
          prog[split]!.x = prog.length;
          gen(n.node);
          emit({ op: Op.Jmp, x: split });
          prog[split]!.y = prog.length;
          return;
        }
        const splits: number[] = [];
        for (let k = n.min; k < n.max; k++) {
          const split = emit({ op: Op.Split });
          prog[split]!.x = prog.length;
          splits.push(split);
          gen(n.node);
        }
        for (const s of splits) prog[s]!.y = prog.length;
      }
    }
  };
  gen(root);
  emit({ op: Op.Match });
  return prog;
}

/**
 * A runner over the program with one thread per automaton state: no backtracking, ever. Its
 * buffers are allocated once per pattern; a run never re-enters itself, so they are safe to reuse.
 */
function runner(prog: Inst[]): (text: string, whole: boolean) => boolean {
  const n = prog.length;
  let clist = new Int32Array(n);
  let nlist = new Int32Array(n);
  const mark = new Int32Array(n);
  const stack = new Int32Array(n * 2 + 2);
  // a pattern that starts with `^` can only match from position 0: no new thread after that
  const anchored = prog[0]!.op === Op.Assert && prog[0]!.kind === 'bol';
  let text = '';
  let whole = false;
  let matched = false;
  // adds pc and every state reachable from it without consuming input; sets `matched` on reaching Match
  const add = (list: Int32Array, count: number, pc0: number, pos: number): number => {
    let sp = 0;
    stack[sp++] = pc0;
    while (sp > 0) {
      const pc = stack[--sp]!;
      if (mark[pc] === pos) continue;
      mark[pc] = pos;
      const inst = prog[pc]!;
      switch (inst.op) {
        case Op.Jmp:
          stack[sp++] = inst.x;
          break;
        case Op.Split:
          stack[sp++] = inst.y;
          stack[sp++] = inst.x;
          break;
        case Op.Assert:
          if (assertion(inst.kind!, text, pos)) stack[sp++] = pc + 1;
          break;
        case Op.Match:
          if (!whole || pos === text.length) matched = true;
          break;
        case Op.Set:
          list[count++] = pc;
      }
    }
    return count;
  };
  return (input, wholeMatch) => {
    text = input;
    whole = wholeMatch;
    matched = false;
    mark.fill(-1);
    const len = text.length;
    const restart = !whole && !anchored;
    let ccount = 0;
    for (let pos = 0; pos <= len; pos++) {
      if (pos === 0 || restart) ccount = add(clist, ccount, 0, pos);
      if (matched) return true;
      if (ccount === 0) {
        if (!restart) return false;
        continue;
      }
      if (pos === len) break;
      const c = text.charCodeAt(pos);
      let ncount = 0;
      for (let k = 0; k < ccount; k++) {
        const pc = clist[k]!;
        if (hasSet(prog[pc]!.set!, c)) ncount = add(nlist, ncount, pc + 1, pos + 1);
      }
      if (matched) return true;
      [clist, nlist] = [nlist, clist];
      ccount = ncount;
    }
    return false;
  };
}

function assertion(kind: Assertion, text: string, pos: number): boolean {
  switch (kind) {
    case 'bol': return pos === 0;
    case 'eol': return pos === text.length;
    default: {
      const before = pos > 0 && isWordChar(text.charCodeAt(pos - 1));
      const after = pos < text.length && isWordChar(text.charCodeAt(pos));
      return (before !== after) === (kind === 'word');
    }
  }
}

/** Compiles a pattern, or throws RegexSyntaxError saying what is wrong or unsupported. */
export function compileLinearRegex(source: string): LinearRegex {
  if (source.length > MAX_REGEX_SOURCE) throw new RegexSyntaxError(`longer than ${MAX_REGEX_SOURCE} characters`);
  const run = runner(compile(new Parser(source).parse()));
  return {
    source,
    search: (text) => run(text, false),
    matchesWhole: (text) => run(text, true),
  };
}
