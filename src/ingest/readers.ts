import { bashHistoryReader } from './formats/bash-history.js';
import { claudeCodeReader } from './formats/claude-code.js';
import { codexReader } from './formats/codex.js';
import { fishHistoryReader } from './formats/fish-history.js';
import { geminiReader } from './formats/gemini.js';
import { mcpLogReader } from './formats/mcp-log.js';
import { ndjsonReader } from './formats/ndjson.js';
import { plainReader } from './formats/plain.js';
import { zshHistoryReader } from './formats/zsh-history.js';
import type { FormatReader, InputFormat } from './types.js';

/** Every reader, in the order sniffing ties are broken: the structured formats first, plain text last. */
export const READERS: readonly FormatReader[] = [claudeCodeReader, codexReader, geminiReader, mcpLogReader, ndjsonReader, zshHistoryReader, fishHistoryReader, bashHistoryReader, plainReader];

export const readerFor = (format: InputFormat): FormatReader => READERS.find((r) => r.format === format)!;
