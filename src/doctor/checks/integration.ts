import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ProxilionClient } from '../../client/client.js';
import type { AnalyzeResponse } from '../../client/types.js';
import { readSettings } from '../../config/resolve.js';
import type { Mode } from '../../engine/policy.js';
import { shellQuote } from '../../engine/toolcall.js';
import { AGENT_SETTINGS, type AgentSettings, type Scope } from '../../integrations/agent-settings/index.js';
import { DENY_EXIT } from '../../integrations/agents/types.js';
import { failureAction } from '../../integrations/hook-action.js';
import { isProxilionHookCommand } from '../../integrations/launcher.js';
import { AGENTS, SHELLS, type AgentName, type ShellName } from '../../integrations/names.js';
import { BLOCK_END, BLOCK_START, defaultRcFile } from '../../integrations/shell/rc-block.js';
import type { Check, DoctorContext } from '../types.js';
import { answerError, ATTACK_PROBES, BENIGN_PROBES, gatewayProbe, gatewayRequest, PROBE_USER, probeSessionId, proxilion, refusedProbe, type RawAnswer } from './detection.js';

/** The origin a local web dashboard is usually served from, probed when every origin is allowed. */
const DEFAULT_ORIGIN = 'http://localhost:3000';
/** Enough configured origins to judge the setting, few enough to stay quick. */
const MAX_ORIGINS = 5;

const withSlash = (u: URL): URL => new URL(u.href.endsWith('/') ? u.href : `${u.href}/`);
const endpoint = (ctx: DoctorContext, path: string): string => new URL(path, withSlash(ctx.gateway)).href;

/** integration.cors: the guide's "check CORS", as a browser's preflight for POST /analyze. */
const cors: Check = {
  id: 'integration.cors',
  group: 'integration',
  title: 'the CORS preflight answers',
  run: gatewayProbe(async (ctx) => {
    // the gateway does not publish its CORS_ORIGINS: this environment's setting says what it should allow
    const configured = ctx.config.value?.corsOrigins;
    const open = !configured || configured.includes('*');
    const origins = open ? [DEFAULT_ORIGIN] : configured.slice(0, MAX_ORIGINS);
    const preflight = (origin: string) =>
      `curl -si -X OPTIONS -H 'Origin: ${origin}' -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type' ${endpoint(ctx, 'analyze')}`;
    for (const origin of origins) {
      const a = await gatewayRequest(ctx, 'OPTIONS', '/analyze', { headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
      const allowOrigin = header(a, 'access-control-allow-origin');
      const methods = header(a, 'access-control-allow-methods') ?? '';
      const allowHeaders = header(a, 'access-control-allow-headers') ?? '';
      const measured = { origin, status: a.status, 'access-control-allow-origin': allowOrigin ?? null, 'access-control-allow-methods': methods || null, CORS_ORIGINS: configured?.join(',') ?? null };
      if (a.status !== 204) {
        return {
          status: 'fail',
          reason: `the preflight OPTIONS /analyze from ${origin} answered ${a.status}, not 204${a.status >= 400 ? `: ${answerError(a)}` : ''}`,
          symptom: 'browser clients fail before sending any call ("CORS preflight did not succeed")',
          measured,
          fix: [preflight(origin), '# a proxy in front of the gateway must pass OPTIONS through unchanged'],
        };
      }
      if (allowOrigin !== origin && allowOrigin !== '*') {
        const reason = open
          ? `the gateway does not allow browsers on ${origin}: it runs with a restricted CORS_ORIGINS, which it reveals only by allowing an origin`
          : `this environment's CORS_ORIGINS (${configured.join(',')}) allows ${origin}, but the gateway does not: it runs with other settings`;
        const wanted = open ? origin : configured.join(',');
        return {
          status: open ? 'warn' : 'fail',
          reason,
          symptom: `a browser on ${origin} gets "blocked by CORS policy: No 'Access-Control-Allow-Origin' header"`,
          measured,
          fix: [
            preflight(origin),
            `export CORS_ORIGINS=${shellQuote(wanted)}   # every origin browser clients call from, comma-separated`,
            `${proxilion()} serve   # restart the gateway with it`,
            ...(open ? ['# a restriction on purpose is fine: CORS only matters to clients running in a browser'] : []),
          ],
        };
      }
      if (!/\bPOST\b/i.test(methods) || !/\bcontent-type\b/i.test(allowHeaders)) {
        return {
          status: 'fail',
          reason: `the preflight allows ${origin} but not POST with Content-Type (methods "${methods}", headers "${allowHeaders}")`,
          symptom: 'browser clients can not send JSON to /analyze',
          measured,
          fix: [preflight(origin), '# a proxy in front of the gateway may rewrite the Access-Control-Allow-* headers: pass them through'],
        };
      }
    }
    const what = open ? `every origin is allowed (CORS_ORIGINS=*): the preflight from ${DEFAULT_ORIGIN} answers 204` : `the preflight from ${origins.join(', ')} answers 204 with the origin allowed`;
    return { status: 'pass', reason: `${what}, for POST with Content-Type` };
  }),
};

const header = (a: RawAnswer, name: string): string | undefined => {
  const v = a.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

/** integration.content-type: the guide's content-type handling: JSON is analyzed, anything else refused with a JSON error. */
const contentType: Check = {
  id: 'integration.content-type',
  group: 'integration',
  title: 'content-type handling works',
  run: gatewayProbe(async (ctx) => {
    const command = BENIGN_PROBES[0];
    const id = probeSessionId();
    const body = JSON.stringify({ tool_call: { Bash: { command } }, user_id: PROBE_USER, session_id: id });
    const curl = (type: string) => `curl -si -H 'content-type: ${type}' -d ${shellQuote(body)} ${endpoint(ctx, 'analyze')}`;
    try {
      // the same bytes under two types: only the declared type differs
      const plain = await gatewayRequest(ctx, 'POST', '/analyze', { headers: { 'content-type': 'text/plain' }, body });
      if (plain.status === 401) return refusedProbe(ctx, command, plain);
      const plainError = jsonError(plain);
      if (plain.status !== 415 || plainError === undefined) {
        return {
          status: 'fail',
          reason: `POST /analyze with Content-Type: text/plain answered ${plain.status}${plainError === undefined ? ' without a JSON error' : ''}, not 415 with a JSON error`,
          symptom: 'clients that send the wrong content type get an answer they cannot read, or have a body analyzed that the gateway should refuse',
          measured: { status: plain.status, 'content-type': header(plain, 'content-type') ?? null },
          fix: [curl('text/plain'), '# a proxy in front of the gateway may rewrite Content-Type or replace error bodies: pass both through'],
        };
      }
      const json = await gatewayRequest(ctx, 'POST', '/analyze', { headers: { 'content-type': 'application/json' }, body });
      if (json.status !== 200 && json.status !== 403) return refusedProbe(ctx, command, json);
      if (!isVerdict(json)) {
        return {
          status: 'fail',
          reason: `POST /analyze with Content-Type: application/json answered ${json.status} without a verdict`,
          symptom: 'clients cannot read the decision',
          measured: { status: json.status, 'content-type': header(json, 'content-type') ?? null },
          fix: [curl('application/json')],
        };
      }
      return { status: 'pass', reason: `application/json is analyzed (${json.status}); text/plain is refused with 415 and a JSON error ("${plainError}")` };
    } finally {
      await ctx.client.resetSession(id).catch(() => undefined);
    }
  }),
};

function jsonError(a: RawAnswer): string | undefined {
  try {
    const body = JSON.parse(a.text) as { error?: unknown };
    return typeof body?.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

function isVerdict(a: RawAnswer): boolean {
  try {
    return typeof (JSON.parse(a.text) as AnalyzeResponse)?.decision === 'string';
  } catch {
    return false;
  }
}

// ---- running installed hooks ------------------------------------------------------------------

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The process could not be started at all. */
  error?: string;
}

const PROCESS_TIMEOUT_MS = 10_000;
const MAX_OUTPUT = 256 * 1024;

/**
 * Runs one program with input on stdin, as an agent or a shell runs a hook. It gets its own process
 * group, so a timeout or an aborted check also ends what `sh -c` started.
 */
function runProcess(file: string, args: readonly string[], opts: { input?: string; cwd: string; env: NodeJS.ProcessEnv; signal: AbortSignal; timeoutMs?: number }): Promise<Ran> {
  return new Promise((resolveRan) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(file, args, { cwd: opts.cwd, env: opts.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, opts.timeoutMs ?? PROCESS_TIMEOUT_MS);
    const onAbort = () => {
      timedOut = true;
      kill();
    };
    opts.signal.addEventListener('abort', onAbort, { once: true });
    const done = (r: Omit<Ran, 'stdout' | 'stderr' | 'timedOut'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      resolveRan({ ...r, stdout, stderr, timedOut });
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => void (stdout.length < MAX_OUTPUT && (stdout += d)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr.length < MAX_OUTPUT && (stderr += d)));
    // a hook that exits without reading its input is the hook's business, not an error here
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => done({ code: null, signal: null, error: e.message }));
    child.on('close', (code, signal) => done({ code, signal }));
    child.stdin.end(opts.input ?? '');
  });
}

/** How a run ended, in a few words, with the line of its stderr that says why. */
function ended(r: Ran): string {
  const how = r.error ? `could not start: ${r.error}` : r.timedOut ? `did not finish within ${PROCESS_TIMEOUT_MS} ms` : r.signal ? `was killed by ${r.signal}` : `exited ${r.code}`;
  const said = telling(r.stderr);
  return said ? `${how}: ${said}` : how;
}

/**
 * The line of stderr that says what went wrong: Node's "Error: Cannot find module …" comes after a
 * stack frame and a caret, so the first line alone would say nothing.
 */
function telling(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /\b(error|not found|no such file|cannot|permission denied)\b/i.test(l)) ?? lines[0] ?? '';
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

/** The start of the reason a hook gives when it could not reach a verdict and let the call run anyway. */
const UNCHECKED = uncheckedPrefix();

function uncheckedPrefix(): string {
  const a = failureAction('\0', 'open');
  return a.kind === 'pass' ? '\0' : a.reason.split('\0')[0]!;
}

const unchecked = (r: Ran): boolean => r.stdout.includes(UNCHECKED) || r.stderr.includes(UNCHECKED);

/** Who decides for a hook run now: the daemon its environment points at (and that daemon's mode), or the hook itself. */
interface Decider {
  via: 'daemon' | 'in-process';
  mode?: Mode;
  client?: ProxilionClient;
}

async function hookDecider(ctx: DoctorContext): Promise<Decider> {
  const { values, problems } = readSettings(['socket', 'listen', 'apiKey'], ctx.env);
  if (problems.length === 0 && values.listen) {
    const host = values.listen.host === '0.0.0.0' ? '127.0.0.1' : values.listen.host === '::' ? '::1' : values.listen.host;
    const client = new ProxilionClient({ url: `http://${host.includes(':') ? `[${host}]` : host}:${values.listen.port}`, socketPath: values.socket, apiKey: values.apiKey, timeoutMs: 1000 });
    try {
      return { via: 'daemon', mode: (await client.health()).mode, client };
    } catch {
      await client.close();
    }
  }
  return { via: 'in-process', mode: ctx.config.value?.mode };
}

/**
 * Forgets the probes' sessions where the hooks recorded them: through the daemon, or in the SQLite
 * file an in-process hook wrote. Best effort: a leftover probe session only expires later.
 */
async function forgetProbes(ctx: DoctorContext, decider: Decider, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (decider.client) {
    await Promise.allSettled(ids.map((id) => decider.client!.resetSession(id)));
    return;
  }
  const config = ctx.config.value;
  if (config?.sessionStore !== 'sqlite' || !existsSync(config.sessionDb)) return;
  try {
    const { openConfiguredStore } = await import('../../cli/store.js');
    const store = await openConfiguredStore(config);
    try {
      await Promise.allSettled(ids.map((id) => store.reset(id)));
    } finally {
      await store.close();
    }
  } catch {
    // a store doctor cannot open is reported by the deployment checks
  }
}

const enforces = (mode: Mode | undefined): boolean => mode === 'block' || mode === 'terminate';
const decidedBy = (d: Decider): string => (d.via === 'daemon' ? `the daemon (MODE=${d.mode})` : `the hook itself, no daemon answering (MODE=${d.mode ?? 'unknown: the configuration does not load'})`);
const AUDIT_NOTE = 'the probes ran in throwaway proxilion-doctor-… sessions, reset afterwards; the audit log keeps their events';

// ---- integration.agent-hooks ------------------------------------------------------------------

/** A harmless or hostile shell call, in each agent's own hook input. */
const PROBE_INPUT: Readonly<Record<AgentName, (sessionId: string, command: string, cwd: string) => object>> = {
  'claude-code': (session_id, command, cwd) => ({ session_id, transcript_path: '', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }),
  codex: (session_id, command, cwd) => ({ session_id, cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }),
  gemini: (session_id, command, cwd) => ({ session_id, cwd, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command } }),
  cursor: (conversation_id, command, cwd) => ({ conversation_id, generation_id: conversation_id, hook_event_name: 'beforeShellExecution', command, cwd }),
};

interface Installed {
  agent: AgentName;
  scope: Scope;
  file: string;
  command: string;
  /** Events of the agent that do not run proxilion in this file. */
  missing: string[];
}

interface Unreadable {
  agent: AgentName;
  scope: Scope;
  file: string;
  problem: string;
}

/** proxilion's hook commands in every agent's project and user settings. */
function findAgentHooks(ctx: DoctorContext): { installed: Installed[]; unreadable: Unreadable[]; looked: string[] } {
  const installed: Installed[] = [];
  const unreadable: Unreadable[] = [];
  const looked: string[] = [];
  const places = { cwd: ctx.cwd, home: ctx.home, env: ctx.env };
  for (const agent of AGENTS) {
    const settings = AGENT_SETTINGS[agent];
    const seen = new Set<string>();
    for (const scope of ['project', 'user'] as const) {
      const file = resolve(settings.file(scope, places));
      // run from the home directory, the project settings are the user settings
      if (seen.has(file)) continue;
      seen.add(file);
      looked.push(file);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') unreadable.push({ agent, scope, file, problem: (e as Error).message });
        continue;
      }
      const found = hookCommands(settings, text.replace(/^\uFEFF/, ''));
      if ('problem' in found) {
        unreadable.push({ agent, scope, file, problem: found.problem });
        continue;
      }
      const commands = [...new Set(found.byEvent.flatMap(([, c]) => c))];
      const missing = found.byEvent.filter(([, c]) => c.length === 0).map(([e]) => e);
      for (const command of commands) installed.push({ agent, scope, file, command, missing });
    }
  }
  return { installed, unreadable, looked };
}

/** Per event, the proxilion commands the settings text holds, in the descriptor's layout. */
function hookCommands(settings: AgentSettings, text: string): { byEvent: Array<[string, string[]]> } | { problem: string } {
  if (text.trim() === '') return { byEvent: settings.events.map((e) => [e, []]) };
  const errors: ParseError[] = [];
  const root: unknown = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: !settings.comments });
  if (errors[0]) {
    const { line, column } = position(text, errors[0].offset);
    return { problem: `${printParseErrorCode(errors[0].error)} at line ${line}, column ${column}; ${settings.label} cannot read it either` };
  }
  const hooks = field(root, 'hooks');
  return {
    byEvent: settings.events.map((event) => {
      const list = field(hooks, event);
      const handlers = !Array.isArray(list) ? [] : settings.layout === 'handlers' ? list : list.flatMap((group) => (Array.isArray(field(group, 'hooks')) ? (field(group, 'hooks') as unknown[]) : []));
      const commands = handlers.map((h) => field(h, 'command')).filter((c): c is string => isProxilionHookCommand(c, settings.agent));
      return [event, commands];
    }),
  };
}

const field = (o: unknown, key: string): unknown => (o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[key] : undefined);

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** What a hook's answer to a harmless call must look like for its agent; undefined when it does. */
function benignProblem(agent: AgentName, r: Ran): string | undefined {
  if (r.code !== 0) return `it ${ended(r)}${r.code === DENY_EXIT ? ' (a refusal of a harmless call)' : ''}`;
  if (unchecked(r)) return `it ran but could not reach a verdict, so it lets every call run: ${firstLine(r.stderr) || firstLine(r.stdout)}`;
  const out = r.stdout.trim();
  if (out === '') return agent === 'cursor' ? 'it printed nothing; Cursor needs a JSON answer with "permission"' : undefined;
  const answer = parseObject(out);
  if (!answer) return `it printed output that is not a JSON object: ${out.slice(0, 120)}`;
  if (agent === 'cursor' && typeof answer.permission !== 'string') return `its JSON has no "permission" for Cursor: ${out.slice(0, 120)}`;
  return undefined;
}

/** `hook check` stops a line with exit 2: node itself exits 1 when it crashes or cannot find the launcher. */
const SHELL_REFUSED_EXIT = 2;

/** A refusal every one of these agents honours: exit 2 with a JSON answer. */
function attackProblem(r: Ran): string | undefined {
  if (r.code !== DENY_EXIT) return `it let a known attack through: it ${ended(r)}${r.stdout.trim() ? `, printing ${r.stdout.trim().slice(0, 120)}` : ''}`;
  if (!parseObject(r.stdout.trim())) return `it refused with exit 2 but printed no JSON answer: ${r.stdout.trim().slice(0, 120) || 'nothing'}`;
  return undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const firstLine = (s: string): string => s.trim().split('\n')[0] ?? '';

/** The install command that rewrites one hook in place, for the scope it was found in. */
function reinstall(ctx: DoctorContext, agent: AgentName, scope: Scope): string {
  return scope === 'user' ? `${proxilion()} install ${agent} --user` : `cd ${shellQuote(ctx.cwd)} && ${proxilion()} install ${agent}`;
}

const agentHooks: Check = {
  id: 'integration.agent-hooks',
  group: 'integration',
  title: 'agent hooks are installed and fire',
  // each installed hook is a Node start or two, and the checks run side by side on few cores
  timeoutMs: 30_000,
  async run(ctx) {
    const { installed, unreadable, looked } = findAgentHooks(ctx);
    if (installed.length === 0 && unreadable.length === 0) {
      return { status: 'skip', reason: `no agent hooks installed (looked in ${looked.length} settings files, e.g. ${looked[0]}); install one with: ${proxilion()} install <${AGENTS.join('|')}>` };
    }
    const decider = await hookDecider(ctx);
    const ids: string[] = [];
    try {
      const results = await Promise.all(
        installed.map(async (h) => {
          const probe = async (command: string) => {
            const id = probeSessionId();
            ids.push(id);
            return runProcess('/bin/sh', ['-c', h.command], { input: JSON.stringify(PROBE_INPUT[h.agent](id, command, ctx.cwd)), cwd: ctx.cwd, env: ctx.env, signal: ctx.signal });
          };
          const benignRun = await probe('true');
          const problem = benignProblem(h.agent, benignRun) ?? (enforces(decider.mode) ? attackProblem(await probe(ATTACK_PROBES[0])) : undefined);
          return { ...h, problem, benignExit: benignRun.code };
        }),
      );
      const label = (h: Installed) => `${h.agent} (${h.scope}, ${h.file})`;
      const broken = results.filter((r) => r.problem);
      const measured: Record<string, string | number | boolean | null> = { hooks_found: installed.length, decided_by: decider.via, mode: decider.mode ?? null };
      for (const r of results) {
        // one file may hold two of our commands (an old install beside a new one)
        const key = `${r.agent}.${r.scope}`;
        measured[key in measured ? `${key}.${Object.keys(measured).filter((k) => k.startsWith(key)).length + 1}` : key] = r.command;
      }
      if (broken.length > 0) {
        return {
          status: 'fail',
          reason: broken.map((b) => `${label(b)}: the hook command \`${b.command}\` failed: ${b.problem}`).join('; '),
          // exit 2 is every agent's hard block; any other failure is a non-blocking error the call survives
          symptom: broken.some((b) => b.benignExit === DENY_EXIT)
            ? 'the agent refuses every tool call: the hook answers exit 2 to harmless calls too'
            : 'the agent runs tool calls unchecked: it lets a call through when the hook fails with anything but exit 2',
          measured,
          fix: [...new Set(broken.map((b) => reinstall(ctx, b.agent, b.scope)))],
        };
      }
      const partial = results.filter((r) => r.missing.length > 0);
      if (unreadable.length > 0 || partial.length > 0) {
        return {
          status: 'warn',
          reason: [
            ...unreadable.map((u) => `${u.agent} (${u.scope}): cannot read ${u.file}: ${u.problem}`),
            ...partial.map((p) => `${label(p)}: no proxilion hook on ${p.missing.join(', ')}, so those calls are not checked`),
          ].join('; '),
          symptom: 'some agent calls are not checked',
          measured,
          fix: [...new Set([...unreadable.map((u) => `# repair ${u.file}, then: ${reinstall(ctx, u.agent, u.scope)}`), ...partial.map((p) => reinstall(ctx, p.agent, p.scope))])],
        };
      }
      const refused = enforces(decider.mode) ? ' and refused a known attack (exit 2)' : '';
      return {
        status: 'pass',
        reason: `${results.map((r) => `${r.agent} (${r.scope})`).join(', ')}: the installed hook answered a harmless Bash call (exit 0)${refused}, decided by ${decidedBy(decider)}; ${AUDIT_NOTE}`,
        measured,
      };
    } finally {
      await forgetProbes(ctx, decider, ids);
      await decider.client?.close();
    }
  },
};

// ---- integration.shell-hooks ------------------------------------------------------------------

/** The line of the rc block that loads the hook, and the proxilion command in it (see rcBlock). */
const LOAD_LINE: Readonly<Record<ShellName, RegExp>> = {
  bash: /^eval "\$\((.+) hook init bash\)"$/,
  zsh: /^eval "\$\((.+) hook init zsh\)"$/,
  fish: /^(.+) hook init fish \| source$/,
};

/** How to run a line in each shell without its rc files, which would load the hook under test. */
const RUN_ARGS: Readonly<Record<ShellName, { run: string[]; parse: string[] }>> = {
  bash: { run: ['--norc', '--noprofile', '-c'], parse: ['--norc', '--noprofile', '-n'] },
  zsh: { run: ['-f', '-c'], parse: ['-f', '-n'] },
  fish: { run: ['--no-config', '-c'], parse: ['--no-config', '-n'] },
};

type RcBlock = { line: number; command: string } | { line: number; problem: string };

/** proxilion's block in an rc file: the command it loads the hook with, or what is wrong with the block. */
function findRcBlock(shell: ShellName, text: string): RcBlock | undefined {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '').trimEnd());
  const start = lines.indexOf(BLOCK_START);
  if (start < 0) return undefined;
  const end = lines.indexOf(BLOCK_END, start + 1);
  if (end < 0) return { line: start + 1, problem: `"${BLOCK_START}" has no "${BLOCK_END}" after it` };
  for (let i = start + 1; i < end; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = LOAD_LINE[shell].exec(line);
    return m ? { line: i + 1, command: m[1]! } : { line: i + 1, problem: `the block's line \`${line}\` is not the one proxilion writes for ${shell}` };
  }
  return { line: start + 1, problem: 'the block loads nothing' };
}

/** An executable of that name on the PATH the shell would use. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

interface ShellResult {
  shell: ShellName;
  rc: string;
  command?: string;
  problem?: string;
  /** The checker's exit code on a harmless line, when it was not 0. */
  exit?: number | null;
  /** The block itself is malformed: edit the file rather than reinstall. */
  malformed?: boolean;
  parsedBy?: string;
}

async function probeShell(ctx: DoctorContext, shell: ShellName, rc: string, block: RcBlock, decider: Decider, ids: string[]): Promise<ShellResult> {
  if ('problem' in block) return { shell, rc, problem: `${rc}:${block.line}: ${block.problem}`, malformed: true };
  const { command } = block;
  const binary = onPath(shell, ctx.env);
  // the snippet runs the checker in the shell itself; without that shell here, sh reads the same quoting
  const inShell = (line: string) => (binary ? runProcess(binary, [...RUN_ARGS[shell].run, line], { cwd: ctx.cwd, env: ctx.env, signal: ctx.signal }) : runProcess('/bin/sh', ['-c', line], { cwd: ctx.cwd, env: ctx.env, signal: ctx.signal }));
  const check = (line: string) => {
    const id = probeSessionId();
    ids.push(id);
    return inShell(`${command} hook check ${shell} --session ${id} -- ${shellQuote(line)}`);
  };
  const benignRun = await check('true');
  if (benignRun.code !== 0) return { shell, rc, command, exit: benignRun.code, problem: `\`${command} hook check ${shell} … -- true\` ${ended(benignRun)}` };
  if (unchecked(benignRun)) return { shell, rc, command, problem: `the checker ran but could not reach a verdict, so it lets every line run: ${firstLine(benignRun.stderr)}` };
  if (enforces(decider.mode)) {
    const attackRun = await check(ATTACK_PROBES[0]);
    if (attackRun.code !== SHELL_REFUSED_EXIT) return { shell, rc, command, problem: `the checker let \`${ATTACK_PROBES[0]}\` run: it ${ended(attackRun)}` };
  }
  const init = await inShell(`${command} hook init ${shell}`);
  if (init.code !== 0 || init.stdout.trim() === '') return { shell, rc, command, problem: `\`${command} hook init ${shell}\` ${init.code === 0 ? 'printed nothing' : ended(init)}` };
  if (!binary) return { shell, rc, command };
  // a file, not stdin: fish cannot read a script from the socket Node gives a child as its stdin
  const dir = mkdtempSync(join(tmpdir(), 'proxilion-doctor-'));
  let parsed: Ran;
  try {
    const file = join(dir, `hook.${shell}`);
    writeFileSync(file, init.stdout);
    parsed = await runProcess(binary, [...RUN_ARGS[shell].parse, file], { cwd: ctx.cwd, env: ctx.env, signal: ctx.signal });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (parsed.code !== 0) return { shell, rc, command, problem: `${shell} cannot parse the snippet \`${command} hook init ${shell}\` prints: ${ended(parsed)}` };
  return { shell, rc, command, parsedBy: binary };
}

const shellHooks: Check = {
  id: 'integration.shell-hooks',
  group: 'integration',
  title: 'shell hooks are installed and fire',
  timeoutMs: 30_000,
  async run(ctx) {
    const found: Array<{ shell: ShellName; rc: string; block: RcBlock }> = [];
    const looked: string[] = [];
    for (const shell of SHELLS) {
      const rc = defaultRcFile(shell, ctx.home, ctx.env);
      looked.push(rc);
      let text: string;
      try {
        text = readFileSync(rc, 'utf8');
      } catch {
        continue;
      }
      const block = findRcBlock(shell, text);
      if (block) found.push({ shell, rc, block });
    }
    if (found.length === 0) return { status: 'skip', reason: `no shell hooks installed (no proxilion block in ${looked.join(', ')}); install one with: ${proxilion()} hook install <${SHELLS.join('|')}>` };
    const decider = await hookDecider(ctx);
    const ids: string[] = [];
    try {
      const results = await Promise.all(found.map((f) => probeShell(ctx, f.shell, f.rc, f.block, decider, ids)));
      const measured: Record<string, string | number | boolean | null> = { hooks_found: results.length, decided_by: decider.via, mode: decider.mode ?? null };
      for (const r of results) measured[r.shell] = r.command ?? r.rc;
      const broken = results.filter((r) => r.problem);
      if (broken.length > 0) {
        return {
          status: 'fail',
          reason: broken.map((b) => `${b.shell} (${b.rc})${b.command ? `, command \`${b.command}\`` : ''}: ${b.problem}`).join('; '),
          // the snippets read the checker's exit 2 as a refusal and any other failure as "let it run"
          symptom: broken.some((b) => b.exit === SHELL_REFUSED_EXIT)
            ? 'every typed line is stopped: the snippet reads the failing checker\'s exit 2 as a refusal'
            : 'typed lines run unchecked: the snippet lets a line run when its checker fails',
          measured,
          fix: broken.map((b) => (b.malformed ? `# fix or delete the proxilion block in ${b.rc} by hand, then: ${proxilion()} hook install ${b.shell}` : `${proxilion()} hook install ${b.shell}   # rewrites the block in ${b.rc} to this proxilion`)),
        };
      }
      const refused = enforces(decider.mode) ? ` and stopped a known attack (exit ${SHELL_REFUSED_EXIT})` : '';
      const parsed = results.map((r) => (r.parsedBy ? `${r.shell} parses its snippet` : `${r.shell} is not installed here, so its snippet was not parsed`));
      return { status: 'pass', reason: `${results.map((r) => r.shell).join(', ')}: the block's checker allowed \`true\` (exit 0)${refused}, decided by ${decidedBy(decider)}; ${parsed.join(', ')}; ${AUDIT_NOTE}`, measured };
    } finally {
      await forgetProbes(ctx, decider, ids);
      await decider.client?.close();
    }
  },
};

export const INTEGRATION_CHECKS: Check[] = [cors, contentType, agentHooks, shellHooks];
