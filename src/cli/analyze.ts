import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { Chalk } from 'chalk';
import { EXIT, UsageError } from './exit.js';
import { loadConfig, type ConfigFlags } from '../config.js';
import { analyzeLazily, lazyEngine, loadEngine } from '../runtime/engine.js';
import { parseAnalyzeRequest, parseBatchLine, type AnalyzeRequest } from '../engine/request.js';
import { ToolCallError, MAX_FIELD_BYTES, type ToolCall } from '../engine/toolcall.js';
import type { Policy } from '../engine/policy.js';
import type { Engine } from '../engine/index.js';
import type { SessionContext } from '../engine/session.js';
import type { Verdict } from '../engine/verdict.js';
import type { Decision } from '../engine/score.js';
import { renderVerdict } from '../report/verdict-text.js';
import { ruleById } from './rule-index.js';
import { boundedLines } from './bounded-lines.js';

export interface AnalyzeOptions extends ConfigFlags {
  json?: boolean;
  explain?: boolean;
  batch?: boolean;
  request?: string;
  tool?: string;
  operation: string;
  path?: string;
  content?: string;
  method: string;
  url?: string;
  header?: string[];
  body?: string;
  query?: string;
  toolName?: string;
  params?: string;
  allowRule?: string[];
}

const DECISION_EXIT: Record<Decision, number> = { Allow: EXIT.allow, Alert: EXIT.alert, Block: EXIT.block, Terminate: EXIT.terminate };
/** A batch line longer than this is answered with an error; its bytes are not kept. */
const MAX_BATCH_LINE = MAX_FIELD_BYTES * 2;

export async function runAnalyze(words: string[], opts: AnalyzeOptions): Promise<number> {
  const config = loadConfig(opts);
  for (const id of opts.allowRule ?? []) {
    if (!ruleById(id)) throw new UsageError(`--allow-rule ${id}: no such rule (see \`proxilion rules\`)`);
  }
  const policy: Policy = { ...config.policy, allowRules: opts.allowRule ?? [] };
  const inputs = [opts.batch, opts.request !== undefined, opts.tool !== undefined && opts.tool !== 'bash', words.length > 0].filter(Boolean).length;
  if (opts.batch && inputs > 1) throw new UsageError('--batch reads stdin; do not also give a command, --request or --tool');
  if (opts.batch) return runBatch(policy, config.mode);
  const request = singleRequest(words, opts);
  const lazy = lazyEngine({ oneShot: true });
  // timed per attempt: loading the parser on the way is start-up, not analysis
  const verdict = await analyzeLazily(lazy, async () => {
    const started = process.hrtime.bigint();
    const v = analyzeRequest(lazy.engine, request, policy);
    v.duration_us = Number((process.hrtime.bigint() - started) / 1000n);
    return v;
  });
  if (opts.json) process.stdout.write(JSON.stringify({ ...verdict, mode: config.mode }) + '\n');
  else {
    const color = new Chalk({ level: process.stdout.isTTY && !process.env.NO_COLOR ? 1 : 0 });
    const input = request.call.kind === 'bash' ? request.call.command : JSON.stringify(request.call);
    process.stdout.write(renderVerdict(verdict, color, { explain: !!opts.explain, ruleById, input, mode: config.mode }) + '\n');
  }
  return DECISION_EXIT[verdict.decision];
}

export function analyzeRequest(engine: Engine, req: AnalyzeRequest, policy: Policy): Verdict {
  const context: SessionContext = { history: [], sessionId: req.sessionId, userId: req.userId, orgId: req.orgId, agent: req.agent, userMessage: req.userMessage, aiResponse: req.aiResponse };
  return engine.analyze(req.call, context, policy);
}

function singleRequest(words: string[], opts: AnalyzeOptions): AnalyzeRequest {
  if (opts.request !== undefined) {
    if (words.length || opts.tool) throw new UsageError('--request takes the whole call from a file; do not also give a command or --tool');
    const text = opts.request === '-' ? readFileSync(0, 'utf8') : readText(opts.request);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--request ${opts.request}: not valid JSON (${(e as Error).message})`);
    }
    return parseAnalyzeRequest(body, false);
  }
  return { call: toolCallFromFlags(words, opts) };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function toolCallFromFlags(words: string[], opts: AnalyzeOptions): ToolCall {
  const need = (v: string | undefined, flag: string, tool: string): string => {
    if (v === undefined || v === '') throw new UsageError(`--tool ${tool} needs ${flag}`);
    return v;
  };
  switch (opts.tool ?? 'bash') {
    case 'bash': {
      if (words.length === 0) throw new UsageError('give a command to analyze, e.g. proxilion analyze "ls -la" (or use --batch, --request or --tool)');
      return { kind: 'bash', command: words.join(' '), args: [], env: {} };
    }
    case 'filesystem': {
      const op = opts.operation.toLowerCase();
      if (!['read', 'write', 'delete', 'list', 'create'].includes(op)) throw new UsageError(`--operation must be read, write, delete, list or create; got "${opts.operation}"`);
      return { kind: 'filesystem', operation: op as 'read', path: need(opts.path, '--path', 'filesystem'), content: opts.content };
    }
    case 'network': {
      const headers: Record<string, string> = {};
      for (const h of opts.header ?? []) {
        const i = h.indexOf(':');
        if (i <= 0) throw new UsageError(`--header must look like "Name: value"; got "${h}"`);
        headers[h.slice(0, i).trim()] = h.slice(i + 1).trim();
      }
      return { kind: 'network', method: opts.method.toUpperCase(), url: need(opts.url, '--url', 'network'), headers, body: opts.body };
    }
    case 'database':
      return { kind: 'database', query: need(opts.query, '--query', 'database') };
    case 'unknown': {
      let params: unknown = {};
      if (opts.params !== undefined) {
        try {
          params = JSON.parse(opts.params);
        } catch (e) {
          throw new UsageError(`--params must be JSON: ${(e as Error).message}`);
        }
      }
      return { kind: 'unknown', toolName: need(opts.toolName, '--tool-name', 'unknown'), params };
    }
    default:
      throw new UsageError(`unknown --tool ${opts.tool}`);
  }
}

/** NDJSON in, NDJSON out, in order and streaming: memory stays flat whatever the input size. */
async function runBatch(policy: Policy, mode: string): Promise<number> {
  const engine = await loadEngine({ oneShot: false });
  let worst: number = EXIT.allow;
  let n = 0;
  const out = process.stdout;
  for await (const line of boundedLines(process.stdin, MAX_BATCH_LINE)) {
    n++;
    let text: string;
    try {
      if (line === undefined) throw new ToolCallError('line', `is longer than ${MAX_BATCH_LINE} bytes`);
      if (line.trim() === '') throw new ToolCallError('line', 'is empty');
      const req = parseBatchLine(line);
      const started = process.hrtime.bigint();
      const verdict = analyzeRequest(engine, req, policy);
      verdict.duration_us = Number((process.hrtime.bigint() - started) / 1000n);
      worst = Math.max(worst, DECISION_EXIT[verdict.decision]);
      text = JSON.stringify({ line: n, ...verdict, mode });
    } catch (e) {
      if (!(e instanceof ToolCallError)) throw e;
      text = JSON.stringify({ line: n, error: e.message, field: e.field });
    }
    if (!out.write(text + '\n')) await once(out, 'drain');
  }
  return worst;
}
