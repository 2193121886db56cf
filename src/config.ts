import { DEFAULT_THRESHOLDS, validateThresholds, type Thresholds } from './engine/score.js';
import { MODES, type Mode } from './engine/policy.js';

/** A configuration or usage mistake: the CLI exits 64 with this message. */
export class ConfigError extends Error {
  readonly code = 'E_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface EngineConfig {
  mode: Mode;
  thresholds: Thresholds;
  /** Where each value came from: flag, env (with the variable's name) or default. */
  sources: Record<string, string>;
}

export interface EngineFlags {
  mode?: string;
  alertThreshold?: string;
  blockThreshold?: string;
  terminateThreshold?: string;
}

const THRESHOLD_VARS = [
  ['alert', 'ALERT_THRESHOLD', 'alertThreshold', '--alert-threshold'],
  ['block', 'BLOCK_THRESHOLD', 'blockThreshold', '--block-threshold'],
  ['terminate', 'TERMINATE_THRESHOLD', 'terminateThreshold', '--terminate-threshold'],
] as const;

/** Mode and thresholds from flags over environment over defaults, as the upstream gateway read them. */
export function resolveEngineConfig(flags: EngineFlags, env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const sources: Record<string, string> = {};
  let mode: Mode = 'monitor';
  sources.mode = 'default';
  const rawMode = flags.mode ?? (env.MODE || undefined);
  if (rawMode !== undefined) {
    const m = rawMode.trim().toLowerCase();
    const where = flags.mode !== undefined ? '--mode' : 'MODE';
    if (!MODES.includes(m as Mode)) throw new ConfigError(`${where} must be one of ${MODES.join(', ')}; got "${rawMode}"`);
    mode = m as Mode;
    sources.mode = flags.mode !== undefined ? 'flag --mode' : 'env MODE';
  }
  const thresholds: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const [key, envName, flagKey, flagName] of THRESHOLD_VARS) {
    const fromFlag = flags[flagKey];
    const raw = fromFlag ?? env[envName];
    sources[`${key}_threshold`] = 'default';
    if (raw === undefined || raw === '') continue;
    const where = fromFlag !== undefined ? flagName : envName;
    const n = Number(raw);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(raw) || n > 100) throw new ConfigError(`${where} must be a number from 0 to 100; got "${raw}"`);
    thresholds[key] = n;
    sources[`${key}_threshold`] = fromFlag !== undefined ? `flag ${flagName}` : `env ${envName}`;
  }
  const bad = validateThresholds(thresholds);
  if (bad) throw new ConfigError(`${bad} (set ALERT_THRESHOLD ≤ BLOCK_THRESHOLD ≤ TERMINATE_THRESHOLD)`);
  return { mode, thresholds, sources };
}
