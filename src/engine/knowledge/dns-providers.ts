import type { SimpleCommand } from '../shell/types.js';
import { isJsonObject, type ToolCall } from '../toolcall.js';
import { optionValue } from '../shell/command-args.js';
import { classifyHost } from './hosts.js';
import { MAIL_AND_DNS_PROVIDERS, registered, type RecordChange } from './dns.js';
import type { MailCopy } from './mail-routing.js';
import { apiRequest, changesState, fieldText, text, type ApiRequest } from './api-request.js';

/**
 * A company's domains and edge as its DNS providers, registrars and CDNs hold them, changed through their APIs or MCP
 * tools: the registrar's name servers pointed at an outsider, the transfer lock taken off or the transfer code read,
 * records written, DNSSEC and zone transfers, and the edge's own protections (TLS mode, security level, WAF rules,
 * allow rules) switched off. Cloudflare's, GoDaddy's, Namecheap's, Porkbun's, Gandi's and Google Cloud DNS's request
 * shapes, from their API references; an MCP tool is read by its name's words and its parameters.
 */

/** A provider's changing request, Namecheap's `setCustom`-style commands among them. */
const changes = (r: ApiRequest) => changesState(r) || /^namecheap\.domains\.(?:dns\.)?set/i.test(fieldText(r, 'command') ?? '');

/** The domain a request is about: a field, Namecheap's SLD and TLD, or the path segment after `domains`. */
function domainOf(r: ApiRequest, call: ToolCall): string | undefined {
  const named = fieldText(r, 'domain', 'domain_name', 'domainname', 'name');
  if (named && /^[\w-]{1,63}(?:\.[\w-]{1,63}){1,6}\.?$/.test(named)) return named;
  const sld = fieldText(r, 'sld');
  const tld = fieldText(r, 'tld');
  if (sld && tld) return `${sld}.${tld}`;
  if (call.kind === 'network') return /\/(?:domains|updatens)\/([\w-]{1,63}(?:\.[\w-]{1,63}){1,6})(?:[/?]|$)/i.exec(call.url.slice(0, 2048))?.[1];
  return undefined;
}

/** Host names a field lists: an array of names or of `{ name }` objects, or a comma- or space-separated string. */
function hostsIn(v: unknown): string[] {
  const items = Array.isArray(v) ? v.slice(0, 16) : typeof v === 'string' ? v.slice(0, 1024).split(/[,\s]+/) : [];
  // (host names only: a resolver's addresses, `nameservers: ["10.0.0.2"]`, are another setting)
  return items.map((x) => (isJsonObject(x) ? text(x.name ?? x.Name ?? x.host) : text(x)) ?? '').map((h) => h.trim().replace(/\.$/, '').toLowerCase()).filter((h) => /^[\w-]{1,63}(?:\.[\w-]{1,63}){0,7}\.[a-z][a-z0-9-]{1,62}$/.test(h));
}

/** Name servers outside the domain itself and outside the known DNS providers. */
function outsideNameServers(hosts: readonly string[], domain: string | undefined): string[] {
  const own = domain === undefined ? undefined : registered(domain);
  return hosts.filter((h) => !MAIL_AND_DNS_PROVIDERS.test(h) && registered(h) !== own);
}

/** A registrar told to delegate a domain to outside name servers: `nameservers`, `nameServers` or `ns` set by a changing request. */
export function nameServersMoved(call: ToolCall): string | undefined {
  const r = changingRequest(call);
  if (!r) return undefined;
  const hosts = hostsIn(r.fields.get('nameservers') ?? r.fields.get('ns'));
  const outside = outsideNameServers(hosts, domainOf(r, call));
  return outside.length ? `${domainOf(r, call) ?? 'the domain'} name servers → ${outside.join(', ')}` : undefined;
}

/** The same through Route 53's registrar at the shell: `aws route53domains update-domain-nameservers --nameservers Name=…`. */
export function nameServersMovedBy(c: SimpleCommand): string | undefined {
  if (c.name !== 'aws' || c.argv[1] !== 'route53domains' || c.argv[2] !== 'update-domain-nameservers') return undefined;
  const at = c.argv.indexOf('--nameservers');
  const hosts = at < 0 ? [] : c.argv.slice(at + 1, at + 9).filter((w) => !w.startsWith('--')).flatMap((w) => [...w.matchAll(/Name=([\w.-]{1,253})/g)].map((m) => m[1]!.toLowerCase().replace(/\.$/, '')));
  const domain = optionValue(c.argv, ['--domain-name']);
  const outside = outsideNameServers(hosts, domain);
  return outside.length ? `${domain ?? 'the domain'} name servers → ${outside.join(', ')}` : undefined;
}

/**
 * A domain made ready to leave: its registrar transfer lock taken off, its transfer (EPP) code read, or the domain
 * handed to another account. Each is also how a planned move to another registrar starts, which is why they alert.
 */
export function domainReleased(call: ToolCall): string | undefined {
  const r = apiRequest(call);
  if (!r) return undefined;
  const domainish = r.words.has('domain') || r.words.has('domains') || r.words.has('registrar') || domainOf(r, call) !== undefined;
  if (!domainish) return undefined;
  const locked = r.fields.get('locked') ?? r.fields.get('transfer_lock') ?? r.fields.get('transferlock');
  if (changes(r) && (locked === false || locked === 'false')) return 'transfer lock removed';
  if (/^UNLOCK$/i.test(fieldText(r, 'lockaction') ?? '')) return 'transfer lock removed';
  if ((r.words.has('auth') && r.words.has('code')) || r.words.has('authcode') || r.words.has('epp')) return r.method === '' || r.method === 'GET' || r.method === 'POST' ? 'transfer code read' : undefined;
  return undefined;
}

/** Route 53's registrar at the shell: the lock off, the code read, the domain given to another AWS account. */
export function domainReleasedBy(c: SimpleCommand): string | undefined {
  if (c.name !== 'aws' || c.argv[1] !== 'route53domains') return undefined;
  const verb = c.argv[2];
  if (verb === 'disable-domain-transfer-lock') return 'transfer lock removed';
  if (verb === 'retrieve-domain-auth-code') return 'transfer code read';
  if (verb === 'transfer-domain-to-another-aws-account') return 'domain handed to another account';
  return undefined;
}

/** DNSSEC switched off or its keys deleted at a provider, and zone transfers granted to an outside address. */
export function zoneProtectionOffByApi(call: ToolCall): string | undefined {
  const r = apiRequest(call);
  if (!r) return undefined;
  if (r.words.has('dnssec') && /^(?:disabled|off)$/i.test(fieldText(r, 'status') ?? '')) return 'DNSSEC signing of the zone switched off';
  if (r.method === 'DELETE' && (r.words.has('dnssec') || r.words.has('dnskeys'))) return 'DNSSEC signing of the zone switched off';
  // a secondary DNS peer or transfer ACL at an address outside the company's networks
  if (r.words.has('secondary') && changes(r)) {
    const ip = (fieldText(r, 'ip', 'ip_range', 'ip_address') ?? '').replace(/\/\d{1,2}$/, '');
    if (ip && classifyHost(ip) === 'raw-ip') return `zone transfers granted to ${ip}`;
  }
  return undefined;
}

/** Zone settings that switch an edge's protection off, and the values that do it. */
const SETTINGS_OFF: Readonly<Record<string, RegExp>> = { ssl: /^off$/i, security_level: /^essentially_off$/i, waf: /^off$/i, tls_client_auth: /^off$/i, browser_check: /^off$/i };
/** Settings that weaken one: TLS to the origin unencrypted, old TLS versions, HSTS switched off. */
const SETTINGS_WEAK: Readonly<Record<string, RegExp>> = { ssl: /^flexible$/i, min_tls_version: /^1\.[01]$/ };

/**
 * An edge's protection switched off by an API call: a zone's TLS, security level, WAF or origin authentication setting
 * off, a page rule that disables security, a firewall rule that skips every check for every address or sets the managed
 * rules to log only, an allow rule for a whole network (ASN) or country, Page Shield off, a WAF agent set to log only.
 */
export function edgeProtectionOff(call: ToolCall): string | undefined {
  const r = changingRequest(call);
  if (!r) return undefined;
  const off = settingSet(r, call, SETTINGS_OFF);
  if (off) return off;
  const actions = r.fields.get('actions');
  if (Array.isArray(actions) && actions.slice(0, 16).some((a) => isJsonObject(a) && (a.id === 'disable_security' || ((a.id === 'waf' || a.id === 'ssl') && a.value === 'off')))) return 'page rule switching security off';
  const everyone = (e: unknown) => typeof e === 'string' && /^\s*\(?\s*(?:true|ip\.src\s+in\s+\{\s*0\.0\.0\.0\/0\b[^}]{0,40}\})\s*\)?\s*$/.test(e.slice(0, 200));
  const rules = Array.isArray(r.fields.get('rules')) ? (r.fields.get('rules') as unknown[]).slice(0, 32) : [r.body];
  for (const rule of rules) {
    if (!isJsonObject(rule)) continue;
    const overrides = isJsonObject(rule.action_parameters) && isJsonObject(rule.action_parameters.overrides) ? rule.action_parameters.overrides : undefined;
    if (everyone(rule.expression) && (rule.action === 'skip' || overrides?.action === 'log')) return `firewall rule ${rule.action === 'skip' ? 'skipping every check' : 'setting managed rules to log only'} for every request`;
  }
  const config = r.fields.get('configuration');
  if (fieldText(r, 'mode') === 'whitelist' && isJsonObject(config) && (config.target === 'asn' || config.target === 'country')) return `allow rule for a whole ${config.target} (${text(config.value) ?? ''})`;
  if (r.words.has('shield') && r.fields.get('enabled') === false) return 'Page Shield switched off';
  if (/^(?:log|off)$/i.test(fieldText(r, 'agentlevel') ?? '')) return 'WAF agent set to log only';
  return undefined;
}

/** The same protections weakened rather than off: TLS to the origin unencrypted (`flexible`), TLS 1.0 or 1.1 allowed, HSTS switched off. */
export function edgeProtectionWeakened(call: ToolCall): string | undefined {
  const r = changingRequest(call);
  if (!r) return undefined;
  const hsts = r.fields.get('strict_transport_security');
  return settingSet(r, call, SETTINGS_WEAK) ?? (settingChanged(r, call)?.id === 'security_header' && isJsonObject(hsts) && hsts.enabled === false ? 'HSTS switched off' : undefined);
}

/** The request, when it changes something. */
const changingRequest = (call: ToolCall): ApiRequest | undefined => {
  const r = apiRequest(call);
  return r && changes(r) ? r : undefined;
};

/** The zone setting a request sets to one of the values `table` lists for it, as `id set to value`. */
function settingSet(r: ApiRequest, call: ToolCall, table: Readonly<Record<string, RegExp>>): string | undefined {
  const setting = settingChanged(r, call);
  return setting && table[setting.id]?.test(setting.value) ? `${setting.id} set to ${setting.value}` : undefined;
}

/** A zone setting and its new value: `zone_setting_edit {setting_id, value}`, or `PATCH …/zones/ID/settings/NAME {value}`. */
function settingChanged(r: ApiRequest, call: ToolCall): { id: string; value: string } | undefined {
  if (!r.words.has('setting') && !r.words.has('settings')) return undefined;
  const id = fieldText(r, 'setting_id', 'settingid') ?? (call.kind === 'network' ? /\/settings\/([a-z_]{1,40})\/?(?:\?|$)/.exec(call.url.slice(0, 2048))?.[1] : undefined);
  if (id === undefined) return undefined;
  return { id: id.toLowerCase(), value: text(r.fields.get('value')) ?? '' };
}

/** The records a provider request writes: a DNS tool's or API's record, Route 53's change batch, Cloud DNS's additions. */
export function recordsWrittenByApi(call: ToolCall): RecordChange[] {
  const r = changingRequest(call);
  if (!r || r.method === 'DELETE' || r.words.has('delete')) return [];
  const out: RecordChange[] = [];
  const batch = r.fields.get('changes');
  if (Array.isArray(batch)) {
    for (const x of batch.slice(0, 64)) {
      if (!isJsonObject(x) || x.Action === 'DELETE' || !isJsonObject(x.ResourceRecordSet)) continue;
      const set = x.ResourceRecordSet;
      for (const v of Array.isArray(set.ResourceRecords) ? set.ResourceRecords.slice(0, 16) : []) out.push({ name: text(set.Name) ?? '', type: text(set.Type) ?? '', value: (isJsonObject(v) ? text(v.Value) : undefined) ?? '' });
    }
  }
  const additions = r.fields.get('additions');
  if (Array.isArray(additions)) for (const x of additions.slice(0, 64)) if (isJsonObject(x) && Array.isArray(x.rrdatas)) for (const v of x.rrdatas.slice(0, 16)) out.push({ name: text(x.name) ?? '', type: text(x.type) ?? '', value: text(v) ?? '' });
  // one record: `{type, name, content}` (Cloudflare), `[{data, name}]` under `…/records/MX` (GoDaddy)
  const recordish = r.words.has('record') || r.words.has('records') || r.words.has('rrset');
  const type = fieldText(r, 'type');
  const content = fieldText(r, 'content');
  if (recordish && type && content) out.push({ name: fieldText(r, 'name') ?? '', type, value: content });
  if (recordish && Array.isArray(r.body) && call.kind === 'network') {
    const pathType = /\/records\/([A-Za-z]{1,10})(?:\/|$)/.exec(call.url.slice(0, 2048))?.[1];
    const zone = domainOf(r, call);
    for (const x of r.body.slice(0, 64)) if (isJsonObject(x)) out.push({ name: text(x.name) === '@' && zone ? zone : text(x.name) ?? '', type: text(x.type) ?? pathType ?? '', value: text(x.data) ?? '', zone });
  }
  return out;
}

/** An SPF record that lets every server on the internet send as the domain (`+all`, `?all`, or no qualifier). */
export function spfOpened(records: readonly RecordChange[]): string | undefined {
  const r = records.find((x) => x.type.toUpperCase() === 'TXT' && /\bv=spf1\b/i.test(x.value) && /(?:^|\s)[+?]?all\b/i.test(x.value.replace(/["']/g, '')) && !/(?:^|\s)[-~]all\b/i.test(x.value.replace(/["']/g, '')));
  return r ? `${r.name} SPF ${r.value.slice(0, 80)}` : undefined;
}

/**
 * Mail routing set at a DNS provider (Cloudflare's Email Routing rules and catch-all): the addresses its forward actions
 * send to, and the domain of the address it matches (or the request's domain), which is the organization's own.
 */
export function mailRoutedByApi(call: ToolCall): MailCopy | undefined {
  const r = changingRequest(call);
  if (!r || !r.words.has('email') || !(r.words.has('routing') || r.words.has('forwarding'))) return undefined;
  const actions = r.fields.get('actions');
  const to = (Array.isArray(actions) ? actions.slice(0, 16) : []).flatMap((a) => (isJsonObject(a) && a.type === 'forward' ? (Array.isArray(a.value) ? a.value.slice(0, 16) : [a.value]) : [])).map(text).filter((x): x is string => x !== undefined && x.includes('@'));
  if (to.length === 0) return undefined;
  const matchers = r.fields.get('matchers');
  const matched = (Array.isArray(matchers) ? matchers.slice(0, 16) : []).map((m) => (isJsonObject(m) ? text(m.value) : undefined)).find((v) => v?.includes('@'));
  const own = matched?.slice(matched.lastIndexOf('@') + 1).toLowerCase() ?? domainOf(r, call)?.toLowerCase();
  return { to, all: false, what: 'mail routed at the DNS provider', own };
}
