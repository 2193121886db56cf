import type { ToolCall } from '../toolcall.js';
import { nameWords, paramsJson } from '../tool-shape.js';
import { PERSONAL_MAIL_AT, PERSONAL_MAILBOX } from './payloads.js';
import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { TELEMETRY_CONFIG } from './telemetry-config.js';
import { apiRequest, fieldText, type ApiRequest } from './api-request.js';
import { destinationOf, external, type HostKind } from './hosts.js';
import { registered } from './dns.js';
import { percentDecoded } from '../shell/decoders.js';
import { SAP_PROFILE } from './datastore-config.js';

/**
 * What observability, paging and SIEM tools (Datadog, Grafana, Alertmanager, New Relic, Splunk, Elastic, PagerDuty,
 * Opsgenie, incident.io, Cribl, Sentry) are told to do, read from an MCP call's name and arguments or from a request
 * the agent sends to their APIs itself: security detections silenced, security logs dropped or expired, audit trails
 * stopped, scrubbing turned off, the people who would be paged taken away, and alerts and logs sent elsewhere.
 */

/** The services' API hosts, and the words of a self-hosted Grafana's or Alertmanager's API paths. */
const VENDOR_HOST = /(?:^|\.)(?:datadoghq\.(?:com|eu)|ddog-gov\.com|pagerduty\.com|opsgenie\.com|sentry\.io|newrelic\.com|splunkcloud\.com|splunk\.com|grafana\.net)$/;
const SELF_HOSTED_PATH = ['alertmanager', 'provisioning', 'datasources', 'serviceaccounts'];
/** A request the agent sends to one of these services' APIs itself. */
function serviceRequest(call: ToolCall): ApiRequest | undefined {
  const r = call.kind === 'network' ? apiRequest(call) : undefined;
  return r && (VENDOR_HOST.test(r.host) || (r.words.has('api') && SELF_HOSTED_PATH.some((w) => r.words.has(w)))) ? r : undefined;
}
/** An HTTP method read as the verb an MCP tool's name would carry. */
const METHOD_VERBS: Readonly<Record<string, string>> = { DELETE: 'delete', PUT: 'update', PATCH: 'update', POST: 'create', GET: 'get' };

/** Security detections and their logs, by the words their names, queries, tags and sources use. */
const SECURITY_SIGNAL = /\bsec(?:urity|ops)?\b|siem|\bsoc\b|falco|guardduty|audit|cloudtrail|\bsudo\b|\bsshd?\b|brute|threat|\bwiz\b|credential|endpoint|okta|auth0|\bauth(?:entication)?\b|\blogin|\bmfa\b|\biam\b|privileg|intrusion|malware|\bedr\b|crowdstrike|tetragon|linux_secure|wineventlog|\bpci\b|detection|unauthori[sz]ed|bastion|\bcws\b|\banon(?:ymous)?\b/i;
/** A silence over everything: every scope, every rule, every critical alert, no condition at all. */
// (and a mute timing that is always, an account-wide muting rule, a notification policy or orchestration that suppresses all)
const EVERYTHING = /"(?:scope|rule_query|suppression_query|id)"\s*:\s*"\*"|"name"\s*:\s*"severity"\s*,\s*"value"\s*:\s*"critical"|"conditions"\s*:\s*\[\s*\]|"value"\s*:\s*"\.[*+]"|"time_intervals"\s*:\s*\[\s*\{\s*\}\s*\]|attribute:\s{0,4}\\?"accountId|"suppress"\s*:\s*true[\s\S]{0,200}?(?:"match-all"|"catch_all")|"(?:match-all|catch_all)"[\s\S]{0,200}?"suppress"\s*:\s*true/;

const SILENCE_VERBS: ReadonlySet<string> = new Set(['delete', 'remove', 'disable', 'pause', 'mute', 'silence', 'suppress', 'snooze']);
const SILENCE_NOUNS: ReadonlySet<string> = new Set(['silence', 'silences', 'downtime', 'downtimes', 'suppression', 'suppressions', 'muting', 'mute', 'maintenance', 'snooze']);
const DETECTION_NOUNS: ReadonlySet<string> = new Set(['monitor', 'monitors', 'alert', 'alerts', 'rule', 'rules', 'detector', 'detectors', 'detection', 'alarm', 'alarms', 'search', 'searches', 'check', 'checks', 'heartbeat', 'heartbeats', 'synthetics']);
const CHANGE_VERBS: ReadonlySet<string> = new Set(['update', 'edit', 'patch', 'put', 'set', 'bulk', 'toggle', 'modify']);
/** Verbs that only read; and those that end a silence, which lets alerts through again. */
const LOOKUP_VERBS: ReadonlySet<string> = new Set(['list', 'get', 'search', 'query', 'describe']);
const UNSILENCE_VERBS: ReadonlySet<string> = new Set(['delete', 'expire', 'remove', 'end']);
/** A detection's arguments that switch it off. */
// (a form's fields too: Splunk's `disabled=1`)
const OFF_STATE = /"(?:isPaused|paused|muted)"\s*:\s*true|"(?:disabled)"\s*:\s*(?:true|1)\b|"(?:enabled|isEnabled|is_enabled|is_scheduled)"\s*:\s*(?:false|0)\b|"action"\s*:\s*"(?:disable|mute|pause)"|(?:^|&)disabled=(?:1|true)\b/;

const PIPELINE_NOUNS: ReadonlySet<string> = new Set(['pipeline', 'pipelines', 'index', 'indexes', 'indices', 'drop', 'exclusion', 'lifecycle', 'ilm', 'retention', 'orchestration', 'route', 'routing', 'processor', 'processors', 'destination', 'subscription', 'cluster', 'settings', 'config', 'org', 'scanner']);
/** Arguments that throw log events away, or keep none of them. */
const DROPS = /"drop(?:_event)?"\s*:\s*(?:true|\{)|"(?:action)"\s*:\s*"DROP_DATA"|"id"\s*:\s*"drop"|"name"\s*:\s*"drop|"suppress"\s*:\s*true|"exclusion_filters"\s*:\s*\[\s*\{[^\]]{0,400}"is_enabled"\s*:\s*true|ignore_filters|"(?:audit\w*)"\s*,\s*"value"\s*:\s*false|"is_enabled"\s*:\s*false/;
/**
 * Logs kept for no time at all (a delete phase at age zero, a Splunk index frozen within the hour), or for a week or
 * less (a Datadog index, Splunk Cloud's searchable days, a New Relic retention rule).
 */
const KEEPS_NOTHING = /"delete"\s*:\s*\{\s*"min_age"\s*:\s*"0(?:ms|s|m|h|d)?"|"frozenTimePeriodInSecs"\s*:\s*"?(?:\d{1,3}|[1-3]\d{3})\b|"retention(?:_days|InDays|Days)?"\s*:\s*0\b|"(?:num_retention_days|searchableDays)"\s*:\s*[1-7]\b|retentionInDays:\s{0,4}[0-7]\b/;

const ONCALL_NOUNS: ReadonlySet<string> = new Set(['schedule', 'schedules', 'escalation', 'rotation', 'rotations', 'oncall', 'override', 'overrides']);
/** Where an alerting tool sends its notices (Grafana's `contact_point`, Alertmanager's receivers, a paging escalation). */
const RECEIVER_NOUNS: ReadonlySet<string> = new Set(['point', 'receiver', 'receivers', 'destination', 'notification', 'integration', 'channel', 'escalation', 'config']);
/** Verbs that set something up or change it; a removal or a lookup hands nothing over. */
const SETUP_VERBS: ReadonlySet<string> = new Set(['create', 'add', 'update', 'set', 'edit', 'put', 'patch', 'modify', 'replace']);
/** A rotation with nobody in it, a schedule switched off, an escalation with no one to reach. */
const NOBODY = /"users"\s*:\s*\[\s*\]|"targets"\s*:\s*\[\s*\]|"enabled"\s*:\s*false|"receivers"\s*:\s*\[\s*\{\s*"name"\s*:\s*"[^"]{1,64}"\s*\}\s*\]/;

const DAY = 86_400_000;
/** The span between the earliest and the latest date the arguments name (`startsAt` … `endsAt`), in days. */
function spanDays(json: string): number {
  const times = [...json.matchAll(/"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:\.\d{1,6})?Z?)"/g)].slice(0, 16).map((m) => Date.parse(m[1]!)).filter(Number.isFinite);
  // (or as seconds since the epoch: Datadog's `"start": 1741989600`)
  for (const m of [...json.matchAll(/"(?:start|end)"\s*:\s*(\d{10})\b/g)].slice(0, 4)) times.push(Number(m[1]) * 1000);
  // (or a duration written out: Grafana's `for: "8760h"`)
  const hours = Number(/"for"\s*:\s*"(\d{1,6})h"/.exec(json)?.[1] ?? 0);
  const span = times.length >= 2 ? (Math.max(...times) - Math.min(...times)) / DAY : 0;
  return Math.max(span, hours / 24);
}
/** A silence, mute or override long enough to cover weeks of an intrusion. */
const LONG_DAYS = 7;

interface Asked { words: string[]; json: string; name: string }
function asked(call: ToolCall): Asked | undefined {
  if (call.kind === 'unknown') return { words: nameWords(call.toolName), json: paramsJson(call), name: call.toolName };
  const r = serviceRequest(call);
  if (!r || call.kind !== 'network') return undefined;
  // a request reads as the tool it stands for: its path's words and its method's verb, its body (a form's decoded)
  const body = (call.body ?? '').slice(0, 16384);
  return { words: [...r.words, METHOD_VERBS[r.method] ?? ''], json: /^\s*[[{]/.test(body) ? body : percentDecoded(body, true), name: `${r.method} ${percentDecoded(call.url.slice(0, 1024))}` };
}
const has = (words: readonly string[], set: ReadonlySet<string>) => words.some((w) => set.has(w));

/** Security detections switched off, deleted or silenced, or every alert silenced for weeks. */
export function silencedDetection(call: ToolCall): string | undefined {
  const a = asked(call);
  if (!a) return undefined;
  // (a muting rule or a policy that suppresses is a silence whatever its tool is named)
  const silence = (has(a.words, SILENCE_NOUNS) || MUTES.test(a.json)) && !has(a.words, LOOKUP_VERBS) && !has(a.words, UNSILENCE_VERBS);
  // (REST APIs that update with POST, Splunk's among them: `POST …/saved/searches/<name>` with `disabled=1`)
  const switchedOff = has(a.words, DETECTION_NOUNS) && (has(a.words, SILENCE_VERBS) || ((has(a.words, CHANGE_VERBS) || a.name.startsWith('POST ')) && OFF_STATE.test(a.json)));
  const off = switchedOff || RESOLVED_OR_DELETED.test(a.json);
  if (!silence && !off) return undefined;
  const security = SECURITY_SIGNAL.test(a.json) || SECURITY_SIGNAL.test(a.name);
  const broad = EVERYTHING.test(a.json) && (!silence || spanDays(a.json) > LONG_DAYS || !/"(?:end|endsAt|endDate|endTime|expiration\w*)"\s*:/.test(a.json));
  // (monitors deleted even where others depend on them, a whole alert policy deleted; any silence of a week or more)
  const forced = off && FORCED.test(`${a.name} ${a.json}`);
  const long = silence && spanDays(a.json) >= LONG_DAYS;
  if (!security && !broad && !forced && !long) return undefined;
  const what = security ? 'security detections' : broad ? 'every alert' : forced ? 'monitors and what depends on them' : `alerts for ${Math.round(spanDays(a.json))} days`;
  return `${a.name}: ${what} ${silence ? 'silenced' : 'switched off'}`;
}
/** A muting rule (New Relic's), or a notification policy or orchestration that suppresses what it matches. */
const MUTES = /\balertsMutingRuleCreate\b|"suppress"\s*:\s*true/;
/** An alert resolved by an event (PagerDuty's `event_action: resolve`), or an alert policy or condition deleted (New Relic's mutations). */
const RESOLVED_OR_DELETED = /"event_action"\s*:\s*"resolve"|\balerts(?:Policy|NrqlCondition|Condition)Delete\b/;
/** A deletion forced past what depends on it (Datadog's `?force=true`, `force_delete_dependencies`), or of a policy with every condition in it. */
const FORCED = /[?&]force=true\b|"force_delete_dependencies"\s*:\s*true|\balertsPolicyDelete\b/;

/** Security logs dropped before they are kept, every log expired at once, or the audit trail told to record nothing. */
export function droppedSecurityLogs(call: ToolCall): string | undefined {
  const a = asked(call);
  if (!a) return undefined;
  // events deleted from the index by a search (Splunk's `| delete`), and the records' own protections turned off
  if (/\|\s{0,4}delete\b/.test(a.json)) return `${a.name}: events deleted from the index`;
  const unprotected = SCRUBBING_OFF.exec(a.json)?.[0] ?? (has(a.words, PROTECTION_NOUNS) && /"(?:enabled|is_enabled|isEnabled)"\s*:\s*false/.test(a.json) ? 'switched off' : undefined);
  if (unprotected !== undefined) return `${a.name}: ${unprotected}`;
  if (!has(a.words, PIPELINE_NOUNS) && !a.words.includes('graphql')) return undefined;
  if (has(a.words, LOOKUP_VERBS)) return undefined;
  if (KEEPS_NOTHING.test(a.json)) return `${a.name}: logs kept a week or less`;
  if (a.words.includes('delete') && (a.words.includes('index') || a.words.includes('indexes')) && SECURITY_SIGNAL.test(a.name)) return `${a.name}: a security index deleted`;
  return DROPS.test(a.json) && SECURITY_SIGNAL.test(a.json) ? `${a.name}: security or audit events dropped` : undefined;
}
/**
 * What keeps secrets and personal data out of the records, or guards who reads them, turned off: Sentry's scrubbing and
 * its sensitive and safe fields, New Relic's obfuscation rules, the organization's two-factor requirement.
 */
const SCRUBBING_OFF = /"(?:dataScrubber|dataScrubberDefaults|requireScrubData|requireScrubDefaults|scrubIPAddresses|require2FA)"\s*:\s*false|"sensitiveFields"\s*:\s*\[\s*\]|"safeFields"\s*:\s*\[[^\]]{0,400}(?:password|authorization|cookie|card|cvv|secret|token)|\blogConfigurationsDeleteObfuscationRule\b/i;
/** Tools and paths for a service's audit trail and sensitive-data scanner, whose switch turned off stops them. */
const PROTECTION_NOUNS: ReadonlySet<string> = new Set(['audit', 'scanner', 'sensitive']);

/** The people a page reaches taken away: a rotation emptied, a schedule off, an override for weeks, pages sent to a personal mailbox or nowhere. */
export function pagingTakenAway(call: ToolCall): string | undefined {
  const a = asked(call);
  if (!a || !has(a.words, SETUP_VERBS)) return undefined;
  if (has(a.words, ONCALL_NOUNS) && (NOBODY.test(a.json) || (a.words.includes('override') || a.words.includes('overrides')) && spanDays(a.json) > 14)) return `${a.name}: on-call emptied or handed over for weeks`;
  if (has(a.words, RECEIVER_NOUNS) && (PERSONAL_MAIL_AT.test(a.json) || NOBODY.test(a.json))) return `${a.name}: alerts sent to a personal mailbox or to no one`;
  return undefined;
}

/** An amtool duration (`8760h`, `90d`, `2w`, `1h30m`) in days; amtool's default is an hour. */
function amtoolDays(duration: string | undefined): number {
  if (duration === undefined) return 1 / 24;
  let hours = 0;
  for (const m of duration.slice(0, 32).matchAll(/(\d{1,7})([wdhms])/g)) hours += Number(m[1]) * ({ w: 168, d: 24, h: 1, m: 1 / 60, s: 1 / 3600 }[m[2] as 'w' | 'd' | 'h' | 'm' | 's']);
  return hours / 24;
}

/**
 * The same through Alertmanager's own tools: `amtool silence add` over security alerts for a day or more, or over
 * every alert (a matcher of `.+`, or severity alone) for more than a day; a silence posted to its API.
 */
export function silencedBy(c: SimpleCommand): string | undefined {
  if (c.name === 'amtool' && c.argv[1] === 'silence' && c.argv[2] === 'add') {
    const matchers = c.argv.slice(3).filter((w) => !w.startsWith('-') && /[=~]/.test(w));
    const days = amtoolDays(optionValue(c.argv, ['--duration', '-d']));
    const security = matchers.some((m) => SECURITY_SIGNAL.test(m));
    const everything = matchers.some((m) => /=~\s*"?\.[*+]"?$/.test(m)) || (matchers.length > 0 && matchers.every((m) => /^severity=/.test(m)));
    // (or a whole cluster, environment or namespace by a pattern, for more than a week: `cluster=~"kafka-prod.*"`)
    const wide = matchers.some((m) => /^(?:cluster|env|environment|namespace|job|service)=~/.test(m) && /\.[*+]/.test(m));
    return (security && days >= 1) || (everything && days > 1) || (wide && days > 7) ? `amtool silence for ${Math.round(days)} days: ${matchers.join(' ').slice(0, 120)}` : undefined;
  }
  // a Kafka broker's authorization log, its record of who was let in or refused, set to log nothing
  if (/^kafka-configs(?:\.sh)?$/.test(c.name) && optionValue(c.argv, ['--entity-type']) === 'broker-loggers' && /(?:^|,)kafka\.authorizer\.logger=(?:OFF|FATAL)(?:,|$)/i.test(optionValue(c.argv, ['--add-config']) ?? '')) return `Kafka's authorization log off: ${c.argv.join(' ').slice(0, 120)}`;
  // Grafana's alert rules deleted or paused through its provisioning API, for security signals or several at once (`$uid` in a loop)
  const rule = c.name === 'curl' ? c.argv.find((w) => /\/api\/v1\/provisioning\/alert-rules\/\S/.test(w)) : undefined;
  if (rule !== undefined) {
    const method = optionValue(c.argv, ['-X', '--request'])?.toUpperCase();
    const paused = method === 'PUT' && c.argv.some((w) => /"isPaused"\s{0,4}:\s{0,4}true/.test(w));
    return (method === 'DELETE' || paused) && (SECURITY_SIGNAL.test(rule) || /\$\{?\w+\}?/.test(rule)) ? `Grafana alert rule ${paused ? 'paused' : 'deleted'}: ${rule.slice(0, 120)}` : undefined;
  }
  // `curl -X POST …/api/v2/silences -d '{"matchers": …}'`, judged as the tool call it stands for
  if (c.name === 'curl' && c.argv.some((w) => /\/api\/v[12]\/silences\b/.test(w))) {
    const body = optionValue(c.argv, ['-d', '--data', '--data-raw', '--data-binary']) ?? '';
    return silencedDetection({ kind: 'unknown', toolName: 'alertmanager_create_silence', params: safeJson(body) });
  }
  return undefined;
}
const safeJson = (text: string): unknown => { try { return JSON.parse(text.slice(0, 65536)); } catch { return {}; } };

/** A drop or exclusion directive of a log shipper's configuration (Beats, Fluent Bit, Promtail, Logstash, Vector). */
const DROP_DIRECTIVE = /drop_event|^[ \t]{0,32}Exclude[ \t]|exclude_lines|"?drop"?\s{0,8}:\s{0,8}\{|\bdrop\s{0,8}\{\s{0,8}\}|action\s{0,8}:\s{0,8}drop\b/m;
/** Alertmanager's settings that take security pages away: a security receiver deleted, an inhibit rule over every alert. */
const PAGES_TAKEN = /del\(\s*\.receivers\b|target_matchers?[^\n]{0,80}=~\s*\\?"\.[*+]\\?"/;

/** The Datadog agent's sections for runtime security (its threat detection) and compliance, set to off. */
const DATADOG_SECURITY_OFF = /^(?:runtime_security_config|compliance_config):[ \t]{0,8}\n[ \t]{1,8}enabled:[ \t]{0,8}false\b/m;
/** A shipper told to drop security logs, Alertmanager told to stop paging for them, the Datadog agent's security checks, SAP's audit log or Slurm's job accounting off, by a write into its configuration. */
export function monitoringConfigWeakened(path: string, text: string): string | undefined {
  const t = text.slice(0, 16384);
  // the Datadog agent's threat detection and compliance checks switched off in its own configuration
  if (/(?:^|\/)datadog-agent\/(?:datadog|security-agent|system-probe)\.yaml$/.test(path) && DATADOG_SECURITY_OFF.test(t)) return `${path}: the agent's runtime security or compliance checks off`;
  // SAP's security audit log switched off in a profile
  if (SAP_PROFILE.test(path) && /^[ \t]{0,8}rsau\/enable[ \t]{0,8}=[ \t]{0,8}0\b/m.test(t)) return `${path}: SAP's security audit log off`;
  // a cluster's job accounting switched off, or its records purged within a week
  if (/(?:^|\/)slurm\.conf$/.test(path)) return /^[ \t]{0,8}(?:AccountingStorageType[ \t]{0,4}=[ \t]{0,4}accounting_storage\\?\/none|JobCompType[ \t]{0,4}=[ \t]{0,4}jobcomp\\?\/none)\b/m.exec(t)?.[0].trim();
  if (/(?:^|\/)slurmdbd\.conf$/.test(path)) return /^[ \t]{0,8}Purge(?:Job|Step|Event)After[ \t]{0,4}=[ \t]{0,4}(?:[1-7](?:day|days)?|\d{1,3}(?:hour|hours|minute|minutes))[ \t]*$/im.exec(t)?.[0].trim();
  if (/(?:^|\/)alertmanager\.ya?ml$/.test(path)) {
    const m = PAGES_TAKEN.exec(t);
    return m && (m[0].startsWith('target') || SECURITY_SIGNAL.test(t)) ? `${path}: ${m[0].slice(0, 80)}` : undefined;
  }
  if (!TELEMETRY_CONFIG.test(path)) return undefined;
  return DROP_DIRECTIVE.test(t) && SECURITY_SIGNAL.test(t) ? `${path}: security events dropped` : undefined;
}

/** Alerting rule files of Prometheus, Loki or Grafana named for security, among the files a call removes. */
export function securityRulesRemoved(paths: readonly string[]): string | undefined {
  return paths.find((p) => /\/(?:prometheus|loki|grafana|alertmanager)\/(?:[^/]+\/){0,2}rules?(?:\.d)?\/[^/]+$/.test(p) && SECURITY_SIGNAL.test(p.slice(p.lastIndexOf('/') + 1)));
}

/** Grafana's anonymous visitors made its administrators or editors, in grafana.ini (`[auth.anonymous]` … `org_role = Admin`). */
export function dashboardOpenedToAnyone(path: string, written: string, putIn: string): string | undefined {
  if (!/(?:^|\/)grafana\.ini$/.test(path) || !/auth\.anonymous/.test(written.slice(0, 16384))) return undefined;
  return /^[ \t]{0,32}org_role[ \t]{0,8}=[ \t]{0,8}(?:Admin|Editor)\b/m.exec(putIn.slice(0, 16384))?.[0].trim();
}

/** Where alerts and logs go, by field: webhooks, contact points, log destinations, apps' webhooks, data sources. */
const DESTINATION_FIELDS = ['url', 'endpoint', 'webhookurl', 'webhook_url'];
/** Destinations that are someone else's by kind: tunnels, raw addresses, catchers, paste and file drops (a chat's own webhook is the usual contact point). */
const OUTSIDE_KINDS: ReadonlySet<HostKind> = new Set(['paste', 'webhook', 'file-drop', 'tunnel', 'oast', 'onion', 'raw-ip', 'dynamic-dns', 'lookalike']);
const VENDOR_WORDS = ['datadog', 'pagerduty', 'opsgenie', 'grafana', 'sentry', 'newrelic', 'splunk', 'alertmanager'];

/** The company's own domain, where the request says it: a self-hosted Grafana's host, or the `From` address PagerDuty asks for. */
function ownDomain(r: ApiRequest, call: ToolCall): string | undefined {
  if (r.host !== '' && !VENDOR_HOST.test(r.host)) return registered(r.host);
  const from = call.kind === 'network' ? Object.entries(call.headers ?? {}).find(([k]) => k.toLowerCase() === 'from')?.[1] : undefined;
  const domain = typeof from === 'string' ? /@([\w.-]{1,253})$/.exec(from.trim())?.[1] : undefined;
  return domain === undefined ? undefined : registered(domain);
}

/**
 * Alerts, logs or a data source's queries sent outside through one of these services: a webhook, contact point, log
 * destination or app pointed at a tunnel, a raw address or a catcher; at another company's domain than the one the
 * request shows as its own; or taking every log (`query: "*"`, a payload with the logs in it) to any outside host;
 * a data source outside that is handed the signed-in users' own tokens; and a search's results mailed to a personal
 * mailbox (Splunk's `| sendemail`).
 */
export function telemetrySentOutside(call: ToolCall): string | undefined {
  const r = serviceRequest(call) ?? (call.kind === 'unknown' && VENDOR_WORDS.some((w) => nameWords(call.toolName).includes(w)) ? apiRequest(call) : undefined);
  if (!r || r.method === 'GET' || r.method === 'DELETE') return undefined;
  const search = fieldText(r, 'search', 'query') ?? '';
  const mailed = /\|\s{0,4}sendemail\b/.test(search) ? PERSONAL_MAILBOX.exec(search)?.[0] : undefined;
  if (mailed !== undefined) return `search results mailed to ${mailed}`;
  const own = ownDomain(r, call);
  for (const k of DESTINATION_FIELDS) {
    const url = fieldText(r, k);
    const d = url === undefined ? undefined : destinationOf(url);
    if (d === undefined || !external(d)) continue;
    if (OUTSIDE_KINDS.has(d.kind)) return `${k} → ${d.host}`;
    if (d.kind !== 'other') continue;
    if (own !== undefined && registered(d.host) !== own) return `${k} → ${d.host}, outside ${own}`;
    if (fieldText(r, 'query') === '*' || /\$LOGS_SAMPLE/.test(fieldText(r, 'payload') ?? '')) return `every log → ${d.host}`;
    if (r.fields.get('oauthpassthru') === true) return `users' tokens → ${d.host}`;
  }
  return undefined;
}
