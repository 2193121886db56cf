import { readSettings } from '../../config/resolve.js';
import { semanticProblems, type Values } from '../../config/load.js';
import type { SettingKey } from '../../config/settings.js';
import { parseAnswer } from '../../semantic/answer.js';
import { clientFrom, type SemanticConfig } from '../../semantic/from-config.js';
import { costUsd, priceOf } from '../../semantic/prices.js';
import { probePrompt } from '../../semantic/prompt.js';
import type { Check, CheckResult, DoctorContext } from '../types.js';
import type { HealthResponse } from '../../client/types.js';
import { gatewayHealth, proxilion, withSlash } from './detection.js';

const KEYS = [
  'enableSemanticAnalysis', 'semanticProvider', 'semanticModel', 'anthropicApiKey', 'anthropicBaseUrl', 'semanticBaseUrl', 'semanticApiKey', 'semanticBand',
  'semanticMaxAdjustment', 'semanticTimeoutMs', 'semanticMaxRetries', 'semanticConcurrency', 'semanticBreakerFailures', 'semanticBreakerCooldownMs',
  'semanticCacheTtlSeconds', 'semanticPrice', 'hookBudgetMs', 'hookDaemonTimeoutMs',
] as const satisfies readonly SettingKey[];

/** A second opinion slower than this share of SEMANTIC_TIMEOUT_MS times out whenever the provider has a slow moment. */
const SLOW_SHARE = 0.5;

const OFF = 'unset ENABLE_SEMANTIC_ANALYSIS   # or turn it off: calls are then judged by the rules alone';

/**
 * detection.semantic: with ENABLE_SEMANTIC_ANALYSIS on, the provider is configured, answers one
 * probe question in the expected format, and does so well within SEMANTIC_TIMEOUT_MS. The probe is
 * one real request: a few hundred tokens, a fraction of a cent with a hosted model.
 */
export const semantic: Check = {
  id: 'detection.semantic',
  group: 'detection',
  title: 'semantic analysis provider answers',
  timeoutMs: 65_000,
  async run(ctx): Promise<CheckResult> {
    const { values, problems, sources } = readSettings(KEYS, ctx.env);
    if (problems.length > 0) {
      return { status: 'fail', reason: problems.join('; '), symptom: 'proxilion serve refuses to start with this environment', measured: { ENABLE_SEMANTIC_ANALYSIS: ctx.env.ENABLE_SEMANTIC_ANALYSIS ?? null }, fix: ['# correct the variables named above', OFF] };
    }
    const gateway = await gatewaySemantic(ctx);
    if (!values.enableSemanticAnalysis) {
      if (gateway?.enabled) return gatewayVerdict(ctx, gateway) ?? { status: 'skip', reason: `ENABLE_SEMANTIC_ANALYSIS is off in this environment; the gateway at ${ctx.client.target} asks ${gateway.provider} ${gateway.model} (circuit ${gateway.circuit}), which doctor can probe only with the same settings` };
      return { status: 'skip', reason: 'ENABLE_SEMANTIC_ANALYSIS is off: calls are judged by the rules alone' };
    }
    const missing = semanticProblems(values as Values, sources as Record<string, string>);
    if (missing.length > 0) {
      return {
        status: 'fail',
        reason: missing.join('; '),
        symptom: 'proxilion serve exits at start with exit code 64',
        measured: { SEMANTIC_PROVIDER: values.semanticProvider ?? null, ANTHROPIC_API_KEY_set: !!values.anthropicApiKey, SEMANTIC_BASE_URL: values.semanticBaseUrl ?? null },
        fix: values.semanticProvider === 'anthropic'
          ? ['export ANTHROPIC_API_KEY=<your Anthropic API key>', '# or a local model: export SEMANTIC_BASE_URL=http://127.0.0.1:11434/v1 SEMANTIC_MODEL=llama3.1:8b', OFF]
          : ['export SEMANTIC_BASE_URL=http://127.0.0.1:11434/v1   # the server, up to /v1', 'export SEMANTIC_MODEL=<the model name the server knows>', OFF],
      };
    }
    const c = values as SemanticConfig & { hookBudgetMs: number; hookDaemonTimeoutMs: number };
    // one attempt and no breaker memory: doctor measures the provider, not the retry policy
    const client = clientFrom({ ...c, semanticMaxRetries: 0 });
    const started = performance.now();
    const asked = await client.ask(probePrompt(c.semanticMaxAdjustment));
    const ms = Math.round(performance.now() - started);
    await client.close();
    const measured: Record<string, string | number | boolean | null> = { provider: c.semanticProvider, model: c.semanticModel, endpoint: client.provider.endpoint, latency_ms: ms, SEMANTIC_TIMEOUT_MS: c.semanticTimeoutMs };
    if (!asked.ok) {
      measured.result = asked.result;
      return {
        status: 'fail',
        reason: `the provider did not give a second opinion: ${asked.reason}`,
        symptom: 'every ambiguous call carries "No second opinion" (PX-SEM-004) and is judged by the rules alone; proxilion_semantic_analysis_requests_total counts the failures by result',
        measured,
        fix: fixFor(asked.result, c),
      };
    }
    const { price, known } = priceOf(c.semanticProvider, c.semanticModel, c.semanticPrice);
    Object.assign(measured, { input_tokens: asked.usage.input, output_tokens: asked.usage.output, cost_usd: known ? Number(costUsd(asked.usage, price).toFixed(6)) : null });
    const parsed = parseAnswer(asked.text, c.semanticMaxAdjustment);
    if (!parsed.ok) {
      return {
        status: 'fail',
        reason: `the model answered, but not with the JSON verdict it is asked for (${parsed.problem})`,
        symptom: 'every ambiguous call carries "No second opinion" (PX-SEM-004) with result invalid_answer',
        measured: { ...measured, answer: asked.text.slice(0, 200) },
        fix: ['export SEMANTIC_MODEL=<a model that follows instructions, e.g. claude-haiku-4-5 or llama3.1:8b>'],
      };
    }
    Object.assign(measured, { verdict: parsed.opinion.verdict, adjustment: parsed.opinion.adjustment });
    if (gateway) {
      const seen = gatewayVerdict(ctx, gateway, measured);
      if (seen) return seen;
    }
    const budget = c.hookDaemonTimeoutMs + c.semanticTimeoutMs;
    if (budget > c.hookBudgetMs) {
      return {
        status: 'warn',
        reason: `a hook may wait ${budget} ms for the daemon (PROXILION_HOOK_DAEMON_TIMEOUT_MS + SEMANTIC_TIMEOUT_MS), more than PROXILION_HOOK_BUDGET_MS=${c.hookBudgetMs}`,
        symptom: 'agent hooks answer with PROXILION_FAIL_MODE when a second opinion is slow, instead of with the verdict',
        measured: { ...measured, PROXILION_HOOK_BUDGET_MS: c.hookBudgetMs },
        fix: [`export PROXILION_HOOK_BUDGET_MS=${budget + 500}`, `# or export SEMANTIC_TIMEOUT_MS=${Math.max(50, c.hookBudgetMs - c.hookDaemonTimeoutMs - 500)}`],
      };
    }
    if (ms > c.semanticTimeoutMs * SLOW_SHARE) {
      return {
        status: 'warn',
        reason: `the provider answered in ${ms} ms, more than half of SEMANTIC_TIMEOUT_MS=${c.semanticTimeoutMs}: a slower moment times out`,
        symptom: 'some ambiguous calls get "No second opinion" (result timeout) and each one adds up to SEMANTIC_TIMEOUT_MS to its answer',
        measured,
        fix: [`export SEMANTIC_TIMEOUT_MS=${Math.min(60_000, Math.ceil((ms * 3) / 100) * 100)}`, '# or a faster model: export SEMANTIC_MODEL=claude-haiku-4-5, or a smaller local one'],
      };
    }
    return { status: 'pass', reason: `${c.semanticProvider} ${c.semanticModel} answered the probe in ${ms} ms (${parsed.opinion.verdict}, ${parsed.opinion.adjustment >= 0 ? '+' : ''}${parsed.opinion.adjustment})`, measured };
  },
};

function fixFor(result: string, c: SemanticConfig): string[] {
  const where = c.semanticProvider === 'anthropic' ? 'ANTHROPIC_BASE_URL' : 'SEMANTIC_BASE_URL';
  switch (result) {
    case 'client_error':
      return c.semanticProvider === 'anthropic'
        ? ['export ANTHROPIC_API_KEY=<a valid key>   # 401/403: the key is wrong or revoked', `export SEMANTIC_MODEL=claude-haiku-4-5   # 404: the model name is unknown`]
        : ['export SEMANTIC_API_KEY=<the server\'s key>   # 401/403', 'export SEMANTIC_MODEL=<a model the server lists at /v1/models>   # 404'];
    case 'network_error':
      return c.semanticProvider === 'anthropic' ? [`curl -sS -o /dev/null -w '%{http_code}\\n' ${c.anthropicBaseUrl}   # is the API reachable from here (proxy, firewall)?`] : [`curl -sS ${c.semanticBaseUrl}/models   # is the local server running?`, `# start it, e.g. ollama serve, or llama-server -m <model.gguf> --port 8080`];
    case 'timeout':
      return [`export SEMANTIC_TIMEOUT_MS=${Math.min(60_000, c.semanticTimeoutMs * 2)}`, '# or a faster model'];
    case 'rate_limited':
      return ['# the provider is rate limiting this key: lower SEMANTIC_CONCURRENCY, narrow SEMANTIC_BAND, or raise the account limits', 'export SEMANTIC_CONCURRENCY=2'];
    case 'invalid_answer':
      return [`# ${where} must point at the API itself: ${c.semanticProvider === 'anthropic' ? 'https://api.anthropic.com' : 'the server up to /v1, e.g. http://127.0.0.1:11434/v1'}`];
    default:
      return ['# the provider is failing: try again later, or check its status page', OFF];
  }
}

/** What the gateway under examination says of its own semantic analysis, when it answers /health. */
async function gatewaySemantic(ctx: DoctorContext): Promise<HealthResponse['semantic_analysis'] | undefined> {
  const h = await gatewayHealth(ctx);
  return 'health' in h ? h.health.semantic_analysis : undefined;
}

/**
 * The gateway's side, which this environment's probe cannot see: second opinions switched off in
 * the running daemon, or paused by its circuit breaker after repeated failures.
 */
function gatewayVerdict(ctx: DoctorContext, g: NonNullable<HealthResponse['semantic_analysis']>, measured: CheckResult['measured'] = {}): CheckResult | undefined {
  const where = ctx.client.target;
  if (!g.enabled) {
    return {
      status: 'warn',
      reason: `semantic analysis is configured here, but the gateway at ${where} runs without it`,
      symptom: 'calls through the gateway are judged by the rules alone; its /health shows semantic_analysis.enabled false',
      measured: { ...measured, gateway_semantic_analysis: false },
      fix: ['# restart the gateway with the same ENABLE_SEMANTIC_ANALYSIS and provider settings as this shell', `${proxilion()} serve`],
    };
  }
  if (g.circuit !== 'open') return undefined;
  return {
    status: 'warn',
    reason: `the gateway at ${where} has paused second opinions: its calls to ${g.endpoint} failed repeatedly (circuit open)`,
    symptom: 'ambiguous calls carry "No second opinion" (PX-SEM-004) until a trial call succeeds; proxilion_semantic_analysis_circuit_open is 1',
    measured: { ...measured, gateway_provider: g.provider, gateway_model: g.model, gateway_circuit: g.circuit },
    fix: [`curl -s ${new URL('metrics', withSlash(ctx.gateway)).href} | grep proxilion_semantic_analysis_requests_total   # which failures`, '# the gateway log says why ("semantic analysis paused"); it resumes on its own after SEMANTIC_BREAKER_COOLDOWN_MS'],
  };
}
