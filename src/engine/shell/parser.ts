import { Language, Parser } from 'web-tree-sitter';
import type { ParseFn } from './view.js';

/** The two WebAssembly modules the shell parser needs, read by whoever hosts the engine. */
export interface ShellGrammar {
  runtime: Uint8Array;
  bash: Uint8Array;
}

/**
 * tree-sitter-bash through web-tree-sitter: the only parser measured here that accepted every
 * valid line and gave correct argv (shared/DEPENDENCIES.md §4). The engine gets bytes, not paths,
 * so it never touches the file system.
 */
export async function createShellParser(grammar: ShellGrammar): Promise<ParseFn> {
  await Parser.init({ wasmBinary: grammar.runtime });
  const language = await Language.load(grammar.bash);
  const parser = new Parser();
  parser.setLanguage(language);
  return (source: string) => parser.parse(source) ?? undefined;
}
