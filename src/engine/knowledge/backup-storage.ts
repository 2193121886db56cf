import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { hasArg, hasShortFlag, operands } from '../rule.js';
import { throwawayName } from './throwaway.js';
import { canonicalPath } from './paths.js';
import { clientQueries } from './sql-clients.js';

/**
 * Backup and storage administration through the tools' own commands, where no `rm` of a backup folder stands for
 * it: repositories pruned to nothing, immutability and retention taken away, tapes erased, backup jobs deleted or
 * masked, RAID members and pool labels wiped, storage volumes and buckets deleted whole.
 */

/** A keep rule's value that keeps nothing: zero of anything, or only the last minutes or hours (`--keep-within 2h`). */
const KEEPS_NOTHING = (option: string, value: string) => /^0[a-z]?$/.test(value) || (option === '--keep-within' && /^\d{1,2}[hmH]$/.test(value));
/** Borg's short keep options: hourly, daily, weekly, monthly, yearly. */
const BORG_SHORT_KEEP = new Set(['-H', '-d', '-w', '-m', '-y']);

/**
 * A restic `forget` or Borg `prune` retention that keeps nothing, or only the newest snapshot: `--keep-last 0`,
 * `--keep-within 1h`, or `--keep-last 1` with no other keep rule.
 */
export function retentionKeepsNothing(a: readonly string[]): boolean {
  const rules: Array<[string, string]> = [];
  for (let k = 1; k < a.length && k < 256; k++) {
    const w = a[k]!;
    const eq = /^(--keep-[a-z]+)=(.*)$/.exec(w);
    if (eq) rules.push([eq[1]!, eq[2]!]);
    else if (w.startsWith('--keep-') || BORG_SHORT_KEEP.has(w)) rules.push([w, a[k + 1] ?? '']);
  }
  if (rules.some(([o, v]) => KEEPS_NOTHING(o, v))) return true;
  return rules.length === 1 && rules[0]![0] === '--keep-last' && rules[0]![1] === '1';
}

/** A secret made up on the spot and kept nowhere: `$(openssl rand -hex 32)`, random bytes from /dev/urandom. */
const RANDOM_SECRET = /\$\((?:openssl rand|head -c ?\d{1,5} \/dev\/urandom|tr -dc|uuidgen|pwgen)|\/dev\/urandom/;

/** Archives of Veeam, Windows Backup and Acronis: a `find` that deletes them by their extension empties a repository. */
const BACKUP_ARCHIVE = /\*\.(?:vbk|vib|vrb|vbm|vsb|bkf|tibx?)['"]?$/i;

/** Lifecycle or lock days on an S3 bucket, of a JSON configuration: one day or none makes every version expire at once. */
const TINY_DAYS = /"(?:Days|NoncurrentDays)"\s*:\s*[01]\b/;

/**
 * Backups, snapshots and restore points that a backup or storage tool's own command destroys wholesale, or whose
 * protection it takes away, or the machine's backup service turned off. `line` is the rest of the command line (an
 * `mt rewind` before a `weof` writes the end mark at the tape's start; `restic snapshots` hands its ids to xargs).
 */
export function backupsDestroyed(c: SimpleCommand, line: readonly SimpleCommand[]): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  const ops = operands(c);
  const fromLine = (name: string, ...words: string[]) => c.wrappers.includes('xargs') && line.some((x) => x !== c && x.name === name && words.every((w) => x.argv.includes(w)));
  switch (c.name) {
    // thinning asks to free a purge amount; a size no disk has thins every local snapshot; excluding /Users takes the homes out of backups
    case 'tmutil': return hasArg(c, 'disable', 'delete', 'deletelocalsnapshots') || (hasArg(c, 'thinlocalsnapshots') && ops.some((w) => /^\d{12,}$/.test(w))) || (hasArg(c, 'addexclusion') && ops.some((p) => /^\/(?:Users|System\/Volumes\/Data)?\/?$|^~\/?$/.test(canonicalPath(p)))) ? said() : undefined;
    case 'vssadmin': case 'wbadmin': return hasArg(c, 'delete') ? said() : undefined;
    // Oracle's RMAN told to delete every backup or every archived log (its expired and obsolete ones are its retention),
    // and SAP HANA's backup catalog deleted with the backups themselves (`BACKUP CATALOG DELETE … COMPLETE`)
    case 'rman': return /^\s{0,16}DELETE\s{1,8}(?:NOPROMPT\s{1,8})?(?:FORCE\s{1,8})?(?:BACKUP|ARCHIVELOG\s{1,8}ALL)\s{0,8};/im.test((c.stdin ?? '').slice(0, 8192)) ? said() : undefined;
    case 'hdbsql': return clientQueries(c).some((q) => /\bBACKUP\s{1,8}CATALOG\s{1,8}DELETE\b[^;]{0,400}\bCOMPLETE\b/i.test(q.slice(0, 2048))) ? said() : undefined;
    case 'timeshift': return hasArg(c, '--delete-all') ? said() : undefined;
    // a whole repository (no archive name); a prune that keeps nothing; its append-only protection switched off
    // (`borg config REPO append_only 0`); its passphrase changed to a random one nobody keeps, which locks every archive
    case 'borg': return (hasArg(c, 'delete') && ops.some((o) => o !== 'delete' && (o.endsWith('::') || !o.includes('::')))) || (hasArg(c, 'prune') && retentionKeepsNothing(a)) || (a[1] === 'config' && ops.includes('append_only') && ops[ops.length - 1] === '0') || (a[1] === 'key' && a[2] === 'change-passphrase' && c.assignments.some((x) => x.name === 'BORG_NEW_PASSPHRASE' && RANDOM_SECRET.test(x.value))) ? said() : undefined;
    // a retention that keeps nothing, or every snapshot `restic snapshots` lists; every key but the current one removed,
    // as `restic key list` hands them over
    case 'restic': return (hasArg(c, 'forget') && (retentionKeepsNothing(a) || fromLine('restic', 'snapshots'))) || (a.includes('key') && a.includes('remove') && fromLine('restic', 'key', 'list')) ? said() : undefined;
    // recursively, a range of snapshots (`tank@%`), or every snapshot `zfs list -t snapshot` names, through xargs (`-n`
    // only says what would go; a scratch or test dataset is thrown away); a dataset's encryption key moved to memory or a
    // temp folder, gone at the next reboot and the data with it
    case 'zfs': return (hasArg(c, 'destroy') && !hasShortFlag(c, 'n') && !ops.some((o) => o.split(/[/@]/).some(throwawayName)) && (hasShortFlag(c, 'r') || ops.some((w) => w.includes('@') && w.includes('%')) || (c.wrappers.includes('xargs') && c.pipeFrom?.name === 'zfs' && c.pipeFrom.argv.some((w) => w === 'snapshot' || w === 'snap')))) || (hasArg(c, 'change-key') && a.some((w) => /^keylocation=file:\/\/\/(?:dev\/shm|tmp|run|var\/tmp)\//.test(w))) ? said() : undefined;
    case 'snapper': return hasArg(c, 'delete', 'remove', 'rm') && ops.some((o) => /^\d+-\d+$/.test(o)) ? said() : undefined;
    // GPFS's snapshots removed one by one as a listing names them (`mmlssnapshot gpfs0 -Y | … | while read s; do mmdelsnapshot gpfs0 "$s"; done`)
    case 'mmdelsnapshot': return c.dynamic.some(Boolean) && line.some((x) => x.name === 'mmlssnapshot') ? said() : undefined;
    case 'lvremove': return ops.some((o) => /snap|backup/i.test(o.slice(o.lastIndexOf('/') + 1))) ? said() : undefined;
    // every backup or schedule of a cluster (`velero backup delete --all --confirm`), or every volume snapshot
    case 'velero': return hasArg(c, 'backup', 'schedule') && hasArg(c, 'delete') && (hasArg(c, '--all') || a.some((w) => w === '-l' || w.startsWith('--selector'))) ? said() : undefined;
    case 'kubectl': case 'oc': return hasArg(c, 'delete') && ops.some((o) => /^volumesnapshot(?:content)?s?(?:\.|$)/i.test(o)) && hasArg(c, '--all', '--all-namespaces', '-A') ? said() : undefined;
    // every backup older than now, or than a few hours; every full chain but none
    case 'duplicity': {
      const older = optionValue(a, ['remove-older-than']);
      return (older !== undefined && /^(?:now|\d{1,2}[smh])$/.test(older)) || optionValue(a, ['remove-all-but-n-full', 'remove-all-inc-of-but-n-full']) === '0' ? said() : undefined;
    }
    case 'rbd': return hasArg(c, 'snap') && hasArg(c, 'purge') ? said() : undefined;
    // a tape erased, or an end mark written at its start (after a rewind), which hides everything after it
    case 'mt': return hasArg(c, 'erase') || (hasArg(c, 'weof', 'eof') && line.some((x) => x.name === 'mt' && hasArg(x, 'rewind'))) ? said() : undefined;
    // Bacula's and Bareos's console told to purge or delete volumes and jobs from the catalog
    case 'bconsole': return /\b(?:purge|delete)\s+(?:volume|jobid|job|files)\b/i.test(c.stdin?.slice(0, 2000) ?? '') ? `bconsole < ${c.stdin!.slice(0, 120)}` : undefined;
    case 'veeamconfig': return hasArg(c, 'backup') && hasArg(c, 'delete') ? said() : undefined;
    // versioning suspended, so overwritten and deleted objects keep no version to restore; object lock bypassed to delete
    // a locked version; immutability or every version's life cut to a day
    case 'aws': return (hasArg(c, 'put-bucket-versioning') && a.some((w) => /Status=Suspended/.test(w))) || (hasArg(c, 'delete-object', 'delete-objects') && hasArg(c, '--bypass-governance-retention')) || (hasArg(c, 'put-object-lock-configuration', 'put-bucket-lifecycle-configuration') && a.some((w) => TINY_DAYS.test(w.slice(0, 4000)))) ? said() : undefined;
    // MinIO's client: a backup bucket or folder removed whole with its old versions, retention, legal holds or versioning
    // taken off, every version expired within a day
    case 'mc': {
      const expire = optionValue(a, ['--expire-days', '--noncurrent-expire-days']);
      return (a[1] === 'rm' && hasArg(c, '--recursive', '-r') && hasArg(c, '--force') && ops.some((o) => /backup/i.test(o))) || (hasArg(c, 'retention', 'legalhold') && hasArg(c, 'clear')) || (hasArg(c, 'version') && hasArg(c, 'suspend')) || (hasArg(c, 'ilm') && hasArg(c, 'add') && expire !== undefined && /^[01]$/.test(expire)) ? said() : undefined;
    }
    // snapshots by a pattern (one snapper snapshot by name is housekeeping), or every one `btrfs subvolume list -s` names
    case 'btrfs': return hasArg(c, 'subvolume') && hasArg(c, 'delete', 'del') && (ops.some((o) => /snap/i.test(o) && /[*?]/.test(o)) || (c.pipeFrom !== undefined && line.some((x) => x.name === 'btrfs' && hasArg(x, 'list') && hasShortFlag(x, 's')) && c.wrappers.includes('xargs'))) ? said() : undefined;
    case 'find': return (hasArg(c, '-delete') || a.some((w, k) => (w === '-exec' || w === '-execdir') && /^(?:rm|shred)$/.test(a[k + 1] ?? ''))) && a.some((w) => BACKUP_ARCHIVE.test(w)) ? said() : undefined;
    default: return undefined;
  }
}

/** Units and timers of backup tools, or named for backups. */
const BACKUP_UNIT = /^(?:borgmatic|borg|restic|sanoid|syncoid|zfs-auto-snapshot|snapper-timeline|snapper-cleanup|bacula-(?:fd|sd|dir)|bareos-(?:fd|sd|dir)|amanda|veeamservice|veeam|rsnapshot|duplicity|velero|pgbackrest|barman|urbackup\w*|timeshift|proxmox-backup)\b|backup/i;
/** Configuration and scripts of backup tools, and cron files of backups. */
const BACKUP_CONFIG = /backup|rsnapshot|sanoid|borgmatic|restic|bacula|bareos|amanda|veeam|snapper|duplicity|pgbackrest|barman|basebackup|xtrabackup/i;
/** A file of cron's system folders. */
const CRON_FILE = /^\/etc\/cron\.(?:d|daily|hourly|weekly|monthly)\/[^/]{1,128}$/;
/** A sed script that neutralizes what it matches: sent to /dev/null, replaced by `exit 0`, commented out, or set to zero. */
const NEUTRALIZES = /\/dev\/null|\bexit 0\b|[|/#]#\\1[|/#]|s[|/]\^[|/]#|=\s?0[|/]/;

/**
 * Scheduled backups turned off: a backup unit or timer masked or disabled, a crontab rewritten without its backup
 * lines, a backup job, schedule or snapshot task deleted or disabled, a backup configuration or script neutralized.
 */
export function backupsStopped(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  const ops = operands(c);
  switch (c.name) {
    case 'systemctl': return hasArg(c, 'mask', 'disable') && ops.some((u) => BACKUP_UNIT.test(u)) ? said() : undefined;
    // `crontab -l | grep -v restic | crontab -`
    case 'crontab': return c.pipeFrom?.name === 'grep' && hasShortFlag(c.pipeFrom, 'v') && operands(c.pipeFrom).some((p) => BACKUP_UNIT.test(p) || BACKUP_CONFIG.test(p)) ? said() : undefined;
    // a backup's cron file moved out of cron's folders or removed (`mv /etc/cron.d/tsm-backup /root/tsm-backup.disabled`)
    case 'mv': case 'rm': return ops.slice(0, c.name === 'mv' ? -1 : undefined).some((p) => CRON_FILE.test(p) && BACKUP_CONFIG.test(p.slice(p.lastIndexOf('/') + 1))) ? said() : undefined;
    case 'veeamconfig': return (hasArg(c, 'job') && hasArg(c, 'delete')) || (hasArg(c, 'schedule') && hasArg(c, 'disable')) ? said() : undefined;
    case 'velero': return hasArg(c, 'schedule') && hasArg(c, 'delete', 'pause') ? said() : undefined;
    case 'bconsole': return /\bdisable\s+(?:job|schedule)\b/i.test(c.stdin?.slice(0, 2000) ?? '') ? `bconsole < ${c.stdin!.slice(0, 120)}` : undefined;
    // TrueNAS's middleware: periodic snapshot, replication and cloud sync tasks deleted
    case 'midclt': return a.some((w) => /^(?:pool\.snapshottask|replication|cloudsync|rsynctask)\.delete$/.test(w)) ? said() : undefined;
    case 'zfs': return hasArg(c, 'set') && a.some((w) => /^com\.sun:auto-snapshot(?::\w+)?=false$/.test(w)) && !(ops.at(-1) ?? '').split('/').some(throwawayName) ? said() : undefined;
    case 'snapper': return hasArg(c, 'set-config') && a.some((w) => /^TIMELINE_CREATE=(?:no|"no")$/.test(w)) ? said() : undefined;
    case 'sed': return (hasShortFlag(c, 'i') || a.some((w) => w.startsWith('--in-place'))) && ops.slice(1).some((f) => BACKUP_CONFIG.test(f)) && NEUTRALIZES.test(ops[0] ?? '') ? said() : undefined;
    default: return undefined;
  }
}

/** A storage volume, bucket or share deleted whole through its cluster's or appliance's own tool. */
export function storageDeleted(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const ops = operands(c);
  const named = (v: string | undefined) => v !== undefined && !v.split('/').some(throwawayName);
  switch (c.name) {
    case 'gluster': return hasArg(c, 'volume') && hasArg(c, 'delete') && named(ops[ops.indexOf('delete') + 1]) ? a.join(' ') : undefined;
    case 'radosgw-admin': return hasArg(c, 'bucket') && hasArg(c, 'rm') && hasArg(c, '--purge-objects') && named(optionValue(a, ['--bucket'])) ? a.join(' ') : undefined;
    case 'mc': return hasArg(c, 'rb') && hasArg(c, '--force') && ops.slice(1).some(named) ? a.join(' ') : undefined;
    case 'synoshare': return hasArg(c, '--del') ? a.join(' ') : undefined;
    default: return undefined;
  }
}

/** RAID members' superblocks zeroed, a pool's labels cleared, a volume shrunk by force under its filesystem. */
export function storageLabelsWiped(c: SimpleCommand, blockDevice: (p: string) => boolean): string | undefined {
  const a = c.argv;
  if (c.name === 'mdadm') return hasArg(c, '--zero-superblock') && operands(c).some(blockDevice) ? a.join(' ') : undefined;
  if (c.name === 'zpool') return hasArg(c, 'labelclear') ? a.join(' ') : undefined;
  // without -r (--resizefs) the filesystem is not shrunk first, so what lay past the new end is lost
  if (c.name === 'lvreduce') return (hasArg(c, '--force') || hasShortFlag(c, 'f')) && !hasArg(c, '--resizefs') && !hasShortFlag(c, 'r') ? a.join(' ') : undefined;
  return undefined;
}

/**
 * A share that gives root on this machine to whoever mounts it: an NFS export without root squashing, by `exportfs`
 * or ZFS's sharenfs property.
 */
export function rootExported(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'exportfs') return /\bno_root_squash\b/.test(optionValue(a, ['-o']) ?? '') ? a.join(' ') : undefined;
  if (c.name === 'zfs') return hasArg(c, 'set') && a.some((w) => /^sharenfs=.*\bno_root_squash\b/.test(w)) ? a.join(' ') : undefined;
  return undefined;
}

/**
 * A Samba share open to guests that acts as root or shares the whole disk, or an rsync daemon module that serves the
 * root folder as root: anyone on the network then reads and writes the machine as root.
 */
export function rootShareText(path: string, text: string): boolean {
  const t = text.slice(0, 8192);
  const wholeDisk = /^[ \t]*path[ \t]*=[ \t]*\/[ \t]*$/m.test(t);
  if (/(?:^|\/)smb\.conf$/.test(path)) return /^[ \t]*(?:guest ok|public)[ \t]*=[ \t]*yes\b/im.test(t) && (wholeDisk || /^[ \t]*force user[ \t]*=[ \t]*root\b/im.test(t));
  if (/(?:^|\/)rsyncd\.conf$/.test(path)) return wholeDisk && /^[ \t]*uid[ \t]*=[ \t]*(?:0|root)[ \t]*$/m.test(t);
  return false;
}
