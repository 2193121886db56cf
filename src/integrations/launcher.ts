import { isAbsolute, resolve } from 'node:path';
import { shellQuote } from '../engine/toolcall.js';

/**
 * The command line that runs this proxilion, for hooks written into agent settings and shell rc
 * files: this Node binary and this launcher, both absolute. Agents started from a desktop launcher
 * get a minimal PATH (no nvm, no ~/.local/bin), where a bare `proxilion` or `#!/usr/bin/env node`
 * would not be found and the hook would silently fail open.
 */
export function proxilionCommand(argv: readonly string[] = process.argv, execPath: string = process.execPath): string {
  return proxilionArgv(argv, execPath).map(shellQuote).join(' ');
}

/**
 * The same command as an argv, for configs that take a program and its arguments apart (an MCP
 * server entry's `command` and `args`): [node, launcher], both absolute; `['proxilion']` when this
 * process was not started from a script.
 */
export function proxilionArgv(argv: readonly string[] = process.argv, execPath: string = process.execPath): string[] {
  const script = argv[1];
  if (!script) return ['proxilion'];
  return [execPath, isAbsolute(script) ? script : resolve(script)];
}

/** True when a settings entry's command runs proxilion's hook for `agent` (written by any version of install). */
export function isProxilionHookCommand(command: unknown, agent: string): boolean {
  if (typeof command !== 'string') return false;
  const at = command.lastIndexOf(' hook ');
  if (at < 0 || !command.slice(0, at).includes('proxilion')) return false;
  const rest = command.slice(at + ' hook '.length).trim();
  return rest === agent || rest.startsWith(`${agent} `);
}
