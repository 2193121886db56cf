import { MemoryStore } from './memory.js';
import { StoreError, type SessionStore, type StoreKind, type StoreOptions } from './types.js';

export interface OpenStoreOptions extends StoreOptions {
  /** The SQLite file (SESSION_DB). */
  path?: string;
  /** The Redis server (REDIS_URL). */
  redisUrl?: string;
}

/** Opens the configured store. SQLite is imported on demand, so in-memory users never load the native module. */
export async function openStore(kind: StoreKind, opts: OpenStoreOptions): Promise<SessionStore> {
  switch (kind) {
    case 'inmemory':
      return new MemoryStore(opts);
    case 'sqlite': {
      if (!opts.path) throw new StoreError('SESSION_STORE=sqlite needs a file: set SESSION_DB');
      const { SqliteStore } = await import('./sqlite.js');
      return new SqliteStore(opts.path, opts);
    }
    case 'redis':
      throw new StoreError('SESSION_STORE=redis: Redis support is not available yet in this build; use SESSION_STORE=sqlite (one host) or inmemory');
  }
}
