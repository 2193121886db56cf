import { join } from 'node:path';
import type { AgentSettings } from './types.js';

/** INTEGRATIONS.md §a. Claude Code rejects a settings.json with comments as malformed, so it is strict JSON here. */
export const CLAUDE_CODE: AgentSettings = {
  agent: 'claude-code',
  label: 'Claude Code',
  file: (scope, { cwd, home, env }) =>
    scope === 'project' ? join(cwd, '.claude', 'settings.json') : join(env.CLAUDE_CONFIG_DIR || join(home, '.claude'), 'settings.json'),
  comments: false,
  events: ['PreToolUse'],
  layout: 'groups',
  matcher: '*',
  // seconds; the 600 s default would let a stuck hook hold every tool call for ten minutes
  handler: (command) => ({ type: 'command', command, timeout: 10 }),
  covers: 'PreToolUse, every tool',
};
