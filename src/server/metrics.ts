import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DECISIONS } from '../engine/score.js';
import { CONSULT_RESULTS } from '../semantic/client.js';
import { LabelledHistogram } from './labelled-histogram.js';

/**
 * Every metric the gateway documents, registered once and actually emitted (the gateway this one
 * replaces defined 23 and emitted 10). Labels are bounded sets: analyzer, decision, reason, result —
 * never a user or session id.
 */
export interface Metrics {
  registry: Registry;
  requests: Counter<'decision'>;
  threatsDetected: Counter<'analyzer' | 'decision'>;
  threatsBlocked: Counter<'analyzer'>;
  threatScore: Histogram;
  analysisDuration: LabelledHistogram;
  totalAnalysisDuration: Histogram;
  activeSessions: Gauge;
  sessionsTerminated: Counter<'reason'>;
  analyzerErrors: Counter<'analyzer'>;
  semanticRequests: Counter<'result'>;
  semanticDuration: Histogram;
  semanticCost: Counter;
  semanticTokens: Counter<'type'>;
  semanticCache: Counter<'result'>;
  semanticCircuitOpen: Gauge;
  redisConnected: Gauge;
  gatewayUp: Gauge;
  badRequests: Counter<'status'>;
  alertsDelivered: Counter<'result'>;
}

const DURATION_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** `countActive` feeds the active-sessions gauge at scrape time, so it is never stale. */
export function createMetrics(countActive: () => Promise<number>): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'proxilion_' });
  const m: Metrics = {
    registry,
    requests: new Counter({ name: 'proxilion_requests_total', help: 'Analyzed calls by decision', labelNames: ['decision'], registers }),
    threatsDetected: new Counter({ name: 'proxilion_threats_detected_total', help: 'Calls at or above the alert threshold, by analyzer that contributed and decision', labelNames: ['analyzer', 'decision'], registers }),
    threatsBlocked: new Counter({ name: 'proxilion_threats_blocked_total', help: 'Calls refused (403), by analyzer that contributed', labelNames: ['analyzer'], registers }),
    threatScore: new Histogram({ name: 'proxilion_threat_score', help: 'Threat score of analyzed calls (0-100)', buckets: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], registers }),
    analysisDuration: new LabelledHistogram('proxilion_analysis_duration_seconds', 'Time spent in each analyzer per call', 'analyzer', DURATION_BUCKETS, registers),
    totalAnalysisDuration: new Histogram({ name: 'proxilion_total_analysis_duration_seconds', help: 'Time to analyze a call, session load and store write included', buckets: DURATION_BUCKETS, registers }),
    activeSessions: new Gauge({
      name: 'proxilion_active_sessions', help: 'Sessions seen within the session TTL', registers,
      async collect() {
        // A store that does not answer must not fail the whole scrape: the gauge keeps its last value.
        await countActive().then((n) => this.set(n), () => undefined);
      },
    }),
    sessionsTerminated: new Counter({ name: 'proxilion_sessions_terminated_total', help: 'Sessions terminated, by reason', labelNames: ['reason'], registers }),
    analyzerErrors: new Counter({ name: 'proxilion_analyzer_errors_total', help: 'Analyzer failures (the call is analyzed without that analyzer)', labelNames: ['analyzer'], registers }),
    semanticRequests: new Counter({ name: 'proxilion_semantic_analysis_requests_total', help: 'Second opinions asked for, by result (answered, cache_hit, invalid_answer, timeout, rate_limited, server_error, client_error, network_error, circuit_open, overloaded)', labelNames: ['result'], registers }),
    semanticDuration: new Histogram({ name: 'proxilion_semantic_analysis_duration_seconds', help: 'Time to get a second opinion, queueing, retries and cache lookups included', buckets: [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2, 5, 10], registers }),
    semanticCost: new Counter({ name: 'proxilion_semantic_analysis_cost_usd', help: 'Estimated provider cost of second opinions in USD, from token usage and the model price', registers }),
    semanticTokens: new Counter({ name: 'proxilion_semantic_analysis_tokens_total', help: 'Provider tokens used by second opinions, by type (input, output, cache_read, cache_write)', labelNames: ['type'], registers }),
    semanticCache: new Counter({ name: 'proxilion_semantic_analysis_cache_total', help: 'Lookups of the shared second-opinion cache, by result (hit, miss)', labelNames: ['result'], registers }),
    semanticCircuitOpen: new Gauge({ name: 'proxilion_semantic_analysis_circuit_open', help: '1 while the provider rests after repeated failures (circuit breaker open), else 0', registers }),
    redisConnected: new Gauge({ name: 'proxilion_redis_connected', help: '1 when the Redis session store is connected; 0 otherwise, and for other stores', registers }),
    gatewayUp: new Gauge({ name: 'proxilion_gateway_up', help: '1 while the gateway serves requests', registers }),
    badRequests: new Counter({ name: 'proxilion_bad_requests_total', help: 'Requests rejected before analysis, by status code', labelNames: ['status'], registers }),
    alertsDelivered: new Counter({ name: 'proxilion_alerts_total', help: 'Alert webhook deliveries by result (delivered, failed, dropped)', labelNames: ['result'], registers }),
  };
  // Known label values start at zero, so dashboards and rate() see the series before the first event.
  for (const d of DECISIONS) m.requests.labels(d).inc(0);
  m.sessionsTerminated.labels('threat_score').inc(0);
  for (const r of CONSULT_RESULTS) m.semanticRequests.labels(r).inc(0);
  for (const t of ['input', 'output', 'cache_read', 'cache_write']) m.semanticTokens.labels(t).inc(0);
  for (const r of ['hit', 'miss']) m.semanticCache.labels(r).inc(0);
  m.semanticCircuitOpen.set(0);
  m.gatewayUp.set(0);
  m.redisConnected.set(0);
  return m;
}
