import { Option, type Command } from 'commander';
import { SETTINGS, defaultText, envName, type Setting, type SettingKey } from '../config/settings.js';

/** Every setting that has a flag: what `serve` and `config` take. */
export const FLAG_SETTINGS = (Object.keys(SETTINGS) as SettingKey[]).filter((k) => SETTINGS[k].flag !== undefined);

/**
 * Adds the configuration flags (all of them, or those of `keys`) to a command, described from the
 * settings table. Values stay strings: loadConfig validates flags and environment alike.
 */
export function addConfigOptions(cmd: Command, keys: readonly SettingKey[] = FLAG_SETTINGS): Command {
  for (const key of keys) {
    const s = SETTINGS[key] as Setting<unknown>;
    if (!s.flag) continue;
    const env = envName(s);
    const def = defaultText(s);
    const where = [env && `env ${env}`, def && `default ${def}`].filter(Boolean).join(', ');
    cmd.addOption(new Option(s.flag, `${s.value.accepts}${where ? ` (${where})` : ''}`));
  }
  return cmd;
}
