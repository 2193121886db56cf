import { applyEdits, modify, parseTree, visit, type Edit, type Node, type ParseError } from 'jsonc-parser';

/**
 * Byte-preserving edits of a JSON or JSONC settings file. Every edit touches only the bytes it
 * adds or removes, so comments, key order, spacing and line endings elsewhere stay as they were,
 * and an insertion followed by the matching removal gives back the original text.
 *
 * jsonc-parser's `modify` with formattingOptions is not used for insertions: it re-formats every
 * line the edit touches, which rewrites the neighbouring entry (`"a":1, "b":2` becomes two lines,
 * a compact sibling object is expanded) and so breaks the promise above. The parser's tree gives
 * the offsets; the inserted text is laid out here in the file's own indentation and line endings.
 */

/** A problem located in the text: 1-based line and column, for `file:line:col` messages. */
export class JsoncProblem extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsoncProblem';
  }
}

interface Style {
  eol: string;
  /** One level of indentation: a tab, or 1 to 8 spaces. */
  unit: string;
  colon: string;
  /** On one line: `{ "a": 1 }` and `[ 1 ]` rather than `{"a": 1}` and `[1]`. */
  padObject?: boolean;
  padArray?: boolean;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class JsoncDoc {
  /** The object or array at the top; undefined for an empty (or whitespace-only) file. */
  readonly root: Node | undefined;
  readonly style: Style;
  private readonly comments: Array<{ offset: number; length: number }> = [];

  private constructor(
    readonly text: string,
    root: Node | undefined,
  ) {
    this.root = root;
    visit(text, { onComment: (offset, length) => void this.comments.push({ offset, length }) });
    this.style = detectStyle(text, root);
  }

  /** Parses `text` (no byte-order mark); a syntax error is thrown as a JsoncProblem at its position. */
  static parse(text: string): JsoncDoc {
    if (text.trim() === '') return new JsoncDoc(text, undefined);
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
    const first = errors[0];
    if (first) throw problemAt(text, first.offset, syntaxMessage(text, first));
    return new JsoncDoc(text, root);
  }

  get firstComment(): number | undefined {
    return this.comments[0]?.offset;
  }

  problem(node: Node | number, message: string): JsoncProblem {
    return problemAt(this.text, typeof node === 'number' ? node : node.offset, message);
  }

  /** The value of `key` in an object node; a key given twice is refused, since readers disagree on which one wins. */
  member(object: Node, key: string): Node | undefined {
    const props = (object.children ?? []).filter((p) => p.children?.[0]?.value === key);
    if (props.length > 1) throw this.problem(props[1]!, `"${key}" appears twice in the same object; keep one and run again`);
    return props[0]?.children?.[1];
  }

  /** Replaces a value in place (its surroundings untouched). */
  replaceValue(node: Node, value: Json): Edit[] {
    return modify(this.text, pathOf(node), value, {});
  }

  /**
   * Adds a member at the end of an object (with `key`) or an array (without). A new line follows
   * the indentation of the sibling before it; a container written on one line stays on one line.
   */
  append(container: Node, key: string | undefined, value: Json): Edit[] {
    const { text, style } = this;
    const members = container.children ?? [];
    const last = members[members.length - 1];
    const open = container.offset;
    const close = container.offset + container.length - 1;
    const head = key === undefined ? '' : `${JSON.stringify(key)}${style.colon}`;

    if (!last) {
      const inner = text.slice(open + 1, close);
      if (this.rootIsInline() && container !== this.root) return [{ offset: open + 1, length: 0, content: head + serialize(value, undefined, style) }];
      const outer = lineIndent(text, open);
      const indent = outer + style.unit;
      const item = head + serialize(value, indent, style);
      // `{}` opens onto new lines (and `remove` closes it back to `{}`); a container holding comments
      // gets the item after them, before the whitespace in front of its bracket.
      if (inner.trim() === '') return [{ offset: open + 1, length: inner.length, content: `${style.eol}${indent}${item}${style.eol}${outer}` }];
      const at = open + 1 + inner.trimEnd().length;
      if (text.slice(at, close).includes('\n')) return [{ offset: at, length: 0, content: `${style.eol}${indent}${item}` }];
      return [{ offset: at, length: close - at, content: `${style.eol}${indent}${item}${style.eol}${outer}` }];
    }

    const lastStart = last.offset;
    if (!text.slice(open + 1, members[0]!.offset).includes('\n')) {
      const inline = inlineStyle(text.slice(open, close + 1), style);
      return [{ offset: last.offset + last.length, length: 0, content: `,${inline.colon === ':' ? '' : ' '}${head}${serialize(value, undefined, inline)}` }];
    }
    const indent = startsLine(text, lastStart) ? lineIndent(text, lastStart) : lineIndent(text, open) + style.unit;
    const siblingValue = key === undefined ? last : last.children?.[1];
    const siblingText = siblingValue ? text.slice(siblingValue.offset, siblingValue.offset + siblingValue.length) : '';
    // an array of one-line entries (matcher groups, handlers) gets one more one-line entry
    const compact = key === undefined && (last.children?.length ?? 0) > 0 && !siblingText.includes('\n');
    const item = head + serialize(value, compact ? undefined : indent, compact ? inlineStyle(siblingText, style) : style);
    const end = last.offset + last.length;
    // A comment trailing the last member stays on its line: the comma goes after the member, the
    // new member on the next line.
    const lineRest = this.trailingCommentEnd(end);
    if (lineRest !== undefined) {
      return [
        { offset: end, length: 0, content: ',' },
        { offset: lineRest, length: 0, content: `${style.eol}${indent}${item}` },
      ];
    }
    return [{ offset: end, length: 0, content: `,${style.eol}${indent}${item}` }];
  }

  /**
   * Removes a member (an array element, or a property node) with its separating comma and the
   * line break before it, the inverse of `append`. Comments around it are kept.
   */
  remove(member: Node): Edit[] {
    const container = member.parent!;
    const members = container.children ?? [];
    const i = members.indexOf(member);
    const start = member.offset;
    const end = member.offset + member.length;
    const prev = members[i - 1];
    const next = members[i + 1];
    if (prev) {
      const from = prev.offset + prev.length;
      if (!this.hasComment(from, start)) return [{ offset: from, length: end - from, content: '' }];
      return [{ offset: this.commaAfter(from), length: 1, content: '' }, this.removeLine(start, end)];
    }
    if (next) {
      const to = next.offset;
      if (!this.hasComment(end, to)) return [{ offset: start, length: to - start, content: '' }];
      const comma = this.commaAfter(end);
      return [this.removeLine(start, comma + 1)];
    }
    const open = container.offset;
    const close = container.offset + container.length - 1;
    if (!this.hasComment(open + 1, start) && !this.hasComment(end, close)) return [{ offset: open + 1, length: close - open - 1, content: '' }];
    return [this.removeLine(start, end)];
  }

  /** Whether `container` holds a comment outside `except`: such a container is the user's and is kept even when emptied. */
  hasCommentOutside(container: Node, except: Node): boolean {
    const end = container.offset + container.length;
    return this.hasComment(container.offset, except.offset) || this.hasComment(except.offset + except.length, end);
  }

  apply(edits: Edit[]): string {
    return applyEdits(this.text, edits);
  }

  /** A one-line document (minified): new members stay on that line. */
  private rootIsInline(): boolean {
    const root = this.root;
    return root !== undefined && (root.children?.length ?? 0) > 0 && !this.text.slice(root.offset, root.offset + root.length).includes('\n');
  }

  private hasComment(from: number, to: number): boolean {
    return this.comments.some((c) => c.offset >= from && c.offset < to);
  }

  /** Where a line's trailing comments end, if only whitespace and comments follow `at` up to a line break. */
  private trailingCommentEnd(at: number): number | undefined {
    const comment = this.comments.find((c) => c.offset >= at);
    if (!comment || !/^[ \t]*$/.test(this.text.slice(at, comment.offset))) return undefined;
    const end = comment.offset + comment.length;
    const rest = this.text.slice(end).match(/^[ \t]*(\r?\n)/);
    return rest ? end : undefined;
  }

  /** The offset of the comma after `at`, skipping whitespace and comments. */
  private commaAfter(at: number): number {
    let i = at;
    while (i < this.text.length && this.text[i] !== ',') {
      const c = this.comments.find((k) => k.offset === i);
      i = c ? c.offset + c.length : i + 1;
    }
    return i;
  }

  /** Removes [start, end); when that leaves its line blank, the whole line goes. */
  private removeLine(start: number, end: number): Edit {
    const { text } = this;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const after = text.slice(end).match(/^[ \t]*\r?\n/);
    if (/^[ \t]*$/.test(text.slice(lineStart, start)) && after) return { offset: lineStart, length: end + after[0].length - lineStart, content: '' };
    return { offset: start, length: end - start, content: '' };
  }
}

/** Serializes a value: on one line when `indent` is undefined, else one member per line below `indent`. */
function serialize(value: Json, indent: string | undefined, style: Style): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries: string[] = Array.isArray(value)
    ? value.map((v) => serialize(v, indent === undefined ? undefined : indent + style.unit, style))
    : Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${style.colon}${serialize(v, indent === undefined ? undefined : indent + style.unit, style)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  if (indent === undefined) {
    const pad = (Array.isArray(value) ? style.padArray : style.padObject) ? ' ' : '';
    return `${open}${pad}${entries.join(style.colon === ':' ? ',' : ', ')}${pad}${close}`;
  }
  const inner = indent + style.unit;
  return `${open}${style.eol}${inner}${entries.join(`,${style.eol}${inner}`)}${style.eol}${indent}${close}`;
}

/** A whole new document, in the file's style when it had one (a blank file), else two spaces and LF. */
export function newDocument(value: Json, like = ''): string {
  const style = detectStyle(like, undefined);
  return serialize(value, '', style) + style.eol;
}

function detectStyle(text: string, root: Node | undefined): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const counts = new Map<string, number>();
  const walk = (node: Node) => {
    const kids = node.type === 'object' || node.type === 'array' ? (node.children ?? []) : [];
    for (const kid of kids) {
      const start = kid.offset;
      if (startsLine(text, start)) {
        const outer = lineIndent(text, node.offset);
        const inner = lineIndent(text, start);
        if (inner.startsWith(outer) && inner.length > outer.length) {
          const unit = inner.slice(outer.length);
          if (/^(\t| {1,8})$/.test(unit)) counts.set(unit, (counts.get(unit) ?? 0) + 1);
        }
      }
      const value = kid.type === 'property' ? kid.children?.[1] : kid;
      if (value) walk(value);
    }
  };
  if (root) walk(root);
  let unit = '  ';
  let best = 0;
  for (const [u, n] of counts) if (n > best) [unit, best] = [u, n];
  // `"a":1` files keep their tight colon; everything else gets the usual `": "`
  const firstProp = root?.type === 'object' ? root.children?.[0] : undefined;
  const key = firstProp?.children?.[0];
  const val = firstProp?.children?.[1];
  const colon = key && val && !/\s/.test(text.slice(key.offset + key.length, val.offset)) ? ':' : ': ';
  return { eol, unit, colon };
}

/** How `sample`, JSON written on one line, spaces its separators and brackets. */
function inlineStyle(sample: string, style: Style): Style {
  return { ...style, colon: /[,:]\s/.test(sample) ? ': ' : ':', padObject: /\{\s/.test(sample), padArray: /\[\s/.test(sample) };
}

function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function pathOf(node: Node): Array<string | number> {
  const path: Array<string | number> = [];
  let n: Node | undefined = node;
  while (n?.parent) {
    const p: Node = n.parent;
    if (p.type === 'property') {
      path.unshift(p.children![0]!.value as string);
      n = p.parent;
    } else {
      path.unshift(p.children!.indexOf(n));
      n = p;
    }
  }
  return path;
}

function problemAt(text: string, offset: number, message: string): JsoncProblem {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return new JsoncProblem(message, line, column);
}

const SYNTAX: Record<number, string> = {
  1: 'unexpected character',
  2: 'malformed number',
  3: 'expected a property name in double quotes',
  4: 'expected a value',
  5: "expected ':' after the property name",
  6: "expected ',' between members",
  7: "expected '}'",
  8: "expected ']'",
  9: 'unexpected text after the end of the top-level value',
  11: 'unterminated block comment',
  12: 'unterminated string',
  13: 'malformed number',
  14: 'malformed \\u escape',
  15: 'invalid escape character in a string',
  16: 'invalid character in a string (control characters must be escaped)',
};

function syntaxMessage(text: string, error: ParseError): string {
  if ((error.error === 3 || error.error === 4) && /^[}\]]/.test(text.slice(error.offset)) && commaBefore(text, error.offset)) {
    return 'trailing comma before a closing bracket (not allowed in JSON)';
  }
  return `syntax error: ${SYNTAX[error.error] ?? 'invalid JSON'}`;
}

/** Whether the last token before `offset`, past whitespace and comments, is a comma. */
function commaBefore(text: string, offset: number): boolean {
  const comments: Array<{ start: number; end: number }> = [];
  visit(text, { onComment: (start, length) => void comments.push({ start, end: start + length }) });
  let i = offset - 1;
  for (;;) {
    while (i >= 0 && /\s/.test(text[i]!)) i--;
    const comment = comments.find((c) => c.end === i + 1);
    if (!comment) return text[i] === ',';
    i = comment.start - 1;
  }
}
