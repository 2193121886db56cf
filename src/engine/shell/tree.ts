import type { Node } from 'web-tree-sitter';

/** Helpers over tree-sitter-bash's node shapes (and its quirks), kept apart from the walk itself. */

export const WORD_TYPES = new Set(['word', 'string', 'raw_string', 'ansi_c_string', 'concatenation', 'simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'number', 'translated_string', 'arithmetic_expansion']);

export function isWordNode(t: string): boolean {
  return WORD_TYPES.has(t);
}

/**
 * The statements of a list in order (at most `limit` of them; `cut` says more followed), and the start
 * offsets of those a `&` follows. `a && b && c` nests as list(list(a, b), c), thousands deep on long
 * chains. A tree cursor walks it without recursion and without building a node object for anything
 * but the statements, since each node read crosses into the WebAssembly heap.
 */
export function listStatements(node: Node, limit: number): { items: Node[]; background?: ReadonlySet<number>; cut: boolean } {
  const items: Node[] = [];
  let background: Set<number> | undefined;
  const cursor = node.walk();
  try {
    if (!cursor.gotoFirstChild()) return { items, cut: false };
    let depth = 1;
    // start offset of the sibling just passed, when it was a statement that a `&` may follow
    let previous = -1;
    for (;;) {
      const named = cursor.nodeIsNamed;
      const type = cursor.nodeType;
      if (named && type === 'list' && cursor.gotoFirstChild()) {
        depth++;
        previous = -1;
        continue;
      }
      if (named) {
        if (items.length === limit) return { items, background, cut: true };
        items.push(cursor.currentNode);
        previous = cursor.startIndex;
      } else {
        if (type === '&' && previous >= 0) (background ??= new Set()).add(previous);
        previous = -1;
      }
      // on to the next sibling, or to the next sibling of the nearest list above that has one
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        previous = -1;
        if (--depth === 0) return { items, background, cut: false };
      }
    }
  } finally {
    cursor.delete();
  }
}

/** The simple command a trailing redirection binds to: the last one of a list or pipeline. */
export function lastCommandNode(node: Node | null): Node | null {
  let n = node;
  for (let guard = 0; n && guard < 64; guard++) {
    if (n.type === 'command') return n;
    if (n.type !== 'list' && n.type !== 'pipeline') return null;
    n = n.lastNamedChild;
  }
  return null;
}

/**
 * Start offsets of the statements directly under a compound node that a `&` follows. Read from the
 * parent's own tokens: tree-sitter's nextSibling costs O(depth).
 */
export function backgrounded(node: Node): ReadonlySet<number> | undefined {
  let out: Set<number> | undefined;
  const kids = node.children;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.isNamed && kids[i + 1]?.type === '&') (out ??= new Set()).add(k.startIndex);
  }
  return out;
}

export function firstAnonType(node: Node): string | undefined {
  const c = node.children.find((x) => x && !x.isNamed);
  return c?.text;
}
