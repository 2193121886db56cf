import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { shellQuote } from '../../../engine/toolcall.js';
import { AGENT_SETTINGS, type AgentSettings, type Scope } from '../../../integrations/agent-settings/index.js';
import { DENY_EXIT } from '../../../integrations/agents/types.js';
import { isProxilionHookCommand } from '../../../integrations/launcher.js';
import { AGENTS, type AgentName } from '../../../integrations/names.js';
import type { Check, DoctorContext } from '../../types.js';
import { ATTACK_PROBES, probeSessionId, proxilion } from '../detection.js';
import { type Ran, runProcess, ended, unchecked, hookDecider, forgetProbes, enforces, decidedBy, AUDIT_NOTE, firstLine } from './hooks-shared.js';

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


/** The install command that rewrites one hook in place, for the scope it was found in. */
function reinstall(ctx: DoctorContext, agent: AgentName, scope: Scope): string {
  return scope === 'user' ? `${proxilion()} install ${agent} --user` : `cd ${shellQuote(ctx.cwd)} && ${proxilion()} install ${agent}`;
}

export const agentHooks: Check = {
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
