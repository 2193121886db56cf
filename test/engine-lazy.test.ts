import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/engine/index.js';
import { ParserNotLoaded } from '../src/engine/shell/view.js';
import { analyzeLazily, lazyEngine } from '../src/runtime/engine.js';
import { loadShellGrammar } from '../src/runtime/grammar.js';
import { CORPUS_FILES, loadCorpus } from './helpers/corpus.js';

/**
 * A one-shot process loads the shell parser only when a line needs it. Whether it was loaded
 * before the call or on the way must not change any verdict.
 */

const call = (command: string) => ({ kind: 'bash' as const, command, args: [], env: {} });

describe('the lazily loaded shell parser', () => {
  it('plain lines and calls without shell text are analyzed without it; a line that needs it says so', () => {
    const { engine } = lazyEngine({ oneShot: false });
    expect(engine.analyze(call('git status')).decision).toBe('Allow');
    expect(engine.analyze(call('cat ~/.ssh/id_rsa')).findings.map((f) => f.rule)).toContain('PX-CRED-001');
    expect(engine.analyze({ kind: 'filesystem', operation: 'read', path: '/home/u/.aws/credentials' }).decision).not.toBe('Allow');
    expect(() => engine.analyze(call('for f in *.log; do gzip "$f"; done'))).toThrow(ParserNotLoaded);
  });

  // every corpus line, analysed twice or more: the time it takes grows with the corpus
  it('gives every corpus line the verdict an engine with the parser loaded gives, loading it when needed', async () => {
    const eager = await createEngine(loadShellGrammar());
    const lazy = lazyEngine({ oneShot: false });
    let needed = 0;
    for (const f of CORPUS_FILES) {
      for (const row of loadCorpus(f)) {
        const v = await analyzeLazily(lazy, async () => {
          try {
            return lazy.engine.analyze(call(row.cmd));
          } catch (e) {
            if (e instanceof ParserNotLoaded) needed++;
            throw e;
          }
        });
        expect(v, row.cmd).toEqual(eager.analyze(call(row.cmd)));
      }
    }
    // the parser is loaded once, by the first line that needs it
    expect(needed).toBe(1);
  }, 60_000);
});
