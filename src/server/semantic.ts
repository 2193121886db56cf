import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';
import type { SemanticObserver } from '../semantic/client.js';
import type { ReviewerOptions } from '../semantic/reviewer.js';

/** The daemon's ears on the second opinion: its metrics, and a log line when the provider's health changes. */
export function semanticHooks(m: Metrics, log: Logger): { observer: SemanticObserver } & Pick<ReviewerOptions, 'onResult' | 'onCache' | 'onCacheError'> {
  return {
    observer: {
      usage(usage, cost) {
        m.semanticTokens.labels('input').inc(usage.input);
        m.semanticTokens.labels('output').inc(usage.output);
        m.semanticTokens.labels('cache_read').inc(usage.cacheRead);
        m.semanticTokens.labels('cache_write').inc(usage.cacheWrite);
        m.semanticCost.inc(cost);
      },
      circuit(state, detail) {
        m.semanticCircuitOpen.set(state === 'open' ? 1 : 0);
        if (state === 'open') log.warn('semantic analysis paused: the provider keeps failing', { detail });
        else if (state === 'closed') log.info('semantic analysis resumed', { detail });
      },
    },
    onResult(result, seconds) {
      m.semanticRequests.labels(result).inc();
      m.semanticDuration.observe(seconds);
      if (result !== 'answered' && result !== 'cache_hit') log.debug('no second opinion', { result });
    },
    onCache: (hit) => m.semanticCache.labels(hit ? 'hit' : 'miss').inc(),
    onCacheError: (error) => log.warn('second-opinion cache unavailable; asking the provider', { error: (error as Error).message }),
  };
}
