import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addRcBlock, BLOCK_END, BLOCK_START, defaultRcFile, rcBlock, RcBlockError, removeRcBlock } from '../src/integrations/shell/rc-block.js';
import { run } from './helpers/cli.js';

const CMD = "'/usr/bin/node' '/opt/proxilion/bin/proxilion'";
const BASH_BLOCK = rcBlock('bash', CMD);

describe('the rc block', () => {
  it('loads the hook through the absolute proxilion command, in each shell\'s own way', () => {
    expect(BASH_BLOCK).toBe(`${BLOCK_START}\n# checks each typed command line before it runs; remove with: proxilion hook uninstall bash\neval "$(${CMD} hook init bash)"\n${BLOCK_END}\n`);
    expect(rcBlock('zsh', CMD)).toContain(`eval "$(${CMD} hook init zsh)"\n`);
    expect(rcBlock('fish', CMD)).toContain(`\n${CMD} hook init fish | source\n`);
  });

  // [the rc file before, after adding the block]; removing it again must give back the same bytes
  const cases: Array<[string, string | undefined, string]> = [
    ['a missing file', undefined, BASH_BLOCK],
    ['an empty file', '', BASH_BLOCK],
    ['a file ending in a newline', 'alias ll="ls -l"\n', `alias ll="ls -l"\n\n${BASH_BLOCK}`],
    ['a last line with no newline', 'export A=1', `export A=1\n${BASH_BLOCK}`],
    ['CRLF line ends', 'export A=1\r\n', `export A=1\r\n\n${BASH_BLOCK}`],
  ];
  for (const [name, before, after] of cases) {
    it(`adds it at the end of ${name}, and takes exactly that away again`, () => {
      expect(addRcBlock(before, BASH_BLOCK)).toBe(after);
      expect(removeRcBlock(after)).toBe(before ?? '');
    });
  }

  it('changes nothing when the same block is there, and replaces a different one where it stands', () => {
    const text = `# mine\n\n${BASH_BLOCK}\n# after it\n`;
    expect(addRcBlock(text, BASH_BLOCK)).toBe(text);
    const moved = rcBlock('bash', "'/usr/local/bin/node' '/srv/proxilion/bin/proxilion'");
    expect(addRcBlock(text, moved)).toBe(`# mine\n\n${moved}\n# after it\n`);
  });

  it('leaves a file without a block as it is on removal', () => {
    expect(removeRcBlock('export A=1\n')).toBe('export A=1\n');
  });

  const broken: Array<[string, string, number]> = [
    ['a start marker with no end', `a\n${BLOCK_START}\neval x\n`, 2],
    ['an end marker with no start', `a\nb\n${BLOCK_END}\n`, 3],
    ['two blocks', `${BASH_BLOCK}${BASH_BLOCK}`, 5],
    ['a start inside a block', `${BLOCK_START}\n${BLOCK_START}\n${BLOCK_END}\n`, 2],
  ];
  for (const [name, text, line] of broken) {
    it(`refuses ${name}, naming line ${line}`, () => {
      for (const edit of [() => addRcBlock(text, BASH_BLOCK), () => removeRcBlock(text)]) {
        const e = (() => {
          try {
            edit();
          } catch (err) {
            return err;
          }
        })();
        expect(e).toBeInstanceOf(RcBlockError);
        expect((e as RcBlockError).line).toBe(line);
      }
    });
  }

  it('defaults to the file each shell reads, under HOME, ZDOTDIR and XDG_CONFIG_HOME', () => {
    expect(defaultRcFile('bash', '/h')).toBe('/h/.bashrc');
    expect(defaultRcFile('zsh', '/h')).toBe('/h/.zshrc');
    expect(defaultRcFile('zsh', '/h', { ZDOTDIR: '/z' })).toBe('/z/.zshrc');
    expect(defaultRcFile('fish', '/h')).toBe('/h/.config/fish/config.fish');
    expect(defaultRcFile('fish', '/h', { XDG_CONFIG_HOME: '/x' })).toBe('/x/fish/config.fish');
    // a relative XDG_CONFIG_HOME is invalid by the spec and ignored
    expect(defaultRcFile('fish', '/h', { XDG_CONFIG_HOME: 'rel' })).toBe('/h/.config/fish/config.fish');
  });
});

describe('proxilion hook install|uninstall <shell>', () => {
  let home = '';
  const hook = (args: string[], env: Record<string, string> = {}) => run(['hook', ...args], { env: { HOME: home, XDG_CONFIG_HOME: '', ZDOTDIR: '', ...env } });
  const backups = (dir: string) => readdirSync(dir).filter((f) => f.includes('.proxilion-') && f.endsWith('.bak'));

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'px-rc-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('adds the block once, backs the file up first, and uninstall gives back the original bytes', () => {
    const rc = join(home, '.bashrc');
    const original = '# my bashrc\nexport EDITOR=vi';
    writeFileSync(rc, original);

    const first = hook(['install', 'bash']);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`added the hook to ${rc}`);
    const installed = readFileSync(rc, 'utf8');
    expect(installed.startsWith(`${original}\n${BLOCK_START}\n`)).toBe(true);
    expect(installed).toMatch(/eval "\$\('?\/\S+'? '?\/\S+\/bin\/proxilion'? hook init bash\)"\n/);
    expect(backups(home).map((b) => readFileSync(join(home, b), 'utf8'))).toEqual([original]);

    const again = hook(['install', 'bash']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('already in');
    expect(readFileSync(rc, 'utf8')).toBe(installed);
    expect(backups(home)).toHaveLength(1);

    expect(hook(['uninstall', 'bash']).code).toBe(0);
    expect(readFileSync(rc, 'utf8')).toBe(original);
    const none = hook(['uninstall', 'bash']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('has no proxilion shell hook');
  });

  it('creates the fish config under XDG_CONFIG_HOME, and zsh\'s under ZDOTDIR', () => {
    const xdg = join(home, 'xdg');
    expect(hook(['install', 'fish'], { XDG_CONFIG_HOME: xdg }).code).toBe(0);
    expect(readFileSync(join(xdg, 'fish', 'config.fish'), 'utf8')).toMatch(/hook init fish \| source\n/);
    const zdot = join(home, 'zdot');
    mkdirSync(zdot);
    expect(hook(['install', 'zsh'], { ZDOTDIR: zdot }).code).toBe(0);
    expect(existsSync(join(zdot, '.zshrc'))).toBe(true);
    expect(existsSync(join(home, '.zshrc'))).toBe(false);
  });

  it('writes through a symlinked rc file, leaving the link in place', () => {
    const dotfiles = join(home, 'dotfiles');
    mkdirSync(dotfiles);
    writeFileSync(join(dotfiles, 'zshrc'), 'setopt autocd\n');
    symlinkSync(join(dotfiles, 'zshrc'), join(home, '.zshrc'));
    expect(hook(['install', 'zsh']).code).toBe(0);
    expect(lstatSync(join(home, '.zshrc')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(home, '.zshrc'))).toBe(join(dotfiles, 'zshrc'));
    expect(readFileSync(join(dotfiles, 'zshrc'), 'utf8')).toContain(BLOCK_START);
  });

  it('--dry-run prints the diff and writes nothing; --rc-file picks another file', () => {
    const other = join(home, 'other.sh');
    writeFileSync(other, 'x=1\n');
    const dry = hook(['install', 'bash', '--rc-file', other, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`+${BLOCK_START}`);
    expect(dry.stderr).toContain('nothing was written');
    expect(readFileSync(other, 'utf8')).toBe('x=1\n');
    expect(existsSync(join(home, '.bashrc'))).toBe(false);
    expect(hook(['install', 'bash', '--rc-file', other]).code).toBe(0);
    expect(readFileSync(other, 'utf8')).toContain(BLOCK_START);
  });

  it('refuses a broken block with exit 70, naming the file and line, and does not touch the file', () => {
    const rc = join(home, '.bashrc');
    const text = `export A=1\n${BLOCK_START}\neval "$(proxilion hook init bash)"\n`;
    writeFileSync(rc, text);
    for (const verb of ['install', 'uninstall']) {
      const r = hook([verb, 'bash']);
      expect(r.code).toBe(70);
      expect(r.stderr).toContain(`${rc}:2: "${BLOCK_START}" without a "${BLOCK_END}" line after it. The file was not changed.`);
      expect(readFileSync(rc, 'utf8')).toBe(text);
    }
    expect(backups(home)).toEqual([]);
  });

  it('exits 64 on an unknown shell or an empty --rc-file, and init prints the snippet', () => {
    expect(hook(['install', 'tcsh']).code).toBe(64);
    expect(hook(['install', 'bash', '--rc-file', '']).code).toBe(64);
    expect(hook(['init', 'tcsh']).code).toBe(64);
    const init = hook(['init', 'zsh']);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/^# proxilion shell hook for zsh/);
    expect(init.stdout).toMatch(/\n  \S+ \S+ hook check zsh --session "\$__proxilion_session" --request-id "\$rid" -- "\$1"\n\}/);
  });
});
