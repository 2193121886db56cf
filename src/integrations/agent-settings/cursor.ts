import { join } from 'node:path';
import type { AgentSettings } from './types.js';

/**
 * INTEGRATIONS.md §c. Cursor's tolerance of comments in hooks.json is not documented, so comments
 * are refused rather than risked.
 */
export const CURSOR: AgentSettings = {
  agent: 'cursor',
  label: 'Cursor',
  file: (scope, { cwd, home }) => join(scope === 'project' ? cwd : home, '.cursor', 'hooks.json'),
  comments: false,
  events: ['beforeShellExecution', 'beforeMCPExecution'],
  layout: 'handlers',
  handler: (command) => ({ command }),
  created: { version: 1 },
  covers: 'beforeShellExecution and beforeMCPExecution',
};
