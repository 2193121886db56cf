import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { FileEditError, planEdit } from '../integrations/file-edit.js';
import { backupLine, say, writeOrShow } from './edit-output.js';
import { proxilionCommand } from '../integrations/launcher.js';
import { isShell, SHELLS, type ShellName } from '../integrations/names.js';
import { bashHook } from '../integrations/shell/bash.js';
import { fishHook } from '../integrations/shell/fish.js';
import { addRcBlock, BLOCK_START, defaultRcFile, rcBlock, RcBlockError, removeRcBlock } from '../integrations/shell/rc-block.js';
import { zshHook } from '../integrations/shell/zsh.js';
import { EXIT } from './exit.js';

const HOOKS: Readonly<Record<ShellName, (command: string) => string>> = { bash: bashHook, zsh: zshHook, fish: fishHook };


/** The snippet for one shell, calling this proxilion: what `proxilion hook init <shell>` prints. */
export function shellHookSnippet(shell: ShellName, command: string = proxilionCommand()): string {
  return HOOKS[shell](command);
}

/** `proxilion hook init <shell>`: prints the snippet the rc file evaluates. */
export function runShellInit(shell: string): number {
  if (!isShell(shell)) {
    say(`unknown shell "${shell}"; choose one of ${SHELLS.join(', ')}`);
    return EXIT.usage;
  }
  process.stdout.write(shellHookSnippet(shell));
  return EXIT.allow;
}

export interface RcEditOptions {
  rcFile?: string;
  dryRun?: boolean;
}

/** `proxilion hook install|uninstall <shell>`: adds or removes the marked block in the shell's rc file. */
export function runShellRcEdit(verb: 'install' | 'uninstall', shell: string, opts: RcEditOptions): number {
  if (!isShell(shell)) {
    say(`unknown shell "${shell}"; choose one of ${SHELLS.join(', ')}`);
    return EXIT.usage;
  }
  if (opts.rcFile !== undefined && opts.rcFile.trim() === '') {
    say('--rc-file needs a file name');
    return EXIT.usage;
  }
  const path = opts.rcFile !== undefined ? resolve(opts.rcFile) : defaultRcFile(shell, process.env.HOME || homedir(), process.env);
  const block = rcBlock(shell, proxilionCommand());
  const dry = opts.dryRun ? ' (dry run)' : '';

  let missing = false as boolean;
  let replaced = false as boolean;
  try {
    const plan = planEdit(path, (text) => {
      missing = text === undefined;
      try {
        if (verb === 'uninstall') return text === undefined ? '' : removeRcBlock(text);
        const after = addRcBlock(text, block);
        replaced = text !== undefined && text.includes(BLOCK_START) && after !== text;
        return after;
      } catch (e) {
        if (e instanceof RcBlockError) throw new FileEditError(`${path}:${e.line}: ${e.message}. The file was not changed.`);
        throw e;
      }
    });

    if (verb === 'uninstall' && missing) {
      say(`${path} does not exist; there is no ${shell} hook to remove`);
      return EXIT.allow;
    }
    if (!plan.changed) {
      say(verb === 'install' ? `the ${shell} hook is already in ${path}; nothing changed${dry}` : `${path} has no proxilion shell hook; nothing to remove${dry}`);
      return EXIT.allow;
    }
    const result = writeOrShow(plan, opts.dryRun);
    if (!result) return EXIT.allow;
    if (verb === 'uninstall') say(`removed the ${shell} hook from ${path}; shells started from now on are not checked (in an open one: __proxilion_unhook)`);
    else if (replaced) say(`updated the ${shell} hook in ${path}: it pointed at another proxilion command`);
    else say(`${missing ? 'created' : 'added the hook to'} ${path}${missing ? ' with the hook' : ''}: new ${shell} shells check each typed line (in this one: source ${path})`);
    say(backupLine(result));
    return EXIT.allow;
  } catch (e) {
    if (e instanceof FileEditError) {
      say(e.message);
      return EXIT.internal;
    }
    throw e;
  }
}
