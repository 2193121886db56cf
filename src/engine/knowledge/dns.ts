import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { hasAllArgs } from '../rule.js';
import { canonicalPath } from './paths.js';
import { classifyHost } from './hosts.js';

/**
 * A company's DNS taken away or made forgeable: its zones deleted at the provider or on its own name servers, the
 * signatures (DNSSEC) that let resolvers reject forged answers switched off, the CAA records that say which CAs may
 * issue for its names removed, and name servers opened to anyone's transfers and updates.
 */

/** The zone files of BIND, NSD, Knot and PowerDNS's bind backend. */
const ZONE_DATA = /^\/(?:var\/lib\/bind|var\/named|etc\/bind|var\/cache\/bind|etc\/nsd|var\/lib\/knot)\//;

/** A pattern for every zone file of a directory: `*`, `db.*`, `*.zone`, `*.db`, `*.signed`, `*.jnl`. */
const EVERY_ZONE_FILE = /\/(?:\*|db\.\*|\*\.(?:zone|db|signed|jnl))$/;

/** What a command deletes of the zones themselves: a provider's hosted zone, a name server's zone, every zone file. */
export function zonesDeleted(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const deleted = (c.name === 'aws' && hasAllArgs(c, 'route53', 'delete-hosted-zone'))
    || (c.name === 'gcloud' && hasAllArgs(c, 'dns', 'managed-zones', 'delete'))
    || (c.name === 'az' && hasAllArgs(c, 'network', 'dns', 'zone', 'delete'))
    || (c.name === 'rndc' && a[1] === 'delzone')
    || (c.name === 'pdnsutil' && a[1] === 'delete-zone')
    || (c.name === 'flarectl' && hasAllArgs(c, 'zone', 'delete'))
    || (c.name === 'doctl' && hasAllArgs(c, 'compute', 'domain', 'delete'));
  if (deleted) return a.join(' ').slice(0, 200);
  // a name server's zone files by a pattern (`rm -rf /var/lib/bind/db.*`); one named journal is how a zone is resynced
  if (c.name === 'rm' && a.some((w) => ZONE_DATA.test(canonicalPath(w)) && (EVERY_ZONE_FILE.test(w) || /\/(?:bind|named|nsd|knot)\/?$/.test(w)))) return a.join(' ').slice(0, 200);
  return undefined;
}

/** What a command switches off of a zone's or a resolver's protection: DNSSEC signing or validation, CAA records. */
export function dnsProtectionOff(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'aws' && a.includes('route53') && a.some((w) => w === 'disable-hosted-zone-dnssec' || w === 'deactivate-key-signing-key')) return 'DNSSEC signing of the zone switched off';
  if (c.name === 'gcloud' && a.includes('managed-zones') && a.includes('update') && a.some((w, k) => w === '--dnssec-state=off' || (w === '--dnssec-state' && a[k + 1] === 'off'))) return 'DNSSEC signing of the zone switched off';
  if (c.name === 'pdnsutil' && a[1] === 'disable-dnssec') return 'DNSSEC signing of the zone switched off';
  if (c.name === 'aws' && a[1] === 'route53domains' && a[2] === 'disassociate-delegation-signer-from-domain') return 'the domain\'s DS record removed at the registry';
  if (c.name === 'unbound-control' && a[1] === 'set_option' && /^val-permissive-mode:?$/.test(a[2] ?? '') && /^yes$/.test(a[a.length - 1] ?? '')) return 'DNSSEC validation made permissive';
  // the CAA records, which limit who may issue certificates for the names
  if (c.name === 'aws' && a.includes('change-resource-record-sets') && a.some((w) => w.length < 65536 && /"Action"\s{0,8}:\s{0,8}"DELETE"[^\]]{0,400}"Type"\s{0,8}:\s{0,8}"CAA"/.test(w))) return 'the zone\'s CAA records deleted';
  if (c.name === 'gcloud' && a.includes('record-sets') && a.includes('delete') && a.some((w, k) => /^--type=CAA$/i.test(w) || (w === '--type' && /^CAA$/i.test(a[k + 1] ?? '')))) return 'the zone\'s CAA records deleted';
  if (c.name === 'az' && a.includes('record-set') && a.includes('caa') && a.includes('delete')) return 'the zone\'s CAA records deleted';
  // Cloudflare's API: `PATCH …/zones/ID/dnssec` with `"status":"disabled"`
  if (c.name === 'curl' && a.some((w) => /\/zones\/[^/\s]{1,64}\/dnssec(?:$|[?\s])/.test(w)) && a.some((w) => /"status"\s{0,4}:\s{0,4}"disabled"/.test(w))) return 'DNSSEC signing of the zone switched off';
  return undefined;
}

/** Name server and resolver settings that make a zone forgeable or readable by anyone, as their files say them. */
const WEAK_SETTINGS: ReadonlyArray<{ file: RegExp; weak: RegExp; what: string }> = [
  { file: /^\/etc\/(?:bind\/)?named\.conf/, weak: /\bdnssec-policy\s{1,8}"?none"?\s{0,4};/, what: 'DNSSEC signing of a zone switched off' },
  { file: /^\/etc\/(?:bind\/)?named\.conf/, weak: /\bdnssec-validation\s{1,8}no\s{0,4};/, what: 'DNSSEC validation switched off' },
  { file: /^\/etc\/(?:bind\/)?named\.conf/, weak: /\ballow-(?:transfer|update)\s{0,8}\{\s{0,8}any\s{0,4};/, what: 'zone transfers or updates allowed from anyone' },
  { file: /^\/etc\/unbound\//, weak: /^\s*val-permissive-mode:\s{0,8}yes\b|^\s*module-config:\s{0,8}"iterator"/m, what: 'DNSSEC validation switched off' },
  { file: /^\/etc\/systemd\/resolved\.conf/, weak: /^\s*DNSSEC\s{0,4}=\s{0,4}(?:no|false|0)\b/m, what: 'DNSSEC validation switched off' },
];

/** What a name server's or resolver's settings file, as written, switches off. */
export function dnsConfigWeakened(path: string, text: string): string | undefined {
  const t = text.slice(0, 65536);
  return WEAK_SETTINGS.find((s) => s.file.test(path) && s.weak.test(t))?.what;
}

/** A record a command or a provider's API call creates or changes: its name, type and value, and the zone when it names it. */
export interface RecordChange { name: string; type: string; value: string; zone?: string }

/** The records a command writes at a provider or a name server (deletions are not writes). */
function recordsWritten(c: SimpleCommand): RecordChange[] {
  const a = c.argv;
  const opt = (...names: string[]) => optionValue(a, names);
  if (c.name === 'aws' && a.includes('change-resource-record-sets')) {
    const batch = opt('--change-batch');
    if (batch === undefined || batch.length > 65536 || !batch.trimStart().startsWith('{')) return [];
    try {
      const changes = (JSON.parse(batch) as { Changes?: Array<{ Action?: string; ResourceRecordSet?: { Name?: string; Type?: string; ResourceRecords?: Array<{ Value?: string }> } }> }).Changes ?? [];
      return changes.slice(0, 64).filter((x) => x.Action !== 'DELETE').flatMap((x) => (x.ResourceRecordSet?.ResourceRecords ?? []).slice(0, 16).map((r) => ({ name: x.ResourceRecordSet?.Name ?? '', type: x.ResourceRecordSet?.Type ?? '', value: r.Value ?? '' })));
    } catch { return []; }
  }
  if (c.name === 'gcloud' && a.includes('record-sets') && (a.includes('create') || a.includes('update'))) {
    const verb = a.findIndex((w) => w === 'create' || w === 'update');
    return (opt('--rrdatas') ?? '').split(',', 16).map((value) => ({ name: a[verb + 1] ?? '', type: opt('--type') ?? '', value }));
  }
  if (c.name === 'az' && a.includes('record-set') && a.includes('add-record')) {
    const type = a[a.indexOf('record-set') + 1] ?? '';
    const value = opt('-d', '--nsdname', '-e', '--exchange', '-c', '--cname');
    return value === undefined ? [] : [{ name: opt('-n', '--record-set-name') ?? '', type, value, zone: opt('-z', '--zone-name') }];
  }
  if (c.name === 'flarectl' && a[1] === 'dns' && /^(?:create|update|create-or-update)$/.test(a[2] ?? '')) return [{ name: opt('--name') ?? '', type: opt('--type') ?? '', value: opt('--content') ?? '', zone: opt('--zone') }];
  if (c.name === 'nsupdate' && c.stdin !== undefined) {
    const zone = /^\s*zone\s+(\S+)/m.exec(c.stdin)?.[1];
    return [...c.stdin.slice(0, 8192).matchAll(/^\s*update\s+add\s+(\S+)\s+(?:\d+\s+)?(?:IN\s+)?([A-Za-z]+)\s+(.+)$/gim)].slice(0, 64).map((m) => ({ name: m[1]!, type: m[2]!, value: m[3]!.trim(), zone }));
  }
  return [];
}

/** A name's registered domain, as its last two labels (`mx1.mailrelay-cdn.net` → `mailrelay-cdn.net`). */
export const registered = (host: string) => host.toLowerCase().replace(/\.$/, '').split('.').slice(-2).join('.');
/** Mail and DNS providers whose hosts a company's MX and NS records name as a matter of course. */
export const MAIL_AND_DNS_PROVIDERS = /(?:^|\.)(?:google\.com|googlemail\.com|outlook\.com|pphosted\.com|mimecast\.com|zoho\.(?:com|eu)|messagingengine\.com|amazonses\.com|amazonaws\.com|mailgun\.org|sendgrid\.net|icloud\.com|yandex\.net|cloudflare\.(?:com|net)|googledomains\.com|azure-dns\.(?:com|net|org|info)|nsone\.net|dnsimple\.com|domaincontrol\.com|ultradns\.(?:com|net|org|biz)|dynect\.net|akam\.net|digitalocean\.com|linode\.com|he\.net|gandi\.net|ovh\.net|registrar-servers\.com|name-services\.com|awsdns-\d{1,3}\.(?:com|net|org|co\.uk))\.?$/i;

/**
 * Platforms a company's names are pointed at by CNAME, with the company's name as a label of their own (`acme.github.io`,
 * `acme-prod.herokuapp.com`), and the mail senders whose DKIM keys it delegates the same way (`acme-com.hs12a.dkim.hubspotemail.net`).
 */
const HOSTING_PLATFORMS = /(?:^|\.)(?:github\.io|gitlab\.io|pages\.dev|workers\.dev|netlify\.app|vercel\.app|herokuapp\.com|herokudns\.com|azurewebsites\.net|azureedge\.net|azurefd\.net|trafficmanager\.net|cloudapp\.azure\.com|cloudfront\.net|appspot\.com|web\.app|firebaseapp\.com|fly\.dev|onrender\.com|readthedocs\.io|fastly\.net|edgekey\.net|akamaiedge\.net|myshopify\.com|statuspage\.io|zendesk\.com|webflow\.io|wpengine\.com|ghost\.io|squarespace\.com|hubspotemail\.net|mcsv\.net|mktomail\.com|sparkpostmail\.com|mandrillapp\.com|mtasv\.net|sendgrid\.net|mailgun\.org)\.?$/i;

/**
 * A company name pointed away from the company: its mail (MX) or its delegation (NS) to a host under another domain
 * that is no known mail or DNS provider, or any record to a host that wears the company's name under another domain
 * (`login.helio-pay.com` → `login-helio-pay.pages-cdn.net`).
 */
export function namesRedirected(c: SimpleCommand): string | undefined {
  return recordsRedirected(recordsWritten(c));
}

/** The first of `records` that points a company name away, as `name TYPE → target`. */
export function recordsRedirected(records: readonly RecordChange[]): string | undefined {
  for (const r of records) {
    const type = r.type.toUpperCase();
    const target = r.value.replace(/^\d{1,5}\s+/, '').replace(/^["']|["']$/g, '').trim();
    const zone = registered(r.zone ?? r.name);
    if (!zone.includes('.') || !/^[\w.-]{1,253}$/.test(target) || /^[\d.]+$/.test(target)) continue;
    const own = registered(target) === zone;
    const brand = zone.split('.')[0]!;
    if (own) continue;
    if ((type === 'MX' || type === 'NS') && !MAIL_AND_DNS_PROVIDERS.test(target)) return `${r.name} ${type} → ${target}`;
    // (a service's own subdomain for the customer, the brand as a whole label, is how SaaS status pages and help desks are reached: `quillstack.instatus.com`)
    const tenant = target.toLowerCase().split('.').slice(0, -2).includes(brand);
    if (brand.length >= 4 && target.toLowerCase().includes(brand) && !tenant && !HOSTING_PLATFORMS.test(target) && classifyHost(target) !== 'developer') return `${r.name} ${type} → ${target}`;
  }
  return undefined;
}
