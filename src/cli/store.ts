import type { Config } from '../config.js';
import { openStore } from '../store/open.js';
import type { SessionStore } from '../store/types.js';

const HOUR = 3_600_000;

/**
 * The session store the configuration names: the daemon, hooks and CLI commands all open it alike.
 * `access` is what the opener does with it: `write` (recording calls) refuses a file it cannot write.
 */
export function openConfiguredStore(config: Config, access: 'read' | 'write'): Promise<SessionStore> {
  return openStore(config.sessionStore, {
    forWriting: access === 'write',
    path: config.sessionDb,
    redisUrl: config.redisUrl,
    redisWaitAtStart: config.redisWaitAtStart,
    ttlMs: config.sessionTtlHours * HOUR,
    retentionMs: config.eventRetentionDays * 24 * HOUR,
  });
}
