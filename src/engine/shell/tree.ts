import type { Node } from 'web-tree-sitter';

/** Helpers over tree-sitter-bash's node shapes (and its quirks), kept apart from the walk itself. */

export const WORD_TYPES = new Set(['word', 'string', 'raw_string', 'ansi_c_string', 'concatenation', 'simple_expansion', 'expansion', 'command_substitution', 'process_substitution', 'number', 'translated_string', 'arithmetic_expansion']);

export function isWordNode(t: string): boolean {
  return WORD_TYPES.has(t);
}

/** `a && b && c` nests as list(list(a, b), c), thousands deep on long chains: flatten without recursion. */
export function listItems(node: Node): Node[] {
  const out: Node[] = [];
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'list') {
      out.push(n);
      continue;
    }
    const kids = n.namedChildren;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
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
 * Start offsets of the statements under `node` that a `&` follows. Read from the parent's own
 * tokens: tree-sitter's nextSibling costs O(depth), which is quadratic over long `&&` chains.
 */
export function backgrounded(node: Node): ReadonlySet<number> | undefined {
  let out: Set<number> | undefined;
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    const kids = n.children;
    for (let i = 0; i < kids.length; i++) {
      const k = kids[i]!;
      if (k.isNamed && n.type === 'list' && k.type === 'list') stack.push(k);
      else if (k.isNamed && kids[i + 1]?.type === '&') (out ??= new Set()).add(k.startIndex);
    }
  }
  return out;
}

export function firstAnonType(node: Node): string | undefined {
  const c = node.children.find((x) => x && !x.isNamed);
  return c?.text;
}
