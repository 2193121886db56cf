import { loadConfig, type Config, type ConfigFlags } from '../config/load.js';
import { SETTINGS, type Setting, type SettingKey } from '../config/settings.js';
import { redacted } from '../config/docs.js';
import { EXIT } from './exit.js';

export interface ConfigOptions extends ConfigFlags {
  json?: boolean;
  check?: boolean;
}

interface Shown {
  key: string;
  /** The value as JSON shows it: typed, except secrets, which are redacted text. */
  value: unknown;
  text: string | undefined;
  source: string;
}

export function runConfig(opts: ConfigOptions): number {
  const config = loadConfig(opts);
  const out = (s: string) => process.stdout.write(s + '\n');
  const policy = policySummary(config);
  if (opts.check) {
    out(`configuration is valid${config.policyFile ? ` (policy ${config.policyFile}: ${policy.allow} allow and exception entries, ${policy.deny} deny entries)` : ''}`);
    return EXIT.allow;
  }
  if (opts.json) {
    out(JSON.stringify(configJson(config)));
    return EXIT.allow;
  }
  const shown = settingsOf(config);
  const width = Math.max(...shown.map((s) => s.key.length));
  const valueWidth = Math.min(48, Math.max(...shown.map((s) => (s.text ?? '').length)));
  for (const s of shown) out(`${s.key.padEnd(width)}  ${(s.text ?? '(not set)').padEnd(valueWidth)}  ${s.source}`);
  if (config.policyFile) out(`\npolicy ${config.policyFile}: ${policy.allow} allow and exception entries, ${policy.deny} deny entries${policy.disabled_analyzers.length ? `, disabled analyzers: ${policy.disabled_analyzers.join(', ')}` : ''}`);
  return EXIT.allow;
}

const policySummary = (config: Config) => ({ file: config.policyFile, allow: config.policy.allow?.length ?? 0, deny: config.policy.deny?.length ?? 0, disabled_analyzers: config.policy.disabledAnalyzers });

/** `proxilion config --json`, secrets redacted: also the diagnostic bundle's config.json. */
export function configJson(config: Config): { settings: Record<string, { value: unknown; source: string }>; policy: ReturnType<typeof policySummary> } {
  return { settings: Object.fromEntries(settingsOf(config).map(({ key, value, source }) => [key, { value: value ?? null, source }])), policy: policySummary(config) };
}

/** Each setting's effective value as text, secrets redacted, and where it came from. */
function settingsOf(config: Config): Shown[] {
  const out: Shown[] = [];
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    // --port is folded into listen, whose source names it
    if (key === 'port') continue;
    const s = SETTINGS[key] as Setting<unknown>;
    const value = key.startsWith('thresholds.') ? config.thresholds[key.slice(11) as 'alert'] : config[key as Exclude<SettingKey, 'port' | `thresholds.${string}`>];
    const shown = value === undefined ? undefined : redacted(s, text(s, value));
    out.push({ key, value: s.secret ? shown : value, text: shown, source: config.sources[key] ?? 'not set' });
  }
  return out;
}

function text(s: Setting<unknown>, value: unknown): string {
  if (s.value.show) return s.value.show(value);
  return Array.isArray(value) ? value.join(',') : String(value);
}
