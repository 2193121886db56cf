import { validateThresholds, type Thresholds } from '../engine/score.js';
import type { Mode, Policy } from '../engine/policy.js';
import { loadPolicyFile, type PolicyFile } from '../policy/load.js';
import { ConfigError } from './error.js';
import { SETTINGS, type Setting, type SettingKey, type SettingValue } from './settings.js';
import { resolveSetting, type FlagValues } from './resolve.js';
import type { ListenAddress, LogLevel } from './values.js';

export interface Config {
  mode: Mode;
  thresholds: Thresholds;
  listen: ListenAddress;
  socket?: string;
  sessionStore: SettingValue<'sessionStore'>;
  sessionDb: string;
  redisUrl?: string;
  storeFailMode: SettingValue<'storeFailMode'>;
  redisWaitAtStart: boolean;
  sessionTtlHours: number;
  eventRetentionDays: number;
  enableSemanticAnalysis: boolean;
  anthropicApiKey?: string;
  semanticProvider: SettingValue<'semanticProvider'>;
  semanticModel: string;
  anthropicBaseUrl: string;
  semanticBaseUrl?: string;
  semanticApiKey?: string;
  semanticBand: SettingValue<'semanticBand'>;
  semanticMaxAdjustment: number;
  semanticTimeoutMs: number;
  semanticMaxRetries: number;
  semanticConcurrency: number;
  semanticBreakerFailures: number;
  semanticBreakerCooldownMs: number;
  semanticCacheTtlSeconds: number;
  semanticPrice?: SettingValue<'semanticPrice'>;
  logAllRequests: boolean;
  logLevel: LogLevel;
  apiKey?: string;
  policyFile?: string;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  corsOrigins: string[];
  alertWebhookUrl?: string;
  alertWebhookFormat: SettingValue<'alertWebhookFormat'>;
  failMode: SettingValue<'failMode'>;
  hookBudgetMs: number;
  hookDaemonTimeoutMs: number;
  /** From the policy file (empty without one), with the effective thresholds. */
  policy: Policy;
  /** Per setting key: `default`, `env MODE`, `flag --mode` or `policy /path/policy.yaml:LINE`. */
  sources: Record<string, string>;
}

/** Flag values as commander hands them over: strings, validated here like the environment. */
export interface ConfigFlags {
  mode?: string;
  alertThreshold?: string;
  blockThreshold?: string;
  terminateThreshold?: string;
  listen?: string;
  port?: string;
  socket?: string;
  sessionStore?: string;
  sessionDb?: string;
  policy?: string;
  logLevel?: string;
  maxBody?: string;
}

export type Values = { [K in SettingKey]?: SettingValue<K> };

const THRESHOLD_KEYS = ['alert', 'block', 'terminate'] as const;

/**
 * Flags over environment over the policy file (thresholds only) over defaults. An empty variable
 * counts as unset. Every problem is collected before throwing, so one run shows them all.
 */
export function loadConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const values: Values = {};
  const sources: Record<string, string> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const r = resolveSetting(SETTINGS[key] as Setting<unknown>, flags as FlagValues, env);
    if ('problem' in r) problems.push(r.problem);
    else if (r.value !== undefined) {
      (values as Record<string, unknown>)[key] = r.value;
      sources[key] = r.source;
    }
  }
  let file: PolicyFile | undefined;
  if (values.policyFile !== undefined) {
    try {
      file = loadPolicyFile(values.policyFile);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems.push(...e.problems);
    }
  }
  const thresholds = mergeThresholds({ alert: values['thresholds.alert'], block: values['thresholds.block'], terminate: values['thresholds.terminate'] }, sources, file);
  if (values.port !== undefined && values.listen) {
    values.listen = { ...values.listen, port: values.port };
    sources.listen = sources.listen === 'default' ? sources.port! : `${sources.listen}, ${sources.port}`;
  }
  delete sources.port;
  problems.push(...crossFieldProblems(values, thresholds, sources));
  if (problems.length > 0) throw new ConfigError(problems);
  // settings without a default and not set stay absent from `values`, so they are absent here too
  const { port: _port, 'thresholds.alert': _a, 'thresholds.block': _b, 'thresholds.terminate': _t, ...rest } = values;
  return { ...rest, thresholds, policy: policyOf(file, thresholds as Thresholds), sources } as Config;
}

/**
 * Per threshold: a flag or variable wins, then the policy file, then the default. A threshold whose
 * value was rejected stays out (its problem is already reported). Updates `sources` to match.
 */
function mergeThresholds(current: Partial<Thresholds>, sources: Record<string, string>, file: PolicyFile | undefined): Partial<Thresholds> {
  const t: Partial<Thresholds> = {};
  for (const k of THRESHOLD_KEYS) {
    const key = `thresholds.${k}` as const;
    const source = sources[key];
    const fromFile = file?.thresholds[k];
    if (source === undefined) continue;
    if (source.startsWith('flag ') || source.startsWith('env ')) t[k] = current[k];
    else if (fromFile) {
      t[k] = fromFile.value;
      sources[key] = `policy ${file!.path}:${fromFile.line}`;
    } else {
      t[k] = SETTINGS[key].default as number;
      sources[key] = 'default';
    }
  }
  return t;
}

function crossFieldProblems(values: Values, t: Partial<Thresholds>, sources: Record<string, string>): string[] {
  const out: string[] = [];
  const order = thresholdProblem(t, sources);
  if (order) out.push(order);
  if (values.sessionStore === 'redis' && !values.redisUrl) out.push(`${setBy(sources.sessionStore!, 'SESSION_STORE')}=redis needs REDIS_URL (e.g. redis://localhost:6379)`);
  if (values.enableSemanticAnalysis) out.push(...semanticProblems(values, sources));
  return out;
}

/**
 * What semantic analysis needs from its provider. Checked only when it is on, so a machine that never
 * enables it needs none of these; doctor reuses the same words.
 */
export function semanticProblems(values: Values, sources: Record<string, string>): string[] {
  const out: string[] = [];
  if (values.semanticProvider === 'anthropic' && !values.anthropicApiKey) out.push('ENABLE_SEMANTIC_ANALYSIS is on but ANTHROPIC_API_KEY is not set: set the key, point SEMANTIC_BASE_URL at a local OpenAI-compatible server, or turn semantic analysis off');
  if (values.semanticProvider === 'openai') {
    if (!values.semanticBaseUrl) out.push('SEMANTIC_PROVIDER=openai needs SEMANTIC_BASE_URL, the server up to /v1 (e.g. http://127.0.0.1:11434/v1 for Ollama)');
    if (sources.semanticModel === 'default') out.push(`SEMANTIC_PROVIDER=openai needs SEMANTIC_MODEL, the name ${values.semanticBaseUrl ?? 'the server'} knows the model by (e.g. llama3.1:8b)`);
  }
  return out;
}

/** `flag --session-store` → `--session-store`; otherwise the variable's name. */
const setBy = (source: string, variable: string): string => (source.startsWith('flag ') ? source.slice(5) : variable);

function policyOf(file: PolicyFile | undefined, thresholds: Thresholds): Policy {
  return { thresholds, disabledAnalyzers: file?.disabledAnalyzers ?? [], allowRules: [], allow: file?.allow ?? [], deny: file?.deny ?? [] };
}

function thresholdProblem(t: Partial<Thresholds>, sources: Record<string, string>): string | undefined {
  if (!THRESHOLD_KEYS.every((k) => t[k] !== undefined) || !validateThresholds(t as Thresholds)) return undefined;
  const shown = THRESHOLD_KEYS.map((k) => `${k} ${t[k]} (${sources[`thresholds.${k}`]})`).join(', ');
  return `thresholds must satisfy alert ≤ block ≤ terminate; got ${shown}`;
}

/**
 * Re-reads the policy file (SIGHUP). Thresholds set by flag or environment keep winning; the others
 * follow the file. Throws ConfigError with the file's line-precise problems; the caller keeps its
 * previous policy.
 */
export async function reloadPolicy(config: Config): Promise<Policy> {
  const file = config.policyFile === undefined ? undefined : loadPolicyFile(config.policyFile);
  const sources = { ...config.sources };
  const thresholds = mergeThresholds(config.thresholds, sources, file) as Thresholds;
  const bad = thresholdProblem(thresholds, sources);
  if (bad) throw new ConfigError(bad);
  return policyOf(file, thresholds);
}
