import { join } from 'node:path';
import type { AgentSettings } from './types.js';

/** INTEGRATIONS.md §d. Codex reads hooks.json with a strict JSON parser. */
export const CODEX: AgentSettings = {
  agent: 'codex',
  label: 'Codex CLI',
  file: (scope, { cwd, home, env }) => join(scope === 'project' ? join(cwd, '.codex') : env.CODEX_HOME || join(home, '.codex'), 'hooks.json'),
  comments: false,
  events: ['PreToolUse'],
  layout: 'groups',
  matcher: '*',
  handler: (command) => ({ type: 'command', command, timeout: 10 }),
  covers: 'PreToolUse, every tool',
  afterInstall:
    'Codex runs a new or changed hook only after you trust it: start Codex and approve it under /hooks ' +
    '(automation can pass --dangerously-bypass-hook-trust). A project .codex/hooks.json is read only in a trusted project.',
};
