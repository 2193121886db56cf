import type { AgentName } from '../names.js';
import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import type { AgentDialect } from './types.js';

export const DIALECTS: Record<AgentName, AgentDialect> = { 'claude-code': claudeCode, cursor, gemini, codex };
