import { ruleAnalyzer, operands, type AnalysisInput, type Rule } from '../rule.js';
import type { SimpleCommand } from '../shell/types.js';
import { canonicalPath, classifyPath, hiddenInTemp, inTemp, isTestData } from '../knowledge/paths.js';
import { secretAt, wholeTree } from './exfiltration.js';
import { SSH_CLIENT_CONFIG } from './persistence.js';

/** System locations an agent's file tools should never modify. */
const SYSTEM_ROOTS = ['/etc/', '/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/', '/boot/', '/System/', '/Library/', '/var/spool/', '/var/lib/', '/root/', '/opt/homebrew/bin/', 'C:/Windows/', 'C:\\Windows\\'];

/** Filesystem tool call, if this is one. */
function fsCall(i: AnalysisInput): { operation: string; path: string } | undefined {
  return i.call.kind === 'filesystem' ? { operation: i.call.operation, path: i.call.path } : undefined;
}

/** URL-encoded `../`: never part of an ordinary path. */
const ENCODED_TRAVERSAL = /%2e%2e(?:%2f|%5c|\/)|\.\.(?:%2f|%5c)|%252e%252e/i;
/** Where traversal payloads usually aim. */
const TRAVERSAL_TARGET = /^(?:etc|root|proc|home|var|usr|windows|Users|boot)(?:\/|$)/i;

/** Three or more `../` in a row landing on a system directory, or any encoded `../`. */
function traversal(path: string): boolean {
  if (path.length > 4096) return false;
  const p = path.replace(/\\/g, '/');
  if (ENCODED_TRAVERSAL.test(p)) return true;
  const k = p.indexOf('../');
  if (k < 0) return false;
  let ups = 0;
  while (p.startsWith('../', k + ups * 3)) ups++;
  return ups >= 3 && TRAVERSAL_TARGET.test(p.slice(k + ups * 3));
}

/** Is this word a permission mode that adds execute? `+x`, `u+x`, `a+rx`, `755`, `0777`. */
function addsExec(mode: string): boolean {
  return /^[ugoa]*\+[rwxXst]*x/.test(mode) || /^0?[0-7]?[1357][0-7]{2}$/.test(mode) || /^0?[0-7]?[0-7][1357][0-7]$/.test(mode);
}

/** Paths made executable by a chmod command. */
function madeExecutable(c: SimpleCommand): string[] {
  const ops = operands(c);
  const modeIdx = c.argv.findIndex((w, k) => k > 0 && (addsExec(w) || /^[ugoa]*\+/.test(w) || /^0?[0-7]{3,4}$/.test(w)));
  if (modeIdx < 0 || !addsExec(c.argv[modeIdx]!)) return [];
  return ops.filter((p) => p !== c.argv[modeIdx]);
}

/** `chmod <path>` for the first path made executable whose canonical form is in `where`. */
function chmodInto(c: SimpleCommand, where: (canonical: string) => boolean): string | undefined {
  const hit = madeExecutable(c).find((p) => where(canonicalPath(p)));
  return hit ? `chmod ${hit}` : undefined;
}

/** Directories whose content is handed to others: web roots, static asset folders, shared temp. */
const SERVED_SEGMENT = /^(?:public|static|www|html|htdocs|wwwroot|assets|uploads|dist|build|out|share|shared)$/;

/** An `ln` whose target is a secret, an account database or a whole tree; and where the link is made. */
function sensitiveLink(c: SimpleCommand): { evidence: string; served: boolean } | undefined {
  const ops = operands(c);
  if (ops.length === 0) return undefined;
  const target = ops[0]!;
  const s = classifyPath(target);
  if (!(secretAt(target) || s?.role === 'recon' || s?.kind === 'password-hashes' || wholeTree(target))) return undefined;
  const link = canonicalPath(ops[1] ?? '.');
  const served = inTemp(link) || link.startsWith('/var/www') || link.split('/').some((seg) => SERVED_SEGMENT.test(seg));
  return { evidence: `ln ${ops.join(' ')}`, served };
}

export const RULES: readonly Rule[] = [
  {
    id: 'PX-FILE-001', name: 'file-tool-modifies-system-or-sensitive-path', score: 55, tactic: 'impact', technique: 'T1565.001',
    message: 'File tool writes or deletes a system file or a sensitive file',
    why: 'An agent editing /etc, system binaries, credential stores or startup files through its file tool changes the machine beyond the project.',
    alternative: 'Change system configuration through the package manager or a reviewed script.',
    check: (i) => {
      const f = fsCall(i);
      if (!f || f.operation === 'read' || f.operation === 'list') return undefined;
      const c = canonicalPath(f.path);
      const k = classifyPath(f.path);
      // a unit, a cron job or an init script under /etc is judged by the persistence rules, as in a home directory
      if (SYSTEM_ROOTS.some((r) => c.startsWith(r))) return f.operation !== 'delete' && k?.role === 'exec-location' ? undefined : `${f.operation} ${f.path}`;
      // writing a project's .env is setting it up, as `printf … > .env` is; reading it is what the credential rules judge.
      // What is written into a startup file or a hook is judged by the persistence rules, as the same text written
      // from the shell is (`echo 'export PATH=…' >> ~/.bashrc` is ordinary; a downloader there is not)
      // and a fixture written under a project's tests is test data, not the credential file it is named like;
      // an SSH client config runs commands only through the settings PX-PERSIST-033 reads
      const judgedElsewhere = f.operation !== 'delete' && (k?.kind === 'env-file' || k?.role === 'exec-location' || isTestData(c) || SSH_CLIENT_CONFIG.test(c));
      return k && !judgedElsewhere ? `${f.operation} ${f.path}` : undefined;
    },
    examples: {
      fire: [{ Filesystem: { operation: 'Write', path: '/etc/hosts', content: '1.2.3.4 github.com' } }, { Filesystem: { operation: 'Delete', path: '/home/u/.ssh/authorized_keys' } }, { Filesystem: { operation: 'Write', path: '/usr/local/bin/node', content: '#!/bin/sh' } }, { FileSystem: { operation: 'create', path: '/home/u/.aws/credentials', content: '[default]' } }],
      quiet: [{ Filesystem: { operation: 'Write', path: '/home/u/project/src/index.ts', content: 'x' } }, { Filesystem: { operation: 'Write', path: '/Users/ben/.ssh/config', content: 'Host github.com\n  AddKeysToAgent yes\n  IdentityFile ~/.ssh/id_ed25519\n' } }, { Filesystem: { operation: 'Read', path: '/etc/hosts' } }, { Filesystem: { operation: 'Delete', path: '/home/u/project/dist/app.js' } }, { Filesystem: { operation: 'Write', path: '/home/u/project/.env', content: 'PORT=3000' } }, { Filesystem: { operation: 'Write', path: '/home/u/.bashrc', content: 'export PATH=$HOME/.local/bin:$PATH\n' } }, { Filesystem: { operation: 'Write', path: '/home/u/project/.git/hooks/pre-commit', content: '#!/bin/sh\nnpm run lint\n' } }, { Filesystem: { operation: 'Write', path: '/home/u/webapp/tests/fixtures/fake_credentials.json', content: '{}' } }, { Filesystem: { operation: 'Write', path: '/etc/systemd/system/manifest-export.timer', content: '[Timer]\nOnCalendar=daily\n' } }],
    },
  },
  {
    id: 'PX-FILE-002', name: 'path-traversal', score: 55, tactic: 'collection', technique: 'T1005',
    message: 'Climbs out of the working tree with ../ sequences towards system paths',
    why: 'Deep ../ chains and their URL-encoded forms are how a constrained file tool or web endpoint is tricked into reading /etc or other users\' files.',
    check: (i) => {
      const f = fsCall(i);
      if (f) return traversal(f.path) ? f.path : undefined;
      if (i.call.kind === 'network') return traversal(i.call.url) ? i.call.url : undefined;
      for (const c of i.view?.commands ?? []) for (const w of c.argv.slice(1)) if (w.includes('../') && traversal(w)) return `${c.name} ${w}`;
      return undefined;
    },
    examples: {
      fire: [{ Filesystem: { operation: 'Read', path: '../../../../etc/passwd' } }, 'cat ../../../../../etc/shadow', { Network: { method: 'GET', url: 'http://app.example.com/download?file=..%2f..%2f..%2fetc%2fpasswd' } }, { Filesystem: { operation: 'Read', path: 'uploads/../../../../root/.ssh/id_rsa' } }],
      quiet: ['cat ../../README.md', 'ln -s ../shared/tsconfig.base.json tsconfig.base.json', { Filesystem: { operation: 'Read', path: '../package.json' } }, 'cd ../../..'],
    },
  },
  {
    id: 'PX-FILE-003', name: 'file-tool-reads-account-or-host-list', score: 50, tactic: 'discovery', technique: 'T1087.001',
    message: 'File tool reads the account list, sudoers or SSH host list',
    why: '/etc/passwd, /etc/group, sudoers and known_hosts map the users and the hosts worth attacking next.',
    check: (i) => {
      const f = fsCall(i);
      if (!f || f.operation !== 'read') return undefined;
      const s = classifyPath(f.path);
      return s && (s.role === 'recon' || s.kind === 'sudoers') ? `${f.path} (${s.label})` : undefined;
    },
    examples: {
      fire: [{ Filesystem: { operation: 'Read', path: '/etc/passwd' } }, { Filesystem: { operation: 'Read', path: '/etc/sudoers' } }, { Filesystem: { operation: 'Read', path: '/home/dev/.ssh/known_hosts' } }],
      quiet: [{ Filesystem: { operation: 'Read', path: '/etc/hosts' } }, { Filesystem: { operation: 'Read', path: 'src/passwd.ts' } }, { Filesystem: { operation: 'Write', path: 'notes/passwd.md', content: 'x' } }],
    },
  },
  {
    id: 'PX-FILE-004', name: 'symlinks-sensitive-file', score: 65, tactic: 'collection', technique: 'T1005',
    message: 'Creates a link to a credential file, an account database or the root of the file system',
    why: 'A link to /etc/shadow, a private key or / from a served, shared or temp directory exposes it through whatever reads that directory.',
    commands: ['ln'],
    test: (c) => sensitiveLink(c)?.evidence,
    examples: {
      fire: ['ln -s /etc/shadow x', 'ln -s ~/.ssh/id_rsa public/', 'sudo ln -sf / /var/www/html/root', 'ln /etc/passwd /tmp/p'],
      quiet: ['ln -s ../shared/tsconfig.base.json tsconfig.base.json', 'ln -sf "$PWD/bin/cli" ~/.local/bin/mycli', 'ln -s /usr/bin/python3 /usr/local/bin/python', 'ln -s ~/dotfiles/.bashrc ~/.bashrc'],
    },
  },
  {
    id: 'PX-FILE-005', name: 'makes-temp-file-executable', score: 40, tactic: 'defense_evasion', technique: 'T1222.002',
    message: 'Makes a file in a world-writable temp directory executable',
    why: 'Payloads are dropped in /tmp, /var/tmp or /dev/shm because anyone can write there; marking one executable is the step before running it.',
    alternative: 'Keep scripts in the project and run them from there.',
    commands: ['chmod'],
    test: (c) => chmodInto(c, inTemp),
    examples: {
      fire: ['chmod +x /tmp/install.sh', 'chmod 755 /dev/shm/x', 'sudo chmod u+x /var/tmp/run'],
      quiet: ['chmod +x scripts/*.sh', 'chmod 644 /tmp/notes.txt', 'chmod -x /tmp/a.sh'],
    },
  },
  {
    id: 'PX-FILE-006', name: 'makes-hidden-shm-file-executable', score: 60, tactic: 'defense_evasion', technique: 'T1222.002',
    message: 'Makes a hidden temp file or a file in /dev/shm executable',
    why: 'Hidden names in /tmp and anything in the memory-backed /dev/shm are classic malware drop points; nothing a developer builds lives there.',
    commands: ['chmod'],
    test: (c) => chmodInto(c, (k) => hiddenInTemp(k) || k.startsWith('/dev/shm/')),
    examples: {
      fire: ['chmod +x /dev/shm/x', 'chmod 777 /tmp/.hidden/agent', 'chmod a+x /var/tmp/.cache-update'],
      quiet: ['chmod +x /tmp/install.sh', 'chmod 600 /dev/shm/sem', 'chmod +x ./.husky/pre-commit'],
    },
  },
  {
    id: 'PX-FILE-007', name: 'links-secret-into-served-directory', score: 80, tactic: 'exfiltration', technique: 'T1048',
    message: 'Links a credential file or / into a web root, public asset folder or temp directory',
    why: 'A symlink from a served or shared directory to /etc/shadow, a private key or / publishes it to whoever can fetch from that directory.',
    commands: ['ln'],
    test: (c) => { const l = sensitiveLink(c); return l?.served ? l.evidence : undefined; },
    examples: {
      fire: ['ln -s /etc/shadow /var/www/html/s.txt', 'ln -s ~/.aws/credentials public/creds.txt', 'sudo ln -sf / /var/www/html/root', 'ln -s ~/.ssh/id_rsa /tmp/k'],
      quiet: ['ln -s ~/.ssh/id_rsa ~/.ssh/id_rsa_github', 'ln -s ../assets/logo.png public/logo.png', 'ln -s /usr/share/nginx/html/index.html public/index.html'],
    },
  },
];

export const fileAccess = ruleAnalyzer('file_access', RULES);
