import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { shellQuote } from '../../../engine/toolcall.js';
import { SHELLS, type ShellName } from '../../../integrations/names.js';
import { BLOCK_END, BLOCK_START, defaultRcFile } from '../../../integrations/shell/rc-block.js';
import type { Check, DoctorContext } from '../../types.js';
import { ATTACK_PROBES, probeSessionId, proxilion } from '../detection.js';
import { type Ran, runProcess, ended, unchecked, type Decider, hookDecider, forgetProbes, enforces, decidedBy, AUDIT_NOTE, firstLine } from './hooks-shared.js';

/** `hook check` stops a line with exit 2: node itself exits 1 when it crashes or cannot find the launcher. */
const SHELL_REFUSED_EXIT = 2;


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

export const shellHooks: Check = {
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
