import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ShellGrammar } from '../engine/shell/parser.js';

const require = createRequire(import.meta.url);

/** Reads the shell grammar's WebAssembly from the installed packages. */
export function loadShellGrammar(): ShellGrammar {
  const runtimeDir = require.resolve('web-tree-sitter').replace(/web-tree-sitter\.c?js$/, '');
  const bashPkg = require.resolve('tree-sitter-bash/package.json').replace(/package\.json$/, '');
  return {
    runtime: readFileSync(runtimeDir + 'web-tree-sitter.wasm'),
    bash: readFileSync(bashPkg + 'tree-sitter-bash.wasm'),
  };
}
