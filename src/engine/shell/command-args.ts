/** What a command's argv says it will run: `sh -c` scripts, ssh remote commands, one-liner code, xargs and find. */
import type { SimpleCommand } from './types.js';
import { WINDOWS_ADMIN_TOOLS } from './names.js';
import { charCodes } from './decoders.js';
import { shellQuote } from '../toolcall.js';
import { imageProgram } from '../knowledge/programs.js';
import { shellfsCommands } from '../knowledge/sql-tokens.js';
import { inPlace, sedExecs } from './sed-script.js';
import { table } from '../knowledge/table.js';

/** find predicates that select among the files under the start paths. */
export const FIND_FILTERS = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-regex', '-iregex', '-type', '-newer', '-mtime', '-mmin', '-atime', '-ctime', '-size', '-user', '-group', '-perm', '-empty', '-links', '-inum', '-samefile', '-xtype', '-readable', '-writable', '-executable']);

/**
 * The files a find selects, as globs over its start paths narrowed by its `-name`s: `find ~/.ssh -type f`
 * selects ~/.ssh/*, `find / -name '*.pem'` every .pem file under /. What `-exec … {}` and `| xargs` are given.
 */
export function findSelection(find: SimpleCommand): string[] {
  const a = find.argv;
  const roots: string[] = [];
  for (let i = 1; i < a.length && roots.length < 8 && !a[i]!.startsWith('-') && a[i] !== '(' && a[i] !== '!'; i++) roots.push(a[i]!.replace(/\/+$/, '') || '/');
  const leaves = a.flatMap((w, k) => (k > 0 && (a[k - 1] === '-name' || a[k - 1] === '-iname') && w.length < 256 ? [w] : []));
  const out: string[] = [];
  for (const r of roots.length ? roots : ['.']) {
    const dir = r === '/' ? '' : r;
    for (const leaf of leaves.length ? leaves : ['*']) out.push(leaves.length ? `${dir}/**/${leaf}` : `${dir}/*`);
  }
  return out.slice(0, 8);
}

/**
 * The names `ls` prints: a glob or `-d` lists its operands as written (`ls ~/.ss?/id_* | xargs -I{} …` hands
 * over the matching key files), a directory its entries' bare names (`ls ~/.aws | xargs -I% cat ~/.aws/%`).
 * Long listings print more than names.
 */
export function lsSelection(ls: SimpleCommand): string[] | undefined {
  const flags = ls.argv.slice(1).filter((w) => w.startsWith('-'));
  if (flags.some((f) => !f.startsWith('--') && /[lgnos]/.test(f))) return undefined;
  const listsItself = flags.some((f) => !f.startsWith('--') && f.includes('d')) || flags.includes('--directory');
  const ops = ls.argv.slice(1).filter((w) => !w.startsWith('-')).slice(0, 8);
  return ops.length === 0 ? undefined : ops.map((o) => (listsItself || /[*?[]/.test(o) ? o : '*'));
}

/** Scripts `npm pkg set scripts.NAME=…` and `npm set-script NAME …` give a package: name and command line. */
export function packageScripts(a: readonly string[]): Array<[string, string]> {
  if (a[1] === 'pkg' && a[2] === 'set') return a.slice(3).filter((w) => w.startsWith('scripts.') && w.includes('=')).map((w) => [w.slice(8, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
  if (a[1] === 'set-script' && a[3] !== undefined) return [[a[2]!, a[3]]];
  return [];
}

/** The argv xargs builds: input words appended, or each `-I` placeholder replaced with the first line. */
export function xargsApply(options: string[], argv: string[], input: string): string[] {
  let replace: string | undefined;
  let delimiter: string | undefined;
  for (let i = 1; i < options.length; i++) {
    const o = options[i]!;
    // `-0` takes items ended by NUL, so text without one is a single argument: `… | base64 -d | xargs -0 sh -c`
    if (o === '--null' || /^-[rtx]*0[rtx]*$/.test(o)) delimiter = '\0';
    else if (o === '-d' || o === '--delimiter') delimiter = unescapeDelimiter(options[i + 1]);
    else if (o.startsWith('--delimiter=')) delimiter = unescapeDelimiter(o.slice(12));
    else if (/^-d./.test(o)) delimiter = unescapeDelimiter(o.slice(2));
    if (o === '-I' || o === '--replace') replace = options[i + 1];
    else if (o.startsWith('-I')) replace = o.slice(2);
    else if (o === '-i' || o === '--replace=') replace = '{}';
    else if (o.startsWith('--replace=')) replace = o.slice(10);
  }
  if (replace) {
    const line = input.split('\n').find((l) => l.trim()) ?? '';
    return argv.map((a) => a.split(replace!).join(line.trim()));
  }
  const items = delimiter ? input.split(delimiter).slice(0, 64) : input.split(/[ \t\n]+/).filter(Boolean).slice(0, 64);
  return [...argv, ...items.filter((x) => x !== '')];
}

const unescapeDelimiter = (d: string | undefined) => (d === '\\n' ? '\n' : d === '\\t' ? '\t' : d === '\\0' ? '\0' : d?.[0]);

/** `sh -s -- a b` (also `bash -es a`): the shell reads its script from stdin, and these words are its $1, $2…; else undefined. */
export function stdinScriptArgs(argv: readonly string[]): string[] | undefined {
  let s = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return s ? argv.slice(i + 1) : undefined;
    if (/^-[a-zA-Z]+$/.test(a)) { if (a.includes('s') && !a.includes('c')) s = true; continue; }
    return s ? argv.slice(i) : undefined;
  }
  return s ? [] : undefined;
}

/** Options of cp, mv and install that take a value (`install -m 644 -o root -g root a b`), which is not a file. */
const COPY_VALUED: Readonly<Record<string, ReadonlySet<string>>> = { install: new Set(['-m', '-o', '-g', '-S', '-t']), cp: new Set(['-S', '-t']), mv: new Set(['-S', '-t']) };

/**
 * A copy's sources and destination, and the destination's index in argv; `-t DIR` or a destination ending in
 * `/` (or given three operands or more) puts each source into that directory.
 */
export function copyOperands(name: string, argv: readonly string[]): { sources: string[]; dest: string; destIndex: number; intoDirectory: boolean } | undefined {
  const valued = COPY_VALUED[name];
  const ops: number[] = [];
  let target: number | undefined;
  for (let k = 1; k < argv.length && ops.length < 512; k++) {
    const w = argv[k]!;
    if (w === '--') { for (let j = k + 1; j < argv.length && ops.length < 512; j++) ops.push(j); break; }
    if (valued?.has(w)) { if (w === '-t' && k + 1 < argv.length) target = k + 1; k++; continue; }
    if (!w.startsWith('-')) ops.push(k);
  }
  const words = (xs: number[]) => xs.map((k) => argv[k]!);
  if (target !== undefined) return ops.length ? { sources: words(ops), dest: argv[target]!, destIndex: target, intoDirectory: true } : undefined;
  if (ops.length < 2) return undefined;
  const destIndex = ops[ops.length - 1]!;
  const dest = argv[destIndex]!;
  return { sources: words(ops.slice(0, -1)), dest, destIndex, intoDirectory: dest.endsWith('/') || ops.length > 2 };
}

/** `install -d a b` (`-dm755`, `--directory`) makes directories, as mkdir does; without it, install copies its operands to the last. */
export const installMakesDirectories = (argv: readonly string[]): boolean => argv.some((x) => x === '--directory' || /^-[a-zA-Z]*d/.test(x));

/** The script of `sh -c SCRIPT`, also `bash -lc`, `bash -x -c`, `zsh -ic`. */
export function shellCommandString(argv: string[]): string | undefined {
  let hasC = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return hasC ? argv[i + 1] : undefined;
    if ((a.startsWith('-') || a.startsWith('+')) && a.length > 1 && !a.startsWith('--')) {
      if (a.slice(1).includes('c')) hasC = true;
      if (a === '-o' || a === '+o' || a === '-O' || a === '+O') i++;
      continue;
    }
    if (a.startsWith('--')) continue;
    return hasC ? a : undefined;
  }
  return undefined;
}

export function firstOperand(args: string[]): string | undefined {
  for (const a of args) {
    if (a === '-' || a === '/dev/stdin') return undefined;
    if (!a.startsWith('-')) return a;
  }
  return undefined;
}

export function optionValue(argv: string[], names: string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (names.includes(a)) return argv[i + 1];
    for (const n of names) if (n.startsWith('--') && a.startsWith(n + '=')) return a.slice(n.length + 1);
  }
  return undefined;
}

/** The value of an option (`--user-name x` or `--user-name=x`) when the shell does not expand it. */
export function staticOption(cmd: SimpleCommand, name: string): string | undefined {
  for (let k = 1; k < cmd.argv.length; k++) {
    const a = cmd.argv[k]!;
    if (a === name) return cmd.dynamic[k + 1] ? undefined : cmd.argv[k + 1];
    if (a.startsWith(name + '=')) return cmd.dynamic[k] ? undefined : a.slice(name.length + 1);
  }
  return undefined;
}

/** `EDITOR='tee -a' visudo`, `SYSTEMD_EDITOR=tee systemctl edit …`: the editor started is tee, writing what it reads on stdin. */
export function editsWithTee(assignments: ReadonlyArray<{ name: string; value: string }>): boolean {
  return assignments.some((a) => /^(?:SYSTEMD_|SUDO_)?(?:EDITOR|VISUAL)$/.test(a.name) && /^(?:\S*\/)?tee(?:\s|$)/.test(a.value));
}

/** Options of `gh api` that take a value, besides the fields. */
const GH_API_VALUED = new Set(['-X', '--method', '-H', '--header', '--input', '-q', '--jq', '-t', '--template', '--hostname', '--cache', '-p', '--preview']);

/**
 * `gh api -X PATCH repos/o/r -f private=false`: the method, the endpoint and the fields (`-f`/`-F`/`--field`/`--raw-field`),
 * or undefined for any other command. The method defaults as gh's does: POST when fields are given, else GET.
 */
export function ghApiCall(argv: readonly string[]): { method: string; endpoint: string; fields: Map<string, string> } | undefined {
  if (argv[1] !== 'api') return undefined;
  let method: string | undefined;
  let endpoint: string | undefined;
  const fields = new Map<string, string>();
  for (let i = 2; i < argv.length && i < 256; i++) {
    const a = argv[i]!;
    const field = a === '-f' || a === '-F' || a === '--field' || a === '--raw-field' ? argv[++i] : /^--(?:raw-)?field=/.test(a) ? a.slice(a.indexOf('=') + 1) : /^-[fF]./.test(a) ? a.slice(2) : undefined;
    if (field !== undefined) {
      const eq = field.indexOf('=');
      if (eq > 0 && fields.size < 64) fields.set(field.slice(0, eq), field.slice(eq + 1));
    } else if (a === '-X' || a === '--method') method = argv[++i];
    else if (a.startsWith('--method=')) method = a.slice(9);
    else if (/^-X./.test(a)) method = a.slice(2);
    else if (GH_API_VALUED.has(a)) i++;
    else if (!a.startsWith('-') && endpoint === undefined) endpoint = a.replace(/^\//, '');
  }
  if (endpoint === undefined) return undefined;
  return { method: (method ?? (fields.size ? 'POST' : 'GET')).toUpperCase(), endpoint, fields };
}

/**
 * GitLab changes a branch's protection by deleting it and creating it again: whether a `glab api -X DELETE
 * projects/P/protected_branches/B` is followed, in the same line, by the POST that protects B again.
 */
export function protectionRecreated(commands: readonly SimpleCommand[], endpoint: string): boolean {
  const branch = /^projects\/([^/]+)\/protected_branches\/([^/]+)$/.exec(endpoint);
  return branch !== null && commands.some((x) => {
    const p = x.name === 'glab' ? ghApiCall(x.argv) : undefined;
    return p?.method === 'POST' && p.endpoint === `projects/${branch[1]}/protected_branches` && p.fields.get('name') === branch[2];
  });
}

/** Options of pdsh, clush and pssh that take a value (hosts, users, timeouts, fan-out). */
const FAN_OUT_VALUED = new Set(['-w', '-x', '-g', '-X', '-l', '-h', '-H', '-p', '-t', '-O', '-u', '-o', '-e', '-R', '-f', '-c', '-n', '--hosts', '--host', '--user', '--par', '--timeout', '--options', '--outdir', '--errdir', '--nodes', '--group', '--exclude', '--fanout']);

/** The command `pdsh`, `clush` or `pssh` runs on every host: the words after its options. */
export function fanOutCommand(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 1; i < argv.length && i < 512; i++) {
    const a = argv[i]!;
    if (words.length === 0 && a.startsWith('-')) {
      if (FAN_OUT_VALUED.has(a)) i++;
      continue;
    }
    words.push(a);
  }
  return words.length ? words.join(' ') : undefined;
}

/** kubectl's options that take a value as the next word, so the value is not read as a verb, kind or name. */
export const KUBECTL_VALUED = new Set(['-n', '--namespace', '-o', '--output', '--context', '--kubeconfig', '--cluster', '--user', '-l', '--selector', '--field-selector', '-s', '--server', '--token', '--as', '--template', '-c', '--container']);
export const SSH_VALUED = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B', '-P']);

/**
 * Whether a cluster of short options takes the next word as a value, read as getopt reads it: the first letter
 * that takes a value takes the rest of the word (`-oStrictHostKeyChecking=no`, `-p2222`), or the next word
 * when it ends the cluster (`-fNR 2222:h:22`).
 */
function takesNextWord(cluster: string, valued: ReadonlySet<string>): boolean {
  for (let k = 1; k < cluster.length; k++) if (valued.has('-' + cluster[k])) return k === cluster.length - 1;
  return false;
}

export function sshRemoteCommand(argv: string[]): string | undefined {
  const { host, command } = sshParts(argv);
  return host && command.length ? command.join(' ') : undefined;
}

/** The host an ssh command logs in to (`user@` and all), if it names one. */
export const sshHost = (argv: string[]): string | undefined => sshParts(argv).host;

function sshParts(argv: string[]): { host?: string; command: string[] } {
  let i = 1;
  let host: string | undefined;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (a.startsWith('-') && a.length > 1) {
      if (!a.startsWith('--') && takesNextWord(a, SSH_VALUED)) i++;
      continue;
    }
    host = a;
    i++;
    break;
  }
  if (!host && i < argv.length) { host = argv[i]; i++; }
  return { host, command: argv.slice(i) };
}

export function interpreterCode(argv: string[], flags: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    // a subcommand (`deno eval`) may be followed by its options before the code: `deno eval --unstable '…'`
    if (flags.includes(a)) return a.startsWith('-') ? argv[i + 1] : argv.slice(i + 1, i + 16).find((w) => !w.startsWith('-'));
    for (const f of flags) {
      if (f.startsWith('--') && a.startsWith(f + '=')) return a.slice(f.length + 1);
      // clustered short flags: `perl -MIO -e`, `perl -le`, `python3 -Bc`, `ruby -rsocket -e`
      if (f.length === 2 && a.startsWith('-') && !a.startsWith('--') && a.length > 2 && /^-[A-Za-z]+$/.test(a) && a.endsWith(f[1]!) && !a.startsWith('-M') && !a.startsWith('-r')) return argv[i + 1];
    }
    if (!a.startsWith('-')) return undefined; // a script file: its content is not known here
  }
  return undefined;
}

export function awkProgram(argv: string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-f') return undefined;
    if (a === '-F' || a === '-v') { i++; continue; }
    if (a.startsWith('-')) continue;
    return a;
  }
  return undefined;
}

/** Shell lines in AppleScript (`do shell script "…"`, Terminal's `do script`, iTerm's `write text`, typed `keystroke`s) and JXA (`doShellScript("…")`), the first 16. */
export function appleScriptShell(code: string, jxaOnly = false): string[] {
  const out: string[] = [];
  // `do shell script` runs in sh; Terminal's `do script` and iTerm's `write text` type into a new shell;
  // System Events' `keystroke "…"` types into the frontmost app, a terminal when the script has just activated one.
  // In JavaScript for Automation only `doShellScript(…)` is Apple's: the rest is read as JavaScript
  const re = jxaOnly ? /doShellScript\s*\(\s*(["'])((?:(?!\1)[^\\]|\\.){0,4096})\1/g : /(?:do shell script|do script|write text|keystroke|doShellScript\s*\(|\$\.system\s*\()\s*(["'])((?:(?!\1)[^\\]|\\.){0,4096})\1/g;
  const head = code.slice(0, 65536);
  for (let m = re.exec(head); m && out.length < 16; m = re.exec(head)) out.push(m[2]!.replace(/\\(["'\\])/g, '$1'));
  // JXA that spells its command in character codes: `doShellScript(String.fromCharCode(115, 101, …))`
  for (const m of head.matchAll(/doShellScript\s*\(\s*String\.fromCharCode\(\s*([0-9,\s]{1,16000})\)/g)) if (out.length < 16) out.push(charCodes(m[1]!));
  // Finder told to delete a file or folder by its path removes it as rm does (to the Trash, emptied at will)
  if (!jxaOnly) for (const m of head.matchAll(/\bdelete\s+(?:\(\s*)?(?:POSIX\s+file|file|folder)\s+"([^"\\]{1,1024})"/g)) if (out.length < 16) out.push(`rm -rf -- ${shellQuote(m[1]!)}`);
  // Foundation's task launcher, bridged into JXA: `$.NSTask.launchedTaskWithLaunchPathArguments("/bin/sh", ["-c", "…"])`
  const task = /LaunchPathArguments\s*\(\s*(["'])(?:\/usr)?\/bin\/(?:ba|z)?sh\1\s*,\s*\[\s*(["'])-c\2\s*,\s*(["'])((?:(?!\3)[^\\]|\\.){0,4096})\3/g;
  if (jxaOnly) for (let m = task.exec(head); m && out.length < 16; m = task.exec(head)) out.push(m[4]!.replace(/\\(["'\\])/g, '$1'));
  return out;
}

/**
 * Option values that a tool hands to a shell: `git -c core.pager=…`, `core.sshCommand`, `alias.x=!…`,
 * `ssh -o ProxyCommand=…`/`LocalCommand`, `rsync -e '…'` when it is not ssh.
 */
export function commandOptionValues(name: string, argv: string[]): string[] {
  const out: string[] = [];
  // (the view writes the settings the environment gives as `-c key=value` words)
  if (name === 'git') for (const [key, value] of gitConfig(argv, [])) if (GIT_RUNNING_KEY.test(key) && (!/^alias\./i.test(key) || value.startsWith('!'))) out.push(value.replace(/^!/, ''));
  // git's ext:: transport runs its address as a command
  if (name === 'git') for (const w of argv.slice(1, 64)) if (w.startsWith('ext::') && w.length < 4096) out.push(extCommand(w.slice(5)));
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1] ?? '';
    if ((name === 'ssh' || name === 'scp') && (a === '-o' || a.startsWith('-o'))) {
      const opt = a === '-o' ? next : a.slice(2);
      const m = /^(ProxyCommand|LocalCommand|KnownHostsCommand)[= ](.*)$/i.exec(opt);
      if (m && m[2]!.trim() !== 'none') out.push(m[2]!);
    }
    // instance boot scripts passed as variables (`-var 'user_data=#!/bin/sh …'`) run on the new machine
    if ((name === 'terraform' || name === 'tofu') && a === '-var') {
      const m = /^(user_data|custom_data|startup_script|metadata_startup_script|cloud_init)=([\s\S]{1,8192})$/.exec(next);
      if (m) out.push(m[2]!.replace(/\\n/g, '\n').replace(/^#![^\n]*\n?/, ''));
    }
    // `puppet apply -e "exec { 'x': command => '…' }"`
    if (name === 'puppet' && a === '-e') for (const m of next.slice(0, 8192).matchAll(/command\s*=>\s*(["'])((?:(?!\1).){1,4096})\1/g)) out.push(m[2]!.replace(/\\"/g, '"'));
    // `apt-get changelog -o Dir::Bin::Pager=/bin/sh`, `zip -T -TT 'sh #'`
    // and the hooks apt and dpkg run around an update or install (`-o APT::Update::Pre-Invoke::=/bin/sh`)
    if ((name === 'apt-get' || name === 'apt') && a === '-o' && /::Pager=|^(?:APT::Update::(?:Pre|Post)-Invoke(?:-Success)?|DPkg::(?:Pre|Post)-Invoke|DPkg::Pre-Install-Pkgs)(?:::)?=/i.test(next)) out.push(next.slice(next.indexOf('=') + 1));
    if (name === 'zip' && (a === '-TT' || a === '--unzip-command')) out.push(next);
    // virt-customize runs commands inside the disk image it edits, now or at the guest's first boot
    if (name === 'virt-customize' && (a === '--run-command' || a === '--firstboot-command')) out.push(next);
    // tar runs a program per member or as its compressor (`--to-command=…`, `-I …`); man runs its pager
    if (name === 'tar' && (a === '-I' || a === '--use-compress-program' || a === '--to-command' || a === '--rsh-command' || a === '--info-script' || a === '-F')) out.push(next);
    else if (name === 'tar' && /^--(to-command|use-compress-program|rsh-command|info-script|new-volume-script)=/.test(a)) out.push(a.slice(a.indexOf('=') + 1));
    // and at each checkpoint (`--checkpoint-action=exec=CMD`); cpio's remote shell likewise
    else if (name === 'tar' && a.startsWith('--checkpoint-action=exec=')) out.push(a.slice(25));
    if (name === 'cpio' && a === '--rsh-command') out.push(next);
    else if (name === 'cpio' && a.startsWith('--rsh-command=')) out.push(a.slice(14));
    if (name === 'man' && (a === '-P' || a === '--pager')) out.push(next);
    else if (name === 'man' && a.startsWith('--pager=')) out.push(a.slice(8));
    // options whose value is a program or command line the tool starts: gem's editor, openvpn's scripts (run with
    // --script-security 2), scp's ssh program, nano's speller, split's filter, gcc's wrapper (`prog,arg,…`)
    const valueOf = (opts: readonly string[]) => (opts.includes(a) ? next : opts.map((o) => `${o}=`).find((o) => a.startsWith(o)) !== undefined ? a.slice(a.indexOf('=') + 1) : undefined);
    const started = name === 'gem' && argv[1] === 'open' ? valueOf(['-e', '--editor'])
      : name === 'openvpn' ? valueOf(OPENVPN_SCRIPTS)
      : name === 'scp' ? valueOf(['-S'])
      : name === 'nano' ? valueOf(['-s', '--speller'])
      : name === 'split' ? valueOf(['--filter'])
      : (name === 'gcc' || name === 'g++' || name === 'cc') ? valueOf(['-wrapper'])?.replace(/,/g, ' ')
      : undefined;
    if (started) out.push(started);
    // make's --eval text is makefile source: its recipe lines (a tab first) are shell lines; rake -p/-e is Ruby
    if (name === 'make' || name === 'gmake') { const text = valueOf(['--eval', '-E']); if (text) out.push(...recipeLines(text), ...makeShellCalls(text)); }
    if (name === 'rake') { const code = valueOf(['-p', '-e', '--execute-print', '--execute']); if (code) out.push(asCode('ruby -e', code)); }
    if (name === 'rsync' && (a === '-e' || a === '--rsh')) {
      if (!/^(ssh|\/usr\/bin\/ssh)(\s|$)/.test(next)) out.push(next);
    } else if (name === 'rsync' && a.startsWith('--rsh=') && !/^--rsh=(ssh|\/usr\/bin\/ssh)(\s|$)/.test(a)) out.push(a.slice(6));
  }
  if (name === 'sed') out.push(...sedExecs(argv));
  out.push(...consoleCommands(name, argv));
  return out;
}

/**
 * The command line of a git `ext::` address: its words split at spaces, where `% ` is a space inside a word and `%%`
 * a percent sign (`ext::sh -c curl% -s% x% |% sh` runs sh with `-c` and `curl -s x | sh`), quoted for the shell.
 */
function extCommand(address: string): string {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < address.length; i++) {
    const c = address[i]!;
    if (c === '%' && (address[i + 1] === ' ' || address[i + 1] === '%')) word += address[++i];
    else if (c !== ' ') word += c;
    else if (word !== '') { words.push(word); word = ''; }
  }
  if (word !== '') words.push(word);
  return words.map(shellQuote).join(' ');
}

/** openvpn's options that name a command it runs on connection events. */
const OPENVPN_SCRIPTS = ['--up', '--down', '--route-up', '--route-pre-down', '--ipchange', '--client-connect', '--client-disconnect', '--learn-address', '--auth-user-pass-verify', '--tls-verify'];

/** A makefile text's recipe lines, make's `@`, `-` and `+` prefixes off. */
export function recipeLines(text: string): string[] {
  return text.slice(0, 8192).split('\n', 256).filter((l) => l.startsWith('\t')).map((l) => l.slice(1).replace(/^[@+-]{1,3}/, '')).filter((l) => l.trim() !== '');
}

/** The command lines of a makefile text's `$(shell …)` calls, which make runs as it reads the text; parentheses are counted, not matched. */
export function makeShellCalls(text: string): string[] {
  const out: string[] = [];
  const t = text.slice(0, 8192);
  for (let at = t.indexOf('$(shell '); at >= 0 && out.length < 16; at = t.indexOf('$(shell ', at + 1)) {
    let depth = 1;
    let end = at + 8;
    for (; end < t.length && depth > 0; end++) depth += t[end] === '(' ? 1 : t[end] === ')' ? -1 : 0;
    out.push(t.slice(at + 8, depth === 0 ? end - 1 : end));
  }
  return out;
}

/** git settings whose value git runs as a command (an alias only when it starts with `!`). */
const GIT_RUNNING_KEY = /^(?:core\.pager|core\.sshcommand|core\.fsmonitor|core\.editor|core\.askpass|sequence\.editor|diff\.external|credential\.helper|alias\..+)$/i;

/**
 * The settings one git command runs with, as `[key, value]`: `-c key=value`, `--config-env=key=VAR`
 * (VAR from the line's assignments), and the environment's `GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` and
 * `GIT_CONFIG_PARAMETERS` (`'key'='value' …`), as git reads them.
 */
export function gitConfig(argv: readonly string[], assignments: ReadonlyArray<{ name: string; value: string }>): Array<[string, string]> {
  const env = new Map(assignments.map((a) => [a.name, a.value]));
  const out: Array<[string, string]> = [];
  const add = (kv: string) => {
    const eq = kv.indexOf('=');
    if (eq > 0) out.push([kv.slice(0, eq), kv.slice(eq + 1)]);
  };
  // (the view puts git's own options after its subcommand; a `-c` of the subcommand's own takes no `key=value`)
  for (let i = 1; i < argv.length && i < 512 && out.length < 64; i++) {
    if (argv[i] === '-c' && /^[a-z][\w-]*\.[^=\s]+=/i.test(argv[i + 1] ?? '')) add(argv[++i]!);
    else if (argv[i]!.startsWith('--config-env=')) {
      const spec = argv[i]!.slice(13);
      const eq = spec.lastIndexOf('=');
      const value = eq > 0 ? env.get(spec.slice(eq + 1)) : undefined;
      if (value !== undefined) out.push([spec.slice(0, eq), value]);
    } else if (GIT_VALUED_OPTIONS.has(argv[i]!)) i++;
  }
  const count = Math.min(Number(env.get('GIT_CONFIG_COUNT') ?? 0) || 0, 32);
  for (let n = 0; n < count; n++) {
    const key = env.get(`GIT_CONFIG_KEY_${n}`);
    const value = env.get(`GIT_CONFIG_VALUE_${n}`);
    if (key !== undefined && value !== undefined) out.push([key, value]);
  }
  for (const m of (env.get('GIT_CONFIG_PARAMETERS') ?? '').slice(0, 8192).matchAll(/'([^']{1,256})'='([^']{0,4096})'/g)) out.push([m[1]!, m[2]!]);
  return out;
}

/**
 * A git command whose subcommand is an alias set for the call (`git -c alias.p=push p …`) for another subcommand: the
 * argv with the alias expanded, where it stood (`at`) and how many words it became.
 */
export function gitAliasExpanded(argv: readonly string[], assignments: ReadonlyArray<{ name: string; value: string }>): { argv: string[]; at: number; count: number } | undefined {
  const aliases = new Map(gitConfig(argv, assignments).filter(([k, v]) => /^alias\./i.test(k) && !v.startsWith('!')).map(([k, v]) => [k.slice(6).toLowerCase(), v]));
  if (aliases.size === 0) return undefined;
  const at = 1 + gitLeadingOptions(argv);
  const value = aliases.get((argv[at] ?? '').toLowerCase());
  if (value === undefined) return undefined;
  const words = value.split(/\s+/).filter(Boolean).slice(0, 32);
  return words.length ? { argv: [...argv.slice(0, at), ...words, ...argv.slice(at + 1)], at, count: words.length } : undefined;
}
const GIT_VALUED_OPTIONS: ReadonlySet<string> = new Set(['-c', '-C', '--git-dir', '--work-tree', '--namespace']);

/** How many words of git's own options (`-C dir`, `-c key=value`, `--no-pager`) stand before its subcommand. */
function gitLeadingOptions(argv: readonly string[]): number {
  let at = 1;
  while (at < argv.length && argv[at]!.startsWith('-') && at < 64) at += GIT_VALUED_OPTIONS.has(argv[at]!) ? 2 : 1;
  return at < argv.length ? at - 1 : 0;
}

/**
 * A git argv with its own options put after the subcommand, where rules look for it, and the repository it is pointed
 * at (`-C dir`, `--git-dir`, `--work-tree`, `--namespace`) taken out, so no subcommand's operand is taken for it:
 * `git -C repo -c k=v push --mirror x` is `git push --mirror x -c k=v`. `order` maps each word to where it came from.
 */
export function gitSubcommandFirst(argv: readonly string[]): { order: number[]; repository: string[] } | undefined {
  const lead = gitLeadingOptions(argv);
  if (lead === 0) return undefined;
  const kept: number[] = [];
  const repository: string[] = [];
  for (let k = 1; k <= lead; k++) {
    if (/^(?:-C|--git-dir|--work-tree|--namespace)$/.test(argv[k]!)) repository.push(`${argv[k]} ${argv[++k] ?? ''}`);
    else if (/^--(?:git-dir|work-tree|namespace)=/.test(argv[k]!)) repository.push(argv[k]!);
    else kept.push(k);
  }
  return { order: [0, ...argv.slice(1 + lead).map((_, k) => 1 + lead + k), ...kept], repository };
}

/** Code run by a tool's own console is what its interpreter's one-liner would run (`python3 -c '…'`, `lua -e '…'`), quoted so the shell reading keeps it one word. */
const asCode = (interpreter: string, code: string) => `${interpreter} '${code.slice(0, 8192).replace(/'/g, "'\\''")}'`;
/** Vim by its other names: each runs `-c` commands and `:!` shell escapes. */
export const VIMS = new Set(['vim', 'vi', 'nvim', 'view', 'ex', 'vimdiff', 'rvim', 'rview']);
/** Vim's commands that run code in an embedded language, and that language's one-liner form. */
const VIM_LANGUAGES: ReadonlyArray<readonly [RegExp, string]> = [[/^py(?:thon)?3?$|^pyx$/, 'python3 -c'], [/^lua$/, 'lua -e'], [/^perl$/, 'perl -e'], [/^ruby$/, 'ruby -e']];

/**
 * Commands a program's own console runs at start: sqlite3's `.shell`/`.system`, gdb's `-ex 'shell …'`
 * and `-ex 'python …'`, vim's `-c ':!…'` and `-c ':py3 …'` (and the copy its `-c 'w FILE'` makes), the pipes of
 * DuckDB's shellfs.
 */
function consoleCommands(name: string, argv: string[]): string[] {
  const out: string[] = [];
  const follow = (line: string) => {
    // gdb's `call (int)system("chmod u+s /bin/bash")` runs the string in the attached process, as its user
    const called = name === 'gdb' ? /^\s*(?:call|print|p)\s+(?:\([a-z ]{1,16}\)\s*)?system\s*\(\s*"([^"]{1,4096})"\s*\)/.exec(line) : null;
    if (called) { out.push(called[1]!); return; }
    const m = /^\s*:?\s*(!|shell\s|system\s|py(?:thon)?3?\s|pyx\s|lua\s|perl\s|ruby\s)/.exec(line);
    if (!m) return;
    const rest = line.slice(m[0].length);
    const language = VIM_LANGUAGES.find(([word]) => word.test(m[1]!.trim()));
    out.push(language ? asCode(language[1], rest) : rest);
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1] ?? '';
    if (name === 'sqlite3' && /^\.(shell|system)\s/.test(a)) out.push(a.slice(a.indexOf(' ') + 1));
    // the mysql client's `\! cmd` and `system cmd`, psql's `\! cmd`, given on the command line
    else if ((name === 'mysql' || name === 'mariadb') && (a === '-e' || a === '--execute')) { const m = /^\s*(?:\\!|system)\s+([^]{1,4096})$/.exec(next); if (m) out.push(m[1]!); }
    else if (name === 'psql' && (a === '-c' || a === '--command')) { const m = /^\s*\\!\s*([^]{1,4096})$/.exec(next); if (m) out.push(m[1]!); }
    else if (name === 'sqlite3' && a === '-cmd' && /^\.(shell|system)\s/.test(next)) out.push(next.slice(next.indexOf(' ') + 1));
    // DuckDB's shellfs: a path with a pipe at its end is a command whose output is read
    else if (name === 'duckdb' && (a === '-c' || a === '-s' || a === '-cmd')) out.push(...shellfsCommands(next));
    else if (name === 'gdb' && (a === '-ex' || a === '--ex' || a === '-eval-command' || a === '--eval-command')) follow(next.replace(/^python-interactive\s/, 'python '));
    else if (VIMS.has(name) && (a === '-c' || a === '--cmd')) follow(next);
    else if (VIMS.has(name) && a.startsWith('+') && a.length > 1) follow(a.slice(1));
  }
  if (VIMS.has(name)) out.push(...vimCopies(argv));
  return out;
}

/**
 * vim told to write the file it opened elsewhere (`vim -es -c 'w! /tmp/.k' -c 'q!' ~/.ssh/id_ed25519`, `+'saveas x'`):
 * the `cp` it amounts to.
 */
function vimCopies(argv: string[]): string[] {
  const commands: string[] = [];
  const files: string[] = [];
  for (let i = 1; i < argv.length && i < 64; i++) {
    const a = argv[i]!;
    if (a === '-c' || a === '--cmd') commands.push(argv[++i] ?? '');
    else if (a.startsWith('+') && a.length > 1) commands.push(a.slice(1));
    else if (!a.startsWith('-')) files.push(a);
  }
  const targets = commands.map((c) => /^\s*:?\s*(?:w(?:rite)?|sav(?:eas)?)!?\s+(\S{1,1024})\s*$/.exec(c)?.[1]).filter((t): t is string => t !== undefined);
  return files.length === 1 ? targets.map((t) => `cp ${shellQuote(files[0]!)} ${shellQuote(t)}`) : [];
}

/** Variables whose value the program started with them runs as a command (`LESSOPEN='|sh -c …' less f`). */
const COMMAND_VARS = new Set(['LESSOPEN', 'LESSCLOSE', 'GIT_SSH_COMMAND', 'GIT_PAGER', 'GIT_EXTERNAL_DIFF', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'GIT_ASKPASS', 'SSH_ASKPASS', 'PAGER', 'MANPAGER', 'SYSTEMD_PAGER']);

/** The commands a command's prefix assignments hand to it to run; less's input filter loses its `|` and `%s`. */
export function commandVarValues(assignments: ReadonlyArray<{ name: string; value: string }>): string[] {
  const out: string[] = [];
  for (const a of assignments) {
    if (!COMMAND_VARS.has(a.name)) continue;
    const run = a.value.slice(0, 8192).replace(/^\|{1,2}-?/, '').replace(/\s%s\s*$/, '').trim();
    if (run) out.push(run);
  }
  return out;
}

/**
 * The spec kubectl is handed inline: a patch's (`patch … -p '{…}'`, `-p='…'`, `--patch=…`) or a pod's overrides
 * (`run … --overrides='{…}'`).
 */
export function kubectlInlineSpec(argv: string[], verb: string | undefined): string | undefined {
  if (verb !== 'patch' && verb !== 'run') return undefined;
  const names = verb === 'patch' ? ['-p', '--patch'] : ['--overrides'];
  return optionValue(argv, names) ?? argv.find((w) => names.some((n) => w.startsWith(`${n}=`)))?.replace(/^[^=]*=/, '');
}

/** gawk's in-place extension: `gawk -i inplace '…' f`, `--include=inplace`. */
const gawkInPlace = (argv: readonly string[]) => argv.some((w, k) => (w === '-i' || w === '--include') && argv[k + 1] === 'inplace') || argv.includes('--include=inplace') || argv.includes('-iinplace');
/** A sed, perl or gawk that edits its files in place, writing what it prints back into them. */
export const editsInPlace = (c: SimpleCommand): boolean => ((c.name === 'sed' || c.name === 'perl') && inPlace(c.argv)) || ((c.name === 'gawk' || c.name === 'awk') && gawkInPlace(c.argv));

/**
 * The script a command reads on stdin: its known text, or else an unquoted heredoc's or here-string's
 * text with its expansions left as written (`/dev/tcp/$H/4444`, `$(whoami)`): what it runs has that
 * shape whatever they expand to. Only for following what runs and for what lands in a file, never as data to decode or `read`.
 */
export function scriptIn(cmd: SimpleCommand): string | undefined {
  return cmd.stdin ?? cmd.redirects.find((r) => (r.op === '<<' || r.op === '<<<') && r.dynamic)?.target;
}

/** Global options of container CLIs that take a value, before the subcommand: `kubectl -n kube-system exec …`, `docker -H tcp://… run …`. */
const CONTAINER_GLOBAL_VALUED = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token', '--as', '--as-group', '--request-timeout', '--cache-dir', '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '-H', '--host', '-c', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey', '--url', '--connection', '--identity']);

/** Where the subcommand of kubectl, oc, docker or podman sits, past its global options (0 when there is none). */
export function containerVerbAt(argv: string[]): number {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return 0;
    if (!a.startsWith('-')) return i;
    if (!a.includes('=') && CONTAINER_GLOBAL_VALUED.has(a)) i++;
  }
  return 0;
}

/** Compose's options before its verb that take a value. */
const COMPOSE_GLOBAL_VALUED = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel']);

/** Where the verb of `docker compose [options] VERB …` (from at `compose`) or `docker-compose [options] VERB …` (from 0) is; 0 for none. */
export function composeVerbAt(argv: string[], from: number): number {
  for (let i = from + 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return 0;
    if (!a.startsWith('-')) return i;
    if (!a.includes('=') && COMPOSE_GLOBAL_VALUED.has(a)) i++;
  }
  return 0;
}

/** `docker run`/`create`/`exec` (and podman's, nerdctl's, crictl's, ctr's) options that take a value: the image or container is the first word that is neither. */
const RUN_VALUED = new Set(['-v', '--volume', '-e', '--env', '--env-file', '--name', '-p', '--publish', '--restart', '-w', '--workdir', '-u', '--user', '--entrypoint', '--network', '--net', '--mount', '-l', '--label', '--label-file', '--cpus', '-c', '--cpu-shares', '-m', '--memory', '--platform', '--pull', '-h', '--hostname', '--add-host', '--device', '--cap-add', '--cap-drop', '--security-opt', '--ulimit', '--log-driver', '--log-opt', '--tmpfs', '--volumes-from', '--gpus', '--pid', '--ipc', '--uts', '--userns', '--cgroupns', '--runtime', '--shm-size', '--stop-signal', '--stop-timeout', '--dns', '--dns-search', '--expose', '--group-add', '--link', '--ip', '--mac-address', '--memory-swap', '--cpuset-cpus', '--health-cmd', '--health-interval', '--sysctl', '--init-path', '--cidfile', '-a', '--attach', '--detach-keys', '--pod', '--arch', '--os', '--secret', '--exec-id', '--snapshotter']);

/** The image a container is started from (`docker run -d --restart always alpine sh -c '…'`), its `--entrypoint` if one is given, and the words after the image. */
export function containerRun(argv: string[], verbAt: number): { image?: string; entrypoint?: string; args: string[] } {
  let entrypoint: string | undefined;
  for (let i = verbAt + 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (!a.startsWith('-')) return { image: a, entrypoint, args: argv.slice(i + 1) };
    if (a === '--entrypoint') entrypoint = argv[i + 1];
    else if (a.startsWith('--entrypoint=')) entrypoint = a.slice('--entrypoint='.length);
    if (!a.includes('=') && RUN_VALUED.has(a)) i++;
  }
  return { args: [] };
}

/**
 * What a container started from an image runs, its entrypoint unknown: an image named for a program (`jpillora/chisel`,
 * `xmrig`) runs that program with the words given as its arguments; any other runs the words as a command.
 */
export function imageCommand(image: string | undefined, args: string[]): string[] {
  const program = image === undefined ? undefined : imageProgram(image);
  const first = args[0] ?? '';
  return program !== undefined && first.slice(first.lastIndexOf('/') + 1) !== program ? [program, ...args] : args;
}

/** The command a container is started with: the words after the image, behind the entrypoint when one is given (`--entrypoint sh IMAGE -c '…'`). */
export function containerRunCommand(argv: string[], verbAt: number): string[] {
  const run = containerRun(argv, verbAt);
  return run.entrypoint !== undefined && run.image !== undefined ? [run.entrypoint, ...run.args] : run.args;
}

const CLOUD_LAUNCH = /^(?:aws ec2 run-instances|gcloud compute instances create|az vm create|doctl compute droplet create)\b/;
const BOOT_OPTION = /^--(?:user-data|user-data-file|metadata-from-file|custom-data|metadata)(?:=|$)/;

/**
 * A cloud machine being launched (`aws ec2 run-instances`, `gcloud compute instances create`, `az vm create`, `doctl
 * compute droplet create`), with the boot script option's value as written: `file://setup.sh`, `"$(curl -s https://…)"`,
 * `startup-script-url=https://…` (every such option's, space-separated); empty when none is given. Undefined for any other
 * command.
 */
export function cloudLaunch(cmd: SimpleCommand): { boot: string } | undefined {
  if (!CLOUD_LAUNCH.test(cmd.argv.slice(0, 4).join(' '))) return undefined;
  const a = cmd.argv;
  const values: string[] = [];
  for (let k = 1; k < a.length && k < 256; k++) if (BOOT_OPTION.test(a[k]!)) values.push(a[k]!.includes('=') ? a[k]! : a[k + 1] ?? '');
  return { boot: values.join(' ') };
}

/**
 * Boot scripts a cloud launch gives as text rather than a file (`--user-data "#!/bin/bash…"`, `--custom-data '…'`,
 * `--metadata startup-script='…'`), at most four.
 */
export function inlineBootScripts(argv: readonly string[]): string[] {
  if (!CLOUD_LAUNCH.test(argv.slice(0, 4).join(' '))) return [];
  const out: string[] = [];
  for (let k = 1; k < argv.length && k < 256 && out.length < 4; k++) {
    const w = argv[k]!;
    if (!BOOT_OPTION.test(w)) continue;
    let v = w.includes('=') ? w.slice(w.indexOf('=') + 1) : argv[k + 1] ?? '';
    if (v.startsWith('startup-script=')) v = v.slice(15);
    if (/^(?:file|fileb):\/\/|^@|^startup-script-url=/.test(v) || !/[\n;|&]|^#!/.test(v)) continue;
    out.push(v.slice(0, 16384));
  }
  return out;
}

/**
 * The script SSM runs from `--parameters`: `commands=["a","b"]` or `commands=a` in the shorthand, `{"commands": […]}` in
 * JSON (`command=` for start-session's interactive-command document); the commands in order.
 */
export function ssmParameterScript(parameters: string, key: 'commands' | 'command'): string | undefined {
  const p = parameters.slice(0, 16384);
  if (p.trimStart().startsWith('{')) {
    try {
      const v: unknown = (JSON.parse(p) as Record<string, unknown>)[key];
      const list = Array.isArray(v) ? v : [v];
      const script = list.filter((x): x is string => typeof x === 'string').join('; ');
      return script || undefined;
    } catch {
      return undefined;
    }
  }
  const at = p.indexOf(key + '=');
  if (at < 0) return undefined;
  const value = p.slice(at + key.length + 1);
  if (!value.startsWith('[')) return value;
  try {
    const list: unknown = JSON.parse(value);
    if (Array.isArray(list)) return list.filter((x): x is string => typeof x === 'string').join('; ');
  } catch {
    return value.slice(1, value.endsWith(']') ? -1 : undefined);
  }
  return value;
}

/** socat's listening address (`TCP-LISTEN:2375,bind=127.0.0.1,fork`) bound to loopback: only this machine's own clients reach it. */
export function socatListensOnLoopback(argv: readonly string[]): boolean {
  return argv.some((w) => /^(?:tcp[46]?|udp[46]?)-listen:/i.test(w) && /,bind=(?:127\.0\.0\.1|localhost|\[?::1\]?)(?:,|$)/i.test(w));
}

/** `kubectl apply -f -` (`--filename=-`, `-f /dev/stdin`): the manifest comes on standard input. */
export function readsManifestFromStdin(argv: string[]): boolean {
  return argv.some((w, k) => ((w === '-f' || w === '--filename') && (argv[k + 1] === '-' || argv[k + 1] === '/dev/stdin')) || w === '-f-' || w === '--filename=-' || w === '--filename=/dev/stdin');
}

/** Cloud, cluster and hosting clients that print their usage and do nothing else when asked for help. */
const HELP_CLIENTS = new Set(['bw', 'op', 'gopass', 'lpass', 'keepassxc-cli', 'doppler', 'infisical', 'aws', 'gcloud', 'az', 'gsutil', 'bq', 'kubectl', 'oc', 'helm', 'eksctl', 'doctl', 'flyctl', 'fly', 'heroku', 'vercel', 'netlify', 'wrangler', 'terraform', 'tofu', 'pulumi', 'vault', 'gh', 'glab']);
/**
 * `aws cloudtrail stop-logging help`, `kubectl delete ns prod --help`: the client prints how the command is used and
 * runs nothing. Only before a `--`, where the words after are another program's; and only for these clients, since
 * `bash -c '…' --help` or `python x.py --help` runs the code all the same.
 */
export function asksForHelp(name: string, argv: readonly string[]): boolean {
  // Windows' own tools print their usage for a `/?` anywhere among their words (`vssadmin delete shadows /?`)
  if (WINDOWS_ADMIN_TOOLS.has(name.toLowerCase().replace(/\.exe$/, ''))) return argv.includes('/?');
  if (!HELP_CLIENTS.has(name)) return false;
  const dd = argv.indexOf('--');
  const own = dd < 0 ? argv : argv.slice(0, dd);
  if (own.includes('--help') || ((name === 'terraform' || name === 'tofu' || name === 'vault') && own.includes('-help'))) return true;
  // aws's own form is a last word `help`; gcloud's is `gcloud help …`; kubectl, helm, az, oc and vault also read -h
  return (name === 'aws' && own.length > 1 && own[own.length - 1] === 'help') || (name === 'gcloud' && own[1] === 'help') || (['kubectl', 'oc', 'helm', 'az', 'vault'].includes(name) && own.includes('-h'));
}

/** Runners whose subcommand runs, inside a guest or container, the words after `--`. */
const GUEST_RUNS_AFTER_DASHES: Readonly<Record<string, readonly string[]>> = table({
  qm: ['guest', 'exec'], pct: ['exec'], lxc: ['exec'], incus: ['exec'], 'lxc-attach': [], multipass: ['exec'], VBoxManage: ['guestcontrol'], vboxmanage: ['guestcontrol'],
  // (and a cluster's node image, whose change every node boots with: `wwctl container exec rocky9 -- /bin/bash -c '…'`)
  wwctl: ['container', 'exec'],
});
/** govc's guest options that take no value. */
const GOVC_GUEST_FLAGS = new Set(['-C', '-d', '-debug', '-k', '-persist-session', '-dump', '-json', '-xml']);
/** The program and arguments of a QEMU guest agent `guest-exec` request. */
function guestExec(json: string): string[] | undefined {
  try {
    const req = JSON.parse(json) as { execute?: unknown; arguments?: { path?: unknown; arg?: unknown } };
    if (req.execute !== 'guest-exec' || typeof req.arguments?.path !== 'string') return undefined;
    const args = Array.isArray(req.arguments.arg) ? req.arguments.arg.filter((a): a is string => typeof a === 'string').slice(0, 256) : [];
    return [req.arguments.path, ...args];
  } catch {
    return undefined;
  }
}

/** Fields of a device's command message or job document that hold the shell line it runs. */
const COMMAND_FIELD = /^(?:cmd|command|shell|script|exec|run|arg|args)$/;

/** The shell line a JSON command message or job document carries, in a field named for one (a string with a space in it). */
function payloadCommand(json: string | undefined): string | undefined {
  if (json === undefined || !json.startsWith('{') || json.length > 16_384) return undefined;
  let doc: unknown;
  try { doc = JSON.parse(json); } catch { return undefined; }
  const found: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4 || found.length > 0 || typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v).slice(0, 64)) {
      if (typeof x === 'string' && COMMAND_FIELD.test(k.toLowerCase()) && /\s/.test(x)) { found.push(x); return; }
      walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  return found[0];
}

/** Options of scp and rsync whose value is the next word. */
const COPY_VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  scp: new Set(['-c', '-D', '-F', '-i', '-J', '-l', '-o', '-P', '-S', '-X']),
  rsync: new Set(['-e', '--rsh', '-f', '--filter', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '-T', '--temp-dir', '-B', '--block-size', '--rsync-path', '--chmod', '--chown', '--log-file', '--password-file', '--port']),
};
/** `web1:/etc/shadow`, `root@db1:~/.pgpass`, `app2:.aws/credentials`: another machine's file (not `host::module`, `C:`, `scp://`). */
const REMOTE_OPERAND = /^(?:[^@\s:/]{1,64}@)?(?:\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9][\w.-]{1,252}):(?!:|\/\/)(.{0,4096})$/s;

/**
 * The files a copy reads on the machine it copies from: `scp web1:/etc/shadow .`, `rsync -a db1:/root/.ssh/ k/`, as
 * `cat -- FILE…` run there, or `tar cf - -- DIR…` for a recursive copy (the last operand is where the copy goes). A
 * path without a leading `/` or `~` is the remote account's home's.
 */
export function remoteCopySources(name: string, argv: readonly string[]): string | undefined {
  const valued = COPY_VALUE_OPTIONS[name];
  if (!valued) return undefined;
  const operands: string[] = [];
  for (let k = 1; k < argv.length && k < 256; k++) {
    const w = argv[k]!;
    if (valued.has(w)) { k++; continue; }
    if (w.startsWith('-') && w !== '-') continue;
    operands.push(w);
  }
  const files: string[] = [];
  for (const w of operands.slice(0, -1)) {
    const path = REMOTE_OPERAND.exec(w)?.[1];
    if (path === undefined) continue;
    const home = path === '' || path === '~' ? '~' : path.startsWith('~/') ? `~/${shellQuote(path.slice(2))}` : undefined;
    files.push(home ?? shellQuote(path.startsWith('/') ? path : `~/${path}`));
  }
  // a folder copied whole is packed up there (`rsync -a db1:/root/.ssh/ k/` reads as `tar cf - -- /root/.ssh/`)
  const whole = argv.some((w) => w === '--recursive' || w === '--archive' || (/^-[A-Za-z]{1,16}$/.test(w) && (w.includes('r') || (name === 'rsync' && w.includes('a')))));
  return files.length > 0 ? `${whole ? 'tar cf -' : 'cat'} -- ${files.join(' ')}` : undefined;
}

/**
 * The command line a platform's client runs on the machine it reaches: `adb [-s SERIAL] shell CMD…`, `heroku run [-a
 * APP] CMD…`, `fly ssh console [-a APP] -C CMD`, `xcrun simctl spawn DEVICE PROGRAM ARGS…`, `zowe zos-uss issue ssh
 * CMD`, `sapcontrol … -function OSExecute CMD`. Several words after the verb are one line for adb and heroku (their
 * remote side joins them, as ssh's does); simctl runs a program with its words.
 */
export function platformRemoteCommand(name: string, argv: readonly string[]): string | undefined {
  if (name === 'adb') {
    // (`exec-out` runs the same way, its output raw)
    const at = argv.findIndex((w) => w === 'shell' || w === 'exec-out');
    // (options before the verb: `-s SERIAL`, `-t ID`, `-H HOST`, `-P PORT`)
    const before = argv.slice(1, at < 0 ? 0 : at);
    if (at < 0 || before.some((w, k) => !w.startsWith('-') && !['-s', '-t', '-H', '-P'].includes(before[k - 1] ?? ''))) return undefined;
    let from = at + 1;
    while (from < argv.length && /^-[tTnx]$/.test(argv[from]!)) from++;
    const rest = argv.slice(from);
    // one word is the remote line as typed (`adb shell "su -c 'id'"`); several keep the words they were given
    // (`adb shell su -c 'cp a b'` runs `cp a b` as root, as the agent meant)
    return rest.length > 1 ? rest.map(shellQuote).join(' ') : rest[0];
  }
  if (name === 'heroku') {
    if (argv[1] !== 'run' && argv[1] !== 'run:detached') return undefined;
    const words: string[] = [];
    for (let k = 2; k < argv.length; k++) {
      const w = argv[k]!;
      if (words.length === 0 && ['-a', '--app', '-r', '--remote', '-s', '--size', '-e', '--env', '--type'].includes(w)) { k++; continue; }
      if (words.length === 0 && w.startsWith('-')) continue;
      words.push(w);
    }
    return words.length > 0 ? words.join(' ') : undefined;
  }
  if (name === 'sapcontrol') { const at = argv.indexOf('OSExecute'); return at > 0 && argv[at - 1] === '-function' ? argv[at + 1] : undefined; }
  if (name === 'zowe') return (argv[1] === 'zos-uss' || argv[1] === 'uss') && argv[2] === 'issue' && (argv[3] === 'ssh' || argv[3] === 's') ? argv[4] : undefined;
  if (name === 'fly' || name === 'flyctl') return argv[1] === 'ssh' && argv[2] === 'console' ? optionValue([...argv], ['-C', '--command']) : undefined;
  // a virtual machine's or system container's own shell: Proxmox's guest agent and containers (`qm guest exec 115 --
  // sh -c '…'`, `pct exec 202 -- bash -c '…'`), LXD's and Incus's, Multipass's, VirtualBox's guest control after `--`
  const after = GUEST_RUNS_AFTER_DASHES[name];
  if (after !== undefined) {
    const dd = argv.indexOf('--');
    return dd > 0 && after.every((w, k) => argv[k + 1] === w) && dd + 1 < argv.length ? argv.slice(dd + 1).map(shellQuote).join(' ') : undefined;
  }
  if (name === 'vagrant') return argv[1] === 'ssh' ? optionValue([...argv], ['-c', '--command']) : undefined;
  // vSphere's guest operations through VMware Tools: `govc guest.run -vm web05 -l user:pass /bin/bash -c '…'`
  if (name === 'govc') {
    // and esxcli run on a host through vCenter (`govc host.esxcli -host esxi03 network firewall set --enabled false`)
    if (argv[1] === 'host.esxcli') {
      let k = 2;
      while (k < argv.length && argv[k]!.startsWith('-')) k += argv[k]!.includes('=') ? 1 : 2;
      return k < argv.length ? ['esxcli', ...argv.slice(k)].map(shellQuote).join(' ') : undefined;
    }
    if (argv[1] !== 'guest.run' && argv[1] !== 'guest.start') return undefined;
    let k = 2;
    while (k < argv.length && argv[k]!.startsWith('-')) k += argv[k]!.includes('=') || GOVC_GUEST_FLAGS.has(argv[k]!) ? 1 : 2;
    return k < argv.length ? argv.slice(k).map(shellQuote).join(' ') : undefined;
  }
  // libvirt's QEMU guest agent: `virsh qemu-agent-command DOM '{"execute":"guest-exec","arguments":{"path":…,"arg":[…]}}'`
  if (name === 'virsh') {
    if (argv[1] !== 'qemu-agent-command') return undefined;
    const json = argv.slice(2).find((w) => w.startsWith('{') && w.length < 16_384);
    const exec = json === undefined ? undefined : guestExec(json);
    return exec?.map(shellQuote).join(' ');
  }
  // a device fleet's own shells and job documents: `balena ssh UUID SERVICE 'cmd'`, a direct method's or a job
  // document's command field (`az iot hub invoke-device-method … --method-payload '{"cmd":"…"}'`, `aws iot create-job
  // --document '{"command":"…"}'`), and a command message published to devices (`mosquitto_pub … -m '{"op":"shell","arg":"…"}'`)
  if (name === 'balena') {
    if (argv[1] !== 'ssh') return undefined;
    const words = argv.slice(2).filter((w, k, all) => !w.startsWith('-') && !['-p', '--port'].includes(all[k - 1] ?? ''));
    return words.length >= 3 ? words.slice(2).join(' ') : words.length === 2 && /\s/.test(words[1]!) ? words[1] : undefined;
  }
  if (name === 'az' && argv[1] === 'iot') return payloadCommand(optionValue([...argv], ['--method-payload', '--mp']));
  if (name === 'aws' && argv[1] === 'iot' && argv[2] === 'create-job') return payloadCommand(optionValue([...argv], ['--document']));
  if (name === 'mosquitto_pub') return payloadCommand(optionValue([...argv], ['-m', '--message']));
  if (name === 'xcrun') {
    if (argv[1] !== 'simctl' || argv[2] !== 'spawn') return undefined;
    // spawn's own options, the device, then the program and its words as given
    let k = 3;
    while (k < argv.length && argv[k]!.startsWith('-')) k++;
    return k + 1 < argv.length ? argv.slice(k + 1).map(shellQuote).join(' ') : undefined;
  }
  return undefined;
}

/**
 * The command an unscoped package run by npx starts, with its words: `npx -y localtunnel@2 --port 3000` runs
 * `localtunnel --port 3000`. Packages named like a tool install that tool's command.
 */
export function npxPackageCommand(argv: readonly string[]): string[] | undefined {
  for (let k = 1; k < argv.length; k++) {
    const w = argv[k]!;
    if (w === '-p' || w === '--package') return undefined;
    if (w.startsWith('-')) continue;
    const name = /^([a-z0-9][a-z0-9._-]{0,63})(?:@[\w.^~-]+)?$/.exec(w)?.[1];
    return name === undefined ? undefined : [name, ...argv.slice(k + 1)];
  }
  return undefined;
}

/** The valued options of xdotool's and ydotool's `type` and of wtype: the words after them are not typed. */
const TYPING_VALUED = new Set(['--window', '--delay', '--terminator', '--args', '--file', '--key-delay', '--key-hold', '--next-delay', '-d', '-s', '-M', '-m', '-P', '-p', '-k']);
/** xdotool's commands, which end the text of a `type` before them in a chain (`type 'cmd' key Return`). */
const XDOTOOL_COMMANDS = new Set(['key', 'keydown', 'keyup', 'type', 'mousemove', 'mousemove_relative', 'click', 'mousedown', 'mouseup', 'search', 'windowactivate', 'windowfocus', 'windowraise', 'windowmap', 'windowsize', 'windowmove', 'getactivewindow', 'getwindowfocus', 'sleep', 'exec', 'set_desktop', 'behave']);

/**
 * The text a keystroke tool types into the focused window: the words after xdotool's or ydotool's `type`, up to
 * xdotool's next command, or wtype's operands.
 */
export function typedText(name: string, argv: readonly string[]): string[] {
  const start = name === 'wtype' ? 1 : argv.indexOf('type') + 1;
  if (start === 0) return [];
  const out: string[] = [];
  for (let k = start; k < argv.length && k < 256; k++) {
    const w = argv[k]!;
    if (TYPING_VALUED.has(w)) k++;
    else if (name === 'xdotool' && XDOTOOL_COMMANDS.has(w)) break;
    else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}
