import { MemoryStore } from './memory.js';
import { StoreError, type SessionStore, type StoreKind, type StoreOptions } from './types.js';

export interface OpenStoreOptions extends StoreOptions {
  /** The SQLite file (SESSION_DB). */
  path?: string;
  /** The Redis server (REDIS_URL). */
  redisUrl?: string;
  /** Start even when Redis does not answer yet, and keep reconnecting (REDIS_WAIT_AT_START). */
  redisWaitAtStart?: boolean;
}

/** Opens the configured store. SQLite and Redis are imported on demand, so in-memory users load neither. */
export async function openStore(kind: StoreKind, opts: OpenStoreOptions): Promise<SessionStore> {
  switch (kind) {
    case 'inmemory':
      return new MemoryStore(opts);
    case 'sqlite': {
      if (!opts.path) throw new StoreError('SESSION_STORE=sqlite needs a file: set SESSION_DB');
      const { SqliteStore } = await import('./sqlite.js');
      return new SqliteStore(opts.path, opts);
    }
    case 'redis': {
      if (!opts.redisUrl) throw new StoreError('SESSION_STORE=redis needs a server: set REDIS_URL (e.g. redis://localhost:6379)');
      const { RedisStore } = await import('./redis.js');
      return RedisStore.connect(opts.redisUrl, { ttlMs: opts.ttlMs, retentionMs: opts.retentionMs, waitAtStart: opts.redisWaitAtStart });
    }
  }
}
