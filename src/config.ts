/** Environment, flags and the policy file → one validated Config (the modules live in config/). */
export { ConfigError } from './config/error.js';
export { loadConfig, reloadPolicy, type Config, type ConfigFlags } from './config/load.js';
export { SETTINGS, type Setting, type SettingKey } from './config/settings.js';
export type { ListenAddress, LogLevel } from './config/values.js';
