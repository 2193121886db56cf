import type { Config } from '../config.js';
import { openStore } from '../store/open.js';
import type { SessionStore } from '../store/types.js';

const HOUR = 3_600_000;

/** The session store the configuration names: the daemon, hooks and CLI commands all open it alike. */
export function openConfiguredStore(config: Config): Promise<SessionStore> {
  return openStore(config.sessionStore, {
    path: config.sessionDb,
    redisUrl: config.redisUrl,
    redisWaitAtStart: config.redisWaitAtStart,
    ttlMs: config.sessionTtlHours * HOUR,
    retentionMs: config.eventRetentionDays * 24 * HOUR,
  });
}
