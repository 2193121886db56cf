import { parseAnalyzeRequest } from '../../engine/request.js';
import { ToolCallError, type ToolCall } from '../../engine/toolcall.js';
import { isObject } from '../agent-tools.js';
import type { FormatReader, IngestedCall, IngestItem, InputLine } from '../types.js';
import { checkLine, jsonOrUndefined, timeToMs } from './shared.js';

/** One /analyze request body per line, as `analyze --batch` and the daemon's clients send them. */
export const ndjsonReader: FormatReader = {
  format: 'ndjson',
  sniff: (head) => (head.some((h) => hasToolCall(jsonOrUndefined(h))) ? 10 : 0),
  async *read(lines: AsyncIterable<InputLine>): AsyncIterable<IngestItem> {
    for await (const l of lines) {
      const c = checkLine(l);
      if (c.kind === 'skip') yield c;
      else if (c.text.trim() !== '') yield readBody(c.text, c.line);
    }
  },
};

function readBody(text: string, line: number): IngestItem {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return { kind: 'skip', line, reason: `not valid JSON: ${(e as Error).message}` };
  }
  try {
    const request = parseAnalyzeRequest(body, false);
    const b = body as Record<string, unknown>;
    const call: IngestedCall = { kind: 'call', request, line, tool: toolName(request.call, b.tool_call) };
    const at = timeToMs(b.timestamp ?? b.at);
    if (at !== undefined) call.at = at;
    return call;
  } catch (e) {
    if (e instanceof ToolCallError) return { kind: 'skip', line, reason: e.message };
    throw e;
  }
}

/** The variant key (`Bash`, `Network`…), or for an Unknown call the tool's own name. */
function toolName(call: ToolCall, raw: unknown): string {
  if (call.kind === 'unknown') return call.toolName;
  return Object.keys(raw as object)[0]!;
}

const hasToolCall = (v: unknown): boolean => isObject(v) && 'tool_call' in v;
