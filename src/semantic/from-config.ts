import type { Config } from '../config.js';
import type { SessionStore } from '../store/types.js';
import { SemanticClient, type SemanticObserver } from './client.js';
import { priceOf } from './prices.js';
import { anthropicProvider, openaiProvider, type Provider } from './providers.js';
import { SecondOpinionReviewer, type ReviewerOptions } from './reviewer.js';

export type SemanticConfig = Pick<
  Config,
  | 'enableSemanticAnalysis' | 'semanticProvider' | 'semanticModel' | 'anthropicApiKey' | 'anthropicBaseUrl' | 'semanticBaseUrl' | 'semanticApiKey'
  | 'semanticBand' | 'semanticMaxAdjustment' | 'semanticTimeoutMs' | 'semanticMaxRetries' | 'semanticConcurrency'
  | 'semanticBreakerFailures' | 'semanticBreakerCooldownMs' | 'semanticCacheTtlSeconds' | 'semanticPrice'
>;

/** The configured provider; loadConfig has already refused a configuration that lacks its key or URL. */
export function providerFrom(c: SemanticConfig): Provider {
  return c.semanticProvider === 'anthropic' ? anthropicProvider(c.anthropicBaseUrl, c.anthropicApiKey ?? '') : openaiProvider(c.semanticBaseUrl ?? '', c.semanticApiKey);
}

export function clientFrom(c: SemanticConfig, observer?: SemanticObserver): SemanticClient {
  const provider = providerFrom(c);
  return new SemanticClient({
    provider,
    model: c.semanticModel,
    timeoutMs: c.semanticTimeoutMs,
    maxRetries: c.semanticMaxRetries,
    concurrency: c.semanticConcurrency,
    breakerFailures: c.semanticBreakerFailures,
    breakerCooldownMs: c.semanticBreakerCooldownMs,
    price: priceOf(provider.name, c.semanticModel, c.semanticPrice).price,
    observer,
  });
}

/** The reviewer a host hands to analyzeInSession, or undefined when ENABLE_SEMANTIC_ANALYSIS is off. */
export function reviewerFrom(
  c: SemanticConfig,
  store: Pick<SessionStore, 'cacheGet' | 'cacheSet'>,
  hooks: { observer?: SemanticObserver } & Pick<ReviewerOptions, 'onResult' | 'onCache' | 'onCacheError'> = {},
): { reviewer: SecondOpinionReviewer; client: SemanticClient } | undefined {
  if (!c.enableSemanticAnalysis) return undefined;
  const client = clientFrom(c, hooks.observer);
  const reviewer = new SecondOpinionReviewer(client, store, {
    band: c.semanticBand,
    maxAdjustment: c.semanticMaxAdjustment,
    cacheTtlMs: c.semanticCacheTtlSeconds * 1000,
    onResult: hooks.onResult,
    onCache: hooks.onCache,
    onCacheError: hooks.onCacheError,
  });
  return { reviewer, client };
}
