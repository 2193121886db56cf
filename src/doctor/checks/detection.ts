import type { Check } from '../types.js';

export const DETECTION_CHECKS: Check[] = [];
