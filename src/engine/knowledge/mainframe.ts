import type { SimpleCommand } from '../shell/types.js';
import { hasSeq, perCall, type AnalysisInput } from '../rule.js';
import { optionValue } from '../shell/command-args.js';

/**
 * z/OS as an agent reaches it from Linux: TSO and RACF commands, operator (console) commands and IDCAMS statements
 * sent through the Zowe CLI (`zowe zos-tso issue command "…"`, `zowe zos-console issue command "…"`, `zowe zos-files
 * invoke ams-statements "…"`), through z/OS UNIX's `tsocmd` and `opercmd`, through z/OSMF's REST console, through
 * Ansible's z/OS collection, and as the in-stream input of a JCL job's utility step (IDCAMS, the TSO batch monitor,
 * ICKDSF, IEHPROGM, DBRC). Command names and operands from IBM's RACF, MVS system command, DFSMS and Zowe references.
 */

/** Which interpreter a command goes to: TSO (RACF's commands among them), the operator console, IDCAMS, or a utility's input. */
export type ZosKind = 'tso' | 'console' | 'ams' | 'utility';
/** A command as z/OS reads it: upper-cased, with runs of blanks as one; a utility's with the program that reads it. */
export interface ZosCommand { kind: ZosKind; text: string; program?: string }

const MAX_TEXT = 16384;
const MAX_COMMANDS = 64;
const normal = (t: string) => t.slice(0, 2048).toUpperCase().replace(/\s+/g, ' ').trim();

/** The Zowe CLI's group and verb for each kind, with their short aliases. */
const ZOWE_ISSUE: ReadonlyArray<{ groups: readonly string[]; verb: readonly string[]; kind: ZosKind }> = [
  { groups: ['zos-tso', 'tso'], verb: ['command', 'cmd'], kind: 'tso' },
  { groups: ['zos-console', 'console'], verb: ['command', 'cmd'], kind: 'console' },
];
const zoweGroup = (c: SimpleCommand, groups: readonly string[]) => c.name === 'zowe' && groups.includes(c.argv[1] ?? '');

/** The TSO batch monitor, IDCAMS and the utilities whose in-stream input says what a job does (IXCMIAPU: the system logger's log streams). */
const JOB_PROGRAMS: Readonly<Record<string, ZosKind>> = { IKJEFT01: 'tso', IKJEFT1A: 'tso', IKJEFT1B: 'tso', IDCAMS: 'ams', ICKDSF: 'utility', IEHPROGM: 'utility', DSPURX00: 'utility', ADRDSSU: 'utility', IXCMIAPU: 'utility' };

/** A JCL job's utility steps and the in-stream lines each reads (`//SYSIN DD *` up to `/*` or the next statement). */
function jobSteps(text: string): ZosCommand[] {
  const out: ZosCommand[] = [];
  let program: string | undefined;
  let inStream = false;
  for (const line of text.slice(0, MAX_TEXT).split('\n', 1024)) {
    if (line.startsWith('//')) {
      const pgm = /\bEXEC\s{1,16}PGM=([A-Z0-9$#@]{1,8})/i.exec(line)?.[1]?.toUpperCase();
      if (pgm !== undefined) program = pgm;
      inStream = /\sDD\s{1,16}(?:\*|DATA\b)/i.test(line);
      continue;
    }
    if (line.startsWith('/*')) { inStream = false; continue; }
    const kind = program === undefined ? undefined : JOB_PROGRAMS[program];
    if (!inStream || kind === undefined || line.trim() === '' || out.length >= MAX_COMMANDS) continue;
    // an IDCAMS statement goes on over lines that end in `-`
    const last = out[out.length - 1];
    if (kind === 'ams' && last?.kind === 'ams' && last.text.endsWith('-')) last.text = normal(`${last.text.slice(0, -1)} ${line}`);
    else out.push({ kind, text: normal(line), program });
  }
  return out;
}
const looksLikeJob = (t: string) => /^\/\/[A-Z0-9$#@]{0,8}\s{1,16}JOB\b/im.test(t.slice(0, MAX_TEXT));

/** A z/OSMF console request's command (`PUT …/zosmf/restconsoles/consoles/defcn` with `{"cmd":"…"}`). */
function restConsoleCommand(c: SimpleCommand): string | undefined {
  if (!c.argv.some((w) => w.includes('/zosmf/restconsoles/'))) return undefined;
  for (const w of c.argv.slice(1, 64)) {
    const cmd = /"cmd"\s{0,4}:\s{0,4}"([^"]{1,512})"/.exec(w)?.[1];
    if (cmd !== undefined) return cmd;
  }
  return undefined;
}

/** The argument that holds the command: `commands=` for TSO, `cmd=` for the console, quoted or a word. */
const ANSIBLE_TSO = /\bcommands=(?:'([^']{1,1024})'|"([^"]{1,1024})"|(\S{1,1024}))/;
const ANSIBLE_OPERATOR = /\bcmd=(?:'([^']{1,1024})'|"([^"]{1,1024})"|(\S{1,1024}))/;
/** Ansible's z/OS modules that run a TSO command or an operator command (`-m ibm.ibm_zos_core.zos_tso_command -a "commands='…'"`). */
function ansibleZosCommand(c: SimpleCommand): ZosCommand | undefined {
  if (c.name !== 'ansible') return undefined;
  const module = optionValue(c.argv, ['-m', '--module-name']) ?? '';
  const args = optionValue(c.argv, ['-a', '--args']) ?? '';
  const m = /zos_tso_command$/.test(module) ? ANSIBLE_TSO.exec(args) : /zos_operator$/.test(module) ? ANSIBLE_OPERATOR.exec(args) : null;
  return m ? { kind: /zos_tso_command$/.test(module) ? 'tso' : 'console', text: normal(m[1] ?? m[2] ?? m[3] ?? '') } : undefined;
}

function commandsOf(i: AnalysisInput): ZosCommand[] {
  const out: ZosCommand[] = [];
  for (const c of i.view?.commands ?? []) {
    if (out.length >= MAX_COMMANDS) break;
    for (const z of ZOWE_ISSUE) if (zoweGroup(c, z.groups) && c.argv[2] === 'issue' && z.verb.includes(c.argv[3] ?? '') && c.argv[4] !== undefined) out.push({ kind: z.kind, text: normal(c.argv[4]) });
    if (zoweGroup(c, ['zos-files', 'files']) && c.argv[2] === 'invoke' && (c.argv[3] === 'ams-statements' || c.argv[3] === 'as') && c.argv[4] !== undefined) out.push({ kind: 'ams', text: normal(c.argv[4]) });
    if ((c.name === 'tsocmd' || c.name === 'opercmd') && c.argv.length > 1) out.push({ kind: c.name === 'tsocmd' ? 'tso' : 'console', text: normal(c.argv.slice(1).join(' ')) });
    const rest = restConsoleCommand(c);
    if (rest !== undefined) out.push({ kind: 'console', text: normal(rest) });
    const ansible = ansibleZosCommand(c);
    if (ansible) out.push(ansible);
    // a job submitted or written whole: Zowe's `submit stdin`, a heredoc into a .jcl file, a body sent to z/OSMF's jobs API
    for (const t of [c.stdin ?? '', ...c.argv.slice(1, 64)]) if (t.length > 16 && looksLikeJob(t)) out.push(...jobSteps(t));
    // a utility run from z/OS UNIX with its input in a file the same call wrote (`echo " INIT …" > /tmp/i.txt && mvscmdauth
    // --pgm=ICKDSF --sysin=/tmp/i.txt`)
    const pgm = (c.name === 'mvscmdauth' || c.name === 'mvscmd') ? c.argv.find((w) => w.startsWith('--pgm='))?.slice(6).toUpperCase() : undefined;
    const sysin = c.argv.find((w) => w.startsWith('--sysin='))?.slice(8);
    if (pgm !== undefined && JOB_PROGRAMS[pgm] !== undefined && sysin !== undefined) {
      for (const w of i.view?.commands ?? []) if (w.name === 'echo' && w.redirects.some((r) => r.target === sysin)) out.push({ kind: JOB_PROGRAMS[pgm]!, text: normal(w.argv.slice(1).join(' ')), program: pgm });
    }
  }
  return out.slice(0, MAX_COMMANDS);
}

/** Every z/OS command the call sends, read once per call. */
export const zosCommands = perCall(commandsOf);

/** A command's words: its text split at blanks, commas, parentheses and quotes (`ALU JDOE SPECIAL OPERATIONS` → its four). */
export const zosWords = (text: string): string[] => text.split(/[\s,()'"]+/, 128).filter((w) => w !== '');

/**
 * A data set or region named for production, or one of the system's own: a qualifier that is PROD or PRD or ends in
 * one, with a number at most (`PROD.CLAIMS.MASTER`, `CICSPRD1`, `SYSLOG.PRD1`, `UCAT.PROD01`), or SYS1 first.
 */
export const productionName = (name: string): boolean => name.toUpperCase().replace(/'/g, '').split('.', 16).some((q) => /(?:PROD|PRD)(?:UCTION)?\d{0,2}(?:\*{1,2})?$/.test(q)) || /^'?SYS1\./i.test(name);

/** RACF's database, by the names its data sets take (`SYS1.RACFDS`, `SYS1.RACF.PRIMARY`), anywhere in a word. */
export const RACF_DATABASE = /\bSYS1\.RACF[A-Z0-9.]{0,24}|\.RACF\.(?:PRIMARY|BACKUP)\b|\bRACFDS\b/i;

const verbIs = (w: readonly string[], ...names: string[]) => names.includes(w[0] ?? '');
const evidence = (z: ZosCommand) => `${z.kind === 'utility' ? z.program : z.kind}: ${z.text.slice(0, 160)}`;

/** RACF's system-wide user attributes: SPECIAL administers RACF, OPERATIONS reaches every data set, AUDITOR sets the auditing. */
const SYSTEM_ATTRIBUTES = new Set(['SPECIAL', 'OPERATIONS', 'OPER', 'AUDITOR', 'AUD']);
/** Profiles whose permission is superuser in all but name: z/OS UNIX's superuser and daemon, RACF's own administration, IBMUSER's surrogate. */
const SUPERUSER_PROFILE = /^(?:BPX\.(?:SUPERUSER|DAEMON|SERVER)|IRR\.|IBMUSER\.)/;
/** A `zowe zos-files upload …` into one of the system's own libraries (`SYS1.PARMLIB(IEASYS00)`, `SYS1.SISPCLIB(ISPFCL)`). */
function uploadsIntoSystemLibrary(c: SimpleCommand): string | undefined {
  if (!(c.name === 'zowe' && (c.argv[1] === 'zos-files' || c.argv[1] === 'files') && c.argv[2] === 'upload')) return undefined;
  return c.argv.slice(4, 16).find((w) => /^'?SYS1\./i.test(w));
}

/**
 * What hands out z/OS's protected powers: RACF's system-wide attributes, UID 0, group-level authority to join users,
 * IBMUSER given a password or resumed, permission to the superuser profiles or to another's submitted work, a started
 * task made trusted, the system's libraries or production data opened to everyone, a library added to the APF list,
 * the link list or an exit, or one of the system's own libraries rewritten.
 */
export function zosAuthorityGranted(i: AnalysisInput): string | undefined {
  for (const z of zosCommands(i)) {
    const w = zosWords(z.text);
    const access = (key: string) => w[w.indexOf(key) + 1] ?? '';
    if (z.kind === 'tso') {
      if (verbIs(w, 'ALTUSER', 'ALU', 'ADDUSER', 'AU', 'CONNECT', 'CO') && (w.some((x) => SYSTEM_ATTRIBUTES.has(x)) || hasSeq(w, 'UID', '0') || hasSeq(w, 'AUTHORITY', 'JOIN'))) return evidence(z);
      // IBMUSER, the first user of every system, given a password again or resumed
      if (verbIs(w, 'ALTUSER', 'ALU') && w[1] === 'IBMUSER' && w.some((x) => x === 'PASSWORD' || x === 'PHRASE' || x === 'RESUME')) return evidence(z);
      if (verbIs(w, 'PERMIT', 'PE') && (SUPERUSER_PROFILE.test(w[1] ?? '') || (hasSeq(w, 'ID', '*') && productionName(w[1] ?? '') && access('ACCESS') !== 'NONE'))) return evidence(z);
      if (verbIs(w, 'RDEFINE', 'RDEF', 'RALTER', 'RALT') && w.includes('STARTED') && (hasSeq(w, 'TRUSTED', 'YES') || hasSeq(w, 'PRIVILEGED', 'YES'))) return evidence(z);
      if (verbIs(w, 'ALTDSD', 'ALD', 'ADDSD', 'AD') && /^SYS1\./.test(w[1] ?? '') && ['UPDATE', 'CONTROL', 'ALTER'].includes(access('UACC'))) return evidence(z);
    }
    if (z.kind === 'console' && w[0] === 'SETPROG' && ['APF', 'LNKLST', 'EXIT', 'LPA'].includes(w[1] ?? '') && w[2] === 'ADD') return evidence(z);
  }
  for (const c of i.view?.commands ?? []) { const lib = uploadsIntoSystemLibrary(c); if (lib !== undefined) return `${lib} rewritten: ${c.argv.join(' ').slice(0, 160)}`; }
  return undefined;
}

/** SETROPTS options that stop RACF recording or enforcing: auditing, command violations, protect-all, classes, logon statistics, revoking. */
const RACF_OFF = new Set(['NOAUDIT', 'NOSAUDIT', 'NOCMDVIOL', 'NOOPERAUDIT', 'NOPROTECTALL', 'NOCLASSACT', 'NOINITSTATS', 'NOSTATISTICS', 'NOREVOKE', 'NOSECLABELAUDIT']);

/**
 * z/OS's records turned off: RACF's auditing options, a user's auditing, RACF's databases made inactive; SMF's record
 * types or recording stopped, the log streams of SMF, the operations log or RACF deleted, the hardcopy log switched
 * off, the syslog daemon stopped, Db2's audit trace stopped.
 */
export function zosAuditOff(i: AnalysisInput): string | undefined {
  const commands = zosCommands(i);
  for (const z of commands) {
    const w = zosWords(z.text);
    if (z.kind === 'tso') {
      if (verbIs(w, 'SETROPTS', 'SETR') && (w.some((x) => RACF_OFF.has(x)) || w.some((x, k) => x === 'LOGOPTIONS' && w.slice(k + 1, k + 3).includes('NEVER')))) return evidence(z);
      if (verbIs(w, 'ALTUSER', 'ALU') && w.includes('NOUAUDIT')) return evidence(z);
      if (verbIs(w, 'RVARY') && w.includes('INACTIVE')) return evidence(z);
    }
    // the system logger's streams of SMF records, the operations log or RACF's records deleted
    if (z.program === 'IXCMIAPU' && hasSeq(w, 'DELETE', 'LOGSTREAM') && w.some((x) => /SMF|OPERLOG|LOGREC|RACF|AUDIT/.test(x))) return evidence(z);
    if (z.kind === 'console') {
      if (w[0] === 'SETSMF' && (w.some((x) => x.startsWith('NOTYPE')) || w.includes('NOACTIVE'))) return evidence(z);
      if (w[0] === 'V' && (w[1] === 'OPERLOG' || w[1] === 'SYSLOG') && w.includes('HARDCPY') && w.includes('OFF')) return evidence(z);
      if (w[0] === 'P' && w[1] === 'SYSLOGD') return evidence(z);
      if (/^-[A-Z0-9]{1,8} STO(?:P)? TRACE ?\(AUDIT\)/.test(z.text)) return evidence(z);
      // SMF pointed at a parameter member the same call wrote with recording off (`printf ' NOACTIVE' …; SET SMF=ZZ`)
      if (/^SET SMF=/.test(z.text) && (i.view?.commands ?? []).some((c) => (c.name === 'printf' || c.name === 'echo') && c.argv.some((a) => /\bNOACTIVE\b/i.test(a)))) return evidence(z);
    }
  }
  return undefined;
}

/** A z/OSMF REST delete of a production data set (`DELETE …/zosmf/restfiles/ds/PROD.GL.LEDGER`) or of a z/OS UNIX tree. */
function restFilesDelete(c: SimpleCommand): string | undefined {
  if (c.name !== 'curl' || !c.argv.some((w, k) => w === '-XDELETE' || (w === 'DELETE' && ['-X', '--request'].includes(c.argv[k - 1] ?? '')))) return undefined;
  // (a z/OS UNIX directory deleted with everything under it, `X-IBM-Option: recursive`, whatever its name)
  const recursive = c.argv.some((w) => /^X-IBM-Option:\s{0,4}recursive$/i.test(w));
  for (const w of c.argv) {
    const m = /\/zosmf\/restfiles\/(ds|fs)\/([^?\s]{1,256})/.exec(w);
    if (m && (productionName(m[2]!) || (m[1] === 'fs' && recursive))) return m[2];
  }
  return undefined;
}

/** Zowe's verbs that remove a data set, a VSAM cluster, a z/OS UNIX file or a file system. */
const ZOWE_DELETES = new Set(['data-set', 'ds', 'data-set-vsam', 'vsam', 'uss-file', 'uss', 'zos-file-system', 'zfs', 'migrated-data-set', 'mds']);

/**
 * Production data sets, catalogs and volumes destroyed: IDCAMS and TSO deletes (DFSMShsm's HDELETE and HBDELETE among
 * them) of data sets named for production or the system's own, a user catalog deleted or disconnected, a volume
 * initialized by ICKDSF, a VTOC scratched by IEHPROGM, an IMS database's recovery records removed; the same through
 * Zowe, z/OS UNIX's `drm`, z/OSMF's REST files API and Ansible's data set module.
 */
export function zosDataDestroyed(i: AnalysisInput): string | undefined {
  for (const z of zosCommands(i)) {
    const w = zosWords(z.text);
    if (z.kind === 'ams' && ((w[0] === 'DELETE' && (productionName(w[1] ?? '') || w.includes('USERCATALOG') || w.includes('UCAT'))) || (w[0] === 'EXPORT' && w.includes('DISCONNECT')))) return evidence(z);
    if (z.kind === 'tso' && verbIs(w, 'HDELETE', 'HDEL', 'HBDELETE', 'HBDEL', 'DELETE', 'DEL') && productionName(w[1] ?? '')) return evidence(z);
    if (z.kind === 'utility' && ((z.program === 'ICKDSF' && w[0] === 'INIT') || (z.program === 'IEHPROGM' && w[0] === 'SCRATCH' && w.includes('VTOC')) || (z.program === 'DSPURX00' && w[0] === 'DELETE.DB'))) return evidence(z);
  }
  for (const c of i.view?.commands ?? []) {
    const a = c.argv;
    const zowe = c.name === 'zowe' && (a[1] === 'zos-files' || a[1] === 'files') && (a[2] === 'delete' || a[2] === 'del') && ZOWE_DELETES.has(a[3] ?? '') && productionName(a[4] ?? '');
    const drm = c.name === 'drm' && a.slice(1).some((x) => !x.startsWith('-') && productionName(x));
    const ansible = c.name === 'ansible' && /zos_data_set$/.test(optionValue(a, ['-m', '--module-name']) ?? '') && /\bstate=absent\b/.test(optionValue(a, ['-a', '--args']) ?? '') && productionName(/\bname=(\S{1,64})/.exec(optionValue(a, ['-a', '--args']) ?? '')?.[1] ?? '');
    if (zowe || drm || ansible || restFilesDelete(c) !== undefined) return a.join(' ').slice(0, 200);
  }
  return undefined;
}

/** An operator command that stops a production region the way `F CICSPRD1,CEMT P SHUT` does, by its region's name. */
const REGION_SHUTDOWN = /^F ([A-Z0-9$#@]{1,8}),CEMT P(?:ERFORM)? SHUT/;

/**
 * Operator commands that stop the system or its production work: end of day, quiesce, JES2 stopped, a system taken out
 * of the sysplex, VTAM halted, Db2 or MQ stopped by force, a production CICS region shut or cancelled, IMS frozen,
 * every job in a range purged, DFSMShsm held; an LPAR loaded or stopped from the hardware console; a production
 * region's programs discarded or IMS's transactions stopped through Zowe.
 */
export function zosSystemStopped(i: AnalysisInput): string | undefined {
  for (const z of zosCommands(i)) {
    if (z.kind !== 'console') continue;
    const w = zosWords(z.text);
    const t = z.text;
    if ((w[0] === 'Z' && (w[1] === 'EOD' || w[1] === 'NET')) || w[0] === 'QUIESCE' || /^\$PJES2\b/.test(t) || /^\$PJ\d{1,6}-\d{1,6}/.test(t)) return evidence(z);
    if (w[0] === 'V' && w[1] === 'XCF' && w.includes('OFFLINE')) return evidence(z);
    if (/^[-+][A-Z0-9]{1,8} STOP\b/.test(t) && hasSeq(w, 'MODE', 'FORCE')) return evidence(z);
    if (productionName(REGION_SHUTDOWN.exec(t)?.[1] ?? '') || (w[0] === 'C' && productionName(w[1] ?? '')) || (w[0] === 'V' && w[1] === 'NET' && w.includes('INACT') && w.some((x) => x.startsWith('ID=') && productionName(x)))) return evidence(z);
    if (/\/CHE(?:CKPOINT)? FREEZE\b/.test(t) || (w.includes('DFHSM') && hasSeq(w, 'HOLD', 'ALL'))) return evidence(z);
  }
  for (const c of i.view?.commands ?? []) {
    const a = c.argv;
    if (c.name === 'zhmc' && a.includes('lpar') && a.some((x) => ['load', 'stop', 'deactivate', 'reset', 'psw-restart'].includes(x))) return a.join(' ').slice(0, 200);
    const region = optionValue(a, ['--region-name', '--rn']) ?? '';
    if (c.name === 'zowe' && a[1] === 'cics' && a[2] === 'discard' && productionName(region)) return a.join(' ').slice(0, 200);
    if (c.name === 'zowe' && a[1] === 'ims' && a[2] === 'stop' && a.slice(4).some((x) => x === '*')) return a.join(' ').slice(0, 200);
  }
  return undefined;
}

/** Clients that fetch or copy a data set: Zowe's, and the FTP, HTTP and SSH file transfers z/OS serves. */
const FILE_TRANSFERS = new Set(['zowe', 'curl', 'wget', 'ftp', 'tnftp', 'lftp', 'ncftpget', 'sftp', 'scp', 'rsync']);

/**
 * z/OS's credentials taken: RACF's database copied or fetched (its password hashes), a certificate exported with its
 * private key in PKCS #12, or the passwords the Zowe CLI keeps in the desktop's secret store read out.
 */
export function zosCredentialsRead(i: AnalysisInput): string | undefined {
  for (const z of zosCommands(i)) {
    const w = zosWords(z.text);
    if (z.kind === 'tso' && w[0] === 'RACDCERT' && w.includes('EXPORT') && w.some((x) => x.startsWith('PKCS12'))) return evidence(z);
  }
  for (const c of i.view?.commands ?? []) {
    const a = c.argv;
    // a transfer names the database to copy it; a listing or a query of alerts names it to look for it
    const copies = FILE_TRANSFERS.has(c.name) && !(c.name === 'zowe' && (a[2] === 'list' || a[2] === 'ls'));
    if (copies && [...a.slice(1, 64), c.stdin ?? ''].some((x) => RACF_DATABASE.test(x.slice(0, 4096).replace(/%27/gi, "'")))) return a.join(' ').slice(0, 200);
    if ((c.name === 'secret-tool' && a.includes('lookup') && hasSeq(a, 'service', 'Zowe')) || a.some((x) => /getPassword\(\s{0,4}['"]Zowe['"]/.test(x.slice(0, 4096)))) return a.join(' ').slice(0, 200);
  }
  return undefined;
}

/**
 * RACF's users and who holds its powers surveyed: every user listed (`LISTUSER *`), the first user or the system
 * programmers' profiles read, the users who may act as the superuser, the system group's members, a search for the
 * system's own users. A user's own profile, a team's group and a search for a team's prefix are administration.
 */
export function zosAccountsSurveyed(i: AnalysisInput): string | undefined {
  for (const z of zosCommands(i)) {
    if (z.kind !== 'tso') continue;
    const w = zosWords(z.text);
    const surveyed = (verbIs(w, 'LISTUSER', 'LU') && (w[1] === '*' || w[1] === 'IBMUSER' || /^SYS/.test(w[1] ?? '')))
      || (verbIs(w, 'RLIST', 'RL') && w.includes('AUTHUSER') && w.some((x) => SUPERUSER_PROFILE.test(x) && !x.endsWith('*')))
      || (verbIs(w, 'LISTGRP', 'LG') && w[1] === 'SYS1')
      || (verbIs(w, 'SEARCH', 'SR') && w.includes('USER') && (!w.includes('MASK') || /^SYS/.test(w[w.indexOf('MASK') + 1] ?? '')));
    if (surveyed) return evidence(z);
  }
  return undefined;
}
