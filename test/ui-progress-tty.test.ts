import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const TMUX = ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)].map((d) => join(d, 'tmux')).find((p) => existsSync(p));

/** Why the real-terminal tests do not run here, or undefined when they do; on CI a missing tmux fails them instead. */
const tmuxSkipReason = TMUX || process.env.CI === 'true' ? undefined : 'tmux is not installed (apt-get install tmux); the real-terminal progress tests are skipped';
if (tmuxSkipReason) console.warn(tmuxSkipReason);

// Under node_modules so the bundle's bare imports of ink and react resolve to the project's copies.
const cache = join(ROOT, 'node_modules', '.cache');
let dir = '';
let demo = '';

beforeAll(async () => {
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(join(cache, 'px-ui-progress-'));
  demo = join(dir, 'progress-demo.mjs');
  await build({
    entryPoints: [join(ROOT, 'test/fixtures/ui/progress-demo.ts')],
    outfile: demo,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    external: ['ink', 'react'],
    logLevel: 'warning',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('progress on a pipe', () => {
  it('draws nothing', () => {
    const out = execFileSync('sh', ['-c', `"${process.execPath}" "${demo}" 2>&1 | cat`], { encoding: 'utf8', env: { ...process.env, HOLD_MS: '200' } });
    expect(out).toBe('demo done\n');
  });
});

describe.skipIf(!!tmuxSkipReason)('progress on a terminal (tmux, 120 columns)', () => {
  const socket = `px-ui-progress-${process.pid}`;
  // ink draws only the last frame when it sees CI set, and the panes must not inherit the colour settings of the test run
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['CI', 'CONTINUOUS_INTEGRATION', 'TMUX', 'NO_COLOR', 'FORCE_COLOR'].includes(k)));
  const tmux = (...args: string[]) => execFileSync(TMUX!, ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env });
  const capture = (session: string) => tmux('capture-pane', '-p', '-e', '-t', session);
  const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

  async function until(session: string, wanted: string): Promise<string> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const screen = capture(session);
      if (plain(screen).includes(wanted)) return screen;
      if (Date.now() > deadline) throw new Error(`the pane never showed ${JSON.stringify(wanted)}; it shows:\n${plain(screen)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Runs the demo in a new 120x30 pane that stays open after it ends, so its last screen can be read. */
  function start(session: string, extraEnv = '') {
    tmux('new-session', '-d', '-x', '120', '-y', '30', '-s', session, `${extraEnv} "${process.execPath}" "${demo}"; sleep 60`);
  }

  beforeAll(() => {
    if (!TMUX) throw new Error('tmux is not installed, and CI=true requires the real-terminal progress tests to run: install it (apt-get install tmux)');
  });
  afterAll(() => {
    spawnSync(TMUX!, ['-L', socket, 'kill-server'], { env });
  });

  it('draws a live bar, then leaves only the final line', async () => {
    start('live');
    const live = plain(await until('live', '40%'));
    expect(live).toContain(`${'█'.repeat(12)}${'░'.repeat(18)}  40%  1/3 files  1.2K lines`);
    expect(live).toContain('2 flagged  transcripts/session-two.jsonl');

    const lines = plain(await until('live', 'demo done')).split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${'█'.repeat(30)} 100%  3/3 files  3K lines \\([\\d.]+K?/s\\)  200 calls  5 flagged  \\S*session-three\\.jsonl$`));
    expect(lines[1]).toBe('demo done');
  });

  it('colours the bar, and not with NO_COLOR set', async () => {
    start('colour');
    start('plain', 'NO_COLOR=1');
    expect(await until('colour', '40%')).toContain('\x1b[36m█');
    expect(await until('plain', '40%')).not.toMatch(/\x1b\[(3\d|2)m/);
  });
});
