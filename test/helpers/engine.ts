import { createEngine, type Engine } from '../../src/engine/index.js';
import { loadShellGrammar } from '../../src/runtime/grammar.js';
import { parseToolCall, type ToolCall } from '../../src/engine/toolcall.js';
import type { Example } from '../../src/engine/rule.js';

let engine: Promise<Engine> | undefined;
export function getEngine(): Promise<Engine> {
  engine ??= createEngine(loadShellGrammar());
  return engine;
}

export function exampleCall(ex: Example): ToolCall {
  return typeof ex === 'string' ? { kind: 'bash', command: ex, args: [], env: {} } : parseToolCall(ex);
}

export function label(ex: Example): string {
  const s = typeof ex === 'string' ? ex : JSON.stringify(ex);
  return s.length > 100 ? s.slice(0, 97) + '...' : s;
}
