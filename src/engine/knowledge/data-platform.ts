import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { hasArg, operands } from '../rule.js';
import { PLAYGROUND_CLUSTER } from './streaming.js';

/**
 * A data platform's storage destroyed through its own tools, where no `rm` or SQL statement stands for it: a
 * warehouse's or a lake's folders on HDFS or DBFS removed whole, a workspace's shared notebooks deleted, a Kafka
 * cluster's topics deleted by a pattern or emptied by a retention of under an hour, a historian's InfluxDB buckets
 * deleted, emptied since the epoch or cut to an hour's retention.
 */

/** Folders a job writes to be thrown away: temp, scratch, staging and test space, a user's own sandbox. */
const THROWAWAY_DATA = /(?:^|[/_.-])(?:tmp|temp|scratch|staging|stage|sandbox|test|tests|dev|checkpoints?|_tez_session_dir)(?:[/_.-]|$)/i;

/** The segments of a path on a cluster's filesystem (`hdfs://nn:8020/data/raw` → data, raw). */
const segments = (path: string) => path.replace(/^(?:hdfs|dbfs|s3a|abfss?|wasbs?|gs):\/\/?(?:[^/]*(?=\/))?/, '').split('/').filter(Boolean);

/**
 * A folder whose removal takes a platform's data with it: near the root (`/data/raw`, `dbfs:/mnt/delta`), a pattern
 * (`/warehouse/…/*.db`), or a warehouse's databases (`…/hive/sales.db`, the warehouse itself).
 */
function wideDataPath(path: string): boolean {
  const s = segments(path.slice(0, 1024));
  if (s.length === 0) return true;
  if (THROWAWAY_DATA.test(path.slice(0, 1024))) return false;
  if (s.length <= 2 || s.some((x) => x.includes('*'))) return true;
  return s.includes('warehouse') && (s[s.length - 1]!.endsWith('.db') || /^(?:warehouse|managed|external|hive)$/.test(s[s.length - 1]!));
}

/** A host, cluster or cloud project named for production (`kafka-prod-1:9092`, `acme-prod`, `northpine-production`). */
const PRODUCTION_NAME = /(?:^|[-_.])prod(?:uction)?(?:[-_.:\d]|$)/i;

/** A Kafka topic named by a pattern, or a production cluster's, that is not a test's or a developer's own. */
function topicsOfValue(c: SimpleCommand): boolean {
  const topic = optionValue(c.argv, ['--topic', '--entity-name']) ?? '';
  const server = optionValue(c.argv, ['--bootstrap-server', '--zookeeper']) ?? '';
  if (THROWAWAY_DATA.test(topic) || /^(?:localhost|127\.|kafka(?:-\d+)?:|[^.]*(?:dev|test|local)[^.]*[.:])/i.test(server) || PLAYGROUND_CLUSTER.test(server)) return false;
  return /[*+]|\.\*/.test(topic) || PRODUCTION_NAME.test(server);
}

/** What a command destroys of a data platform's storage, if anything. */
export function dataPlatformDestroyed(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  // `hdfs dfs -rm -r -skipTrash /warehouse/…/*.db`, `hadoop fs -rmr /data/raw`
  if ((c.name === 'hdfs' || c.name === 'hadoop') && (a[1] === 'dfs' || a[1] === 'fs')) {
    const recursive = hasArg(c, '-rmr') || (hasArg(c, '-rm') && hasArg(c, '-r', '-R'));
    return recursive && operands(c).slice(1).some((p) => p.startsWith('/') || p.includes('://')) && operands(c).slice(1).some(wideDataPath) ? said() : undefined;
  }
  if (c.name === 'databricks') {
    // a mount's or the root's data (`fs rm -r dbfs:/mnt/delta/`), or a whole top folder of notebooks (`workspace delete /Shared --recursive`)
    if (a[1] === 'fs' && a[2] === 'rm' && hasArg(c, '-r', '--recursive')) return a.some((w) => w.startsWith('dbfs:/') && wideDataPath(w)) ? said() : undefined;
    if (a[1] === 'workspace' && a[2] === 'delete' && hasArg(c, '-r', '--recursive')) return a.slice(3).some((w) => w.startsWith('/') && segments(w).length <= 1) ? said() : undefined;
    return undefined;
  }
  // topics deleted by a pattern or on production; a topic's data purged by a retention of under an hour
  const kafka = c.name.replace(/\.sh$/, '');
  if (kafka === 'kafka-topics') return hasArg(c, '--delete') && topicsOfValue(c) ? said() : undefined;
  if (kafka === 'kafka-configs' && hasArg(c, '--alter') && optionValue(a, ['--entity-type']) === 'topics') {
    const retention = /(?:^|,)retention\.ms=(\d{1,12})(?:,|$)/.exec(optionValue(a, ['--add-config']) ?? '')?.[1];
    return retention !== undefined && Number(retention) < 3_600_000 && !THROWAWAY_DATA.test(optionValue(a, ['--entity-name']) ?? '') ? said() : undefined;
  }
  if (c.name === 'influx') return historianDestroyed(c);
  return undefined;
}

/** An InfluxDB retention written as a duration (`1h`, `30m`, `0s`), in milliseconds; infinite (`0`, `inf`) is none. */
function retentionMs(text: string): number | undefined {
  const m = /^(\d{1,9})(ns|u|µ|us|ms|s|m|h|d|w)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit: Record<string, number> = { ns: 1e-6, u: 1e-3, µ: 1e-3, us: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3_600e3, d: 86_400e3, w: 604_800e3 };
  return Number(m[1]) * unit[m[2]!.toLowerCase()]!;
}

/**
 * A historian's data destroyed through InfluxDB's CLI: a bucket deleted, every point since the epoch deleted, a
 * bucket's or a retention policy's retention cut to an hour or less (the server then drops everything older).
 */
function historianDestroyed(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  const bucket = optionValue(a, ['--name', '-n', '--bucket', '-b']) ?? optionValue(a, ['--id', '-i']) ?? '';
  if (THROWAWAY_DATA.test(bucket)) return undefined;
  if (a[1] === 'bucket' && a[2] === 'delete') return said();
  if (a[1] === 'delete') {
    const start = /^(\d{4})-/.exec(optionValue(a, ['--start']) ?? '')?.[1];
    return start !== undefined && Number(start) <= 2000 ? said() : undefined;
  }
  if (a[1] === 'bucket' && a[2] === 'update') {
    return cutToAnHour(retentionMs(optionValue(a, ['--retention', '-r']) ?? '')) ? said() : undefined;
  }
  // InfluxQL through the 1.x CLI: `influx -execute "ALTER RETENTION POLICY autogen ON scada DURATION 1h"`, `DROP DATABASE scada`
  const q = (optionValue(a, ['-execute']) ?? '').slice(0, 2000);
  const duration = /\bretention\s+policy\b[^;]{0,200}?\bduration\s+(\w{1,12})/i.exec(q)?.[1];
  const dropped = /\bdrop\s+(?:database|measurement|series)\s+["']?([\w.-]{1,128})/i.exec(q)?.[1];
  return cutToAnHour(duration === undefined ? undefined : retentionMs(duration)) || (dropped !== undefined && !THROWAWAY_DATA.test(dropped)) ? said() : undefined;
}

/** A retention of an hour or less, but not none (`0` keeps everything). */
const cutToAnHour = (ms: number | undefined) => ms !== undefined && ms > 0 && ms <= 3_600_000;

/** A table named with its project (`acme-prod:crm.customers`, `acme-prod.crm.customers`), the project captured. */
const QUALIFIED_TABLE = String.raw`([\w-]{1,64})[.:][\w-]{1,128}\.[\w-]{1,128}`;
const WHOLE_QUALIFIED_TABLE = new RegExp(`^${QUALIFIED_TABLE}$`);
/** BigQuery's `CREATE [OR REPLACE] TABLE dst AS SELECT … FROM src`, with project-qualified names. */
const CREATE_AS_SELECT = new RegExp(String.raw`\bcreate\s+(?:or\s+replace\s+)?table\s+` + '`?' + QUALIFIED_TABLE + '`?' + String.raw`\s+as\s+select\b[^;]{0,2000}?\bfrom\s+` + '`?' + QUALIFIED_TABLE, 'i');

/**
 * A production project's table copied into another project, by `bq cp` or a `CREATE TABLE … AS SELECT` across
 * projects: the copy then lives where the production project's access rules, audit and retention do not reach.
 */
export function tableCopiedOutOfProject(c: SimpleCommand): string | undefined {
  if (c.name !== 'bq') return undefined;
  // (only a name of three parts names its project: `dataset.table` is in the default one)
  const project = (table: string) => WHOLE_QUALIFIED_TABLE.exec(table)?.[1];
  if (c.argv[1] === 'cp') {
    const [src, dst] = operands(c).slice(1).filter((w) => /[:.]/.test(w));
    const from = project(src ?? '');
    const to = project(dst ?? '');
    return from !== undefined && to !== undefined && from !== to && PRODUCTION_NAME.test(from) ? c.argv.join(' ').slice(0, 200) : undefined;
  }
  if (c.argv[1] !== 'query') return undefined;
  const m = CREATE_AS_SELECT.exec(c.argv.slice(2).join(' ').slice(0, 8192));
  return m && m[1] !== m[2] && PRODUCTION_NAME.test(m[2]!) ? c.argv.join(' ').slice(0, 200) : undefined;
}
