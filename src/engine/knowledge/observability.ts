import { isJsonObject, type ToolCall } from '../toolcall.js';
import { apiRequest, fieldText, text, type ApiRequest } from './api-request.js';
import { destinationOf, external, type HostKind } from './hosts.js';
import { registered } from './dns.js';
import { PERSONAL_MAILBOX } from './payloads.js';

/**
 * A company's monitoring, alerting, on-call and log services changed through their APIs or MCP tools: Datadog,
 * PagerDuty, Opsgenie, Grafana (Cloud or the company's own), Sentry, New Relic and Splunk. Request shapes and field
 * names from their API references. What an attacker changes there before acting is what would have told someone:
 * security alerts deleted or paused, everything silenced, logs cut short or scrubbed of nothing, alerts and logs sent
 * to someone else.
 */

const VENDOR_HOST = /(?:^|\.)(?:datadoghq\.(?:com|eu)|ddog-gov\.com|pagerduty\.com|opsgenie\.com|sentry\.io|newrelic\.com|splunkcloud\.com|splunk\.com|grafana\.net)$/;
const VENDOR_WORDS = ['datadog', 'pagerduty', 'opsgenie', 'grafana', 'sentry', 'newrelic', 'splunk', 'alertmanager', 'prometheus'];

/** A request to one of these services: by its API host, a self-hosted Grafana's or Alertmanager's API path, or an MCP server's name. */
function observabilityRequest(call: ToolCall): ApiRequest | undefined {
  const r = apiRequest(call);
  if (!r) return undefined;
  if (VENDOR_HOST.test(r.host) || VENDOR_WORDS.some((w) => r.words.has(w)) || (r.words.has('api') && (r.words.has('alertmanager') || r.words.has('provisioning') || r.words.has('datasources') || r.words.has('serviceaccounts')))) return r;
  return undefined;
}

/** Names that say a monitor, rule, index or host is there for security: sign-ins, IAM, audit trails, intrusion and threat detection. */
const SECURITY_NAME = /secur|\bauth|brute|login|sign-?in|\biam\b|guardduty|cloudtrail|siem|audit|intrus|malware|\bedr\b|falco|anon|privilege|suspicious|threat|\bwaf\b|secops|compliance|bastion|\bmfa\b|okta|egress|exfil|\bcws\b/i;
/** The names a request gives what it acts on: its path, and the name, title, id, group and host fields. */
const IDENTITY_FIELDS = ['name', 'title', 'uid', 'id', 'rulegroup', 'folderuid', 'hostname', 'dedup_key', 'description'];
function securityNamed(r: ApiRequest, call: ToolCall): string | undefined {
  const path = call.kind === 'network' ? safeDecode(call.url.slice(0, 2048)) : '';
  return [path, [...r.words].join(' '), ...IDENTITY_FIELDS.map((k) => fieldText(r, k) ?? '')].map((t) => SECURITY_NAME.exec(t)?.[0]).find((m) => m !== undefined);
}
const safeDecode = (t: string) => { try { return decodeURIComponent(t); } catch { return t; } };

const isFalse = (v: unknown) => v === false || v === 'false' || v === 0 || v === '0';
const isTrue = (v: unknown) => v === true || v === 'true' || v === 1 || v === '1';
/** Turns something off: a deletion, a disabling, pausing, muting or resolving verb, or the field that does it. */
function disables(r: ApiRequest): boolean {
  if (r.method === 'DELETE' || ['delete', 'remove', 'disable', 'pause', 'mute', 'resolve', 'close', 'ignore'].some((w) => r.words.has(w))) return true;
  const f = r.fields;
  return isFalse(f.get('isenabled')) || isFalse(f.get('is_enabled')) || isFalse(f.get('enabled')) || isTrue(f.get('ispaused')) || isTrue(f.get('is_paused')) || isTrue(f.get('disabled'))
    || /^(?:resolved?|ignored|closed)$/i.test(fieldText(r, 'status', 'event_action') ?? '');
}

/** Pairs of fields that start and end a window (a downtime, a maintenance window, a silence), and how long past which it silences for good. */
const WINDOW_FIELDS: ReadonlyArray<readonly [string, string]> = [['start', 'end'], ['start_time', 'end_time'], ['startsat', 'endsat'], ['startdate', 'enddate']];
const LONG_WINDOW_MS = 72 * 3_600_000;
const instant = (v: unknown): number | undefined => (typeof v === 'number' ? (v < 1e12 ? v * 1000 : v) : typeof v === 'string' && /^\d{4}-\d\d-\d\d/.test(v) ? Date.parse(v) : undefined);
function windowLength(r: ApiRequest): number | undefined {
  for (const [a, b] of WINDOW_FIELDS) {
    const start = instant(r.fields.get(a));
    const end = instant(r.fields.get(b));
    if (start !== undefined && end !== undefined && end > start) return end - start;
  }
  return undefined;
}
const SILENCES = ['downtime', 'maintenance', 'silences', 'silence', 'mute', 'muting', 'windows'];

/** A silence that covers everything: every scope or monitor tag, a matcher that matches any alert, an interval that is always, a policy or orchestration that suppresses all. */
function silencesEverything(r: ApiRequest): string | undefined {
  const f = r.fields;
  if (fieldText(r, 'scope') === '*' || (Array.isArray(f.get('monitor_tags')) && (f.get('monitor_tags') as unknown[]).includes('*'))) return 'every scope';
  const matchers = f.get('matchers');
  if (Array.isArray(matchers) && matchers.slice(0, 16).some((m) => isJsonObject(m) && isTrue(m.isRegex) && /^\.[*+]$/.test(String(m.value)))) return 'every alert';
  const intervals = f.get('time_intervals');
  if (Array.isArray(intervals) && intervals.slice(0, 16).some((x) => isJsonObject(x) && Object.keys(x).length === 0)) return 'all the time';
  const filter = f.get('filter');
  if (isTrue(f.get('suppress')) && ((isJsonObject(filter) && filter.type === 'match-all') || f.has('catch_all'))) return 'every alert suppressed';
  if (/\balertsMutingRuleCreate\b[\s\S]{0,400}attribute:\s{0,4}\\?"accountId/.test(graphql(r))) return 'the whole account muted';
  return undefined;
}
/** A GraphQL request's text (New Relic's NerdGraph takes every change as a mutation in `query`). */
const graphql = (r: ApiRequest) => (r.words.has('graphql') ? (fieldText(r, 'query') ?? '') : '');

/**
 * Alerting silenced through a monitoring or on-call service: a security monitor, rule, heartbeat, saved search or
 * incident deleted, paused, muted or resolved; a silence, downtime or maintenance window over everything or for more
 * than three days; an alert policy deleted or a monitor deleted by force.
 */
export function alertingSilenced(call: ToolCall): string | undefined {
  const r = observabilityRequest(call);
  if (!r) return undefined;
  const named = securityNamed(r, call);
  if (named !== undefined && disables(r)) return `a security alert (${named}) turned off`;
  if (SILENCES.some((w) => r.words.has(w)) || r.words.has('policies') || r.words.has('orchestrations') || graphql(r) !== '') {
    const all = silencesEverything(r);
    if (all !== undefined) return `alerts silenced: ${all}`;
  }
  const length = windowLength(r);
  if (SILENCES.some((w) => r.words.has(w)) && length !== undefined && length > LONG_WINDOW_MS) return `alerts silenced for ${Math.round(length / 86_400_000)} days`;
  if (/\balertsPolicyDelete\b/.test(graphql(r))) return 'an alert policy deleted';
  if (disables(r) && (isTrue(r.fields.get('force')) || isTrue(r.fields.get('force_delete_dependencies')))) return 'monitors deleted by force';
  return undefined;
}

/** Retention in days, by field: Datadog's index, Splunk Cloud's searchable days, and New Relic's retention rules. */
const RETENTION_FIELDS = ['num_retention_days', 'searchabledays', 'retention_days', 'retentionindays'];
const SHORT_RETENTION_DAYS = 7;
/** Sentry's and Datadog's scrubbing switches, and the fields scrubbing must cover. */
const SCRUBBING_FIELDS = ['datascrubber', 'datascrubberdefaults', 'requirescrubdata', 'requirescrubdefaults', 'scrubipaddresses'];
const SECRET_FIELD_NAME = /password|authorization|cookie|card|cvv|secret|token/i;

/**
 * What the services keep or hide, weakened: retention cut to a week or less, a security index deleted, events deleted
 * with Splunk's `| delete`, scrubbing of secrets and personal data turned off (secret fields declared safe, a
 * sensitive-data scanner or an obfuscation rule removed), the audit trail off, two-factor sign-in no longer required,
 * or security sources dropped from the logs.
 */
export function observabilityWeakened(call: ToolCall): string | undefined {
  const r = observabilityRequest(call);
  if (!r) return undefined;
  for (const k of RETENTION_FIELDS) {
    const days = Number(text(r.fields.get(k)) ?? NaN);
    if (Number.isFinite(days) && days > 0 && days <= SHORT_RETENTION_DAYS) return `retention cut to ${days} days`;
  }
  const nerd = graphql(r);
  const nerdDays = /retentionInDays:\s{0,4}(\d{1,4})/.exec(nerd)?.[1];
  if (nerdDays !== undefined && Number(nerdDays) <= SHORT_RETENTION_DAYS) return `retention cut to ${nerdDays} days`;
  if (/\blogConfigurationsDeleteObfuscationRule\b/.test(nerd)) return 'a log obfuscation rule deleted';
  if (r.method === 'DELETE' && (r.words.has('indexes') || r.words.has('index')) && securityNamed(r, call) !== undefined) return 'a security index deleted';
  const search = fieldText(r, 'query', 'search') ?? '';
  if (/\|\s{0,4}delete\b/.test(search)) return 'events deleted from the index';
  const scrubOff = SCRUBBING_FIELDS.find((k) => isFalse(r.fields.get(k)));
  if (scrubOff !== undefined) return `${scrubOff} off`;
  const sensitive = r.fields.get('sensitivefields');
  if (Array.isArray(sensitive) && sensitive.length === 0) return 'no field scrubbed';
  const safe = r.fields.get('safefields');
  if (Array.isArray(safe) && safe.slice(0, 32).some((x) => typeof x === 'string' && SECRET_FIELD_NAME.test(x))) return 'secret fields declared safe';
  if ((r.words.has('sensitive') || r.words.has('scanner')) && disables(r)) return 'the sensitive-data scanner off';
  if (r.words.has('audit') && disables(r)) return 'the audit trail off';
  if (isFalse(r.fields.get('require2fa'))) return 'two-factor sign-in no longer required';
  if (r.words.has('logs') && (r.words.has('indexes') || r.words.has('pipelines')) && r.method !== 'GET') {
    const body = JSON.stringify(r.body ?? '').slice(0, 16384);
    if (/exclusion_filters|remapper/.test(body) && [...body.matchAll(/\\?"query\\?":\\?"([^"\\]{1,512})/g)].some((m) => SECURITY_NAME.test(m[1]!))) return 'security sources dropped from the logs';
  }
  return undefined;
}

/** Where alerts and logs go, by field: webhooks, contact points, log destinations, apps' webhooks, data sources. */
const DESTINATION_FIELDS = ['url', 'endpoint', 'webhookurl', 'webhook_url'];
/** Destinations that are someone else's by kind: tunnels, raw addresses, catchers, paste and file drops (a chat's own webhook is the usual contact point). */
const OUTSIDE_KINDS: ReadonlySet<HostKind> = new Set(['paste', 'webhook', 'file-drop', 'tunnel', 'oast', 'onion', 'raw-ip', 'dynamic-dns', 'lookalike']);

/** The company's own domain, where the request says it: a self-hosted Grafana's host, or the `From` address PagerDuty asks for. */
function ownDomain(r: ApiRequest, call: ToolCall): string | undefined {
  if (r.host !== '' && !VENDOR_HOST.test(r.host)) return registered(r.host);
  const from = call.kind === 'network' ? Object.entries(call.headers ?? {}).find(([k]) => k.toLowerCase() === 'from')?.[1] : undefined;
  const domain = typeof from === 'string' ? /@([\w.-]{1,253})$/.exec(from.trim())?.[1] : undefined;
  return domain === undefined ? undefined : registered(domain);
}

/**
 * Alerts, logs or a data source's queries sent outside through a monitoring service: a webhook, contact point, log
 * destination or app pointed at a tunnel, a raw address or a catcher; at another company's domain than the one the
 * request shows as its own; or taking every log (`query: "*"`, a payload with the logs in it) to any outside host;
 * a data source outside that is handed the signed-in users' own tokens; and a search's results mailed to a personal
 * mailbox.
 */
export function telemetrySentOutside(call: ToolCall): string | undefined {
  const r = observabilityRequest(call);
  if (!r || r.method === 'GET' || r.method === 'DELETE') return undefined;
  // a search that mails its results to a personal mailbox (Splunk's `| sendemail to=…`)
  const mailed = /\|\s{0,4}sendemail\b/.test(fieldText(r, 'search', 'query') ?? '') ? PERSONAL_MAILBOX.exec(fieldText(r, 'search', 'query') ?? '')?.[0] : undefined;
  if (mailed !== undefined) return `search results mailed to ${mailed}`;
  const own = ownDomain(r, call);
  for (const k of DESTINATION_FIELDS) {
    const url = fieldText(r, k);
    const d = url === undefined ? undefined : destinationOf(url);
    if (d === undefined || !external(d)) continue;
    if (OUTSIDE_KINDS.has(d.kind)) return `${k} → ${d.host}`;
    if (d.kind !== 'other') continue;
    if (own !== undefined && registered(d.host) !== own) return `${k} → ${d.host}, outside ${own}`;
    const payload = fieldText(r, 'payload') ?? '';
    if (fieldText(r, 'query') === '*' || /\$LOGS_SAMPLE/.test(payload)) return `every log → ${d.host}`;
    if (isTrue(r.fields.get('oauthpassthru'))) return `users' tokens → ${d.host}`;
  }
  return undefined;
}
