import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { hasArg } from '../rule.js';
import { throwawayName } from './throwaway.js';
import { classifyHost } from './hosts.js';

/**
 * Message brokers and streaming platforms run from their own tools: Kafka (kafka-acls, kafka-configs,
 * kafka-consumer-groups, the Confluent CLI, Schema Registry's API), ZooKeeper, RabbitMQ and Redis streams. A broker
 * carries the company's payments, orders and customers' events; the readers below answer what a command opens of it
 * to everyone, destroys of it, or moves under the services that consume it.
 */

/** A cluster or host named for development, tests or a developer's machine. */
// (not `.local`, which companies also name their internal networks)
export const PLAYGROUND_CLUSTER = /^(?:localhost|127\.|kafka(?:-\d+)?:)|(?:^|[-_.])(?:dev|test|tests|staging|stage|sandbox|qa|ci)(?:[-_.:\d]|$)/i;
/** ZooKeeper's shells, by their names as commands are matched (lower case). */
const ZOOKEEPER_SHELL = /^(?:zookeeper-shell|zkcli)(?:\.sh)?$/;
const said = (c: SimpleCommand) => c.argv.join(' ').slice(0, 200);
const kafka = (c: SimpleCommand) => c.name.replace(/\.sh$/, '');

/** Confluent's roles that administer a whole organization, environment or cluster. */
const ADMIN_ROLES = /^(?:OrganizationAdmin|EnvironmentAdmin|CloudClusterAdmin|ClusterAdmin|SystemAdmin|AccountAdmin)$/;
/** Broker settings that let clients in without a certificate or an ACL. */
const BROKER_OPEN = /(?:^|,)(?:[\w.]*ssl\.client\.auth=none|allow\.everyone\.if\.no\.acl\.found=true)(?:,|$)/;

/**
 * A broker opened: every topic granted to everyone (`User:*`) or every topic, group and the cluster to one principal,
 * an administering role bound, an administrator made on RabbitMQ, ZooKeeper's tree opened to `world:anyone`, Redis's
 * default user left without a password and given every command, certificates or ACLs no longer asked for.
 */
export function brokerOpened(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (kafka(c) === 'kafka-acls' && hasArg(c, '--add')) {
    const principals = a.filter((_, k) => a[k - 1] === '--allow-principal');
    const everyTopic = a.some((w, k) => (a[k - 1] === '--topic' || a[k - 1] === '--group') && w === '*');
    const all = a.some((w, k) => a[k - 1] === '--operation' && /^all$/i.test(w));
    return principals.some((p) => p === 'User:*') || (everyTopic && (all || hasArg(c, '--cluster'))) ? said(c) : undefined;
  }
  if (c.name === 'confluent') {
    const everyTopic = a[1] === 'kafka' && a[2] === 'acl' && a[3] === 'create' && optionValue(a, ['--topic']) === '*';
    const role = a[1] === 'iam' && a[2] === 'rbac' && a[3] === 'role-binding' && a[4] === 'create' && ADMIN_ROLES.test(optionValue(a, ['--role']) ?? '');
    return everyTopic || role ? said(c) : undefined;
  }
  if (kafka(c) === 'kafka-configs' && hasArg(c, '--alter') && /^brokers?$/.test(optionValue(a, ['--entity-type']) ?? '') && BROKER_OPEN.test(optionValue(a, ['--add-config']) ?? '')) return said(c);
  if (c.name === 'rabbitmqctl' && a.includes('set_user_tags') && a.includes('administrator')) return said(c);
  // the management API: a user made with the administrator tag
  if (c.name === 'curl' && a.some((w) => /:15672\/api\/users\/[^/\s]+$/.test(w)) && a.some((w) => /"tags"\s{0,4}:\s{0,4}"[^"]{0,64}administrator/.test(w))) return said(c);
  if (ZOOKEEPER_SHELL.test(c.name) && a.includes('setAcl') && a.some((w) => /^world:anyone:[cdrwa]*[cdwa][cdrwa]*$/.test(w))) return said(c);
  if (c.name === 'redis-cli' && a.some((w) => /^acl$/i.test(w)) && a.some((w) => /^setuser$/i.test(w)) && a.includes('nopass') && a.some((w) => w === '+@all' || w === 'allcommands')) return said(c);
  return undefined;
}

/**
 * A broker's data or metadata destroyed: ZooKeeper's record of the topics, users or ACLs deleted, Schema Registry's
 * subjects deleted or their compatibility checks dropped, a Redis stream emptied.
 */
export function streamDataDestroyed(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (ZOOKEEPER_SHELL.test(c.name)) {
    const k = a.findIndex((w) => w === 'deleteall' || w === 'rmr' || w === 'delete');
    return k > 0 && /^\/(?:brokers|config|kafka-acl|admin|controller|cluster|consumers)(?:\/|$)/.test(a[k + 1] ?? '') ? said(c) : undefined;
  }
  if (c.name === 'curl') {
    const url = a.find((w) => /^https?:\/\/[^/\s]{1,253}\/(?:subjects|config)\b/.test(w) && /schema-?registry|:8081\//i.test(w));
    if (url === undefined || PLAYGROUND_CLUSTER.test(/^https?:\/\/([^/:\s]{1,253})/.exec(url)?.[1] ?? '')) return undefined;
    const method = optionValue(a, ['-X', '--request'])?.toUpperCase();
    const subject = /\/subjects\/([^/?\s]{1,256})/.exec(url)?.[1];
    if (method === 'DELETE' && subject !== undefined && !throwawayName(subject)) return said(c);
    return method === 'PUT' && a.some((w) => /"compatibility"\s{0,4}:\s{0,4}"NONE"/.test(w)) ? said(c) : undefined;
  }
  if (c.name === 'redis-cli') {
    const k = a.findIndex((w) => /^xtrim$/i.test(w));
    return k > 0 && /^maxlen$/i.test(a[k + 2] ?? '') && (a[k + 3] === '0' || (/^[=~]$/.test(a[k + 3] ?? '') && a[k + 4] === '0')) ? said(c) : undefined;
  }
  return undefined;
}

/**
 * A consumer group's offsets moved on a cluster that is not a developer's or a test's: its services skip what they
 * have not read, or read again what they already acted on (payouts paid twice).
 */
export function offsetsMoved(c: SimpleCommand): string | undefined {
  if (kafka(c) !== 'kafka-consumer-groups' || !hasArg(c, '--reset-offsets') || !hasArg(c, '--execute')) return undefined;
  const server = optionValue(c.argv, ['--bootstrap-server']) ?? '';
  return PLAYGROUND_CLUSTER.test(server) || throwawayName(optionValue(c.argv, ['--group']) ?? '') ? undefined : said(c);
}

/** Where a broker's replication or sink delivers: MirrorMaker's and connectors' bootstrap servers, a shovel's or federation's URI, an HTTP sink's URL. */
const DESTINATION = /\bbootstrap\.servers\s{0,4}[=:]\s{0,4}["']?([^\s"',]{1,253})|\bbootstrapServers\s{0,4}:\s{0,4}["']?([^\s"',]{1,253})|"(?:dest-uri|uri)"\s{0,4}:\s{0,4}"amqps?:\/\/(?:[^@"\s]{0,128}@)?([^:/"\s]{1,253})|http\.api\.url["']?\s{0,4}[=:,]\s{0,4}["']?https?:\/\/([^/:"'\s]{1,253})/g;
/** A public domain's last label, which an in-cluster or internal name (`kafka`, `svc`, `internal`, `lan`) is not. */
const PUBLIC_TLD = /\.(?:com|net|org|io|co|dev|app|ai|xyz|info|biz|me|cloud|tech|site|online|[a-z]{2})$/i;
/** Managed brokers whose clusters are the customer's own (Confluent Cloud, Amazon MSK, Aiven, Upstash). */
const MANAGED_BROKERS = /\.(?:confluent\.cloud|amazonaws\.com|aivencloud\.com|upstash\.io|cloudkarafka\.com)$/i;

/** A broker's data replicated or sunk to a host on the public internet: the first such host, or undefined. */
function outsideDestination(text: string): string | undefined {
  for (const m of text.slice(0, 65536).matchAll(DESTINATION)) {
    const host = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').replace(/:\d{1,5}$/, '').toLowerCase();
    const kind = classifyHost(host);
    if (kind !== 'private' && kind !== 'loopback' && PUBLIC_TLD.test(host) && !MANAGED_BROKERS.test(host)) return host;
  }
  return undefined;
}

/** A replication or sink configuration written here that sends the broker's data to an outside host. */
export function brokerReplicationOut(_path: string, text: string): string | undefined {
  const host = /connector\.class|KafkaMirrorMaker2|->[\w-]{1,64}\.enabled|\bclusters\s{0,4}=|dest-uri|federation/.test(text.slice(0, 65536)) ? outsideDestination(text) : undefined;
  return host && `to ${host}`;
}

/** A shovel, federation upstream or connector made through a command (rabbitmqctl, the management or Connect API, ksqlDB) that sends the broker's data to an outside host. */
export function brokerReplicationOutBy(c: SimpleCommand): string | undefined {
  const a = c.argv;
  let text: string | undefined;
  if (c.name === 'rabbitmqctl' && a.includes('set_parameter') && a.some((w) => w === 'shovel' || w === 'federation-upstream')) text = a.join(' ');
  else if (c.name === 'curl' && a.some((w) => /:8083\/connectors\b|:15672\/api\/parameters\/(?:shovel|federation-upstream)\//.test(w))) text = a.filter((_, k) => /^(?:-d|--data(?:-raw|-binary)?|--json)$/.test(a[k - 1] ?? '')).join(' ');
  else if (c.name === 'ksql' && /\bCREATE\s+(?:SINK|SOURCE)\s+CONNECTOR\b/i.test(optionValue(a, ['-e', '--execute']) ?? '')) text = optionValue(a, ['-e', '--execute']);
  const host = text === undefined ? undefined : outsideDestination(text);
  return host && `${said(c).slice(0, 120)} → ${host}`;
}

/** A message that approves, pays or switches a check off: what a service downstream acts on without asking. */
const ACTING_MESSAGE = /"(?:status|decision|state|verdict)"\s{0,4}:\s{0,4}"(?:APPROVED|ACCEPTED|PAID|SETTLED|CLEARED|RELEASED)"|"(?:enabled|active|enforced)"\s{0,4}:\s{0,4}false|"(?:bypass\w{0,16}|skip_?checks?|allowlisted|whitelisted)"\s{0,4}:\s{0,4}true|"(?:beneficiary_?)?iban"\s{0,4}:/i;
/** Producers of a broker's messages, and the option that names the cluster. */
const PRODUCERS = /^(?:kcat|kafkacat|kafka-console-producer(?:\.sh)?|kafka-avro-console-producer|kafka-protobuf-console-producer|nats|rabbitmqadmin)$/;

/**
 * A message written by hand onto a topic or queue of a cluster that is not a test's, that approves a refund or a
 * payment, names a bank account, or switches a rule off: the service consuming it acts on it as on any other.
 */
export function forgedMessage(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (!PRODUCERS.test(c.name) || ((c.name === 'kcat' || c.name === 'kafkacat') && !a.includes('-P')) || (c.name === 'nats' && a[1] !== 'pub' && a[1] !== 'publish') || (c.name === 'rabbitmqadmin' && !a.includes('publish'))) return undefined;
  const cluster = optionValue(a, ['--bootstrap-server', '-b', '--broker-list', '-s', '--server', '-F']) ?? '';
  if (PLAYGROUND_CLUSTER.test(cluster) || PLAYGROUND_CLUSTER.test(cluster.slice(cluster.lastIndexOf('/') + 1))) return undefined;
  const text = `${c.stdin ?? ''} ${a.slice(1).join(' ')}`.slice(0, 16384);
  return ACTING_MESSAGE.test(text) ? `${said(c).slice(0, 120)} ← ${ACTING_MESSAGE.exec(text)![0]}` : undefined;
}
