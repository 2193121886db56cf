import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { destinationOf, EXFIL_KINDS, telemetryService } from './hosts.js';
import { classifyPath } from './paths.js';

/**
 * The configuration of the agents that collect and ship a machine's logs, metrics, traces and alerts: Prometheus and
 * Alertmanager, Promtail, Grafana Agent and Alloy, the OpenTelemetry Collector, Fluent Bit and Fluentd, Vector,
 * Beats and Logstash, the Datadog agent, Splunk's forwarder, Telegraf, rsyslog and syslog-ng, Zabbix and NRPE. They
 * run as root or close to it, read every log, and send what they read wherever their outputs say: a line added
 * there ships everything out, runs a command on a schedule, or picks up the machine's keys with the logs.
 */

/** The agents' configuration files and folders. */
export const TELEMETRY_CONFIG = /^\/etc\/(?:prometheus|alertmanager|promtail|loki|grafana-agent|alloy|otelcol(?:-contrib)?|otel-collector|fluent-bit|td-agent|fluent|fluentd|vector|filebeat|metricbeat|auditbeat|heartbeat|packetbeat|logstash|datadog-agent|telegraf|newrelic-infra|nxlog|zabbix|nagios|icinga2|rsyslog\.d|syslog-ng)\/|^\/etc\/(?:rsyslog|newrelic-infra|promtail)\.(?:conf|ya?ml)$|\/splunk(?:forwarder)?\/etc\/(?:system|apps)\/.+\.conf$|(?:^|\/)(?:prometheus|alertmanager|promtail|otel-collector|otelcol|filebeat|vector|fluent-bit)\.(?:ya?ml|toml|conf)$|\/usr\/local\/nagios\/etc\//;

/** A host's name labels that say it is the company's own: `es.corp.example.io`, `logs.int.example.net`. */
const OWN_LABEL = /(?:^|\.)(?:corp|internal|intranet|int|mgmt|lan|local|svc|priv|private|infra|ops)\./;

/** A host's registered domain, roughly: its last two labels, or three under a country's second level (`co.uk`). */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2 || /^\d+$/.test(labels.at(-1)!)) return '';
  const n = labels.at(-1)!.length === 2 && /^(?:co|com|org|net|ac|gov|edu|ne|or)$/.test(labels.at(-2)!) ? 3 : 2;
  return labels.slice(-n).join('.');
}

/**
 * Where logs, metrics, flows or events should not be sent: a public address, a drop, a tunnel or a look-alike, or a
 * named outside host that is no hosted log service, carries no label of the company's own network and is not under a
 * domain the call itself names as the company's (`ownSites`, a device's own domain). The company's own collectors
 * cannot be told from a name alone, so a named host is a judgement the rules' messages own.
 */
export function outsideCollector(host: string, ownSites: readonly string[] = []): boolean {
  const d = destinationOf(host.slice(0, 512));
  if (!d) return false;
  if (EXFIL_KINDS.has(d.kind) && d.kind !== 'chat-webhook') return true;
  return d.kind === 'other' && d.host.includes('.') && !telemetryService(d.host) && !OWN_LABEL.test(d.host) && !ownSites.includes(siteOf(d.host));
}

/** Hosts a piece of agent configuration names: URLs, `host:port`, and `Host`/`hosts`/`server` settings. */
function namedHosts(text: string): string[] {
  const t = text.slice(0, 32768);
  const out = new Set<string>();
  for (const m of t.matchAll(/\b[a-z][a-z0-9+.-]{1,15}:\/\/(?:[^\s"'`/@]{1,64}@)?([A-Za-z0-9.-]{1,253})/gi)) out.add(m[1]!.toLowerCase());
  for (const m of t.matchAll(/(?:^|[\s"'[,=@])(\d{1,3}(?:\.\d{1,3}){3})(?=[:\s"',\]]|$)/gm)) out.add(m[1]!);
  for (const m of t.matchAll(/^[ \t]{0,32}(?:Host|host|hosts?|server|target|forward-server|endpoint)[ \t]{0,8}[:=]?[ \t]{0,8}["'[]?([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})/gm)) out.add(m[1]!.toLowerCase());
  return [...out].slice(0, 64);
}

/** What a write into an agent's configuration ships outside: the first outside host its new text names. */
export function shippedOutside(path: string, text: string): string | undefined {
  if (!TELEMETRY_CONFIG.test(path)) return undefined;
  return namedHosts(text).find((h) => outsideCollector(h));
}

/** Commands that point an agent's output elsewhere: a Splunk forward server, a collector's configuration from a URL. */
export function shippedOutsideBy(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'splunk' && a[1] === 'add' && a[2] === 'forward-server') return outsideCollector((a[3] ?? '').replace(/:\d{1,5}$/, '')) ? a[3] : undefined;
  // a collector that loads its whole configuration from a URL (`otelcol --config=https://…`, `alloy run https://…`)
  if (/^(?:otelcol(?:-contrib)?|otelcol-\w+|grafana-agent|alloy|vector|fluent-bit)$/.test(c.name)) {
    const config = optionValue(a, ['--config', '-config.file', '--config-file', '-c']) ?? a.slice(1).find((w) => /^https?:\/\//.test(w));
    if (config && /^https?:\/\//.test(config)) { const host = destinationOf(config)?.host; return host && outsideCollector(host) ? config : undefined; }
  }
  return undefined;
}

/**
 * Settings that let an agent run what it is sent or told, or run a program on a schedule: Zabbix's UserParameter with
 * a command from its key, unsafe parameters, `system.run[*]`, remote commands; NRPE's arguments; exec inputs and
 * outputs of Fluent Bit, Fluentd, Logstash and Vector; a Nagios or Icinga command that opens a shell.
 */
const RUNS_WHAT_IT_IS_SENT = /^[ \t]{0,32}UserParameter[ \t]{0,8}=[ \t]{0,8}[^,\n]{1,128}\[\*\][ \t]{0,8},[ \t]{0,8}\$1\b|^[ \t]{0,32}UnsafeUserParameters[ \t]{0,8}=[ \t]{0,8}1\b|^[ \t]{0,32}AllowKey[ \t]{0,8}=[ \t]{0,8}system\.run\[\*\]|^[ \t]{0,32}EnableRemoteCommands[ \t]{0,8}=[ \t]{0,8}1\b|^[ \t]{0,32}dont_blame_nrpe[ \t]{0,8}=[ \t]{0,8}1\b|^[ \t]{0,32}command\[[^\]]{1,64}\][ \t]{0,8}=[ \t]{0,8}\$ARG\d\$[ \t]{0,8}$/m;
const EXEC_PLUGIN = /^[ \t]{0,32}(?:Name[ \t]{1,16}exec\b|@type[ \t]{1,16}exec\b|type[ \t]{0,8}=[ \t]{0,8}"?exec"?[ \t]{0,8}$)|\bexec\s{0,8}\{\s{0,8}command\s{0,8}=>/m;

/** What a write into an agent's configuration makes it run: a command it is sent, or a program on a schedule. */
export function agentRunsCommands(path: string, text: string): string | undefined {
  if (!TELEMETRY_CONFIG.test(path)) return undefined;
  const t = text.slice(0, 32768);
  const sent = RUNS_WHAT_IT_IS_SENT.exec(t);
  if (sent) return sent[0].trim();
  return EXEC_PLUGIN.exec(t)?.[0].trim();
}

/** A collector told to read the machine's keys and credential files as if they were logs. */
export function agentCollectsSecrets(path: string, text: string): string | undefined {
  if (!TELEMETRY_CONFIG.test(path)) return undefined;
  // each path a tail input, a filestream or a scrape job's `__path__` reads
  for (const m of text.slice(0, 32768).matchAll(/(?:Path\s+|paths?\s*:\s*\[?|__path__["']?\s*:\s*)([^\n\]]{1,512})/g)) {
    for (const p of m[1]!.split(/[,\s"']+/, 32)) if (p.length > 1 && classifyPath(p.replace(/\{([^,}]{1,64})[^}]{0,64}\}/, '$1'))?.role === 'secret') return p;
  }
  return undefined;
}

/** A monitoring agent asked to run a command (`zabbix_get -k 'system.run[…]'`, `check_nrpe -c x -a 'bash -c …'`). */
export function agentAskedToRun(c: SimpleCommand): string | undefined {
  if (c.name === 'zabbix_get') return c.argv.find((w) => /^system\.run\[/.test(w));
  if (c.name === 'check_nrpe') return c.argv.slice(c.argv.indexOf('-a') + 1).find((w) => c.argv.includes('-a') && /\b(?:bash|sh)\s+-c\b|\/dev\/tcp\/|\|\s*(?:ba)?sh\b|\bcurl\b|\bwget\b/.test(w));
  return undefined;
}

/** A monitoring agent asked for a secret file's contents (`zabbix_get -k 'vfs.file.contents[/etc/shadow]'`). */
export function agentAskedForSecret(c: SimpleCommand): string | undefined {
  if (c.name !== 'zabbix_get') return undefined;
  const key = c.argv.find((w) => /^vfs\.(?:file\.contents|file\.get|dir\.get)\[/.test(w));
  const path = key?.slice(key.indexOf('[') + 1).split(/[,\]]/, 1)[0] ?? '';
  return key && (classifyPath(path)?.role === 'secret' || /^\/root\/\.ssh\/?$|\/\.ssh\/?$/.test(path)) ? key : undefined;
}
