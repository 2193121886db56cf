/**
 * Windows as an agent reaches it from Git Bash or WSL: the script a PowerShell runs, read as PowerShell reads it,
 * and what Windows' own tools and cmdlets do when an intrusion uses them (the LOLBAS and ATT&CK procedures).
 */
import type { SimpleCommand } from '../shell/types.js';
import type { CommandView } from '../shell/types.js';
import { charCodes, decodeBase64, decodeBase64Compressed, decodeBase64Utf16 } from '../shell/decoders.js';
import { WINDOWS_ADMIN_TOOLS, WINDOWS_RUNNERS } from '../shell/names.js';
import { destinationOf, EXFIL_KINDS, external } from './hosts.js';

export const POWERSHELLS: ReadonlySet<string> = new Set(['powershell', 'pwsh']);

/** PowerShell's switches that take no part in the script. */
const PS_SWITCH = /^[-/](?:nop|noprofile|noni|noninteractive|nol|nologo|sta|mta|w|windowstyle|ep|executionpolicy|c|command|hidden|bypass)$/i;
/** Bounds on the script read from one command. */
const MAX_SCRIPT = 16384;

/**
 * The script a PowerShell runs: its `-Command` words (the view has already decoded `-EncodedCommand`), or its
 * standard input when it is told to read one (`-Command -`, a heredoc), read as PowerShell reads it.
 */
export function powershellScript(c: SimpleCommand): string | undefined {
  if (!POWERSHELLS.has(c.name.toLowerCase())) return undefined;
  const words = c.argv.slice(1).filter((w, k, a) => !PS_SWITCH.test(w) && !/^[-/](?:w|windowstyle|ep|executionpolicy)$/i.test(a[k - 1] ?? ''));
  const fromStdin = c.stdin !== undefined && (words.length === 0 || words.at(-1) === '-');
  const text = [...words.filter((w) => w !== '-'), ...(fromStdin ? [c.stdin!] : [])].join(' ').slice(0, MAX_SCRIPT);
  return text.trim() ? withoutDataLiterals(spelled(text)) : undefined;
}

/**
 * A script's literals that are only data: a search's pattern (`Select-String -Pattern "wevtutil cl"`) and the text
 * turned into bytes to be encoded (`[Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("IEX …"))`).
 */
const withoutDataLiterals = (t: string) => t.replace(/(-(?:pattern|simplematch)\s{1,8}|getbytes\(\s{0,8})(["'])[^"'\n]{0,1024}\2/gi, "$1''");

/**
 * PowerShell's own escapes and joins taken off: a backtick before a letter (`I`E`X`), quoted pieces joined with `+`
 * (`'Inv'+'oke-Expression'`), the format operator over literals (`"{1}{0}" -f "voke","In"`) and `[char[]]` codes
 * joined (`-join [char[]](105,101,120)`).
 */
function spelled(text: string): string {
  let t = text.replace(/`(?=[A-Za-z0-9-])/g, '').replace(/(['"])\s{0,8}\+\s{0,8}\1/g, '');
  t = t.replace(/\(\s{0,8}"((?:\{\d\}){1,16})"\s{0,8}-f\s{0,8}((?:["'][^"'\n]{0,64}["']\s{0,8}(?:,\s{0,8})?){1,16})\)/g, (_, slots: string, list: string) => {
    const parts = [...list.matchAll(/["']([^"'\n]{0,64})["']/g)].map((m) => m[1]!);
    return `'${slots.replace(/\{(\d)\}/g, (__, n: string) => parts[Number(n)] ?? '')}'`;
  });
  t = t.replace(/-join\s{0,8}\(?\s{0,8}\[char\[\]\]\s{0,8}\(([\d,\s]{1,4000})\)\s{0,8}\)?/gi, (_, codes: string) => `'${charCodes(codes)}'`);
  // a list of pieces joined (`("Clear-","EventLog" -join "")`)
  t = t.replace(/\(\s{0,8}((?:["'][^"'\n]{0,64}["']\s{0,8},\s{0,8}){1,16}["'][^"'\n]{0,64}["'])\s{0,8}-join\s{0,8}(["'])\2\s{0,8}\)/gi, (_, list: string) => `'${[...list.matchAll(/["']([^"'\n]{0,64})["']/g)].map((m) => m[1]!).join('')}'`);
  return t + base64Payloads(t);
}

/**
 * The text a script decodes from base64 to run (`iex ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String("…")))`),
 * inflated when a DeflateStream or GZipStream reads it and read as UTF-16 for `Encoding]::Unicode`, each on a line of
 * its own after the script. At most eight payloads.
 */
function base64Payloads(t: string): string {
  let out = '';
  let n = 0;
  for (const m of t.slice(0, MAX_SCRIPT).matchAll(/frombase64string\(\s{0,8}["']([A-Za-z0-9+/=]{8,16384})["']/gi)) {
    if (++n > 8) break;
    const before = t.slice(Math.max(0, m.index - 160), m.index).toLowerCase();
    const text = /deflatestream/.test(before) ? decodeBase64Compressed(m[1]!, 'raw') : /gzipstream/.test(before) ? decodeBase64Compressed(m[1]!, 'gzip') : /unicode\.getstring/.test(before) ? decodeBase64Utf16(m[1]!) : decodeBase64(m[1]!);
    if (text !== undefined) out += `\n${text}`;
  }
  return out;
}

/** A Windows technique: what it does, its ATT&CK technique, and how it shows on a native tool's line or in a script. */
interface Technique {
  what: string;
  technique: string;
  /** The tool's name (lower case, without .exe) and its words after the name, as one lower-cased line. */
  native?: (name: string, line: string) => boolean;
  /** PowerShell's script text, lower-cased. */
  script?: (text: string) => boolean;
}

/** What a fanned-out script block runs when it is looking around or fetching code: who am I, who is here, what is on the network. */
const LOOKS_AROUND = /\b(?:whoami|hostname|systeminfo|ipconfig|quser|nltest|klist|netstat|get-localgroupmember|get-localuser|iex|invoke-expression|downloadstring|downloadfile|invoke-webrequest|iwr|invoke-restmethod|irm)\b|\bnet\s{1,4}(?:user|group|localgroup|session|share|use)\b|\bquery\s{1,4}user\b/;

/**
 * PowerShell remoting that spreads (lower-cased text): to every computer in the directory (`-ComputerName
 * (Get-ADComputer -Filter *).Name`, unless an OU narrows it), with a password typed into the line, or to computers
 * listed (`a,b,c`, `$hosts`, a file) to look around on them or run what they fetch. Updates, services and settings
 * checked on named servers are administration, as `ssh host cmd` is; what the block runs is read for itself.
 */
export function winrmSpreads(t: string): boolean {
  const text = t.slice(0, 8192);
  const m = /(?:invoke-command|enter-pssession|new-pssession)[^;|\n]{0,200}?-computername\s{1,4}(\S{1,200})/.exec(text);
  if (!m) return false;
  const target = m[1]!;
  if ((target.includes('get-adcomputer') && !/get-adcomputer[^)]{0,200}-searchbase/.test(text)) || text.includes('-asplaintext')) return true;
  return (/^[($@]|,/.test(target) || target.includes('get-content')) && LOOKS_AROUND.test(text.slice(m.index + m[0].length));
}

export type WindowsTactic = 'credential_access' | 'persistence' | 'defense_evasion' | 'execution' | 'impact' | 'lateral_movement' | 'discovery' | 'collection' | 'exfiltration';

/** A URL in a script served by a raw public address, a paste site, a webhook catcher, a tunnel or a file drop. */
function dropUrlIn(text: string): boolean {
  for (const m of text.slice(0, MAX_SCRIPT).matchAll(/https?:\/\/[^\s'"`)]{1,512}/g)) if (EXFIL_KINDS.has(destinationOf(m[0])?.kind ?? 'other')) return true;
  return false;
}
const downloads = (t: string) => /downloadstring|downloaddata|downloadfile|invoke-webrequest|\biwr\b|invoke-restmethod|\birm\b|start-bitstransfer|net\.webclient/.test(t);
const runsText = (t: string) => /\biex\b|invoke-expression|\[scriptblock\]::create|&\s{0,4}\(|\.\s{0,4}\(|set-alias|invoke-command\s{1,4}-scriptblock/.test(t);
const uploads = (t: string) => /-method\s{1,4}(?:put|post)|-infile|uploadfile|uploaddata|uploadstring|curl(?:\.exe)?\s[^;|\n]{0,200}(?:-f\s|--form|-t\s|--upload-file|--data-binary|-d\s)/.test(t);
const HIVES = /(?:^|\s)(?:hklm|hkey_local_machine)\\?(?:sam|system|security)(?:\s|$)/;
const RUN_KEY = /\\currentversion\\(?:run|runonce|runservices|policies\\explorer\\run)\b|\\winlogon\b[^\n]{0,80}\b(?:userinit|shell)\b|image file execution options\\[^\n]{0,120}\bdebugger\b/;
const USER_FOLDERS = /\\users\\[^\\\s]{1,64}\\(?:documents|desktop|pictures|downloads|onedrive)|\$env:userprofile\\(?:documents|desktop|pictures|onedrive)|%userprofile%\\(?:documents|desktop|pictures|onedrive)/;
/** Folders any user or process can write, where intruders drop what they run: Public, ProgramData, Temp. */
const WRITABLE_FOLDER = /[\\/]users[\\/]public[\\/]|[\\/]programdata[\\/]|[\\/]temp[\\/]|%temp%|\$env:temp/;
/** A registry key under the user's classes whose open command or server Windows' own elevated programs start. */
const HIJACKED_CLASS = /\\classes\\(?:ms-settings|mscfile|exefile|folder|launcher\.systemsettings)\\shell\\open\\command|\\app paths\\control\.exe/;
const regAdd = (n: string, l: string) => n === 'reg' && /^add\b/.test(l);
/** The update server a Windows Update policy names (`Set-ItemProperty $p WUServer "https://…"`, `reg add … /v WUServer /d https://…`), outside the network. */
function outsideUpdateServer(t: string): boolean {
  const url = /\bwu(?:status)?server["']?\s{1,4}(?:(?:-value|\/t\s{1,4}reg_sz\s{1,4}\/d|\/d)\s{1,4})?["']?(https?:\/\/[^\s"';]{1,300})/.exec(t.slice(0, MAX_SCRIPT))?.[1];
  const d = url === undefined ? undefined : destinationOf(url);
  return d !== undefined && external(d);
}

export const WINDOWS_TECHNIQUES: Readonly<Record<WindowsTactic, readonly Technique[]>> = {
  credential_access: [
    { what: 'saves the SAM, SYSTEM or SECURITY hive (local password hashes, LSA secrets)', technique: 'T1003.002', native: (n, l) => n === 'reg' && /^(?:save|export)\b/.test(l) && HIVES.test(l) },
    { what: 'copies the domain database with ntdsutil', technique: 'T1003.003', native: (n, l) => n === 'ntdsutil' && /\bifm\b/.test(l) },
    { what: "dumps LSASS's memory (logon passwords and tickets)", technique: 'T1003.001', native: (n, l) => (n === 'procdump' || n === 'procdump64') && /lsass/.test(l), script: (t) => /comsvcs(?:\.dll)?\s{0,4},?\s{0,4}#?(?:minidump|24)\b/.test(t) || /minidumpwritedump/.test(t) },
    { what: 'reads Wi-Fi passwords in clear text', technique: 'T1555', native: (n, l) => n === 'netsh' && /\bwlan\b/.test(l) && /key\s{0,2}=\s{0,2}clear/.test(l) },
    { what: "lists or dumps the Windows Credential Manager's saved logins", technique: 'T1555.004', native: (n, l) => (n === 'cmdkey' && /\/list\b/.test(l)) || (n === 'vaultcmd' && /\/list(?:creds|properties)\b/.test(l)), script: (t) => /passwordvault/.test(t) && /retrieveall|retrievepassword/.test(t) },
    { what: 'searches the disk for key, certificate and password-manager files', technique: 'T1552.001', script: (t) => /(?:get-childitem|\bgci\b|\bdir\b|\bls\b)[^|;\n]{0,200}-recurse/.test(t) && /-(?:include|filter)\s[^|;\n]{0,200}(?:\.kdbx|\.pfx|\.p12|\.ppk|id_rsa|id_ed25519|\.pem\b|unattend\.xml|\.rdp\b)/.test(t) },
    { what: 'searches a drive for passwords in files with findstr', technique: 'T1552.001', native: (n, l) => n === 'findstr' && /\/s\b/.test(l) && /pass(?:word|wd)|cpassword|secret|api[_-]?key/.test(l) },
    { what: "runs a program with another user's password saved in the Credential Manager (runas /savecred)", technique: 'T1078', native: (n, l) => n === 'runas' && /\/savecred\b/.test(l) },
    // (backing a protector up to the directory names its type, not its password: `Backup-BitLockerKeyProtector -KeyProtectorId …`)
    { what: "reads BitLocker's recovery passwords", technique: 'T1552', script: (t) => /\.recoverypassword\b|(?:select-object|select|format-table|format-list|export-csv)\b[^;|\n]{0,200}\brecoverypassword\b/.test(t) },
    { what: 'decrypts data protected for the user (browser keys, token caches)', technique: 'T1555.003', script: (t) => /protecteddata\]::unprotect/.test(t) || (/\\(?:google\\chrome|microsoft\\edge|bravesoftware\\brave-browser)\\user data\\/.test(t) && /login data|local state|\\cookies\b/.test(t)) },
  ],
  persistence: [
    { what: 'adds an autostart registry value (Run, RunOnce, Winlogon, an image file debugger)', technique: 'T1547.001', native: (n, l) => n === 'reg' && /^add\b/.test(l) && RUN_KEY.test(l), script: (t) => /(?:new|set)-itemproperty/.test(t) && RUN_KEY.test(t.replace(/hkcu:|hklm:/g, '')) },
    { what: 'creates a scheduled task', technique: 'T1053.005', native: (n, l) => n === 'schtasks' && /\/create\b/.test(l), script: (t) => /(?:^|[^a-z-])register-scheduledtask|new-scheduledtaskaction/.test(t) },
    { what: 'creates a service', technique: 'T1543.003', native: (n, l) => n === 'sc' && /^create\b/.test(l) && /binpath\s{0,2}=/.test(l), script: (t) => /\bnew-service\b/.test(t) },
    { what: "changes a service's program (sc config binPath=)", technique: 'T1543.003', native: (n, l) => n === 'sc' && /^config\b/.test(l) && /binpath\s{0,2}=/.test(l) },
    { what: "registers a DLL as a COM server under the user's classes (COM hijacking)", technique: 'T1546.015', native: (n, l) => regAdd(n, l) && /\\classes\\clsid\\\{[^}\s]{1,64}\}\\(?:inprocserver32|localserver32)\b/.test(l) },
    { what: "adds a key to the administrators' SSH keys", technique: 'T1098.004', script: (t) => /administrators_authorized_keys/.test(t) && /add-content|set-content|out-file|>>/.test(t) },
    { what: 'subscribes a command to a WMI event', technique: 'T1546.003', script: (t) => /__eventfilter|commandlineeventconsumer|activescripteventconsumer|root\\subscription/.test(t) },
    { what: "puts a program or shortcut into a Startup folder", technique: 'T1547.001', script: (t) => /\\start menu\\programs\\startup\\/.test(t) && /createshortcut|copy-item|set-content|out-file|new-item/.test(t) },
  ],
  defense_evasion: [
    { what: 'clears Windows event logs', technique: 'T1070.001', native: (n, l) => n === 'wevtutil' && /^(?:cl|clear-log)\b/.test(l), script: (t) => /clear-eventlog|remove-eventlog|\.clearlog\(|wevtutil(?:\.exe)?\s{1,4}cl\b/.test(t) },
    { what: "deletes the file system's change journal", technique: 'T1070', native: (n, l) => n === 'fsutil' && /\busn\s{1,4}deletejournal\b/.test(l) },
    { what: 'switches Microsoft Defender, UAC or the firewall off', technique: 'T1562.001', native: (n, l) => (n === 'reg' && /^add\b/.test(l) && ((/windows defender/.test(l) && /\/v\s{1,4}disable\w*/.test(l) && /\/d\s{1,4}1\b/.test(l)) || (/\\policies\\system\b/.test(l) && /\/v\s{1,4}enablelua\b/.test(l) && /\/d\s{1,4}0\b/.test(l)))) || (n === 'netsh' && /firewall/.test(l) && /(?:state|opmode)\s{1,4}(?:off|disable)\b/.test(l)), script: (t) => /set-mppreference[^;|\n]{0,300}-disable\w+\s{1,4}\$?(?:true|1)\b/.test(t) || /set-netfirewallprofile[^;|\n]{0,200}-enabled\s{1,4}(?:\$?false|0)\b/.test(t) },
    { what: "bypasses User Account Control through a program Windows elevates (ms-settings, mscfile, App Paths)", technique: 'T1548.002', native: (n, l) => regAdd(n, l) && HIJACKED_CLASS.test(l), script: (t) => /(?:new|set)-item(?:property)?/.test(t) && HIJACKED_CLASS.test(t.replace(/hkcu:/g, '')) },
    { what: "removes Defender's definitions, unloads Sysmon's driver, or stops a security or logging service", technique: 'T1562.001', native: (n, l) => (n === 'mpcmdrun' && /-removedefinitions\b/.test(l)) || (n === 'fltmc' && /^(?:unload|detach)\b/.test(l)) || ((n === 'sc' || n === 'net') && /^(?:stop|delete|config)\b/.test(l) && /sysmon|windefend|\bsense\b|eventlog|wdfilter|wdboot/.test(l)) },
    { what: 'switches auditing or PowerShell logging off', technique: 'T1562.002', native: (n, l) => (n === 'auditpol' && /:disable\b|\/clear\b|\/remove\b/.test(l)) || (regAdd(n, l) && /\\powershell\\(?:scriptblocklogging|modulelogging|transcription)\b/.test(l) && /\/d\s{1,4}0\b/.test(l)), script: (t) => /scriptblocklogging|modulelogging|enabletranscripting/.test(t) && /-value\s{1,4}0\b/.test(t) },
    { what: 'opens the firewall to inbound connections for a program in a writable folder', technique: 'T1562.004', native: (n, l) => n === 'netsh' && /advfirewall\s{1,4}firewall\s{1,4}add\s{1,4}rule/.test(l) && /dir=in\b/.test(l) && /action=allow\b/.test(l) && /program=\S{0,200}/.test(l) && WRITABLE_FOLDER.test(l) },
    { what: "patches PowerShell's malware scanning interface (AMSI) off", technique: 'T1562.001', script: (t) => /amsiutils|amsiinitfailed|amsiscanbuffer|amsicontext/.test(t) },
    { what: "erases PowerShell's command history or stops it being saved", technique: 'T1070.003', script: (t) => /remove-item[^;|\n]{0,120}(?:historysavepath|consolehost_history)/.test(t) || /clear-history[^;|\n]{0,40};[^;|\n]{0,40}historysavepath/.test(t) || /set-psreadlineoption[^;|\n]{0,80}-historysavestyle\s{1,4}savenothing/.test(t) },
    { what: "copies another file's timestamps onto a file (timestomping)", technique: 'T1070.006', script: (t) => /\.(?:creationtime|lastwritetime|lastaccesstime)\s{0,4}=\s{0,4}\$\w+\.(?:creationtime|lastwritetime|lastaccesstime)/.test(t) || (/get-item[^;|\n)]{0,200}\)\.(?:creationtime|lastwritetime)/.test(t) && /\.(?:creationtime|lastwritetime|lastaccesstime)\s{0,4}=\s{0,4}\$\w+/.test(t)) },
    { what: 'hides an account from the sign-in screen', technique: 'T1564.002', native: (n, l) => regAdd(n, l) && /\\specialaccounts\\userlist\b/.test(l), script: (t) => /(?:new|set)-itemproperty/.test(t) && /\\specialaccounts\\userlist\b/.test(t) },
    { what: "turns BitLocker off and decrypts a drive", technique: 'T1562.001', native: (n, l) => n === 'manage-bde' && /^-off\b/.test(l), script: (t) => /\bdisable-bitlocker\b/.test(t) },
    { what: 'hides a program as a system file', technique: 'T1564.001', native: (n, l) => n === 'attrib' && /\+h\b/.test(l) && /\+s\b/.test(l) && /\.(?:exe|dll|scr|ps1|bat|vbs|js)\b/.test(l) },
  ],
  execution: [
    { what: 'runs a remote HTML application, scriptlet or package through a signed Windows binary (mshta, rundll32, regsvr32, msiexec)', technique: 'T1218', native: (n, l) => (n === 'mshta' && /(?:https?:|javascript:|vbscript:)/.test(l)) || (n === 'rundll32' && /javascript:|url\.dll\s{0,2},\s{0,2}(?:openurl|fileprotocolhandler)|mshtml\s{0,2},\s{0,2}runhtmlapplication/.test(l)) || (n === 'regsvr32' && /\/i:\s{0,2}https?:/.test(l)) || (n === 'msiexec' && /\/(?:i|package)\s{1,4}https?:/.test(l)) },
    { what: 'downloads a file with certutil or bitsadmin', technique: 'T1105', native: (n, l) => (n === 'certutil' && /-(?:urlcache|verifyctl)\b/.test(l) && /https?:|ftp:/.test(l)) || (n === 'bitsadmin' && /\/(?:transfer|addfile)\b/.test(l) && /https?:/.test(l)) },
    { what: 'runs what DNS text records say (a command channel over DNS)', technique: 'T1071.004', script: (t) => /resolve-dnsname[^;|\n]{0,120}-type\s{1,4}txt|nslookup[^;|\n]{0,40}-q(?:uery)?=txt/.test(t) && runsText(t) },
    { what: 'installs a package quietly from a folder anyone can write (Public, ProgramData, Temp)', technique: 'T1218.007', native: (n, l) => n === 'msiexec' && /\/(?:i|package)\b/.test(l) && /\/q|\/quiet\b/.test(l) && WRITABLE_FOLDER.test(l) },
    { what: 'compiles a program into a writable folder with the .NET compiler', technique: 'T1027.004', native: (n, l) => (n === 'csc' || n === 'vbc') && /\/out:/.test(l) && WRITABLE_FOLDER.test(l) },
    { what: 'points Windows Update at a server outside the network, whose updates the machine installs as SYSTEM', technique: 'T1072', native: (n, l) => regAdd(n, l) && outsideUpdateServer(l), script: outsideUpdateServer },
    { what: 'downloads a script and runs it in memory', technique: 'T1059.001', script: (t) => downloads(t) && (runsText(t) || dropUrlIn(t)) && !/(?:chocolatey\.org\/install\.ps1|get\.scoop\.sh|community\.chocolatey\.org|aka\.ms\/install-powershell|dot\.net\/v1\/dotnet-install)/.test(t) },
  ],
  impact: [
    { what: 'deletes shadow copies or the backup catalog, or turns Windows recovery off', technique: 'T1490', native: (n, l) => (n === 'wmic' && /shadowcopy\s{1,4}delete/.test(l)) || (n === 'wbadmin' && /^delete\s{1,4}(?:catalog|systemstatebackup|backup)\b/.test(l)) || (n === 'bcdedit' && /recoveryenabled\s{1,4}no\b|bootstatuspolicy\s{1,4}ignoreallfailures/.test(l)) || (n === 'reagentc' && /\/disable\b/.test(l)), script: (t) => /win32_shadowcopy[^;\n]{0,200}(?:remove-(?:wmiobject|ciminstance)|\.delete\(\))/.test(t) || /vssadmin(?:\.exe)?\s{1,4}delete\s{1,4}shadows/.test(t) || /wbadmin(?:\.exe)?\s{1,4}delete\s{1,4}catalog/.test(t) },
    { what: "takes BitLocker's recovery protectors off a drive or locks it", technique: 'T1486', native: (n, l) => n === 'manage-bde' && (/-protectors\s{1,4}-delete\b/.test(l) || /-lock\b[^\n]{0,80}-forcedismount/.test(l)) },
    { what: "wipes a disk's free space or formats a drive", technique: 'T1561', native: (n, l) => (n === 'cipher' && /\/w:/.test(l)) || (n === 'format' && /^[a-z]:/.test(l)) },
    { what: "deletes a user's documents, desktop or pictures", technique: 'T1485', native: (n, l) => (n === 'del' || n === 'erase' || n === 'rd' || n === 'rmdir') && /\/s\b/.test(l) && USER_FOLDERS.test(l), script: (t) => /remove-item[^;|\n]{0,200}-recurse/.test(t) && USER_FOLDERS.test(t) },
    { what: 'encrypts files across a folder tree and deletes the originals', technique: 'T1486', script: (t) => /\]::create\(\)|aesmanaged|rijndaelmanaged|createencryptor/.test(t) && /get-childitem[^;|\n]{0,200}-recurse/.test(t) && /remove-item/.test(t) },
    { what: 'stops and disables backup or database services', technique: 'T1489', script: (t) => /stop-service/.test(t) && /set-service[^;|\n]{0,80}-startuptype\s{1,4}disabled/.test(t) && /veeam|backup|mssql|sqlagent|vss\b/.test(t) },
  ],
  lateral_movement: [
    { what: 'starts a process on another machine (WMI, PsExec, WinRM)', technique: 'T1047', native: (n, l) => (n === 'wmic' && /\/node:/.test(l) && /process\s{1,4}call\s{1,4}create/.test(l)) || ((n === 'psexec' || n === 'psexec64') && /\\\\[\w.-]+/.test(l)) || (n === 'winrs' && /-r(?:emote)?:/.test(l)), script: (t) => winrmSpreads(t) || /invoke-wmimethod[^;|\n]{0,200}-computername/.test(t) },
    { what: 'turns Remote Desktop on', technique: 'T1021.001', native: (n, l) => (regAdd(n, l) && /terminal server/.test(l) && /fdenytsconnections/.test(l) && /\/d\s{1,4}0\b/.test(l)) || (n === 'netsh' && /remote desktop/.test(l) && /enable=yes/.test(l)), script: (t) => /fdenytsconnections["']?\s{1,4}(?:-value\s{1,4})?0\b/.test(t) },
    { what: "connects to another machine's admin share", technique: 'T1021.002', native: (n, l) => n === 'net' && /^use\b/.test(l) && /\\\\[\w.-]+\\(?:[a-z]\$|admin\$)/.test(l) },
    { what: 'lets this machine send credentials to any remote host over WinRM', technique: 'T1021.006', script: (t) => /trustedhosts[^;|\n]{0,40}-value\s{1,4}["']\*["']/.test(t) },
  ],
  discovery: [
    { what: 'lists the domain, its controllers, admins or service accounts', technique: 'T1087.002', native: (n, l) => (n === 'net' && /^(?:user|group|accounts)\b/.test(l) && /\/domain\b/.test(l) && /domain admins|enterprise admins|^user\s{1,4}\/domain|^group\s{1,4}\/domain/.test(l)) || (n === 'nltest' && /\/(?:dclist|domain_trusts|dsgetdc)/.test(l)) || (n === 'setspn' && /-q\s{1,4}\*\/\*/.test(l)) || n === 'dsquery', script: (t) => /get-ad(?:user|computer|group)[^;|\n]{0,80}-filter\s{1,4}\*?\s{0,4}\*/.test(t) || /securitycenter2[^;|\n]{0,80}antivirusproduct/.test(t) },
    { what: 'lists accounts with service principal names, the targets of Kerberoasting', technique: 'T1558.003', native: (n, l) => n === 'setspn' && /-[qt]\b/.test(l) && /\*\/\*/.test(l), script: (t) => /serviceprincipalname\s{0,4}-like\s{0,4}["']\*["']/.test(t) },
    { what: "reads the hosts of saved PuTTY sessions and Remote Desktop connections", technique: 'T1012', native: (n, l) => n === 'reg' && /^query\b/.test(l) && /simontatham\\putty\\sessions|terminal server client\\servers/.test(l) },
    { what: 'sweeps an address range for open ports', technique: 'T1046', script: (t) => /1\s{0,2}\.\.\s{0,2}2\d\d/.test(t) && /test-netconnection|system\.net\.sockets\.tcpclient|\.connectasync\(/.test(t) },
  ],
  collection: [
    { what: "gathers the users' documents from across the disk into one place", technique: 'T1119', script: (t) => /(?:get-childitem|\bgci\b)[^|;\n]{0,120}\\users\b[^|;\n]{0,120}-recurse/.test(t) && /\.(?:docx?|xlsx?|pdf|pptx?)\b/.test(t) && /copy-item|compress-archive|move-item/.test(t) },
    { what: "archives the user's documents, desktop or OneDrive", technique: 'T1560.001', script: (t) => /compress-archive/.test(t) && USER_FOLDERS.test(t) },
    { what: 'logs keystrokes', technique: 'T1056.001', script: (t) => /getasynckeystate|setwindowshookex/.test(t) },
    { what: 'records the clipboard in a loop', technique: 'T1115', script: (t) => /get-clipboard/.test(t) && /while\s{0,4}\(\s{0,4}\$true|for\s{0,4}\(\s{0,4};\s{0,4};/.test(t) },
    { what: 'captures the screen in a loop or into a hidden place', technique: 'T1113', script: (t) => /copyfromscreen/.test(t) && (/while\s{0,4}\(\s{0,4}\$true|appdata/.test(t) || WRITABLE_FOLDER.test(t)) },
  ],
  exfiltration: [
    { what: 'uploads files or archives to a raw address, paste site, webhook catcher, tunnel or file drop', technique: 'T1567', script: (t) => uploads(t) && dropUrlIn(t) },
    { what: 'sends a file out through DNS lookups', technique: 'T1048.003', script: (t) => /resolve-dnsname|nslookup/.test(t) && /tobase64string|readallbytes/.test(t) },
  ],
};

/**
 * The native tools a PowerShell script runs, each as its name and the rest of its line: statements split at `;`,
 * `|` and line ends, the first word's base name without `.exe` (`reg save HKLM\\SAM …; wevtutil cl Security`).
 */
function scriptTools(script: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const statement of script.split(/[;|\n]|&&/, 64)) {
    const m = /^\s*&?\s*["']?([\w.:\\/-]{1,200}?)(?:\.exe)?["']?(?:\s+(.*))?$/.exec(statement.slice(0, 2048));
    if (m) out.push([m[1]!.slice(Math.max(m[1]!.lastIndexOf('\\'), m[1]!.lastIndexOf('/')) + 1), (m[2] ?? '').trim()]);
  }
  return out;
}

/** Windows' own programs, the Sysinternals tools and the .NET compilers as a line names them (without `.exe`): only their lines, and PowerShell's, are read for techniques. */
const WINDOWS_TOOLS: ReadonlySet<string> = new Set([...WINDOWS_RUNNERS, ...WINDOWS_ADMIN_TOOLS, 'mpcmdrun', 'csc', 'vbc', 'procdump', 'procdump64', 'del', 'erase', 'rd', 'rmdir', 'psexec', 'psexec64']);

/** A command read once for every tactic: its name and line, and a PowerShell's script with the tools it runs. */
interface WindowsCommand { cmd: SimpleCommand; name: string; line: string; script?: string; tools: Array<[string, string]> }
const prepared = new WeakMap<CommandView, WindowsCommand[]>();

function windowsCommands(view: CommandView): WindowsCommand[] {
  let out = prepared.get(view);
  if (out) return out;
  out = [];
  for (const c of view.commands) {
    const name = c.name.toLowerCase();
    const script = powershellScript(c)?.toLowerCase();
    if (script === undefined && !WINDOWS_TOOLS.has(name)) continue;
    out.push({ cmd: c, name, line: c.argv.slice(1).join(' ').toLowerCase().slice(0, MAX_SCRIPT), script, tools: script === undefined ? [] : scriptTools(script) });
  }
  prepared.set(view, out);
  return out;
}

/** The Windows techniques of one tactic a call's commands carry out, each as evidence. */
export function windowsTechniques(view: CommandView | undefined, tactic: WindowsTactic): string[] {
  const out: string[] = [];
  for (const { cmd, name, line, script, tools } of view ? windowsCommands(view) : []) {
    for (const t of WINDOWS_TECHNIQUES[tactic]) {
      const native = t.native;
      if ((native && (native(name, line) || tools.some(([n, l]) => native(n, l)))) || (script !== undefined && t.script?.(script))) out.push(`${t.what}: ${cmd.argv.join(' ').slice(0, 160)}`);
      if (out.length >= 8) return out;
    }
  }
  return out;
}

/** Startup folders: Windows' own, and Office's, whose files open (and run their macros) with the app. */
export const WINDOWS_STARTUP_FOLDER = /\/start menu\/programs\/startup\/|\/microsoft\/(?:word|excel)\/(?:startup|xlstart)\//i;

/** A JScript, VBScript or HTA file that fetches from the web and runs what it gets (`MSXML2.XMLHTTP` … `WScript.Shell.Run`). */
export function windowsScriptDropper(path: string, text: string): boolean {
  if (!/\.(?:js|jse|vbs|vbe|wsf|hta)$/i.test(path)) return false;
  const t = text.slice(0, MAX_SCRIPT);
  return /wscript\.shell|shell\.application/i.test(t) && /\.(?:run|exec)\b|shellexecute/i.test(t) && /https?:\/\/|xmlhttp|winhttp/i.test(t);
}

/**
 * An autostart whose program hides or fetches: it lives in a folder anyone or any process can write (Public, Temp,
 * ProgramData, the roaming profile's root), runs PowerShell hidden, encoded or on downloaded text, or is a WMI
 * event subscription. A backup script scheduled from the user's own folder is none of these.
 */
export function hiddenAutostart(evidence: string): boolean {
  const e = evidence.toLowerCase();
  return /wmi event|startup folder/.test(e) || /\\users\\public\\|\\temp\\|%temp%|\$env:temp|\\programdata\\|\\appdata\\roaming\\[^\\\s]{1,64}\.exe|\s-(?:enc|encodedcommand|ec|e)\s|-w(?:indowstyle)?\s{1,4}hidden|\biex\b|invoke-expression|downloadstring|https?:\/\//.test(e);
}
