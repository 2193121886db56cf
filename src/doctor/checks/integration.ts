import type { Check } from '../types.js';
import { agentHooks } from './integration/agent-hooks.js';
import { contentType, cors } from './integration/http.js';
import { shellHooks } from './integration/shell-hooks.js';

/** The integration group: CORS, content types, and the agent and shell hooks as installed. */
export const INTEGRATION_CHECKS: Check[] = [cors, contentType, agentHooks, shellHooks];
