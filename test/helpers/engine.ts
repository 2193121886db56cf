import { createEngine, type Engine } from '../../src/engine/index.js';
import { loadShellGrammar } from '../../src/runtime/grammar.js';
import { parseToolCall, type ToolCall } from '../../src/engine/toolcall.js';
import { isSessionExample, type Example } from '../../src/engine/rule.js';
import { EMPTY_CONTEXT, type SessionContext } from '../../src/engine/session.js';
import { DEFAULT_POLICY, type Policy } from '../../src/engine/policy.js';

let engine: Promise<Engine> | undefined;
export function getEngine(): Promise<Engine> {
  engine ??= createEngine(loadShellGrammar());
  return engine;
}

export function exampleCall(ex: Example): ToolCall {
  const c = isSessionExample(ex) ? ex.call : ex;
  return typeof c === 'string' ? { kind: 'bash', command: c, args: [], env: {} } : parseToolCall(c);
}

export function exampleContext(ex: Example): SessionContext {
  return isSessionExample(ex) ? ex.context : EMPTY_CONTEXT;
}

export function examplePolicy(ex: Example): Policy {
  return isSessionExample(ex) && ex.policy ? { ...DEFAULT_POLICY, ...ex.policy } : DEFAULT_POLICY;
}

export function label(ex: Example): string {
  const s = typeof ex === 'string' ? ex : isSessionExample(ex) ? `${typeof ex.call === 'string' ? ex.call : JSON.stringify(ex.call)} (${ex.policy ? 'under a policy' : `after ${ex.context.history.length} calls`})` : JSON.stringify(ex);
  return s.length > 100 ? s.slice(0, 97) + '...' : s;
}
