import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binariesSkipReason, requireBinaries } from './helpers/binaries.js';
import { BIN } from './helpers/cli.js';

/** Why the real-terminal test does not run here, or undefined when it does (on CI a missing tmux fails it). */
const skipReason = binariesSkipReason(['tmux'], 'the real-terminal doctor checklist tests');

const dir = mkdtempSync(join(tmpdir(), 'px-doctor-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment of a fresh user: nothing set that would change the configuration, no colour settings, not CI. */
const env: Record<string, string> = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !['CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'NO_COLOR', 'FORCE_COLOR'].includes(k))),
  HOME: dir,
  XDG_STATE_HOME: join(dir, 'state'),
  MODE: '',
  SESSION_STORE: '',
  SESSION_DB: '',
  LISTEN_ADDR: '',
  PROXILION_SOCKET: '',
  POLICY_FILE: '',
};
const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const DOCTOR = `${sq(process.execPath)} ${sq(BIN)} doctor --only deployment.config`;

describe('proxilion doctor on a pipe', () => {
  it('prints the text report and draws nothing', () => {
    const r = spawnSync('sh', ['-c', `${DOCTOR} | cat`], { encoding: 'utf8', env });
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stdout.split('\n')).toEqual([
      expect.stringMatching(/^proxilion doctor \S+: gateway http:\/\/127\.0\.0\.1:8787\/$/),
      '',
      'deployment',
      expect.stringMatching(/^ {2}✔ configuration is valid \(deployment\.config\): mode monitor, /),
      '',
      '1 passed, 0 warnings, 0 failed, 0 skipped',
      '',
    ]);
  });
});

describe.skipIf(!!skipReason)('proxilion doctor on a terminal (tmux, 100x30)', () => {
  const socket = `px-doctor-tty-${process.pid}`;
  let tmuxPath = '';
  const tmux = (...args: string[]) => execFileSync(tmuxPath, ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env });

  beforeAll(() => {
    tmuxPath = requireBinaries(['tmux'], 'the real-terminal doctor checklist tests').tmux!;
  });
  afterAll(() => {
    if (tmuxPath) spawnSync(tmuxPath, ['-L', socket, 'kill-server'], { env });
  });

  async function until(wanted: string): Promise<string> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-e', '-t', 'doctor');
      if (plain(screen).includes(wanted)) return screen;
      if (Date.now() > deadline) throw new Error(`the pane never showed ${JSON.stringify(wanted)}; it shows:\n${plain(screen)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('draws the ink checklist, which ends as the coloured report', async () => {
    const raw = join(dir, 'pane.raw');
    // the command waits for a key, so that every byte it writes is recorded from the first
    tmux('new-session', '-d', '-x', '100', '-y', '30', '-s', 'doctor', `read go; ${DOCTOR}; echo "exit $?"; sleep 60`);
    tmux('pipe-pane', '-o', '-t', 'doctor', `cat > ${sq(raw)}`);
    tmux('send-keys', '-t', 'doctor', 'Enter');

    const screen = await until('exit 0');
    const lines = plain(screen).split('\n').map((l) => l.trimEnd());
    const start = lines.findIndex((l) => l.startsWith('proxilion doctor '));
    expect(lines.slice(start, start + 7)).toEqual([
      expect.stringMatching(/^proxilion doctor \S+: gateway http:\/\/127\.0\.0\.1:8787\/$/),
      '',
      'deployment',
      expect.stringMatching(/^ {2}✔ configuration is valid \(deployment\.config\): mode monitor, /),
      '',
      '1 passed, 0 warnings, 0 failed, 0 skipped',
      'exit 0',
    ]);
    expect(screen).toContain('\x1b[32m✔');

    // what only ink writes, and the plain report never does: the cursor hidden while it draws, and shown again
    const bytes = readFileSync(raw, 'latin1');
    expect(bytes).toContain('\x1b[?25l');
    expect(bytes).toContain('\x1b[?25h');
  });
});
