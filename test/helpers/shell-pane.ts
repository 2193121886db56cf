import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from './cli.js';

export type Shell = 'bash' | 'zsh' | 'fish';

/** Every prompt the panes draw starts with this, so a new one can be counted. */
export const PROMPT = 'PXP>';

/** The proxilion command as an rc file would run it, quoted for sh, bash, zsh and fish alike. */
export const PROXILION = `'${process.execPath}' '${BIN}'`;

export interface PaneOptions {
  shell: Shell;
  mode: 'block' | 'alert' | 'monitor';
  /** rc text before the block `proxilion hook install` adds, and after it. */
  before?: string;
  after?: string;
  /** A running daemon's Unix socket: the hook's fast path (curl to /check/shell) is taken, through this curl. */
  daemon?: { socket: string; curl: string };
}

const PROMPTS: Record<Shell, string> = {
  bash: `PS1='${PROMPT} '; PS2='PXC> '\n`,
  zsh: `PROMPT='${PROMPT} '; PROMPT2='PXC> '; RPROMPT=; bindkey -e\n`,
  fish: `function fish_greeting; end\nfunction fish_prompt; printf '${PROMPT} '; end\n`,
};

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * A real interactive shell in a tmux pane of its own (one tmux server each, so panes can start in
 * parallel), with HOME in a temp dir whose rc file got the hook from `proxilion hook install`. The
 * checker runs in-process (no daemon), with its own SQLite session file.
 */
export class ShellPane {
  readonly dir: string;
  private readonly socket: string;

  private constructor(readonly shell: Shell, private readonly tmuxPath: string) {
    this.dir = mkdtempSync(join(tmpdir(), `px-shell-${shell}-`));
    // in the pane's own dir, so it goes with it
    this.socket = join(this.dir, 'tmux.sock');
  }

  static async start(tmuxPath: string, shellPath: string, opts: PaneOptions): Promise<ShellPane> {
    const pane = new ShellPane(opts.shell, tmuxPath);
    const home = pane.dir;
    const bin = join(home, 'bin');
    mkdirSync(bin);
    // the test lines download nothing: curl answers at once as if the host did not; the hook's own
    // requests to the daemon (over its socket) go to the real curl, and are counted in curl-fast.log
    const fast = opts.daemon ? `case " $* " in *" --unix-socket "*) printf . >> ${sq(join(home, 'curl-fast.log'))}; exec ${sq(opts.daemon.curl)} "$@" ;; esac\n` : '';
    writeFileSync(join(bin, 'curl'), `#!/bin/sh\n${fast}exit 7\n`);
    chmodSync(join(bin, 'curl'), 0o755);

    const rc = { bash: join(home, '.bashrc'), zsh: join(home, '.zshrc'), fish: join(home, '.config', 'fish', 'config.fish') }[opts.shell];
    mkdirSync(join(home, '.config', 'fish'), { recursive: true });
    // fish's first start builds completions from every man page in the background: not here
    writeFileSync(join(home, '.config', 'fish', 'fish_variables'), '# VERSION: 3.0\nSETUVAR __fish_initialized:3400\n');
    writeFileSync(join(home, '.zshenv'), 'skip_global_compinit=1\n');
    writeFileSync(rc, PROMPTS[opts.shell] + (opts.before ?? ''));
    const install = spawnSync(process.execPath, [BIN, 'hook', 'install', opts.shell], { env: { ...process.env, HOME: home, XDG_CONFIG_HOME: '', ZDOTDIR: '' }, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`hook install ${opts.shell} exited ${install.status}: ${install.stderr}`);
    if (opts.after) writeFileSync(rc, readFileSync(rc, 'utf8') + opts.after);

    const env: Record<string, string> = {
      HOME: home,
      PATH: `${bin}:/usr/bin:/bin`,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      NO_COLOR: '1',
      MODE: opts.mode,
      SESSION_DB: join(home, 'sessions.db'),
      // nothing listens on the discard port, so the checker decides in-process
      LISTEN_ADDR: '127.0.0.1:9',
      // two cores shared by several shells and their checkers: a slow verdict must not turn into fail-open
      PROXILION_HOOK_BUDGET_MS: '30000',
      ZDOTDIR: home,
      // on a loaded machine curl's 1 s may run out: the checker it falls back to must then still reach the daemon
      ...(opts.daemon ? { PROXILION_SOCKET: opts.daemon.socket, PROXILION_HOOK_DAEMON_TIMEOUT_MS: '20000' } : {}),
    };
    const argv = opts.shell === 'bash' ? [shellPath, '--noprofile', '--rcfile', rc, '-i'] : [shellPath, '-i'];
    const command = ['env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv].map(sq).join(' ');
    pane.tmux('new-session', '-d', '-x', '200', '-y', '50', '-c', home, '-s', 'main', command);
    try {
      // a shell that dies leaves its last screen to read
      pane.tmux('set-option', '-w', '-t', 'main:', 'remain-on-exit', 'on');
      await pane.waitFor(() => pane.prompts() >= 1, 'the first prompt');
    } catch (e) {
      await pane.close();
      throw e;
    }
    return pane;
  }

  private tmux(...args: string[]): string {
    return execFileSync(this.tmuxPath, ['-S', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  /** The whole pane, scrollback included, with wrapped lines joined. */
  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'main:').split('\n').map((l) => l.trimEnd()).join('\n').trim();
  }

  prompts(): number {
    return this.screen().split('\n').filter((l) => l.startsWith(PROMPT)).length;
  }

  async waitFor(ok: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`${this.shell}: waited ${timeoutMs} ms for ${what}; the pane shows:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Types a line and the key that accepts it, then waits until the shell is back at a prompt. */
  async submit(line: string, key = 'Enter'): Promise<void> {
    const before = this.prompts();
    this.tmux('send-keys', '-t', 'main:', 'C-u');
    this.tmux('send-keys', '-t', 'main:', '-l', line);
    this.tmux('send-keys', '-t', 'main:', key);
    await this.waitFor(() => this.prompts() > before && this.atPrompt(), `a prompt after ${JSON.stringify(line)}`);
  }

  /** Types text with no key after it (the first lines of a command continued over several). */
  type(text: string, key: string): void {
    this.tmux('send-keys', '-t', 'main:', '-l', text);
    this.tmux('send-keys', '-t', 'main:', key);
  }

  private atPrompt(): boolean {
    const lines = this.screen().split('\n');
    return lines[lines.length - 1]!.startsWith(PROMPT);
  }

  exists(name: string): boolean {
    return existsSync(join(this.dir, name));
  }

  read(name: string): string {
    return existsSync(join(this.dir, name)) ? readFileSync(join(this.dir, name), 'utf8') : '';
  }

  /** Ends the shell and waits for it to be gone before removing its HOME (bash saves its history on the way out). */
  async close(): Promise<void> {
    let pid = 0;
    try {
      pid = Number(this.tmux('display-message', '-p', '-t', 'main:', '#{pane_pid}').trim());
    } catch {
      // the tmux server is gone already
    }
    spawnSync(this.tmuxPath, ['-S', this.socket, 'kill-server']);
    const deadline = Date.now() + 5000;
    while (pid > 0 && Date.now() < deadline && alive(pid)) await new Promise((r) => setTimeout(r, 20));
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
