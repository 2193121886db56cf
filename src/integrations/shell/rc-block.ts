import { isAbsolute, join } from 'node:path';
import type { ShellName } from '../names.js';

export const BLOCK_START = '# >>> proxilion shell hook >>>';
export const BLOCK_END = '# <<< proxilion shell hook <<<';

/** An rc file whose proxilion block cannot be edited safely; `line` is 1-based. */
export class RcBlockError extends Error {
  readonly code = 'E_RC_BLOCK';
  constructor(message: string, readonly line: number) {
    super(message);
    this.name = 'RcBlockError';
  }
}

/** The rc file each shell reads at interactive start-up, under `home` (fish: the XDG config dir). */
export function defaultRcFile(shell: ShellName, home: string, env: NodeJS.ProcessEnv = {}): string {
  switch (shell) {
    case 'bash':
      return join(home, '.bashrc');
    case 'zsh':
      // zsh reads .zshrc from ZDOTDIR when it is set
      return join(env.ZDOTDIR || home, '.zshrc');
    case 'fish': {
      // the XDG spec says a relative XDG_CONFIG_HOME is invalid and is to be ignored
      const xdg = env.XDG_CONFIG_HOME;
      return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'fish', 'config.fish');
    }
  }
}

/** The marked block that loads the hook; `command` is the shell-quoted proxilion command line. */
export function rcBlock(shell: ShellName, command: string): string {
  const load = shell === 'fish' ? `${command} hook init fish | source` : `eval "$(${command} hook init ${shell})"`;
  return [
    BLOCK_START,
    `# checks each typed command line before it runs; remove with: proxilion hook uninstall ${shell}`,
    load,
    BLOCK_END,
  ].join('\n') + '\n';
}

interface Found {
  /** Offsets into the text: the block's first character, and just past its end marker's newline. */
  start: number;
  end: number;
}

/**
 * Finds the one proxilion block. A start marker without an end (or the reverse), a second block, or
 * a nested start is an error naming the line, so a hand-edited file is never half-rewritten.
 */
function findBlock(text: string): Found | undefined {
  let found: Found | undefined;
  let open: { offset: number; line: number } | undefined;
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').trimEnd();
    const lineNo = i + 1;
    const next = offset + raw.length + (i < lines.length - 1 ? 1 : 0);
    if (line === BLOCK_START) {
      if (open) throw new RcBlockError(`a second "${BLOCK_START}" before the block from line ${open.line} was closed`, lineNo);
      if (found) throw new RcBlockError('a second proxilion block: keep one and delete the other', lineNo);
      open = { offset, line: lineNo };
    } else if (line === BLOCK_END) {
      if (!open) throw new RcBlockError(`"${BLOCK_END}" without a "${BLOCK_START}" line before it`, lineNo);
      found = { start: open.offset, end: next };
      open = undefined;
    }
    offset = next;
  });
  if (open) throw new RcBlockError(`"${BLOCK_START}" without a "${BLOCK_END}" line after it`, open.line);
  return found;
}

/**
 * Adds the block at the end, or replaces an existing one in place when it differs. After other text
 * it goes one newline further down (a blank line, or the missing end of the last line), and that
 * newline is what removeRcBlock takes away again, so adding then removing gives back the same bytes.
 */
export function addRcBlock(text: string | undefined, block: string): string {
  const before = text ?? '';
  const found = findBlock(before);
  if (found) return before.slice(0, found.start) + block + before.slice(found.end);
  return before === '' ? block : `${before}\n${block}`;
}

/** Removes the block and the one newline addRcBlock put before it; the text as it was when there is none. */
export function removeRcBlock(text: string): string {
  const found = findBlock(text);
  if (!found) return text;
  const start = found.start > 0 && text[found.start - 1] === '\n' ? found.start - 1 : found.start;
  return text.slice(0, start) + text.slice(found.end);
}
