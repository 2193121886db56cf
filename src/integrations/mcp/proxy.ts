import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { Mode } from '../../engine/policy.js';
import type { Verdict } from '../../engine/verdict.js';
import { isObject, toolCallFromMcp, type JsonObject } from '../../ingest/agent-tools.js';
import type { ToolInfo } from '../../engine/toolcall.js';
import type { HookAction } from '../agents/types.js';
import { decide, type HookCall } from '../decide.js';
import { actionFor, failureAction } from '../hook-action.js';
import { LocalDecider } from '../in-process.js';
import { LineSplitter, parseLine } from './lines.js';
import { refusalResult } from './refusal.js';

export interface McpProxyOptions {
  /** The server's name, for the audit log (`mcp:<name>`) and policy exceptions. */
  name: string;
  sessionId: string;
  userId: string;
  mode?: Mode;
  hideDeniedTools: boolean;
  failMode: 'open' | 'closed';
  /** Longest a tools/call waits for its verdict before PROXILION_FAIL_MODE applies. */
  budgetMs: number;
  command: string;
  args: string[];
  client: { input: Readable; output: Writable };
  /** One line for the person running the client, on the proxy's stderr. */
  report: (line: string) => void;
}

export type ProxyExit = { code: number; signal?: undefined } | { code?: undefined; signal: NodeJS.Signals };

/** Messages are inspected up to this size; longer ones pass through uninspected (a tools/call that long is refused when fail-closed). */
export const MAX_INSPECTED_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Client messages waiting for their turn before the client's stream is paused. */
const MAX_QUEUED_CLIENT_MESSAGES = 256;
/** After the client goes away: how long the server gets to exit on its own, then after SIGTERM. */
const GRACE_MS = 2000;

type Id = string | number;

/**
 * Relays newline-delimited JSON-RPC between an MCP client (our stdin/stdout) and the server it
 * spawns, byte for byte, except: every tools/call is analyzed in its session before it is
 * forwarded, and a refused one is answered here and never reaches the server; tools/list answers
 * teach the proxy each tool's input schema (and with hideDeniedTools lose the tools policy denies).
 * Client messages are handled strictly in order, so nothing overtakes a call being analyzed.
 */
export async function runMcpProxy(o: McpProxyOptions): Promise<ProxyExit> {
  const local = new LocalDecider({ mode: o.mode, oneShot: false });
  const tools = new Map<string, ToolInfo>();
  const pendingLists = new Set<string>();
  const hidden = new Set<string>();
  const child = spawn(o.command, o.args, { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
  const exited = new Promise<ProxyExit>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? { signal } : { code: code ?? 0 }));
    child.once('error', (e) => {
      o.report(`cannot start the MCP server "${o.command}": ${e.message}`);
      resolve({ code: 127 });
    });
  });
  // npx and uvx run the real server as a grandchild: the whole process group goes together
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // the group is already gone
    }
  };

  let draining = false;
  const toClient = (buf: Buffer) => {
    if (!o.client.output.write(buf) && child.stdout && !draining) {
      draining = true;
      child.stdout.pause();
      o.client.output.once('drain', () => {
        draining = false;
        child.stdout?.resume();
      });
    }
  };
  const toServer = async (buf: Buffer) => {
    if (child.stdin && !child.stdin.destroyed && !child.stdin.write(buf)) await once(child.stdin, 'drain').catch(() => undefined);
  };

  // server → client: passed through as it arrives; only tools/list answers are read. While one is
  // being read (its tools checked against the policy), what the server sends next waits behind it.
  let serverBacklog: Promise<void> | undefined;
  const fromServerInOrder = (send: () => Promise<void> | void) => {
    const pending = serverBacklog ? serverBacklog.then(send) : send();
    if (!pending) return;
    const tracked: Promise<void> = pending.catch(() => undefined).finally(() => {
      if (serverBacklog === tracked) serverBacklog = undefined;
    });
    serverBacklog = tracked;
  };
  const fromServer = new LineSplitter(MAX_INSPECTED_MESSAGE_BYTES, (line) => {
    const msg = pendingLists.size > 0 ? parseLine(line) : undefined;
    const id = isObject(msg) ? idKey(msg.id) : undefined;
    if (id === undefined || !pendingLists.delete(id)) return fromServerInOrder(() => toClient(line));
    fromServerInOrder(() => learnTools(msg as JsonObject).then((changed) => toClient(changed ?? line), () => toClient(line)));
  }, (piece) => fromServerInOrder(() => toClient(piece)));
  child.stdout?.on('data', (c: Buffer) => fromServer.push(c));
  child.stdout?.on('end', () => fromServer.end());
  child.stdin?.on('error', () => undefined);

  /** Records the tools' schemas; returns a new line only when tools were hidden. */
  async function learnTools(msg: JsonObject): Promise<Buffer | undefined> {
    const result = msg.result;
    if (!isObject(result) || !Array.isArray(result.tools)) return undefined;
    for (const t of result.tools) if (isObject(t) && typeof t.name === 'string') tools.set(t.name, { description: typeof t.description === 'string' ? t.description : undefined, inputSchema: t.inputSchema });
    if (!o.hideDeniedTools) return undefined;
    const denied = await deniedTools(result.tools.filter(isObject));
    if (denied.length === 0) return undefined;
    for (const n of denied) hidden.add(n);
    o.report(`hiding ${denied.length} tool(s) the policy denies: ${denied.join(', ')}`);
    const kept = result.tools.filter((t) => !(isObject(t) && typeof t.name === 'string' && denied.includes(t.name)));
    return Buffer.from(JSON.stringify({ ...msg, result: { ...result, tools: kept } }) + '\n');
  }

  /** A tool is denied when a call of it with no arguments is refused: a policy deny entry names it (regex over the call, agents). */
  async function deniedTools(list: JsonObject[]): Promise<string[]> {
    const { engine, config } = await local.engine();
    const mode = o.mode ?? config.mode;
    if (mode !== 'block' && mode !== 'terminate') return [];
    const out: string[] = [];
    for (const t of list) {
      if (typeof t.name !== 'string') continue;
      const v = engine.analyze({ kind: 'unknown', toolName: t.name, params: {} }, { history: [], agent: `mcp:${o.name}`, userId: o.userId }, config.policy);
      if (v.decision === 'Block' || v.decision === 'Terminate') out.push(t.name);
    }
    return out;
  }

  // client → server: one message at a time, in order. A client that sends faster than calls are
  // analyzed is paused rather than buffered without bound.
  let queue = Promise.resolve();
  let queued = 0;
  const enqueue = (task: () => Promise<void>) => {
    if (++queued === MAX_QUEUED_CLIENT_MESSAGES) o.client.input.pause();
    queue = queue.then(task).catch((e: unknown) => o.report(`internal error: ${(e as Error).message}`)).finally(() => {
      if (--queued === MAX_QUEUED_CLIENT_MESSAGES / 4) o.client.input.resume();
    });
  };
  let oversizeRefused = false;
  const fromClient = new LineSplitter(MAX_INSPECTED_MESSAGE_BYTES, (line) => enqueue(() => handleClientLine(line)), (piece, last) =>
    enqueue(async () => {
      // too long to inspect: passed on when fail-open; when fail-closed it is dropped (its id cannot be known to answer it)
      if (o.failMode === 'closed') {
        if (!oversizeRefused) o.report(`dropped a client message over ${MAX_INSPECTED_MESSAGE_BYTES} bytes: too long to inspect, and PROXILION_FAIL_MODE=closed`);
        oversizeRefused = !last;
        return;
      }
      await toServer(piece);
    }),
  );

  async function handleClientLine(line: Buffer): Promise<void> {
    const msg = parseLine(line);
    if (Array.isArray(msg)) return handleBatch(line, msg);
    if (isObject(msg)) {
      const refusal = await check(msg);
      if (refusal) return void toClient(refusal);
    }
    await toServer(line);
  }

  /** A JSON-RPC batch (MCP before 2025-06-18): refused calls are answered here and taken out of it. */
  async function handleBatch(line: Buffer, batch: unknown[]): Promise<void> {
    const kept: unknown[] = [];
    for (const m of batch) {
      const refusal = isObject(m) ? await check(m) : undefined;
      if (refusal) toClient(refusal);
      else kept.push(m);
    }
    if (kept.length === batch.length) return toServer(line);
    if (kept.length > 0) await toServer(Buffer.from(JSON.stringify(kept) + '\n'));
  }

  /** Notes tools/list requests; analyzes a tools/call: its refusal line, or undefined to forward it. */
  async function check(msg: JsonObject): Promise<Buffer | undefined> {
    const id = msg.id;
    if (msg.method === 'tools/list' && idKey(id) !== undefined) pendingLists.add(idKey(id)!);
    if (msg.method !== 'tools/call' || idKey(id) === undefined || !isObject(msg.params) || typeof msg.params.name !== 'string') return undefined;
    const name = msg.params.name;
    const call: HookCall = { agent: `mcp:${o.name}`, sessionId: o.sessionId, userId: o.userId, call: toolCallFromMcp(name, msg.params.arguments, tools.get(name)) };
    const action: HookAction & { verdict?: Verdict } = hidden.has(name) ? denyHidden(name) : await decideWithin(call);
    if (action.kind === 'warn' || action.kind === 'unchecked') o.report(`${name}: ${action.reason}`);
    if (action.kind !== 'deny') return undefined;
    o.report(`refused ${name}: ${action.reason}`);
    return Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, result: refusalResult(action.reason, action.verdict, o.sessionId) }) + '\n');
  }

  async function decideWithin(c: HookCall): Promise<HookAction & { verdict?: Verdict }> {
    let timer: NodeJS.Timeout | undefined;
    const spent = new Promise<HookAction>((resolve) => {
      timer = setTimeout(() => resolve(failureAction(`no verdict within PROXILION_HOOK_BUDGET_MS=${o.budgetMs}`, o.failMode)), o.budgetMs);
    });
    const work = decide(c, { mode: o.mode, local }).then(
      (v) => {
        for (const note of v.notes) o.report(note);
        return { ...actionFor(v), verdict: v.verdict };
      },
      (e: unknown) => failureAction((e as Error)?.message ?? String(e), o.failMode),
    );
    try {
      return await Promise.race([work, spent]);
    } finally {
      clearTimeout(timer);
    }
  }

  const denyHidden = (name: string): HookAction => ({ kind: 'deny', reason: `proxilion: the tool ${name} is denied by policy and was not offered; do not call it.` });

  // the client going away (stdin closed) ends the session: the server gets its stdin closed, then signals
  o.client.input.on('data', (c: Buffer) => fromClient.push(c));
  o.client.input.once('end', () => {
    fromClient.end();
    void queue.then(async () => {
      child.stdin?.end();
      if (await settlesWithin(exited, GRACE_MS)) return;
      killGroup('SIGTERM');
      if (await settlesWithin(exited, GRACE_MS)) return;
      killGroup('SIGKILL');
    });
  });
  o.client.output.on('error', () => {
    // the client stopped reading: same as going away
    child.stdin?.end();
    killGroup('SIGTERM');
  });

  const forward = (signal: NodeJS.Signals) => killGroup(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward);
  try {
    const exit = await exited;
    // grandchildren that outlive the server (npx's real server) go with it
    killGroup('SIGTERM');
    await queue;
    await serverBacklog;
    return exit;
  } finally {
    for (const s of signals) process.off(s, forward);
    o.client.input.pause();
    await local.close();
  }
}

/** JSON-RPC ids are numbers or strings; a response carries the request's id. */
function idKey(id: unknown): string | undefined {
  return typeof id === 'string' || typeof id === 'number' ? JSON.stringify(id as Id) : undefined;
}

async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  try {
    return await Promise.race([p.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

