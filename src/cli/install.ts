import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { AGENT_SETTINGS, type Scope } from '../integrations/agent-settings/index.js';
import { installHook, JsoncProblem, uninstallHook, type Outcome } from '../integrations/agent-settings/engine.js';
import { FileEditError, planEdit } from '../integrations/file-edit.js';
import { backupLine, say, writeOrShow } from './edit-output.js';
import { proxilionCommand } from '../integrations/launcher.js';
import { AGENTS, isAgent } from '../integrations/names.js';
import { EXIT } from './exit.js';

export interface AgentInstallOptions {
  project?: boolean;
  user?: boolean;
  dryRun?: boolean;
}

/** `proxilion install|uninstall <agent>`: adds or removes the hook in the agent's settings file. */
export function runAgentInstall(verb: 'install' | 'uninstall', agent: string, opts: AgentInstallOptions): number {
  if (!isAgent(agent)) {
    say(`unknown agent "${agent}"; choose one of ${AGENTS.join(', ')}`);
    return EXIT.usage;
  }
  if (opts.project && opts.user) {
    say('--project and --user exclude each other: choose the one settings file to edit');
    return EXIT.usage;
  }
  const scope: Scope = opts.user ? 'user' : 'project';
  const settings = AGENT_SETTINGS[agent];
  // absolute, so the messages and the diff name the file whatever CLAUDE_CONFIG_DIR or CODEX_HOME hold
  const path = resolve(settings.file(scope, { cwd: process.cwd(), home: process.env.HOME || homedir(), env: process.env }));
  const command = `${proxilionCommand()} hook ${agent}`;

  // set by the transform below, which TypeScript cannot see run
  let outcome = 'unchanged' as Outcome;
  let missing = false as boolean;
  try {
    const plan = planEdit(path, (text) => {
      if (text === undefined) missing = true;
      if (verb === 'uninstall' && text === undefined) return '';
      try {
        const edit = verb === 'install' ? installHook(settings, text, command) : uninstallHook(settings, text!);
        outcome = edit.outcome;
        return edit.text;
      } catch (e) {
        if (e instanceof JsoncProblem) throw new FileEditError(`${path}:${e.line}:${e.column}: ${e.message}. The file was not changed.`);
        throw e;
      }
    });

    if (verb === 'uninstall' && missing) {
      say(`${path} does not exist; there is no ${settings.label} hook to remove`);
      return EXIT.allow;
    }
    if (!plan.changed) {
      say(verb === 'install'
        ? `the ${settings.label} hook is already installed in ${path}; nothing changed${opts.dryRun ? ' (dry run)' : ''}`
        : `${path} has no proxilion hook; nothing to remove${opts.dryRun ? ' (dry run)' : ''}`);
      if (verb === 'install' && settings.afterInstall) say(settings.afterInstall);
      return EXIT.allow;
    }
    const result = writeOrShow(plan, opts.dryRun);
    if (!result) return EXIT.allow;
    if (verb === 'uninstall') say(`removed the ${settings.label} hook from ${path}`);
    else if (missing) say(`created ${path} with the ${settings.label} hook (${settings.covers})`);
    else if (outcome === 'updated') say(`updated the ${settings.label} hook in ${path}: it pointed at another proxilion command`);
    else say(`added the ${settings.label} hook to ${path} (${settings.covers})`);
    if (verb === 'install') say(`hook command: ${command}`);
    say(backupLine(result));
    if (verb === 'install' && settings.afterInstall) say(settings.afterInstall);
    return EXIT.allow;
  } catch (e) {
    if (e instanceof FileEditError) {
      say(e.message);
      return EXIT.internal;
    }
    throw e;
  }
}
