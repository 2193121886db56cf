import { setFlagsFromString } from 'node:v8';
import { createEngine, type Engine } from '../engine/index.js';
import { loadShellGrammar } from './grammar.js';

/**
 * The engine for this process. One-shot commands compile the parser's WebAssembly with Liftoff
 * only: V8's background TurboFan tier-up otherwise keeps a short process alive for ~400 ms after
 * its work is done (shared/DEPENDENCIES.md §4). Long-running work (batch, daemon) keeps TurboFan.
 */
export async function loadEngine(opts: { oneShot: boolean }): Promise<Engine> {
  if (opts.oneShot) setFlagsFromString('--liftoff-only');
  return createEngine(loadShellGrammar());
}
