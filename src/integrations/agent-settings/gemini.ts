import { join } from 'node:path';
import type { AgentSettings } from './types.js';

/** INTEGRATIONS.md §d. Gemini CLI strips comments from settings.json before parsing, so they are kept. */
export const GEMINI: AgentSettings = {
  agent: 'gemini',
  label: 'Gemini CLI',
  file: (scope, { cwd, home }) => join(scope === 'project' ? cwd : home, '.gemini', 'settings.json'),
  comments: true,
  events: ['BeforeTool'],
  layout: 'groups',
  // Gemini matchers are regular expressions over tool names
  matcher: '.*',
  // milliseconds, unlike Claude Code and Codex
  handler: (command) => ({ type: 'command', name: 'proxilion', command, timeout: 10000 }),
  covers: 'BeforeTool, every tool',
};
