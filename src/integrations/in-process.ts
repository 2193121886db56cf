import { loadConfig, type Config } from '../config.js';
import { openConfiguredStore } from '../cli/store.js';
import type { Engine } from '../engine/index.js';
import type { Mode } from '../engine/policy.js';
import { analyzeLazily, lazyEngine, type LazyEngine } from '../runtime/engine.js';
import { analyzeInSession } from '../session/analyze-call.js';
import { refusalMessage, terminatedSessionMessage } from '../session/messages.js';
import { MemoryStore } from '../store/memory.js';
import type { SessionStore } from '../store/types.js';
import type { SemanticClient } from '../semantic/client.js';
import type { SecondOpinionReviewer } from '../semantic/reviewer.js';
import type { CallVerdict, HookCall } from './decide.js';

interface Loaded {
  config: Config;
  store: SessionStore;
  engine: LazyEngine;
  /** Set when the configured store could not be opened. */
  storeProblem?: string;
  semantic?: { reviewer: SecondOpinionReviewer; client: SemanticClient };
}

/**
 * Decisions without a daemon: the same analyzeInSession the daemon runs, on the shared session
 * store (SQLite by default, so calls decided here and by the daemon form one session history).
 * A store that cannot be opened or written does not stop the decision: the call is judged on its own
 * and the verdict's notes say so. A hook uses one for one call; the MCP proxy keeps one.
 */
export class LocalDecider {
  private loaded?: Promise<Loaded>;

  /** `oneShot`: compile the parser for a short process (see runtime/engine.ts). */
  constructor(private readonly opts: { mode?: Mode; oneShot: boolean }) {}

  async decide(c: HookCall): Promise<CallVerdict> {
    const { config, store, engine, storeProblem, semantic } = await (this.loaded ??= this.load());
    const notes = storeProblem ? [storeProblem] : [];
    const onStoreError = (e: unknown) => {
      const note = `session store failed, the call was judged without its session: ${(e as Error).message}`;
      // a call analyzed again once the parser is loaded meets the same failure: one note says it
      if (!notes.includes(note)) notes.push(note);
    };
    const r = await analyzeLazily(engine, () =>
      analyzeInSession(
        { engine: engine.engine, store, onStoreError, secondOpinion: semantic?.reviewer },
        { sessionId: c.sessionId, request: { call: c.call, userId: c.userId, sessionId: c.sessionId, agent: c.agent, userMessage: c.userMessage, aiResponse: c.aiResponse }, now: Date.now(), mode: config.mode, policy: config.policy },
      ),
    );
    const message = r.refusedBy ? terminatedSessionMessage(c.sessionId, r.refusedBy) : r.refused ? refusalMessage(r.verdict, r.terminated) : undefined;
    return { verdict: r.verdict, mode: config.mode, refused: r.refused, message, via: 'in-process', notes };
  }

  /** The engine and policy, for analysis outside any session (mcp-proxy --hide-denied-tools). */
  async engine(): Promise<{ engine: Engine; config: Config }> {
    const { engine, config } = await (this.loaded ??= this.load());
    await engine.parserReady();
    return { engine: engine.engine, config };
  }

  async close(): Promise<void> {
    if (!this.loaded) return;
    const { store, semantic } = await this.loaded.catch(() => ({ store: undefined, semantic: undefined }));
    await semantic?.client.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
  }

  private async load(): Promise<Loaded> {
    const config = loadConfig({ mode: this.opts.mode });
    let store: SessionStore;
    let storeProblem: string | undefined;
    try {
      store = await openConfiguredStore(config, 'write');
    } catch (e) {
      storeProblem = `session store unavailable, the call was judged without its session: ${(e as Error).message}`;
      store = new MemoryStore({ ttlMs: 60_000, retentionMs: 60_000 });
    }
    try {
      // only a configuration that asks for second opinions pays for loading their client
      const semantic = config.enableSemanticAnalysis ? (await import('../semantic/from-config.js')).reviewerFrom(config, store) : undefined;
      return { config, store, engine: lazyEngine({ oneShot: this.opts.oneShot }), storeProblem, semantic };
    } catch (e) {
      await store.close().catch(() => undefined);
      throw e;
    }
  }
}
