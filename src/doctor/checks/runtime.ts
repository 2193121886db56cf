import type { Check } from '../types.js';

export const RUNTIME_CHECKS: Check[] = [];
