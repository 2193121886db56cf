import { applySecondOpinion, inBand, type OpinionCheck, type ScoreBand, type SecondOpinion } from '../engine/second-opinion.js';
import type { Policy } from '../engine/policy.js';
import type { AnalyzeRequest } from '../engine/request.js';
import type { Verdict } from '../engine/verdict.js';
import type { SessionStore } from '../store/types.js';
import { parseAnswer, type Opinion } from './answer.js';
import type { ConsultResult, SemanticClient } from './client.js';
import { buildPrompt } from './prompt.js';

export interface ReviewerOptions {
  band: ScoreBand;
  maxAdjustment: number;
  /** 0 turns the shared cache off. */
  cacheTtlMs: number;
  /** Told of every consultation's outcome, cache hits included. */
  onResult?: (result: ConsultResult, seconds: number) => void;
  onCache?: (hit: boolean) => void;
  /** A cache read or write failed; the opinion goes on without it. */
  onCacheError?: (error: unknown) => void;
}

const CACHE_PREFIX = 'semantic-';

/**
 * Decides whether a verdict gets a second opinion and applies it: only ambiguous scores (the band),
 * only analyzers the policy leaves on, answers reused from the store's shared cache, and any failure
 * turned into an "unavailable" finding that leaves the score alone.
 */
export class SecondOpinionReviewer {
  constructor(
    private readonly client: SemanticClient,
    private readonly store: Pick<SessionStore, 'cacheGet' | 'cacheSet'>,
    private readonly o: ReviewerOptions,
  ) {}

  /** The check a call would get, or undefined when it gets none. */
  checkFor(req: Pick<AnalyzeRequest, 'userMessage' | 'aiResponse'>, verdict: Verdict, policy: Policy): OpinionCheck | undefined {
    if (!inBand(verdict.threat_score, this.o.band)) return undefined;
    const off = new Set<string>(policy.disabledAnalyzers);
    const turns = req.userMessage !== undefined || req.aiResponse !== undefined;
    if (turns && !off.has('conversation_analysis')) return 'conversation_analysis';
    return off.has('semantic') ? undefined : 'semantic';
  }

  async review(req: AnalyzeRequest, verdict: Verdict, policy: Policy, now: number): Promise<Verdict> {
    const check = this.checkFor(req, verdict, policy);
    if (!check) return verdict;
    return applySecondOpinion(verdict, await this.opinion(check, req, verdict, now), policy);
  }

  private async opinion(check: OpinionCheck, req: AnalyzeRequest, verdict: Verdict, now: number): Promise<SecondOpinion> {
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    const model = this.client.model;
    const { prompt, key } = buildPrompt(check, req.call, verdict, { userMessage: req.userMessage, aiResponse: req.aiResponse }, this.o.maxAdjustment, model, this.client.provider.name);

    let cached: Opinion | undefined;
    if (this.o.cacheTtlMs > 0) {
      cached = await this.cached(key, now);
      this.o.onCache?.(cached !== undefined);
    }
    if (cached) {
      this.o.onResult?.('cache_hit', elapsed());
      return { status: 'given', check, model, ...cached, cached: true };
    }

    const asked = await this.client.ask(prompt);
    if (!asked.ok) {
      this.o.onResult?.(asked.result, elapsed());
      return { status: 'unavailable', check, model, reason: asked.reason };
    }
    const parsed = parseAnswer(asked.text, this.o.maxAdjustment);
    if (!parsed.ok) {
      this.o.onResult?.('invalid_answer', elapsed());
      return { status: 'unavailable', check, model, reason: `the model's answer could not be read: ${parsed.problem}` };
    }
    this.o.onResult?.('answered', elapsed());
    if (this.o.cacheTtlMs > 0) {
      await this.store.cacheSet(CACHE_PREFIX + key, JSON.stringify(parsed.opinion), now + this.o.cacheTtlMs).catch((e: unknown) => this.o.onCacheError?.(e));
    }
    return { status: 'given', check, model, ...parsed.opinion, cached: false };
  }

  /** The cached opinion, read back through the same parser as a fresh answer: a damaged or foreign entry is a miss. */
  private async cached(key: string, now: number): Promise<Opinion | undefined> {
    let raw: string | undefined;
    try {
      raw = await this.store.cacheGet(CACHE_PREFIX + key, now);
    } catch (e) {
      this.o.onCacheError?.(e);
      return undefined;
    }
    if (raw === undefined) return undefined;
    const parsed = parseAnswer(raw, this.o.maxAdjustment);
    return parsed.ok ? parsed.opinion : undefined;
  }
}
