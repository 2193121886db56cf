import type { Check } from '../types.js';
import { DEPLOYMENT_CHECKS } from './deployment.js';
import { DETECTION_CHECKS } from './detection.js';
import { DOCKER_CHECKS } from './docker.js';
import { INTEGRATION_CHECKS } from './integration.js';
import { RUNTIME_CHECKS } from './runtime.js';
import { semantic } from './semantic.js';

/** Every check, in the guide's order: deployment, runtime, detection, integration. */
export const CHECKS: readonly Check[] = [...DEPLOYMENT_CHECKS, ...RUNTIME_CHECKS, ...DOCKER_CHECKS, ...DETECTION_CHECKS, semantic, ...INTEGRATION_CHECKS];
