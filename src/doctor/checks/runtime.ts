import type { Check } from '../types.js';
import { gateway } from './runtime/gateway.js';
import { latency } from './runtime/latency.js';
import { memory } from './runtime/memory.js';
import { redisClients, redisLatency, redisMemory } from './runtime/redis.js';
import { sessions } from './runtime/sessions.js';

/** The runtime group: the gateway's health, latency, memory and sessions, and Redis. */
export const RUNTIME_CHECKS: Check[] = [gateway, latency, memory, sessions, redisLatency, redisClients, redisMemory];
