import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bashScript, describeProgram, fishScript, zshScript } from '../src/cli/completion-gen.js';
import { run } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const FILES = { bash: 'proxilion.bash', zsh: '_proxilion', fish: 'proxilion.fish' } as const;
const script = (shell: keyof typeof FILES) => join(ROOT, 'completions', FILES[shell]);

// Same rule as the Redis and tmux tests (test/helpers/redis.ts, test/ui-progress-tty.test.ts): a
// missing binary skips with a printed reason locally, and fails the tests on CI.
function findBinary(name: string): string | undefined {
  return ['/usr/bin', '/bin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)].map((d) => join(d, name)).find((p) => existsSync(p));
}
function skipReason(name: string, binary: string | undefined): string | undefined {
  const reason = binary || process.env.CI === 'true' ? undefined : `${name} is not installed (apt-get install ${name}); the ${name} completion tests are skipped`;
  if (reason) console.warn(reason);
  return reason;
}
const BASH = findBinary('bash');
const ZSH = findBinary('zsh');
const FISH = findBinary('fish');
const TMUX = findBinary('tmux');
const required = (binary: string | undefined, name: string): string => {
  if (!binary) throw new Error(`${name} is not installed, and CI=true requires the ${name} completion tests to run: install it (apt-get install ${name})`);
  return binary;
};

// A directory with known entries, so file-name completion has a fixed answer.
let work = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'px-completions-'));
  writeFileSync(join(work, 'alpha.jsonl'), '');
  writeFileSync(join(work, 'alpine.log'), '');
  mkdirSync(join(work, 'beta'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('checked-in completion scripts', () => {
  it.each(Object.keys(FILES) as Array<keyof typeof FILES>)('completions/%s matches `proxilion completion`', (shell) => {
    const r = run(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout, `completions/${FILES[shell]} differs from \`proxilion completion ${shell}\`: run \`npm run completions\` and commit the result`).toBe(readFileSync(script(shell), 'utf8'));
  });
});

describe('the model read from commander', () => {
  const demo = () => {
    const p = new Command('demo');
    p.command('visible').alias('vis').option('-q, --quiet', 'say less').addOption(new Option('--secret', 'internal').hideHelp()).addOption(new Option('--level [n]', 'optional value').choices(['1', '2']));
    p.command('ghost', { hidden: true });
    const nested = p.command('outer').description('has subcommands');
    nested.command('inner').addArgument(new Argument('<where>', 'a place').choices(['here', 'there'])).argument('[files...]', 'inputs');
    return p;
  };

  it('skips hidden commands and options, keeps aliases, and gives the implicit help command its siblings', () => {
    const spec = describeProgram(demo());
    expect(spec.commands.map((c) => c.name)).toEqual(['visible', 'outer', 'help']);
    const visible = spec.commands[0]!;
    expect(visible.aliases).toEqual(['vis']);
    expect(visible.options.map((o) => o.long)).toEqual(['--quiet', '--level', '--help']);
    expect(visible.options[1]!.value).toMatchObject({ optional: true, choices: ['1', '2'] });
    const inner = spec.commands[1]!.commands[0]!;
    expect(inner.path).toEqual(['outer', 'inner']);
    expect(inner.args).toMatchObject([{ name: 'where', choices: ['here', 'there'], required: true }, { name: 'files', files: true, variadic: true }]);
    expect(spec.commands[2]!.args[0]!.choices).toEqual(['visible', 'outer']);
  });

  it('refuses a choice that a shell script could not offer as one word', () => {
    const p = new Command('demo');
    p.command('x').addOption(new Option('--mode <m>').choices(['fast', 'very slow']));
    expect(() => bashScript(p)).toThrow(/"very slow" of demo x --mode is not a plain word/);
  });

  it('is deterministic', () => {
    for (const gen of [bashScript, zshScript, fishScript]) expect(gen(demo())).toBe(gen(demo()));
  });
});

const bashSkip = skipReason('bash', BASH);
describe.skipIf(!!bashSkip)('bash', () => {
  /** COMPREPLY for each line, completed at its end, as bash's programmable completion would call the function. */
  function complete(...lines: string[]): string[][] {
    const calls = lines.map((line) => {
      const words = line.split(' ');
      return `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMP_LINE='${line}'; COMP_POINT=\${#COMP_LINE}; COMPREPLY=(); _proxilion; printf '%s\\n' "\${COMPREPLY[*]}"`;
    });
    const out = execFileSync(required(BASH, 'bash'), ['--norc', '--noprofile', '-c', `source '${script('bash')}'\n${calls.join('\n')}`], { cwd: work, encoding: 'utf8' });
    return out.split('\n').slice(0, lines.length).map((l) => (l ? l.split(' ').sort() : []));
  }

  it('registers the function for proxilion', () => {
    const out = execFileSync(required(BASH, 'bash'), ['--norc', '--noprofile', '-c', `source '${script('bash')}' && complete -p proxilion`], { encoding: 'utf8' });
    expect(out.trim()).toBe('complete -F _proxilion proxilion');
  });

  it('completes subcommands, option values, argument choices and file names', () => {
    const [sc, format, formatEq, formatEqJ, hook, hookInstall, install, options, files, output, help, tool] = complete(
      'proxilion sc',
      'proxilion scan --format ',
      'proxilion scan --format = ',
      'proxilion scan --format = j',
      'proxilion hook ',
      'proxilion hook install ',
      'proxilion install ',
      'proxilion scan --fo',
      'proxilion scan --format json ',
      'proxilion scan -o alp',
      'proxilion help ',
      'proxilion analyze --tool n',
    );
    expect(sc).toEqual(['scan']);
    expect(format).toEqual(['json', 'junit', 'ndjson', 'sarif', 'text']);
    expect(formatEq).toEqual(format);
    expect(formatEqJ).toEqual(['json', 'junit']);
    expect(hook).toEqual(expect.arrayContaining(['claude-code', 'cursor', 'check', 'init', 'install', 'uninstall']));
    // the shell argument of `hook install`, not the agent argument of the top-level `install`
    expect(hookInstall).toEqual(['bash', 'fish', 'zsh']);
    expect(install).toEqual(['claude-code', 'codex', 'cursor', 'gemini', 'mcp']);
    expect(options).toEqual(['--format', '--format-in']);
    // the value after --format is consumed, so the next word is a path operand
    expect(files).toEqual(['alpha.jsonl', 'alpine.log', 'beta']);
    expect(output).toEqual(['alpha.jsonl', 'alpine.log']);
    expect(help).toContain('scan');
    expect(help).not.toContain('help');
    expect(tool).toEqual(['network']);
  });

  it('offers nothing where nothing is known, and no options after --', () => {
    const [line, afterDashes] = complete('proxilion hook check bash ', 'proxilion hook check bash -- -');
    expect(line).toEqual([]);
    expect(afterDashes).toEqual([]);
  });
});

const fishSkip = skipReason('fish', FISH);
describe.skipIf(!!fishSkip)('fish', () => {
  /** `complete -C` for each line: the candidates, without their descriptions. */
  function complete(line: string): string[] {
    const out = execFileSync(required(FISH, 'fish'), ['--no-config', '-c', `source '${script('fish')}'; complete -C '${line}'`], { cwd: work, encoding: 'utf8', env: { ...process.env, HOME: work } });
    return out.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!).sort();
  }

  it('completes option values with their description', () => {
    const out = execFileSync(required(FISH, 'fish'), ['--no-config', '-c', `source '${script('fish')}'; complete -C 'proxilion scan --format '`], { cwd: work, encoding: 'utf8', env: { ...process.env, HOME: work } });
    expect(out.split('\n').filter(Boolean).sort()).toEqual(['json', 'junit', 'ndjson', 'sarif', 'text'].map((f) => `${f}\toutput format`));
  });

  it('completes subcommands by command path, argument choices and file names', () => {
    expect(complete('proxilion sc')).toEqual(['scan']);
    expect(complete('proxilion hook ')).toEqual(expect.arrayContaining(['claude-code', 'check', 'install']));
    expect(complete('proxilion hook install ')).toEqual(['bash', 'fish', 'zsh']);
    expect(complete('proxilion install ')).toEqual(['claude-code', 'codex', 'cursor', 'gemini', 'mcp']);
    expect(complete('proxilion hook install --')).toEqual(['--dry-run', '--help', '--rc-file']);
    expect(complete('proxilion scan --format json al')).toEqual(['alpha.jsonl', 'alpine.log']);
    expect(complete('proxilion scan --format=j')).toEqual(['--format=json', '--format=junit']);
    // an operand already given: nothing more to offer
    expect(complete('proxilion completion zsh ')).toEqual([]);
  });
});

const zshSkip = skipReason('zsh', ZSH);
describe.skipIf(!!zshSkip)('zsh', () => {
  let home = '';
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'px-zsh-'));
    writeFileSync(join(home, '.zshrc'), `PS1='READY> '\nautoload -Uz compinit && compinit -u -d '${home}/.zcompdump'\nsource '${script('zsh')}'\n`);
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('loads under compinit without an error and registers _proxilion', () => {
    const r = spawnSync(required(ZSH, 'zsh'), ['-f', '-c', `autoload -Uz compinit; compinit -u -d '${home}/.zcompdump-c'; source '${script('zsh')}'; print -r -- $_comps[proxilion]; whence -w _proxilion_hook_install`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('_proxilion\n_proxilion_hook_install: function\n');
  });

  const tmuxSkip = skipReason('tmux', TMUX);
  describe.skipIf(!!tmuxSkip)('completing in an interactive zsh (tmux)', () => {
    const socket = `px-completions-${process.pid}`;
    let n = 0;
    const tmux = (...args: string[]) => execFileSync(required(TMUX, 'tmux'), ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    // killing the last session stops the server, and a new-session racing that exit fails: keep one
    beforeAll(() => tmux('new-session', '-d', '-s', 'keep', 'sleep 600'));
    afterAll(() => {
      if (TMUX) spawnSync(TMUX, ['-L', socket, 'kill-server']);
    });

    /** Polls the pane until `check` holds; capture-pane drops trailing blanks, so the cursor column tells where the line ends. */
    async function until(session: string, check: (screen: string, cursorX: number) => boolean, what: string): Promise<string> {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const screen = tmux('capture-pane', '-p', '-t', session);
        if (check(screen, Number(tmux('display-message', '-p', '-t', session, '#{cursor_x}')))) return screen;
        if (Date.now() > deadline) throw new Error(`the pane never showed ${what}; it shows:\n${screen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }

    /** Types `line` into a fresh interactive zsh, presses Tab, and returns the screen once `wanted` holds. */
    async function tab(line: string, wanted: RegExp | ((screen: string, cursorX: number) => boolean)): Promise<string> {
      const session = `z${n++}`;
      const env = `env -i HOME='${home}' ZDOTDIR='${home}' TERM=xterm PATH=/usr/bin:/bin`;
      tmux('new-session', '-d', '-x', '200', '-y', '40', '-c', work, '-s', session, `${env} '${required(ZSH, 'zsh')}' -i`);
      await until(session, (s) => s.includes('READY>'), 'the prompt');
      tmux('send-keys', '-t', session, '-l', '--', line);
      tmux('send-keys', '-t', session, 'Tab');
      const screen = await until(session, typeof wanted === 'function' ? wanted : (s) => wanted.test(s), String(wanted));
      tmux('kill-session', '-t', session);
      return screen;
    }

    /** The line now reads `text` followed by a space: the word was completed, not just extended. */
    const completedTo = (text: string) => (screen: string, cursorX: number) => screen.split('\n').some((l) => l === text) && cursorX === text.length + 1;

    it('completes a subcommand on the line', async () => {
      await tab('proxilion sc', completedTo('READY> proxilion scan'));
    });

    it('lists option values, argument choices by command path, and described subcommands', async () => {
      expect(await tab('proxilion scan --format ', /ndjson/)).toMatch(/json +junit +ndjson +sarif +text/);
      expect(await tab('proxilion hook install ', /bash/)).toMatch(/^bash +fish +zsh *$/m);
      const hook = await tab('proxilion hook ', /uninstall/);
      expect(hook).toMatch(/^claude-code +-- the Claude Code PreToolUse hook/m);
      expect(hook).toMatch(/^install +-- add the pre-exec hook/m);
      const options = await tab('proxilion analyze --op', /--operation/);
      // escaped colons in the description come out as plain colons
      expect(options).toContain('filesystem: read|write|delete|list|create');
    });

    it('completes file names where an option takes a path', async () => {
      await tab('proxilion scan -o alph', completedTo('READY> proxilion scan -o alpha.jsonl'));
    });
  });
});
