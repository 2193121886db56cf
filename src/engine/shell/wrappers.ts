import { table } from '../knowledge/table.js';
import type { InlineScript } from './types.js';
/**
 * Commands that run another command given in their argv. Each entry says which options take a
 * value, so the wrapped command is found exactly rather than guessed from the first non-dash word.
 */
export interface WrapperSpec {
  /** Options that consume the next argv entry (or the rest of the same entry when attached). */
  valued: readonly string[];
  /** Positional operands to skip before the command (timeout's duration, chroot's root…). */
  operands?: number;
  /** Runs the command with elevated privileges. */
  elevates?: boolean;
  /** Options after which no command follows (`command -v` only looks a name up). */
  noExec?: readonly string[];
  /** Leading NAME=VALUE words are environment assignments (env). */
  assignments?: boolean;
  /** The remaining argv is one shell string rather than an argv (watch, `script -c`). */
  joinsAsScript?: boolean;
  /** Subcommands (the first operand) after which a command follows; with any other, nothing runs. */
  runsAfter?: readonly string[];
  /** The interpreter a script in command position runs under (`uv run -`, `uv run app.py` run Python). */
  scripts?: string;
}

/** Slurm's options that take a value, short and long, as srun and salloc share them. */
const SLURM_VALUED = ['-p', '-N', '-n', '-t', '-J', '-A', '-c', '-w', '-x', '-o', '-e', '-i', '-q', '-C', '-G', '-D', '-d', '-M', '-L', '-m', '-r', '-T', '-W', '--partition', '--nodes', '--ntasks', '--time', '--job-name', '--account', '--cpus-per-task', '--nodelist', '--exclude', '--output', '--error', '--input', '--qos', '--constraint', '--gpus', '--gres', '--mem', '--mem-per-cpu', '--mem-per-gpu', '--ntasks-per-node', '--chdir', '--dependency', '--reservation', '--mpi', '--export', '--cpu-bind', '--distribution', '--licenses', '--cluster', '--clusters', '--comment', '--gpus-per-node', '--gpus-per-task'];
/** Open MPI's, MPICH's and Intel MPI's options that take a value. */
const MPI_VALUED = ['-n', '-np', '-c', '-H', '--host', '-hostfile', '--hostfile', '-machinefile', '-f', '-ppn', '--map-by', '--bind-to', '--rank-by', '-x', '--mca', '-wdir', '--wdir', '-npernode', '--npernode', '-env'];
/** Apptainer's and Singularity's options that take a value. */
const APPTAINER_VALUED = ['-B', '--bind', '--env', '--env-file', '-H', '--home', '--overlay', '-o', '--pwd', '-W', '--workdir', '-S', '--scratch', '--security', '--network', '--network-args', '--mount', '--app', '--apply-cgroups', '--hostname', '--dns'];

export const WRAPPERS: Readonly<Record<string, WrapperSpec>> = table({
  sudo: { valued: ['-u', '-g', '-p', '-C', '-h', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--prompt', '--chdir', '--host', '--role', '--type', '--other-user', '--close-from', '--command-timeout'], elevates: true, assignments: true, noExec: ['-l', '-v', '-k', '-K', '-V', '--list', '--validate', '--version'] },
  doas: { valued: ['-u', '-C'], elevates: true },
  pkexec: { valued: ['--user'], elevates: true },
  run0: { valued: ['-u', '--user', '--chdir', '-D'], elevates: true },
  runuser: { valued: ['-u', '-g', '-G', '--user', '--group'], elevates: true },
  env: { valued: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'], assignments: true },
  command: { valued: [], noExec: ['-v', '-V'] },
  builtin: { valued: [] },
  exec: { valued: ['-a'] },
  nohup: { valued: [] },
  setsid: { valued: [] },
  nice: { valued: ['-n', '--adjustment'] },
  ionice: { valued: ['-c', '-n', '-t', '--class', '--classdata'] },
  renice: { valued: ['-n'] },
  timeout: { valued: ['-s', '-k', '--signal', '--kill-after'], operands: 1 },
  stdbuf: { valued: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  unbuffer: { valued: [] },
  time: { valued: ['-f', '-o', '--format', '--output'] },
  chroot: { valued: ['--userspec', '--groups'], operands: 1, elevates: true },
  flock: { valued: ['-w', '-E', '--timeout', '--conflict-exit-code'], operands: 1 },
  taskset: { valued: [], operands: 1 },
  chrt: { valued: [], operands: 1 },
  caffeinate: { valued: ['-t', '-w'] },
  firejail: { valued: [] },
  torsocks: { valued: ['-a', '-P', '-u', '-p', '--address', '--port', '--user', '--pass'] },
  torify: { valued: [] },
  proxychains: { valued: ['-f'] },
  proxychains4: { valued: ['-f'] },
  tsocks: { valued: [] },
  strace: { valued: ['-o', '-e', '-p', '-s', '-u', '-E'] },
  ltrace: { valued: ['-o', '-e', '-p', '-s', '-u'] },
  'systemd-run': { valued: ['-p', '--property', '-u', '--unit', '--description', '--slice', '-E', '--setenv', '--uid', '--gid', '--on-active', '--on-calendar', '--on-boot', '--on-unit-active', '--working-directory', '-M', '--machine'] },
  xargs: { valued: ['-I', '-i', '-n', '-P', '-L', '-l', '-d', '-s', '-a', '-E', '-e', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--replace', '--max-lines', '--max-chars', '--eof', '--process-slot-var'] },
  parallel: { valued: ['-j', '-P', '--jobs', '-S', '--sshlogin', '-a', '--arg-file', '-d', '--delimiter', '-n', '--max-args', '-N', '--results', '--joblog', '--timeout', '--delay', '-I', '--tmpdir', '--workdir', '--colsep', '-C'] },
  watch: { valued: ['-n', '-d', '--interval', '--differences'], joinsAsScript: true },
  // detached sessions run their command after the agent's call returns; screen's `-dmS NAME` cluster ends in a valued -S
  screen: { valued: ['-S', '-dmS', '-dS', '-mS', '-DmS', '-c', '-e', '-h', '-p', '-T', '-t', '-Logfile'] },
  // `tmux new -d -s NAME 'cmd'`: after the subcommand, the rest is one shell string; keys sent to a pane
  // (`send-keys -t 0 'cmd' Enter`) are typed into the shell running there, its Enter kept as a last word
  tmux: { valued: ['-s', '-n', '-c', '-t', '-x', '-y', '-e', '-F', '-f', '-L', '-S'], operands: 1, joinsAsScript: true, runsAfter: ['send-keys', 'send', 'new', 'new-session', 'new-window', 'neww', 'split-window', 'splitw', 'respawn-pane', 'respawnp', 'respawn-window', 'respawnw', 'run-shell', 'run'] },
  // a project's environment runs the command after its verb: `uv run ruff check`, `poetry run pytest`, `bundle exec fastlane beta`
  uv: { valued: ['--with', '--with-requirements', '--python', '-p', '--project', '--directory', '--env-file', '--extra', '--group', '--package', '--index', '--from'], operands: 1, runsAfter: ['run'], scripts: 'python' },
  poetry: { valued: ['-C', '--directory', '-P', '--project'], operands: 1, runsAfter: ['run'] },
  pipenv: { valued: [], operands: 1, runsAfter: ['run'] },
  pdm: { valued: ['-p', '--project'], operands: 1, runsAfter: ['run'] },
  rye: { valued: [], operands: 1, runsAfter: ['run'] },
  hatch: { valued: ['-e', '--env'], operands: 1, runsAfter: ['run'] },
  bundle: { valued: ['--gemfile'], operands: 1, runsAfter: ['exec'] },
  chronic: { valued: [] },
  catchsegv: { valued: [] },
  numactl: { valued: ['-C', '-N', '-m', '-i', '-p', '--physcpubind', '--cpunodebind', '--membind', '--interleave', '--preferred'] },
  setpriv: { valued: ['--reuid', '--regid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits', '--selinux-label', '--apparmor-profile'] },
  // programs that run the program they are given, under another personality, a log, a checker or namespaces
  setarch: { valued: [], operands: 1 },
  linux32: { valued: [] },
  linux64: { valued: [] },
  logsave: { valued: [], operands: 1 },
  valgrind: { valued: [] },
  unshare: { valued: ['-S', '-G', '--setuid', '--setgid', '--map-user', '--map-group', '-w', '--wd', '-R', '--root', '--propagation'] },
  // Windows' Subsystem for Linux runs the command it is given in the distribution (`wsl.exe -u root -e sh -c '…'`);
  // its management options run nothing
  wsl: { valued: ['-d', '--distribution', '-u', '--user', '--cd'], noExec: ['-l', '--list', '--install', '--export', '--import', '--import-in-place', '--unregister', '--shutdown', '--status', '--update', '-s', '--set-default', '--set-version', '--set-default-version', '-t', '--terminate', '--mount', '--unmount', '--manage', '--help', '-v', '--version'] },
  // cmd's `call %a%%b% …` runs the command its words name
  call: { valued: [] },
  // a cluster's scheduler runs the command on the nodes it allocates: `srun -p gpu -N1 cmd`, `mpirun -np 4 cmd`,
  // and a container image's shell runs it inside the image, the user's home and project directories bound in
  srun: { valued: SLURM_VALUED },
  salloc: { valued: SLURM_VALUED },
  mpirun: { valued: MPI_VALUED },
  mpiexec: { valued: MPI_VALUED },
  apptainer: { valued: APPTAINER_VALUED, operands: 2, runsAfter: ['exec'] },
  singularity: { valued: APPTAINER_VALUED, operands: 2, runsAfter: ['exec'] },
});

/**
 * Tools whose subcommand runs the command that follows `--` now: `ray job submit … -- python train.py`. (An agent's
 * `mcp add NAME -- npx …` registers a server instead, which PX-PROMPT-008 reads as such.)
 */
const LAUNCHES_AFTER_DASHES: Readonly<Record<string, readonly string[]>> = table({ ray: ['job', 'submit'] });
/** Tools whose subcommand hands the words after `--` to a shell on another machine, as ssh does: a codespace's. */
const SHELL_AFTER_DASHES: Readonly<Record<string, readonly string[]>> = table({ gh: ['codespace', 'ssh'] });

export interface Unwrapped {
  /** The wrapped argv, or empty when the wrapper runs nothing (sudo -v, a bare `nohup`). */
  argv: string[];
  /** Index into the original argv where the wrapped command starts. */
  offset: number;
  assignments: Array<{ name: string; value: string }>;
  /** `env -S "…"` and `watch …` hand a whole string to be split or run as a script. */
  script?: string;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * A Windows command line made readable by the shell parser: backslashes are path separators there, so they are
 * doubled; and a PowerShell's `-Command` takes the rest of the line as its script, so the rest is quoted as one word.
 */
function windowsLine(line: string): string {
  // (at the line's start, or as a later statement of it: `set p=x&& call powershell -c …`)
  const start = PS_STATEMENT.exec(line.slice(0, 65536));
  const at = start ? start.index + start[0].length : -1;
  const ps = at < 0 ? null : PS_COMMAND.exec(line.slice(at));
  if (ps && !/^["']/.test(ps[2]!)) return (line.slice(0, at) + ps[1]!).replace(/\\/g, '\\\\') + `'${ps[2]!.replace(/'/g, `'\\''`)}'`;
  return line.replace(/\\/g, '\\\\');
}
/** Where a statement that starts a PowerShell begins: the line's start, or after `&`, `&&`, `|` and a `call`. */
const PS_STATEMENT = /(?:^|[&|]\s{0,8})(?:call\s{1,8})?(?=["']?(?:[^\s"'&|]{0,200}[\\/])?(?:powershell|pwsh)(?:\.exe)?["']?\s)/i;
/** A PowerShell's name and switches up to `-Command`, then its script. */
const PS_COMMAND = /^(\s*["']?(?:[^\s"']*[\\/])?(?:powershell|pwsh)(?:\.exe)?["']?(?:\s+[-/][a-z]{1,20}(?:\s+(?:hidden|bypass|unrestricted|normal|minimized))?){0,6}?\s+[-/](?:c|command)\s+)(.+)$/is;

/** The values cmd gives its standard variables, for the substrings obfuscated lines take of them (`%COMSPEC:~-16,1%` is `s`). */
const CMD_VARIABLES: Readonly<Record<string, string>> = { COMSPEC: 'C:\\WINDOWS\\system32\\cmd.exe', SYSTEMROOT: 'C:\\WINDOWS', WINDIR: 'C:\\WINDOWS', PROGRAMFILES: 'C:\\Program Files', PUBLIC: 'C:\\Users\\Public', PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC' };

/** `%VAR:~start,length%` of a standard variable, as cmd takes the substring (negative start from the end). */
function cmdExpanded(word: string): string {
  return word.replace(/%([A-Za-z]{2,16}):~(-?\d{1,3})(?:,(-?\d{1,3}))?%/g, (whole, name: string, from: string, len?: string) => {
    const value = CMD_VARIABLES[name.toUpperCase()];
    if (value === undefined) return whole;
    const start = Number(from) < 0 ? Math.max(0, value.length + Number(from)) : Number(from);
    const rest = value.slice(start);
    if (len === undefined) return rest;
    return Number(len) < 0 ? rest.slice(0, Math.max(0, rest.length + Number(len))) : rest.slice(0, Number(len));
  });
}

/**
 * Variables a cmd line sets and then uses (`set a=wbad&& set b=min&& call %a%%b% delete catalog`): each `%NAME%`
 * after its `set` takes the value, as cmd expands a `call`'s words. At most 16 names, each value 256 characters.
 */
function cmdVariablesSet(words: string[]): string[] {
  const line = words.join(' ');
  const values = new Map<string, string>();
  for (const m of line.slice(0, 8192).matchAll(/(?:^|&)\s{0,8}set\s{1,8}"?([A-Za-z_]\w{0,31})=([^&"]{0,256})/gi)) if (values.size < 16) values.set(m[1]!.toUpperCase(), m[2]!.trimEnd());
  if (values.size === 0) return words;
  return words.map((w) => w.replace(/%([A-Za-z_]\w{0,31})%/g, (whole, n: string) => values.get(n.toUpperCase()) ?? whole));
}

export function unwrap(name: string, argv: string[]): Unwrapped | undefined {
  // `forfiles /p DIR /m MASK /c "cmd /c …"` runs its /c command line for each file it finds
  if (name === 'forfiles') {
    const at = argv.findIndex((a, k) => k > 0 && /^\/\/?c$/i.test(a));
    return at < 0 || at + 1 >= argv.length ? undefined : { argv: [], offset: at + 1, assignments: [], script: windowsLine(argv[at + 1]!) };
  }
  // Windows' cmd (run from WSL: `cmd.exe /c "…"`) runs the rest of its line as one, `^` escaping the next character
  if (name === 'cmd') {
    // (Git Bash users write `cmd //c`, so that the shell leaves the switch alone)
    const at = argv.findIndex((a, k) => k > 0 && /^\/\/?[ck]$/i.test(a));
    if (at < 0) return undefined;
    // one quoted string is the line as written (read by windowsLine); several words are quoted back so that each
    // stays one word, single quotes keeping their backslashes
    const rest = cmdVariablesSet(argv.slice(at + 1).map((w) => cmdExpanded(w.replace(/\^(.)/g, '$1'))));
    if (rest.length === 0) return { argv: [], offset: at + 1, assignments: [] };
    return { argv: [], offset: at + 1, assignments: [], script: rest.length === 1 ? windowsLine(rest[0]!) : rest.map((w) => (/^[\w./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ') };
  }
  // `wmic process call create "…"` starts that command line on this machine (with /node:, on another: not followed)
  if (name === 'wmic') {
    const at = argv.findIndex((a, k) => a.toLowerCase() === 'create' && argv[k - 1]?.toLowerCase() === 'call' && argv[k - 2]?.toLowerCase() === 'process');
    if (at < 0 || at + 1 >= argv.length || argv.some((a) => /^\/node:/i.test(a))) return undefined;
    return { argv: [], offset: at + 1, assignments: [], script: windowsLine(argv.slice(at + 1).join(' ')) };
  }
  // a command given after `--` to a tool that runs it: a Ray cluster's job, an MCP server an agent registers
  const sub = LAUNCHES_AFTER_DASHES[name];
  if (sub && sub.every((w, k) => argv[k + 1] === w)) {
    const at = argv.indexOf('--');
    return at < 0 ? undefined : { argv: argv.slice(at + 1), offset: at + 1, assignments: [] };
  }
  const remote = SHELL_AFTER_DASHES[name];
  if (remote && remote.every((w, k) => argv[k + 1] === w)) {
    const at = argv.indexOf('--');
    return at < 0 || at + 1 >= argv.length ? undefined : { argv: [], offset: at + 1, assignments: [], script: argv.slice(at + 1).join(' ') };
  }
  // pip run as the interpreter's module is pip: `python3 -m pip install …`, `python -m pipx run …`
  if (interpreterFamily(name) === 'python') {
    const at = argv.indexOf('-m');
    return at > 0 && PIP_MODULES.has(argv[at + 1] ?? '') && argv.slice(1, at).every((w) => w.startsWith('-')) ? { argv: argv.slice(at + 1), offset: at + 1, assignments: [] } : undefined;
  }
  const spec = WRAPPERS[name];
  if (!spec) return undefined;
  const assignments: Unwrapped['assignments'] = [];
  let i = 1;
  let operands = spec.operands ?? 0;
  while (i < argv.length) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (spec.noExec?.includes(a)) return { argv: [], offset: argv.length, assignments };
    if (a.startsWith('-') && a.length > 1) {
      if ((a === '-S' || a === '--split-string') && name === 'env') {
        return { argv: [], offset: i, assignments, script: argv.slice(i + 1).join(' ') };
      }
      if (name === 'env' && a.startsWith('-S') && a.length > 2) {
        return { argv: [], offset: i, assignments, script: [a.slice(2), ...argv.slice(i + 1)].join(' ') };
      }
      const eq = a.indexOf('=');
      const flag = eq > 0 ? a.slice(0, eq) : a;
      if (spec.valued.includes(flag)) {
        i += eq > 0 ? 1 : 2;
        continue;
      }
      // short option with its value attached (`-uroot`, `-I{}`, `-n19`)
      if (!a.startsWith('--') && spec.valued.includes(a.slice(0, 2))) { i++; continue; }
      if (name === 'nice' && /^-\d+$/.test(a)) { i++; continue; }
      i++;
      continue;
    }
    if (spec.assignments && ASSIGNMENT.test(a)) {
      const eq = a.indexOf('=');
      assignments.push({ name: a.slice(0, eq), value: a.slice(eq + 1) });
      i++;
      continue;
    }
    if (operands > 0) {
      // (the subcommand is the first operand; the rest, an image's name, are what it acts on)
      if (spec.runsAfter && operands === (spec.operands ?? 0) && !spec.runsAfter.includes(a)) return { argv: [], offset: argv.length, assignments };
      operands--;
      i++;
      continue;
    }
    break;
  }
  const rest = argv.slice(i);
  // (the interpreter stands where the verb was, so each word keeps its own place: offset one back)
  if (spec.scripts && (rest[0] === '-' || /\.py$/.test(rest[0] ?? ''))) return { argv: [spec.scripts, ...rest], offset: i - 1, assignments };
  if (spec.joinsAsScript) return rest.length ? { argv: [], offset: i, assignments, script: rest.join(' ') } : { argv: [], offset: i, assignments };
  return { argv: rest, offset: i, assignments };
}

/** Package managers Python runs as modules under their own command's name. */
const PIP_MODULES: ReadonlySet<string> = new Set(['pip', 'pip3', 'pipx']);

/** Shells whose `-c STRING`, stdin or heredoc is a script. */
export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'rbash', 'pdksh', 'yash', 'busybox-sh']);

export const INTERPRETERS: Readonly<Record<string, { lang: InlineScript['lang']; flags: readonly string[] }>> = table({
  python: { lang: 'python', flags: ['-c'] },
  perl: { lang: 'perl', flags: ['-e', '-E'] },
  ruby: { lang: 'ruby', flags: ['-e'] },
  node: { lang: 'node', flags: ['-e', '--eval', '-p', '--print'] },
  nodejs: { lang: 'node', flags: ['-e', '--eval', '-p', '--print'] },
  deno: { lang: 'node', flags: ['eval'] },
  bun: { lang: 'node', flags: ['-e', '--eval'] },
  php: { lang: 'php', flags: ['-r'] },
  lua: { lang: 'lua', flags: ['-e'] },
  tclsh: { lang: 'tcl', flags: [] },
  rscript: { lang: 'r', flags: ['-e'] },
  r: { lang: 'r', flags: ['-e'] },
  swift: { lang: 'swift', flags: ['-e'] },
  julia: { lang: 'julia', flags: ['-e', '--eval'] },
  // expect is Tcl with its own commands; Groovy and jshell run JVM code from an option or standard input
  expect: { lang: 'tcl', flags: ['-c'] },
  groovy: { lang: 'jvm', flags: ['-e'] },
  jshell: { lang: 'jvm', flags: [] },
  // the JDK's JavaScript engines, with Java's classes in reach (`java.net.Socket`, `java.lang.ProcessBuilder`)
  jrunscript: { lang: 'node', flags: ['-e'] },
  jjs: { lang: 'node', flags: [] },
});

/** Interpreters whose one-liners the view does not unpack, but which run code all the same. */
const OTHER_INTERPRETERS = new Set(['pwsh', 'powershell']);

/** Every command name that runs a script language (`python3.11` included). */
export function isInterpreterName(name: string): boolean {
  return interpreterFamily(name) in INTERPRETERS || OTHER_INTERPRETERS.has(name);
}

/** The interpreter names as commands are usually typed, for rule prefilters. */
export const INTERPRETER_COMMANDS: readonly string[] = [...Object.keys(INTERPRETERS), 'python2', 'python3', ...OTHER_INTERPRETERS];

/** `python3.11` → `python`, `perl5.36` → `perl`; other names unchanged. */
export function interpreterFamily(name: string): string {
  const m = /^(python|perl|ruby|php|lua|node)[0-9.]*$/.exec(name);
  return m ? m[1]! : name;
}
