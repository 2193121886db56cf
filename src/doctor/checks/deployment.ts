import type { Check } from '../types.js';
import { config } from './deployment/config.js';
import { port } from './deployment/port.js';
import { redis } from './deployment/redis.js';
import { sqlite } from './deployment/sqlite.js';

/** The deployment group: the configuration, the gateway's port, the SQLite file, Redis. */
export const DEPLOYMENT_CHECKS: Check[] = [config, port, sqlite, redis];
