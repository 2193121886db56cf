import type { ToolCall } from '../toolcall.js';
import { isJsonObject } from '../toolcall.js';
import { nameWords, readAs } from '../tool-shape.js';
import { accessGranted, readBusinessCall, type BusinessCall, type Vendors } from './business-call.js';
import { memoizeOn } from './memo.js';
import { destinationOf, EXFIL_KINDS } from './hosts.js';
import { classifyPath } from './paths.js';
import { percentDecoded } from '../shell/decoders.js';

/**
 * Device management and endpoint security, driven through an agent's tools: Jamf, Intune (through Microsoft Graph),
 * Kandji, Mosyle, Google's ChromeOS devices, Fleet and osquery, Tanium, CrowdStrike Falcon, SentinelOne and Defender
 * for Endpoint. One call there reaches every managed machine: it erases or locks them, hands out the keys that
 * unlock their disks, or takes away the protection that would notice the rest. (The scripts these tools push are
 * read as the shell lines they run, by the tool-call reader.)
 */

const ENDPOINT: Vendors = {
  byServer: new Map([
    ['jamf', ['jamfcloud.com']], ['intune', []], ['osquery', []], ['kandji', ['kandji.io']], ['mosyle', ['mosyle.com']], ['google_workspace', []], ['fleet', []],
    ['tanium', ['tanium.com']], ['crowdstrike', ['crowdstrike.com']], ['falcon', []], ['sentinelone', ['sentinelone.net']], ['defender', ['securitycenter.microsoft.com', 'securitycenter.windows.com', 'security.microsoft.com']],
  ]),
  api: /\/\/(?:[\w-]+\.)*(?:jamfcloud\.com|kandji\.io|mosyle\.com|tanium\.com|crowdstrike\.com|sentinelone\.net|securitycenter\.(?:microsoft|windows)\.com|security\.microsoft\.com)(?:[:/]|$)|\/JSSResource\/|\/\/graph\.microsoft\.com\/(?:beta|v1\.0)\/(?:deviceManagement|informationProtection\/bitlocker|directory\/deviceLocalCredentials)\b|\/api\/(?:v1|latest)\/fleet\/|\/devices\/chromeos\b/,
  // (Jamf on premises, Graph's device endpoints, Fleet and the Directory API's ChromeOS devices answer on hosts of their own)
  byPath: [[/\/JSSResource\//, 'jamf'], [/\/\/graph\.microsoft\.com\//, 'intune'], [/\/api\/(?:v1|latest)\/fleet\//, 'fleet'], [/\/devices\/chromeos\b/, 'google_workspace']],
};

/** A call to one of these systems, read once: as called, or as the request a generic API tool makes (Lokka's Graph calls). */
const endpointCall = memoizeOn((call: ToolCall) => readBusinessCall(call, ENDPOINT) ?? (call.kind === 'unknown' ? readBusinessCall(readAs(call), ENDPOINT) : undefined));

/** Whether a call is to one of these systems, whose security settings the readers below judge. */
export const isEndpointCall = (call: ToolCall): boolean => endpointCall(call) !== undefined;

const said = (f: BusinessCall, what: string) => `${f.vendor}: ${f.words.join(' ').slice(0, 80)}: ${what}`;

/** The action a call names, beside its tool name or path: Jamf's `command`, Graph's `actionName`, Falcon's `action_name`, ChromeOS's `commandType`. */
const ACTION_VALUE = /"(?:command|actionname|action|action_name|commandtype|operation|changechromeosdevicestatusaction)"\s{0,4}:\s{0,4}"([\w-]{1,96})"/gi;
function actionWords(f: BusinessCall): string[] {
  const out = [...f.words, ...nameWords(f.query.slice(0, 256)), ...(f.method ? [f.method] : [])];
  for (const m of f.json.matchAll(ACTION_VALUE)) out.push(...nameWords(m[1]!));
  return out;
}

/** Keys that aim a device action at a group of machines rather than named ones. */
const GROUP_TARGET = /"(?:computer_?group|mobile_?device_?group(?:_?id)?|group_?ids?|groupids|label|labels|label_?ids|orgunitpath|all_?devices|all_?computers|blueprint_?ids|sites?_?ids|siteids|target_?group|filter)"\s{0,4}:\s{0,4}(?!""|null|false|\[\]|\{\})/i;
/** A list of machines' ids, or the word for all of them. */
const ID_LIST = /"(?:ids|device_?ids|deviceids|computer_?ids|mobile_?device_?ids|manageddeviceids|host_?ids|devices|serials)"\s{0,4}:\s{0,4}\[([^\]]{0,8192})\]/gi;
/** How many machines a call names, or Infinity when it aims at a group, a filter or every machine. */
function machineCount(f: BusinessCall): number {
  let n = 0;
  for (const m of f.json.matchAll(ID_LIST)) {
    if (/"(?:all|\*)"/i.test(m[1]!)) return Infinity;
    n += m[1]!.split(',').filter((x) => x.trim() !== '').length;
  }
  // Jamf's Classic API names them in the path: `/computercommands/command/EraseDevice/…/id/201,202,203`
  const inPath = /\/id\/([\d,]{1,4096})/.exec(f.path);
  n = Math.max(n, inPath ? inPath[1]!.split(',').length : 0);
  // (machines named by id are those, whatever filter holds the ids)
  return n === 0 && (GROUP_TARGET.test(f.json) || /"host_?ids"\s{0,4}:\s{0,4}"all"/i.test(f.json)) ? Infinity : Math.max(n, 1);
}

/** Words of a device action that erases a machine or takes it out of management. */
const ERASE = /^(?:erase|wipe|retire|powerwash|deprovision|obliterate|factory)$/;

/**
 * Machines erased, retired, deprovisioned or locked, and how many: `many` when the call aims at a group, a filter,
 * every machine or three or more of them. (One stolen laptop locked is the everyday case, and stays quiet.)
 */
export function devicesErased(call: ToolCall): { what: string; many: boolean } | undefined {
  // (a bulk action's tool may be named to `execute` it, which reads as a query: the action it names decides)
  const f = endpointCall(call);
  // (a listing of the erase commands sent, `GET …/mdm/commands?filter=command==ERASE_DEVICE`, erases nothing)
  if (!f || f.method === 'get') return undefined;
  const words = actionWords(f);
  // (a shared Chromebook's users' profiles cleared, `WIPE_USERS`, keeps the machine and its management)
  const erase = words.some((w) => ERASE.test(w)) && !(words.includes('wipe') && words.includes('users'));
  const lock = words.includes('lock') || words.includes('devicelock');
  if (!erase && !lock) return undefined;
  const count = machineCount(f);
  const many = count >= 3;
  if (!erase && !many) return undefined;
  return { what: said(f, `${erase ? 'erases or retires' : 'locks'} ${count === Infinity ? 'a group of machines' : `${count} machine${count > 1 ? 's' : ''}`}`), many };
}

/** The secrets that unlock a managed machine, by the words of a call: FileVault and BitLocker recovery keys, LAPS passwords. */
const recoverySecret = (w: readonly string[]) => w.some((x) => /^(?:filevault|filevault2|bitlocker|laps|recoverykeys?)$/.test(x)) || (w.includes('recovery') && w.some((x) => x === 'key' || x === 'keys')) || (w.includes('local') && (w.includes('credentials') || (w.includes('admin') && w.includes('password'))));
/**
 * A machine's recovery key, local administrator password or sensor uninstall token read, and whether for many at once:
 * a listing with no one machine named, or several. The sensor's bulk maintenance token is one secret for every machine.
 */
export function recoverySecretsRead(call: ToolCall): { what: string; many: boolean } | undefined {
  const f = endpointCall(call);
  if (!f) return undefined;
  // the sensor's uninstall token, one machine's or the bulk maintenance token that removes it from any machine
  if (f.words.includes('uninstall') && f.words.includes('token')) return { what: said(f, "the sensor's uninstall token"), many: !/"device_?id"\s{0,4}:\s{0,4}"[0-9a-f]{16,64}"/i.test(f.json) };
  // (the LAPS settings and the audit of who viewed a password are no secret)
  if (!recoverySecret(f.words) || f.words.includes('settings') || f.words.includes('audit')) return undefined;
  // (a policy or profile that turns FileVault on is no read of its keys)
  if (f.writes && !f.words.some((w) => w === 'get' || w === 'view' || w === 'show' || w === 'reveal')) return undefined;
  // one machine is named by an id in the path or an argument (`/deviceLocalCredentials/8d0f…`, `{computer_id: 608}`)
  // (or by Graph's filter on one device, `?$filter=deviceId eq '…'`)
  const named = /"(?:computer_?id|device_?id|deviceid|managed_?device_?id|key_?id|keyid|id|udid|serial(?:_?number)?)"\s{0,4}:\s{0,4}"?[\w-]{1,64}/i.test(f.json) || /\/(?:[0-9a-f]{8}-[0-9a-f-]{27,40}|[0-9a-f]{16,64}|\d{1,12})(?:\/|$)/i.test(f.path)
    || /\bdeviceId\s{1,4}eq\s{1,4}'[\w-]{4,64}'/i.test(percentDecoded(f.query));
  const several = /\bin\s{0,4}\(\s{0,4}'[^']{1,64}'\s{0,4},/.test(percentDecoded(f.query)) || /\$top/i.test(f.json + f.query);
  return { what: said(f, 'recovery keys or local administrator passwords'), many: !named || several };
}

/** Paths no endpoint agent should stop watching: where payloads are staged and where every user's files are. */
const STAGING_PATH = /(?:^|[\\/])(?:temp|tmp|downloads|public)(?:[\\/]|\*|$)|users[\\/]\*[\\/]?(?:appdata[\\/]?)?(?:\*{1,2})?$|^[a-z]:[\\/]?\*{0,2}$|^[\\/]?\*{1,2}$|programdata[\\/][^\\/]{1,64}[\\/]\*\*/i;
/** Programs and file types attacks run through, excluded whole. */
const LOLBIN = /^(?:powershell|pwsh|rundll32|regsvr32|mshta|wscript|cscript|cmd|msbuild|installutil|certutil|bitsadmin)(?:\.exe)?$|^\.?(?:ps1|dll|exe|js|vbs|hta|bat|scr)$/i;

/** Settings that turn a protection off as these products spell them. */
const PROTECTION_OFF: ReadonlyArray<[RegExp, string]> = [
  [/"prevention"\s{0,4}:\s{0,4}"DISABLED"/i, 'prevention disabled'],
  [/"uninstall_?protection"\s{0,4}:\s{0,4}"DISABLED"/i, 'uninstall protection off'],
  [/"mitigationMode(?:Suspicious)?"\s{0,4}:\s{0,4}"detect"/i, 'detect only'],
  [/"antiTamperingOn"\s{0,4}:\s{0,4}false/i, 'anti-tampering off'],
  [/"id"\s{0,4}:\s{0,4}"\w{0,40}(?:Prevent|Protection|Monitoring|Quarantine|Dumping|Exploit|Ransomware)\w{0,40}"\s{0,4},\s{0,4}"value"\s{0,4}:\s{0,4}\{\s{0,4}"enabled"\s{0,4}:\s{0,4}false/i, 'a prevention setting off'],
  [/tamperprotection\w{0,40}"\s{0,4},\s{0,4}"value"\s{0,4}:\s{0,4}"0"|defender_?(?:allow)?(?:behaviormonitoring|realtimemonitoring|cloudprotection|ioavprotection|scriptscanning)"\s{0,4},\s{0,4}"value"\s{0,4}:\s{0,4}"0"/i, "Defender's protection off"],
  [/attacksurfacereductionrules\w{0,200}"\s{0,4},\s{0,4}"value"\s{0,4}:\s{0,4}"(?:audit|off|0|disabled?)"/i, 'attack surface reduction rules to audit'],
  [/Policy\/Config\/Defender\/Allow\w{1,40}"\s{0,4},\s{0,4}"value"\s{0,4}:\s{0,4}0\b/i, "Defender's protection off"],
  [/"firewallEnabled"\s{0,4}:\s{0,4}"blocked"/i, 'the firewall off'],
  [/"EnableAssessment"\s{0,4}:\s{0,4}false/i, 'Gatekeeper off'],
  [/com\.apple\.MCX\.FileVault2"[^}]{0,200}"Enable"\s{0,4}:\s{0,4}"Off"/i, 'FileVault off'],
  [/"disable_events"\s{0,4}:\s{0,4}true/i, "osquery's events off"],
  [/"safeBrowsingProtectionLevel"\s{0,4}:\s{0,4}"NO_PROTECTION"/i, 'Safe Browsing off'],
];
/** A compliance policy's requirements, which conditional access trusts: two or more of them dropped is the policy emptied. */
const REQUIREMENT_OFF = /"(?:bitLockerEnabled|secureBootEnabled|defenderEnabled|rtpEnabled|antivirusRequired|antiSpywareRequired|deviceThreatProtectionEnabled|codeIntegrityEnabled|storageRequireEncryption|firewallEnabled)"\s{0,4}:\s{0,4}false/gi;

/**
 * Endpoint protection taken away, as a reason, or undefined: the agent disabled, uninstalled, decommissioned,
 * offboarded or hidden; a policy set to detect only or a protection switched off; an exclusion over where payloads
 * are staged, a whole interpreter or every command line; a hash or domain allowed; detections, blocklist entries or
 * open alerts and threats removed in bulk.
 */
export function endpointProtectionOff(call: ToolCall): string | undefined {
  const f = endpointCall(call);
  if (!f?.writes) return undefined;
  const words = actionWords(f);
  if (words.some((w) => /^(?:uninstall|decommission|offboard)$/.test(w)) || (words.includes('disable') && words.includes('agent')) || (words.includes('hide') && words.includes('host'))) return said(f, 'the endpoint agent removed or hidden');
  // every policy's run history flushed at once (Jamf's `logflush` by interval, or with no policy or computer named)
  if ((words.includes('logflush') || (words.includes('flush') && words.some((w) => w === 'logs' || w === 'log'))) && !/\/id\/\d/.test(f.path) && !/"(?:policy|computer)_?id"\s{0,4}:/i.test(f.json)) return said(f, "every policy's history flushed");
  for (const [re, what] of PROTECTION_OFF) if (re.test(f.json)) return said(f, what);
  if ([...f.json.matchAll(REQUIREMENT_OFF)].length >= 2) return said(f, "the compliance policy's requirements dropped");
  const p = isJsonObject(f.params) ? f.params : {};
  if (exclusionAdded(f, p)) {
    const values = exclusionValues(p);
    if (f.words.includes('sv') || f.words.includes('visibility') || /"mode"\s{0,4}:\s{0,4}"disable_all_monitors"/.test(f.json)) return said(f, 'nothing watched under the exclusion');
    if (values.some((v) => STAGING_PATH.test(v) || LOLBIN.test(v.replace(/^.*[\\/]/, '')) || /^\.\*$/.test(v))) return said(f, `an exclusion over ${values.slice(0, 3).join(', ').slice(0, 120)}`);
    if (/"type"\s{0,4}:\s{0,4}"white_hash"/i.test(f.json)) return said(f, 'a hash allowed');
  }
  if (/"action"\s{0,4}:\s{0,4}"(?:allow|Allowed|allowed)"/.test(f.json) && f.words.some((w) => w === 'ioc' || w === 'iocs' || w === 'indicator' || w === 'indicators')) return said(f, 'an indicator allowed');
  if (/"addToExclusions"\s{0,4}:\s{0,4}true/.test(f.json)) return said(f, "threats' files added to the exclusions");
  // detections and blocklist entries removed (`delete_ioa_rule_groups`, `DELETE /restrictions {type: black_hash}`)
  if (words.some((w) => w === 'delete' || w === 'remove') && (f.words.some((w) => w === 'ioa' || w === 'rule' || w === 'rules') && f.words.some((w) => w === 'group' || w === 'groups') || /"type"\s{0,4}:\s{0,4}"black_hash"/.test(f.json))) return said(f, 'detections or blocklist entries removed');
  // open alerts or threats closed as false positives by a filter or wildcard, or three or more at once
  const closed = /"(?:value|status|analystVerdict|classification)"\s{0,4}:\s{0,4}"(?:closed|false_?positive|FalsePositive|resolved)"/i.test(f.json);
  if (closed && f.words.some((w) => /^(?:alerts?|threats?|detections?|incidents?)$/.test(w)) && (machineCount(f) >= 3 || /"composite_?ids"\s{0,4}:\s{0,4}\[\s{0,4}"\*"/.test(f.json) || alertCount(f.json) >= 3)) return said(f, 'open alerts closed as false positives in bulk');
  return undefined;
}
const ALERT_IDS = /"(?:alertids|alert_?ids|composite_?ids|incident_?ids)"\s{0,4}:\s{0,4}\[([^\]]{0,8192})\]/i;
const alertCount = (json: string) => ALERT_IDS.exec(json)?.[1]!.split(',').length ?? 0;

/** An exclusion made or widened: an exclusion tool that does not list, read or delete them, or Defender's exclusion lists in a profile. */
function exclusionAdded(f: BusinessCall, p: Record<string, unknown>): boolean {
  const tool = f.words.some((w) => w === 'exclusion' || w === 'exclusions') && !f.words.some((w) => w === 'delete' || w === 'remove' || w === 'list' || w === 'get');
  return tool || Object.entries(p).some(([k, v]) => /^defender\w*ToExclude$/.test(k) && Array.isArray(v) && v.length > 0);
}

/** An exclusion's values: the path, pattern, process or extension each names. */
function exclusionValues(p: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(p)) {
    if (!/^(?:value|values|path|paths|pattern|cl_regex|ifn_regex|defender\w*ToExclude)$/i.test(k)) continue;
    for (const x of Array.isArray(v) ? v.slice(0, 32) : [v]) if (typeof x === 'string') out.push(x.slice(0, 256));
  }
  return out;
}

/** Profile payloads and settings that route machines' traffic through another party: a trusted root certificate, a global proxy. */
const INTERCEPTION = /com\.apple\.security\.(?:root|pkcs1)\b|TrustedRootCertificate"|com\.apple\.proxy\.http\.global"|"proxyMode"\s{0,4}:\s{0,4}"(?:FIXED_SERVERS|PAC_SCRIPT)"/i;

/**
 * A change to every machine a person who knows the incident or the request confirms: an exclusion that stays narrow
 * (one tool's cache, scoped), a contained host released, a script or profile assigned to every machine, a remote
 * shell opened on all of them, their traffic routed through a proxy or a new root certificate.
 */
export function endpointChangeToConfirm(call: ToolCall): string | undefined {
  const f = endpointCall(call);
  if (!f?.writes || endpointProtectionOff(call) !== undefined) return undefined;
  const words = actionWords(f);
  if ((words.includes('lift') && words.includes('containment')) || words.includes('unisolate') || words.includes('unrestrict') || (words.includes('agents') && words.includes('connect'))) return said(f, 'a contained host released');
  if (INTERCEPTION.test(f.json)) return said(f, "machines' traffic through a proxy or a new root certificate");
  if (/allDevicesAssignmentTarget|allLicensedUsersAssignmentTarget/.test(f.json) && f.words.some((w) => /^(?:scripts?|configuration|configurations)$/.test(w))) return said(f, 'assigned to every machine');
  if (f.words.includes('rtr') && f.words.includes('batch') && machineCount(f) === Infinity) return said(f, 'a remote shell on every machine');
  const p = isJsonObject(f.params) ? f.params : {};
  return exclusionAdded(f, p) ? said(f, `an exclusion for ${exclusionValues(p).slice(0, 2).join(', ').slice(0, 120)}`) : undefined;
}

/** osquery's tables that hand over what machines hold: files carved whole, processes' environments, shells' histories, and `curl`, which fetches from every host. */
const CARVED_PATH = /\bcarves\b[^"]{0,400}?\bpath\s{1,4}(?:LIKE|=)\s{1,4}'([^']{1,300})'/gi;
const ENV_SECRETS = /\bprocess_envs\b[^"]{0,600}?(?:TOKEN|SECRET|PASSW|_KEY|API_?KEY|DATABASE_URL|CREDENTIAL)/i;
const CURL_TABLE = /\b(?:FROM|JOIN)\s{1,4}curl\b[^"]{0,600}?\burl\s{0,4}=\s{0,4}'(https?:\/\/[^'\s]{1,300})'/i;

/**
 * A live or scheduled osquery query (Fleet's, or an osquery server's) that collects secrets from the machines it runs
 * on: credential files carved whole, processes' environment secrets, every shell's history, or `curl` called from
 * every host to send to an address outside.
 */
export function fleetQueryCollects(call: ToolCall): string | undefined {
  const f = endpointCall(call);
  if (!f || (f.vendor !== 'fleet' && f.vendor !== 'osquery')) return undefined;
  for (const m of f.json.matchAll(CARVED_PATH)) {
    const file = classifyPath(m[1]!.replace(/%/g, '*'));
    if (file?.role === 'secret') return said(f, `${file.label} carved from every machine`);
  }
  if (ENV_SECRETS.test(f.json)) return said(f, "secrets from processes' environments");
  if (/\bFROM\s{1,4}shell_history\b/i.test(f.json)) return said(f, "every user's shell history");
  const out = CURL_TABLE.exec(f.json)?.[1];
  const to = out === undefined ? undefined : destinationOf(out);
  return to && EXFIL_KINDS.has(to.kind) ? said(f, `sent from every machine to ${to.host}`) : undefined;
}

/** Access given to an outsider (`accessGranted`) in one of these systems. */
export function endpointAccessForOutsider(call: ToolCall): string[] {
  const f = endpointCall(call);
  return f ? accessGranted(f, ENDPOINT.byServer.get(f.vendor) ?? []) : [];
}
