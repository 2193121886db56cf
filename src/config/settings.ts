import { join } from 'node:path';
import { homedir } from 'node:os';
import { MODES } from '../engine/policy.js';
import { DEFAULT_THRESHOLDS } from '../engine/score.js';
import * as v from './values.js';

type Env = NodeJS.ProcessEnv;

/**
 * One setting: where it is read from, its default, what it accepts and what it is for. The table
 * below is the only place any of this is written: loading, validation errors, `proxilion config`
 * and its --help all derive from it.
 */
export interface Setting<T> {
  /** Environment variables in order of precedence; an entry with its own `value` parses differently. */
  env: ReadonlyArray<string | { name: string; value: Value<T | null> }>;
  /** The command-line flag with its value placeholder, as commander takes it: `--mode <mode>`. */
  flag?: `--${string} <${string}>`;
  default?: NoInfer<T> | ((env: Env) => NoInfer<T>);
  /** The default as the docs show it, when it is computed. */
  defaultText?: string;
  doc: string;
  value: Value<T>;
  /** How `proxilion config` shows the value: hidden entirely, or a URL with its secret parts masked. */
  secret?: 'value' | 'url-password' | 'url-path';
}

type Value<T> = v.Value<T>;

const setting = <T>(s: Setting<T>): Setting<T> => s;

/** `$XDG_STATE_HOME/proxilion`, XDG_STATE_HOME defaulting to ~/.local/state (relative values are ignored, per the spec). */
export function stateDir(env: Env): string {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'proxilion');
}

export const SETTINGS = {
  mode: setting({ env: ['MODE'], flag: '--mode <mode>', default: 'monitor', value: v.oneOf(MODES), doc: 'what the daemon does with a verdict: report it (monitor), also deliver alerts (alert), also answer Block and Terminate with 403 (block), also end the session at Terminate (terminate)' }),
  'thresholds.alert': setting({ env: ['ALERT_THRESHOLD'], flag: '--alert-threshold <n>', default: DEFAULT_THRESHOLDS.alert, value: v.threshold, doc: 'score from which a call is an Alert (also `thresholds.alert` in the policy file)' }),
  'thresholds.block': setting({ env: ['BLOCK_THRESHOLD'], flag: '--block-threshold <n>', default: DEFAULT_THRESHOLDS.block, value: v.threshold, doc: 'score from which a call is a Block (also `thresholds.block` in the policy file)' }),
  'thresholds.terminate': setting({ env: ['TERMINATE_THRESHOLD'], flag: '--terminate-threshold <n>', default: DEFAULT_THRESHOLDS.terminate, value: v.threshold, doc: 'score from which a call is a Terminate (also `thresholds.terminate` in the policy file)' }),
  listen: setting({ env: ['LISTEN_ADDR'], flag: '--listen <host:port>', default: { host: v.DEFAULT_HOST, port: 8787 }, defaultText: '127.0.0.1:8787', value: v.listenAddress, doc: 'address the daemon listens on; beyond loopback it requires PROXILION_API_KEY' }),
  port: setting({ env: [], flag: '--port <n>', value: v.integer(0, 65535), doc: 'port to listen on, overriding the port of --listen / LISTEN_ADDR (0: any free port)' }),
  socket: setting({ env: ['PROXILION_SOCKET'], flag: '--socket <path>', value: v.nonEmpty('a Unix socket path'), doc: 'also listen on this Unix socket path' }),
  sessionStore: setting({ env: ['SESSION_STORE'], flag: '--session-store <kind>', default: 'sqlite', value: v.oneOf(['sqlite', 'inmemory', 'redis'] as const), doc: 'where sessions live: an SQLite file shared by the daemon, hooks and CLI; daemon memory; or Redis for several replicas' }),
  sessionDb: setting({ env: ['SESSION_DB'], flag: '--session-db <file>', default: (env) => join(stateDir(env), 'sessions.db'), defaultText: '$XDG_STATE_HOME/proxilion/sessions.db', value: v.nonEmpty('a file path'), doc: 'the SQLite session file (XDG_STATE_HOME defaults to ~/.local/state)' }),
  redisUrl: setting({ env: ['REDIS_URL'], value: v.redisUrl, secret: 'url-password', doc: 'the Redis server, required when SESSION_STORE is redis' }),
  storeFailMode: setting({ env: ['STORE_FAIL_MODE'], default: 'stateless', value: v.oneOf(['stateless', 'refuse'] as const), doc: 'when the session store does not answer: analyze each call on its own and say so in the verdict (stateless), or answer 503 (refuse)' }),
  redisWaitAtStart: setting({ env: ['REDIS_WAIT_AT_START'], default: false, value: v.bool, doc: 'start even when Redis does not answer yet (degraded, following STORE_FAIL_MODE until it connects) instead of exiting with an error' }),
  sessionTtlHours: setting({ env: ['SESSION_TTL_HOURS'], default: 24, value: v.positiveNumber, doc: 'hours after its last call that a session expires' }),
  eventRetentionDays: setting({ env: ['EVENT_RETENTION_DAYS'], default: 30, value: v.integer(1, 3650), doc: 'days the audit log keeps events' }),
  enableSemanticAnalysis: setting({ env: ['ENABLE_SEMANTIC_ANALYSIS'], default: false, value: v.bool, doc: 'also ask an LLM about calls the rules find ambiguous (SEMANTIC_BAND); needs ANTHROPIC_API_KEY, or SEMANTIC_BASE_URL for a local model' }),
  anthropicApiKey: setting({ env: ['ANTHROPIC_API_KEY'], value: v.nonEmpty('an Anthropic API key'), secret: 'value', doc: 'API key for semantic analysis' }),
  semanticProvider: setting({ env: ['SEMANTIC_PROVIDER'], default: (env) => (env.SEMANTIC_BASE_URL?.trim() ? 'openai' : 'anthropic'), defaultText: 'anthropic; openai when SEMANTIC_BASE_URL is set', value: v.oneOf(['anthropic', 'openai'] as const), doc: 'who gives the second opinion: the Anthropic Messages API, or an OpenAI-compatible chat-completions server (llama.cpp, Ollama, vLLM…) at SEMANTIC_BASE_URL' }),
  semanticModel: setting({ env: ['SEMANTIC_MODEL'], default: 'claude-haiku-4-5', value: v.nonEmpty('a model name'), doc: 'the model semantic analysis asks (required with the openai provider: the name the server knows the model by)' }),
  anthropicBaseUrl: setting({ env: ['ANTHROPIC_BASE_URL'], default: 'https://api.anthropic.com', value: v.httpUrl, doc: 'where the Anthropic Messages API is (a proxy or gateway in front of it, for instance)' }),
  semanticBaseUrl: setting({ env: ['SEMANTIC_BASE_URL'], value: v.httpUrl, doc: 'the OpenAI-compatible server, up to and including /v1 (`http://127.0.0.1:11434/v1` for Ollama); calls go to its /chat/completions' }),
  semanticApiKey: setting({ env: ['SEMANTIC_API_KEY', 'OPENAI_API_KEY'], value: v.nonEmpty('an API key'), secret: 'value', doc: 'bearer token for the OpenAI-compatible server, if it wants one (a local llama.cpp or Ollama does not)' }),
  semanticBand: setting({ env: ['SEMANTIC_BAND'], default: { min: 40, max: 80 }, defaultText: '40-80', value: v.scoreBand, doc: 'the rule scores a call must fall within (inclusive) to be sent for a second opinion' }),
  semanticMaxAdjustment: setting({ env: ['SEMANTIC_MAX_ADJUSTMENT'], default: 30, value: v.integer(0, 30), doc: 'the most the second opinion may move a score, up or down' }),
  semanticTimeoutMs: setting({ env: ['SEMANTIC_TIMEOUT_MS'], default: 2000, value: v.integer(50, 60000), doc: 'the longest one second opinion may take, retries and queueing included, in milliseconds; past it the rule verdict stands' }),
  semanticMaxRetries: setting({ env: ['SEMANTIC_MAX_RETRIES'], default: 2, value: v.integer(0, 5), doc: 'retries after a 429, a 5xx or a broken connection, with backoff (Retry-After is honoured within the timeout)' }),
  semanticConcurrency: setting({ env: ['SEMANTIC_CONCURRENCY'], default: 4, value: v.integer(1, 64), doc: 'requests to the provider at once; further calls wait, within the timeout' }),
  semanticBreakerFailures: setting({ env: ['SEMANTIC_BREAKER_FAILURES'], default: 5, value: v.integer(1, 1000), doc: 'consecutive failures after which the provider is not called for SEMANTIC_BREAKER_COOLDOWN_MS' }),
  semanticBreakerCooldownMs: setting({ env: ['SEMANTIC_BREAKER_COOLDOWN_MS'], default: 30000, value: v.integer(100, 3600000), doc: 'how long the provider rests after repeated failures before one trial call, in milliseconds' }),
  semanticCacheTtlSeconds: setting({ env: ['SEMANTIC_CACHE_TTL_SECONDS'], default: 86400, value: v.integer(0, 2592000), doc: 'how long a second opinion is reused for the same call, kept in the session store so replicas share it (0: no cache)' }),
  semanticPrice: setting({ env: ['SEMANTIC_PRICE_USD_PER_MTOK'], value: v.pricePair, doc: 'input,output price per million tokens for proxilion_semantic_analysis_cost_usd, when the model is not in the built-in price table' }),
  logAllRequests: setting({ env: ['LOG_ALL_REQUESTS'], default: false, value: v.bool, doc: 'log every analyzed call, not only those at or above the alert threshold' }),
  logLevel: setting({ env: ['LOG_LEVEL', { name: 'RUST_LOG', value: v.rustLog }], flag: '--log-level <level>', default: 'info', value: v.logLevel, doc: 'log verbosity; RUST_LOG (`info`, `proxilion=debug,hyper=warn`) is read when LOG_LEVEL is not set' }),
  apiKey: setting({ env: ['PROXILION_API_KEY'], value: v.nonEmpty('a secret token'), secret: 'value', doc: 'bearer token clients must send (required when listening beyond loopback)' }),
  policyFile: setting({ env: ['POLICY_FILE'], flag: '--policy <file>', value: v.nonEmpty('a .yaml, .yml or .toml file'), doc: 'the policy file: allow and deny entries, exceptions, thresholds, disabled analyzers (see Policy file)' }),
  maxBodyBytes: setting({ env: ['MAX_BODY_BYTES'], flag: '--max-body <bytes>', default: 1048576, value: v.integer(1024, 64 * 1048576), doc: 'largest /analyze request body, in bytes' }),
  requestTimeoutMs: setting({ env: ['REQUEST_TIMEOUT_MS'], default: 10000, value: v.integer(100, 600000), doc: 'time the daemon waits for a whole request before answering 408, in milliseconds' }),
  corsOrigins: setting({ env: ['CORS_ORIGINS'], default: ['*'], defaultText: '*', value: v.origins, doc: 'origins browsers may call the API from (open by default, as the upstream gateway)' }),
  failMode: setting({ env: ['PROXILION_FAIL_MODE'], default: 'open', value: v.oneOf(['open', 'closed'] as const), doc: 'what an agent or shell hook does when it cannot reach a verdict (an internal error, or PROXILION_HOOK_BUDGET_MS spent): let the call run and say so (open), or refuse it (closed)' }),
  hookBudgetMs: setting({ env: ['PROXILION_HOOK_BUDGET_MS'], default: 3000, value: v.integer(50, 600000), doc: 'the longest an agent or shell hook takes to decide, in milliseconds; past it PROXILION_FAIL_MODE applies' }),
  hookDaemonTimeoutMs: setting({ env: ['PROXILION_HOOK_DAEMON_TIMEOUT_MS'], default: 250, value: v.integer(10, 60000), doc: 'how long a hook waits for the daemon before deciding in-process from the shared SQLite store, in milliseconds (plus SEMANTIC_TIMEOUT_MS when semantic analysis is on)' }),
  alertWebhookUrl: setting({ env: ['ALERT_WEBHOOK_URL'], value: v.httpUrl, secret: 'url-path', doc: 'where alerts are delivered (modes alert, block and terminate)' }),
  alertWebhookFormat: setting({ env: ['ALERT_WEBHOOK_FORMAT'], default: 'json', value: v.oneOf(['json', 'alertmanager'] as const), doc: 'alert payload: proxilion JSON, or Alertmanager-compatible' }),
};

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K] extends Setting<infer T> ? T : never;

/** The environment variable a setting is documented under (its first one). */
export const envName = (s: Setting<unknown>): string | undefined => {
  const first = s.env[0];
  return typeof first === 'string' ? first : first?.name;
};

/** `--mode <mode>` → `--mode`. */
export const flagName = (s: Setting<unknown>): string | undefined => s.flag?.slice(0, s.flag.indexOf(' '));

/** `--alert-threshold <n>` → `alertThreshold`: the property commander stores a flag's value under. */
export const flagProperty = (flag: string): string => flag.slice(2, flag.indexOf(' ')).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The default as docs and --help show it. */
export function defaultText(s: Setting<unknown>): string | undefined {
  if (s.defaultText !== undefined) return s.defaultText;
  if (s.default === undefined) return undefined;
  return Array.isArray(s.default) ? s.default.join(',') : String(s.default);
}
