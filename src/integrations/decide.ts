import type { Mode } from '../engine/policy.js';
import { toolCallToWire, type ToolCall } from '../engine/toolcall.js';
import type { Verdict } from '../engine/verdict.js';
import { readSettings } from '../config/resolve.js';
import { postAnalyze, type DaemonAddress } from './daemon-client.js';
import { refusalMessage } from '../session/messages.js';

/** One tool call as a hook sees it: whose, in which session, and what. */
export interface HookCall {
  /** claude-code, cursor, gemini, codex, or shell:bash … (policy exceptions can name it). */
  agent: string;
  sessionId: string;
  userId: string;
  call: ToolCall;
  /** The conversation the call came in, when the agent's transcript tells it. */
  userMessage?: string;
  aiResponse?: string;
  /**
   * The agent's transcript, where the conversation is, when it has not been read into userMessage and
   * aiResponse yet: a daemon on the Unix socket reads it, with the scanner's readers already compiled.
   */
  transcriptPath?: string;
  /** Names this call to the daemon, so that asking again after a timeout is not recorded twice. */
  requestId?: string;
}

/** A verdict for the call, and what the configured mode makes of it. */
export interface CallVerdict {
  verdict: Verdict;
  mode: Mode;
  /** Block or terminate mode refuses the call (or its session was terminated before). */
  refused: boolean;
  /** The refusal, as the daemon words it. */
  message?: string;
  via: 'daemon' | 'in-process';
  /** Things the person running the agent should know (a degraded store, a daemon that failed). */
  notes: string[];
}

const HOOK_SETTINGS = ['socket', 'listen', 'apiKey', 'hookDaemonTimeoutMs', 'enableSemanticAnalysis', 'semanticTimeoutMs'] as const;

/**
 * Asks the running daemon (its Unix socket when PROXILION_SOCKET names one, else LISTEN_ADDR) and
 * decides in-process when none answers in time. Only the in-process path loads the engine, the
 * policy and SQLite, so a hook backed by the daemon costs little more than Node's start.
 * Throws only for faults: a configuration error, or an engine failure.
 */
export interface DecideOptions {
  /** Overrides MODE (mcp-proxy --mode): what a verdict means for the call. */
  mode?: Mode;
  /** A long-running caller's own in-process decider, kept across calls; a hook makes one per call. */
  local?: { decide(c: HookCall): Promise<CallVerdict> };
}

export async function decide(c: HookCall, opts: DecideOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<CallVerdict> {
  const { values, problems } = readSettings(HOOK_SETTINGS, env);
  const notes: string[] = [];
  if (problems.length === 0) {
    const address = daemonAddress(values.socket, values.listen!);
    // only a daemon on the Unix socket reads a path it is sent: the socket's mode limits it to this user
    if (!('socketPath' in address)) c = await withTurn(c);
    const body = { tool_call: toolCallToWire(c.call), user_id: c.userId, session_id: c.sessionId, agent: c.agent, user_message: c.userMessage, ai_response: c.aiResponse, transcript_path: c.transcriptPath, request_id: c.requestId };
    // a daemon asking for a second opinion may take SEMANTIC_TIMEOUT_MS longer, and is not stuck for it
    const timeoutMs = values.hookDaemonTimeoutMs! + (values.enableSemanticAnalysis ? values.semanticTimeoutMs! : 0);
    const answer = await postAnalyze(address, body, { timeoutMs, apiKey: values.apiKey });
    if (answer.ok) {
      const { session_id: _s, mode, message, ...verdict } = answer.body;
      if (opts.mode === undefined || opts.mode === mode) return { verdict, mode, refused: answer.status === 403, message, via: 'daemon', notes };
      // a mode given to this client (mcp-proxy --mode) decides what the daemon's verdict means here
      const refused = refusesIn(opts.mode, verdict.decision) || (answer.status === 403 && verdict.session_terminated && verdict.findings.length === 0);
      return { verdict, mode: opts.mode, refused, message: refused ? message ?? refusalMessage(verdict, false) : undefined, via: 'daemon', notes };
    }
    if (answer.why !== 'no daemon is running') notes.push(`${answer.why}; decided in-process`);
  }
  // a configuration problem is reported by loadConfig, with every problem listed
  c = await withTurn(c);
  const r = opts.local ? await opts.local.decide(c) : await decideOnce(c, opts.mode);
  return { ...r, notes: [...notes, ...r.notes] };
}

/** The call with its conversation read from the transcript it names (nothing, when it cannot be read). */
async function withTurn(c: HookCall): Promise<HookCall> {
  const { transcriptPath, ...rest } = c;
  if (transcriptPath === undefined) return c;
  if (c.userMessage !== undefined) return rest;
  // loaded only where it runs: a hook answered by the daemon over its socket never runs the readers
  const { turnFromTranscript } = await import('./transcript-turn.js');
  // a transcript that cannot be read leaves the call to be judged without its conversation
  const turn = await turnFromTranscript(transcriptPath, c.sessionId).catch(() => ({}));
  return { ...rest, ...turn };
}

async function decideOnce(c: HookCall, mode: Mode | undefined): Promise<CallVerdict> {
  const { LocalDecider } = await import('./in-process.js');
  const local = new LocalDecider({ mode, oneShot: true });
  try {
    return await local.decide(c);
  } finally {
    await local.close();
  }
}

const refusesIn = (mode: Mode, decision: string): boolean => (mode === 'block' || mode === 'terminate') && (decision === 'Block' || decision === 'Terminate');

function daemonAddress(socket: string | undefined, listen: { host: string; port: number }): DaemonAddress {
  if (socket) return { socketPath: socket };
  // a daemon listening on every interface is reached on loopback
  const host = listen.host === '0.0.0.0' ? '127.0.0.1' : listen.host === '::' ? '::1' : listen.host;
  return { host, port: listen.port };
}
