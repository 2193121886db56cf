/** Command names and unquoted words as the shell (and a reviewer) would read them. */
import { globMatch } from '../knowledge/glob.js';

/** Zero-width and bidi-control characters: invisible in a review, and no part of any real command name. */
export const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * The name rules match on: basename, invisible characters dropped, lower case — macOS file systems
 * are case-insensitive, so `CuRl` runs curl there.
 */
export function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  const base = slash >= 0 && slash < word.length - 1 ? word.slice(slash + 1) : word;
  return base.replace(INVISIBLE, '').toLowerCase();
}

/** Forks and remote builds that take their upstream's verbs and flags word for word, so its rules read them as it. */
const SAME_PROGRAM = new Map([['balena-engine', 'docker'], ['podman-remote', 'podman']]);

/** A command's name as rules match it: its base name, without the `.exe` a Windows program has when run from WSL (`cmd.exe`, `schtasks.exe`). */
export function commandName(word: string): string {
  const name = baseName(word);
  const program = name.length > 4 && name.endsWith('.exe') ? name.slice(0, -4) : name;
  return SAME_PROGRAM.get(program) ?? program;
}

export function hasInvisible(word: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(word);
}

/** The word with each invisible character shown as ⟨?⟩, for evidence a reviewer can read. */
export function showInvisible(word: string): string {
  return word.replace(INVISIBLE, '⟨?⟩');
}

/** Unquoted word text: drop line continuations and backslash escapes. */
export function unescapeWord(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
}

/**
 * The script with its line continuations taken out, as bash reads it before splitting words: a backslash before a
 * newline, outside single quotes, joins the lines, inside a word too (`d\⏎d if=…` is `dd if=…`).
 */
export function joinContinuations(script: string): string {
  if (!script.includes('\\\n')) return script;
  let out = '';
  let single = false;
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === "'") single = !single;
    else if (c === '\\' && !single) {
      if (script[i + 1] === '\n') { i++; continue; }
      out += c + (script[i + 1] ?? '');
      i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** A path as it resolves for this command: relative paths join the directory the line `cd`-ed into. */
export function atCwd(cmd: { cwd?: string }, path: string): string {
  if (!cmd.cwd || path.startsWith('/') || path.startsWith('~')) return path;
  return path === '.' || path === './' ? cmd.cwd : `${cmd.cwd.replace(/\/$/, '')}/${path}`;
}

/** Where commands are installed, searched when a command is named by a glob. */
const BIN_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin'];
/**
 * Commands worth recognizing behind a glob or an empty variable: shells and interpreters, network and
 * transfer tools, and the readers, writers and system tools that attacks are made of. `/???/b??h` runs
 * /bin/bash, and `n${x}c` runs nc.
 */
const RECOGNIZED_COMMANDS = [
  'bash', 'sh', 'dash', 'zsh', 'ksh', 'fish', 'busybox', 'env', 'python', 'python3', 'perl', 'ruby', 'php', 'node', 'lua',
  'nc', 'ncat', 'netcat', 'socat', 'curl', 'wget', 'telnet', 'tftp', 'ftp', 'ssh', 'scp', 'rsync', 'openssl', 'nmap',
  'cat', 'head', 'tail', 'less', 'more', 'base64', 'xxd', 'od', 'tar', 'gzip', 'zip', 'cp', 'mv', 'rm', 'dd', 'shred', 'tee', 'chmod', 'chown', 'chattr',
  'id', 'whoami', 'uname', 'hostname', 'crontab', 'systemctl', 'kill', 'pkill', 'nohup', 'setsid', 'mkfifo', 'mknod', 'sudo', 'su',
  'useradd', 'usermod', 'passwd', 'chpasswd', 'iptables', 'wipefs', 'mkfs', 'find', 'xargs', 'awk', 'sed',
  'service', 'journalctl', 'auditctl', 'setenforce', 'ufw', 'insmod', 'modprobe', 'pkexec', 'visudo', 'netstat', 'ifconfig',
  'touch', 'lsof', 'strace', 'mount', 'launchctl', 'osascript', 'security', 'dscl', 'csrutil', 'spctl', 'sqlite3', 'docker', 'kubectl',
  // a container's way out, and the clients an intruder reaches for inside one
  'nsenter', 'unshare', 'chroot', 'capsh', 'crictl', 'ctr', 'tcpdump', 'gdb', 'etcdctl', 'sshpass',
  // and the ways to more rights on this one
  'setcap', 'getcap', 'gpasswd', 'groupadd', 'userdel', 'chage', 'systemd-run', 'sudoedit',
  // and the directory, KDC, mail and hypervisor tools that hand out every account's secrets or every machine
  'slapcat', 'ldapsearch', 'kdb5_util', 'kadmin.local', 'samba-tool', 'tdbdump', 'doveadm', 'postconf', 'postsuper', 'swaks', 'sendmail', 'virsh', 'esxcli', 'vim-cmd',
];

/**
 * The command a glob in command position runs (`/???/b??h` → /bin/bash), or undefined. Of several
 * candidates the first in sorted order is taken, as the shell runs the first word of the expansion.
 */
export function commandOfGlob(word: string): string | undefined {
  if (!word.startsWith('/') || word.length > 256 || !/[*?[]/.test(word)) return undefined;
  const hits: string[] = [];
  for (const dir of BIN_DIRS) for (const name of RECOGNIZED_COMMANDS) if (globMatch(word, `${dir}/${name}`)) hits.push(`${dir}/${name}`);
  // Windows' own programs as Git Bash and WSL reach them (`/c/W*/S*32/wbem/WMI?.exe`), whose names match in any case
  if (hits.length === 0 && /^\/(?:mnt\/)?c\//i.test(word)) {
    const lower = word.toLowerCase();
    for (const dir of WINDOWS_BIN_DIRS) for (const name of WINDOWS_PROGRAMS) if (globMatch(lower, `${dir}/${name}.exe`)) hits.push(`${dir}/${name}.exe`);
  }
  return hits.sort()[0];
}
/** A tool by the name its kit gives it, whatever the path, script extension or package prefix (`/opt/x/psexec.py`, `impacket-psexec` → psexec). */
export function toolName(word: string): string {
  let n = word.slice(word.lastIndexOf('/') + 1).toLowerCase();
  n = n.replace(/\.(py|exe|sh|pl|rb|ps1|jar|bat)$/, '');
  // a release binary named for its platform (`kerbrute_linux_amd64`, `chisel-windows-x64`)
  n = n.replace(/[_-](?:linux|windows|win|darwin|macos|freebsd)[_-](?:amd64|x64|x86_64|386|i386|arm64|aarch64|armv7|arm)$/, '');
  return n.startsWith('impacket-') ? n.slice(9) : n;
}
/** Interpreters and loaders whose first operand is the real program (`python3 Responder.py`, `wine mimikatz.exe`). */
const SCRIPT_RUNNERS = new Set(['python', 'python2', 'python3', 'perl', 'ruby', 'wine', 'wine64', 'mono', 'dotnet', 'pwsh', 'powershell', 'sh', 'bash', 'zsh', 'proxychains', 'proxychains4']);
/** The script a runner is given, as a tool name, and the words after it (`python3 $(command -v smbexec.py) corp/x@10.0.0.5`). */
export function scriptRun(cmd: { name: string; argv: readonly string[] }): { name: string; rest: string[] } | undefined {
  if (!SCRIPT_RUNNERS.has(cmd.name)) return undefined;
  const i = cmd.argv.findIndex((a, k) => k > 0 && !a.startsWith('-'));
  // (code given inline, `python3 -c '…'`, `pwsh -Command …`, names no script)
  return i < 0 || /^-(?:c|e|m|command|encodedcommand|enc|ec)$/i.test(cmd.argv[i - 1]!) ? undefined : { name: toolName(commandOfLookup(cmd.argv[i]!) ?? cmd.argv[i]!), rest: cmd.argv.slice(i + 1) };
}
/** `$(which etcdctl)`, `$(command -v smbexec.py)`, `` `type -P nc` ``: a program's path looked up in place, which runs that program. */
export function commandOfLookup(word: string): string | undefined {
  return /^(?:\$\(|`)(?:which|command -v|type -[pP]) ([\w.+-]{1,64})(?:\)|`)$/.exec(word)?.[1];
}
/** System32 and its neighbours as the drive is mounted under Git Bash (`/c`) and WSL (`/mnt/c`), lower case. */
const WINDOWS_BIN_DIRS = ['/c', '/mnt/c'].flatMap((drive) => ['windows/system32', 'windows/system32/wbem', 'windows/syswow64', 'windows/system32/windowspowershell/v1.0', 'windows'].map((d) => `${drive}/${d}`));
/** Windows' own programs, by the name a line gives them without `.exe`: the ones that run another program first. */
export const WINDOWS_RUNNERS: ReadonlySet<string> = new Set(['cmd', 'powershell', 'forfiles', 'wmic', 'mshta', 'rundll32', 'regsvr32', 'msiexec', 'cscript', 'wscript', 'runas']);
/** And the administration tools an intrusion uses (each answers `/?` with its usage). */
export const WINDOWS_ADMIN_TOOLS: ReadonlySet<string> = new Set(['reg', 'schtasks', 'sc', 'vssadmin', 'wevtutil', 'bcdedit', 'net', 'net1', 'netsh', 'certutil', 'bitsadmin', 'cipher', 'cmdkey', 'vaultcmd', 'icacls', 'takeown', 'wbadmin', 'fsutil', 'diskpart', 'format', 'auditpol', 'nltest', 'dsquery', 'setspn', 'ntdsutil', 'whoami', 'attrib', 'findstr', 'fltmc', 'manage-bde', 'reagentc', 'winrs']);
const WINDOWS_PROGRAMS = [...WINDOWS_RUNNERS, ...WINDOWS_ADMIN_TOOLS];

const RECOGNIZED = new Set(RECOGNIZED_COMMANDS);
/** A variable reference as it stays in a word when its value is unknown: `$x`, `${x}`. */
const VAR_REF = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;

/**
 * The command a word names when the shell variables in it are unset (`n${x}c` → nc, `r${empty}m` → rm) or its
 * command substitutions empty (`n$()c`), or undefined. Only lowercase names count, which are the shell's own and not inherited from the
 * environment, only when none was assigned on the line, and only when what is left is a recognized command.
 */
export function commandWithoutUnset(raw: string, assigned: (name: string) => boolean): string | undefined {
  if (raw.length > 256) return undefined;
  // an empty command substitution is empty whoever runs it: `sw$()aks` is swaks, whatever its name
  const word = raw.replace(/\$\(\s*\)|``/g, '');
  if (word !== raw && word !== '' && /^[A-Za-z0-9_./-]+$/.test(word)) return word;
  if (!word.includes('$') || !/^[A-Za-z0-9_./${}-]+$/.test(word)) return undefined;
  let unsetOnly = true;
  const left = word.replace(VAR_REF, (_, name: string) => {
    if (name !== name.toLowerCase() || assigned(name)) unsetOnly = false;
    return '';
  });
  if (!unsetOnly || left === '' || left.includes('$') || left.includes('{') || left.includes('}')) return undefined;
  return RECOGNIZED.has(baseName(left)) ? left : undefined;
}
