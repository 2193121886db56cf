import type { AgentName } from '../names.js';
import { CLAUDE_CODE } from './claude-code.js';
import { CODEX } from './codex.js';
import { CURSOR } from './cursor.js';
import { GEMINI } from './gemini.js';
import type { AgentSettings } from './types.js';

export const AGENT_SETTINGS: Readonly<Record<AgentName, AgentSettings>> = {
  'claude-code': CLAUDE_CODE,
  cursor: CURSOR,
  gemini: GEMINI,
  codex: CODEX,
};

export type { AgentSettings, Places, Scope } from './types.js';
