import type { Check } from '../types.js';

export const INTEGRATION_CHECKS: Check[] = [];
