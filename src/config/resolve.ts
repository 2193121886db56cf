import { SETTINGS, flagName, flagProperty, type Setting, type SettingKey, type SettingValue } from './settings.js';
import { redacted } from './docs.js';

/** Flag values by commander property name (`alertThreshold`), as strings. */
export type FlagValues = Readonly<Record<string, string | undefined>>;

export type Resolved = { value: unknown; source: string } | { problem: string };

export function resolveSetting(s: Setting<unknown>, flags: FlagValues, env: NodeJS.ProcessEnv): Resolved {
  if (s.flag) {
    const raw = flags[flagProperty(s.flag)];
    const name = flagName(s)!;
    if (raw !== undefined) return parse(s, s.value, raw, name, `flag ${name}`);
  }
  for (const e of s.env) {
    const name = typeof e === 'string' ? e : e.name;
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const r = parse(s, typeof e === 'string' ? s.value : e.value, raw, name, `env ${name}`);
    if ('problem' in r || r.value !== null) return r;
  }
  return { value: typeof s.default === 'function' ? (s.default as (env: NodeJS.ProcessEnv) => unknown)(env) : s.default, source: 'default' };
}

/** A rejected value is quoted back, with its secret parts masked: problems are printed and logged. */
function parse(s: Setting<unknown>, value: Setting<unknown>['value'], raw: string, where: string, source: string): Resolved {
  const v = value.parse(raw);
  return v !== undefined ? { value: v, source } : { problem: `${where} must be ${value.accepts}; got "${redacted(s, raw)}"` };
}

/**
 * A few settings without the rest of the configuration (no policy file, no cross-checks): what a
 * per-call hook needs before it knows whether the daemon will decide. Problems are returned, not thrown.
 */
export function readSettings<K extends SettingKey>(keys: readonly K[], env: NodeJS.ProcessEnv = process.env): { values: { [P in K]?: SettingValue<P> }; problems: string[]; sources: { [P in K]?: string } } {
  const values: { [P in K]?: SettingValue<P> } = {};
  const sources: { [P in K]?: string } = {};
  const problems: string[] = [];
  for (const key of keys) {
    const r = resolveSetting(SETTINGS[key] as Setting<unknown>, {}, env);
    if ('problem' in r) problems.push(r.problem);
    else if (r.value !== undefined) {
      (values as Record<string, unknown>)[key] = r.value;
      sources[key] = r.source;
    }
  }
  return { values, problems, sources };
}
