import { setFlagsFromString } from 'node:v8';
import { engineFromParser, type Engine } from '../engine/index.js';
import { ParserNotLoaded, type ParseFn } from '../engine/shell/view.js';

/**
 * The engine for this process. One-shot commands compile the parser's WebAssembly with Liftoff
 * only: V8's background TurboFan tier-up otherwise keeps a short process alive for ~400 ms after
 * its work is done (shared/DEPENDENCIES.md §4). Long-running work (batch, daemon) keeps TurboFan.
 */
export async function loadEngine(opts: { oneShot: boolean }): Promise<Engine> {
  const lazy = lazyEngine(opts);
  await lazy.parserReady();
  return lazy.engine;
}

export interface LazyEngine {
  engine: Engine;
  /** Loads the shell parser (once); the engine's analyses need it from then on, never before. */
  parserReady(): Promise<void>;
}

/**
 * An engine that starts without the shell parser. Loading it (the tree-sitter module, its two
 * WebAssembly files, their compilation and a first parse) costs a one-shot process 60-90 ms, and
 * most calls never need it: a file read or write has no shell text, and most shell lines are plain
 * enough for the engine's own lexer. A line that does need it makes analyze() throw
 * ParserNotLoaded; `analyzeLazily` then loads the parser and analyzes again.
 */
export function lazyEngine(opts: { oneShot: boolean }): LazyEngine {
  let parse: ParseFn = () => {
    throw new ParserNotLoaded();
  };
  let loading: Promise<void> | undefined;
  const engine = engineFromParser((source) => parse(source));
  return {
    engine,
    parserReady: () =>
      (loading ??= (async () => {
        if (opts.oneShot) setFlagsFromString('--liftoff-only');
        const [{ createShellParser }, { loadShellGrammar }] = await Promise.all([import('../engine/shell/parser.js'), import('./grammar.js')]);
        parse = await createShellParser(loadShellGrammar());
      })()),
  };
}

/** Runs work that analyzes with a lazy engine, loading the parser and running it again if it needed it. */
export async function analyzeLazily<T>(lazy: LazyEngine, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof ParserNotLoaded)) throw e;
    await lazy.parserReady();
    return work();
  }
}
