import type { SimpleCommand } from '../shell/types.js';
import { classifyHost } from './hosts.js';
import { table } from './table.js';
import { decodeBase64Text } from './secrets.js';
import { onlyReads, sqlTokens } from './sql-tokens.js';
import { stringLiterals } from '../shell/inline-code.js';

/**
 * The SQL a database command-line client is handed on its command line or its stdin, so the
 * engine reads `psql -c "ALTER USER app WITH SUPERUSER"` as it reads the same query sent as a
 * Database call. Options per client, from their manuals:
 * - psql: `-c`/`--command`; mysql and mariadb: `-e`/`--execute`; cockroach sql and cqlsh: `-e`/`--execute`;
 *   clickhouse-client: `-q`/`--query`; sqlcmd: `-Q`/`-q`; duckdb: `-c`/`-s`/`-cmd`; snowsql and `snow sql`: `-q`/`--query`;
 *   trino and presto: `--execute`; beeline, hive and spark-sql: `-e`; impala-shell: `-q`/`--query`; bq: `query`'s operand;
 *   wp: `db query`'s operand; drush: `sql:query`'s; plesk: `db`'s;
 * - sqlite3 and duckdb take statements as the operands after the database file, and `-cmd` runs one first;
 * - SAP HANA's hdbsql takes each operand as a statement (`-I` names a script), Db2's command line processor its
 *   operands as one statement (`-f` names a script), and Oracle's SQL*Plus reads its stdin (`@file` runs a script);
 * - without a statement on the command line (and no `-f` script file), a heredoc, here-string or pipe
 *   into the client is what it runs.
 */
const QUERY_OPTIONS: Readonly<Record<string, readonly string[]>> = table({
  psql: ['-c', '--command'],
  mysql: ['-e', '--execute'],
  mariadb: ['-e', '--execute'],
  cockroach: ['-e', '--execute'],
  cqlsh: ['-e', '--execute'],
  'clickhouse-client': ['-q', '--query'],
  sqlcmd: ['-Q', '-q'],
  sqlite3: ['-cmd'],
  duckdb: ['-c', '-s', '-cmd'],
  // Snowflake's clients: SnowSQL and `snow sql`
  snowsql: ['-q', '--query'],
  snow: ['-q', '--query'],
  // the data platforms' clients: Trino's and Presto's, Hive's beeline and CLI, Spark SQL, Impala; BigQuery's `bq query` is read below
  trino: ['--execute'],
  presto: ['--execute'],
  beeline: ['-e'],
  hive: ['-e'],
  'spark-sql': ['-e'],
  'impala-shell': ['-q', '--query'],
  bq: [],
  // the web platforms' CLIs, whose query verb runs SQL on the site's database: `wp db query`, `drush sql:query`, `plesk db`
  wp: [],
  drush: [],
  plesk: [],
  // and Moodle's admin CLI: `moosh -n sql-run 'SQL'`
  moosh: [],
  // the ERP and mainframe databases' clients: SAP HANA's, Db2's, Oracle's
  hdbsql: [],
  db2: [],
  sqlplus: [],
});

/**
 * Clients whose operands are the statement, with the options that take a value and the one that names a script:
 * hdbsql runs each operand, Db2's processor all of them as one command (`db2 +c DELETE FROM t`).
 */
const OPERAND_CLIENTS: Readonly<Record<string, { valued: ReadonlySet<string>; script: string; joined: boolean }>> = table({
  hdbsql: { valued: new Set(['-n', '-i', '-d', '-u', '-p', '-U', '-I', '-o', '-c', '-F', '-S', '-V', '-B', '-b', '-g', '-G']), script: '-I', joined: false },
  db2: { valued: new Set(['-f', '-z', '-l', '-r']), script: '-f', joined: true },
});

/** Clients whose statement is the first operand after a verb (`bq query 'SQL'`, `wp db query 'SQL'`), and those verbs. */
const QUERY_VERBS: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = table({
  bq: [['query']],
  wp: [['db', 'query']],
  drush: [['sql:query'], ['sqlq'], ['sql-query']],
  plesk: [['db']],
  moosh: [['sql-run']],
});

/** sqlite3 and duckdb options that take a value, so the value is not read as the database file. */
const FILE_CLIENT_VALUE_OPTIONS = new Set(['-cmd', '-c', '-s', '-separator', '-newline', '-nullvalue', '-init', '-vfs', '-maxsize', '-mmap', '-pagecache', '-lookaside', '-heap', '-escape']);

/** A cluster of single-letter switches (`-Atc`), and the letters the clients' options take a value with (`-h`, `-U`, `-p`…), which end one. */
const CLUSTER = /^-[A-Za-z]{2,8}$/;
const VALUED_LETTERS = new Set([...'hHpPuUdDfFoOLSvTWc']);

/** Bound on the statements read from one command. */
const MAX_QUERIES = 16;

/** A database driver's call that runs the SQL it is given, and the same right before a literal. */
const DRIVER_CALL = /\.(?:execute|executescript|executemany|query|exec|raw)\(/;
const DRIVER_CALL_BEFORE = /\.(?:execute|executescript|executemany|query|exec|raw)\(\s*(?:text\(\s*)?$/;

/**
 * The SQL a one-liner hands a database driver (`cursor.execute("DROP SCHEMA public CASCADE")`, `db.query('…')`), and
 * the host its connection names (`host=prod-db…`, a `postgres://…@host/db` URL), when it names one.
 */
export function driverQueries(code: string, lang: string): { queries: string[]; host?: string } {
  const text = code.slice(0, 16384);
  if (!DRIVER_CALL.test(text)) return { queries: [] };
  const literals = stringLiterals(text, lang).slice(0, 64);
  const queries = literals.filter((l) => DRIVER_CALL_BEFORE.test(text.slice(Math.max(0, l.start - 24), l.start))).map((l) => l.value).slice(0, MAX_QUERIES);
  const host = literals.map((l) => /\bhost\s*=\s*([\w.-]{1,253})/.exec(l.value)?.[1] ?? /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?):\/\/(?:[^@/\s]{1,256}@)?([\w.-]{1,253})/.exec(l.value)?.[1]).find((h) => h !== undefined);
  // or a connection string kept in a variable named for production (`connect(os.environ['PROD_DATABASE_URL'])`): that
  // database is another machine's, whatever its address
  const production = host === undefined ? /\b(?:environ(?:\.get\(|\[)|getenv\(|process\.env\.|ENV\[)\s*['"]?((?:\w{0,40}_)?PROD(?:UCTION)?_\w{0,40}(?:URL|DSN|URI))\b/.exec(text)?.[1] : undefined;
  return { queries, host: host ?? (production === undefined ? undefined : `$${production}`) };
}

export function isSqlClient(name: string): boolean {
  return Object.hasOwn(QUERY_OPTIONS, name);
}

export function clientQueries(c: SimpleCommand): string[] {
  if (!isSqlClient(c.name)) return [];
  const options = QUERY_OPTIONS[c.name]!;
  const out: string[] = [];
  const a = c.argv;
  let script = false;
  for (let k = 1; k < a.length && out.length < MAX_QUERIES; k++) {
    const w = a[k]!;
    if (w === '-f' || w === '--file' || w.startsWith('--file=') || w === '-i' || w === '-init') script = true;
    for (const o of options) {
      if (w === o && k + 1 < a.length) out.push(a[k + 1]!);
      else if (o.startsWith('--') && w.startsWith(o + '=')) out.push(w.slice(o.length + 1));
      // short options take their value attached too: `-e"DROP TABLE t"`, `-cSELECT 1`
      else if (o.length === 2 && w.startsWith(o) && w.length > 2 && !w.startsWith('--') && !options.includes(w) && !FILE_CLIENT_VALUE_OPTIONS.has(w)) out.push(w.slice(2));
      // or last in a cluster of switches, its value the next word: `psql -Atc "…"`, `mysql -NBe "…"`
      else if (o.length === 2 && k + 1 < a.length && CLUSTER.test(w) && w.endsWith(o[1]!) && ![...w.slice(1, -1)].some((x) => VALUED_LETTERS.has(x))) out.push(a[k + 1]!);
    }
  }
  const operandClient = OPERAND_CLIENTS[c.name];
  if (operandClient) {
    const statement: string[] = [];
    for (let k = 1; k < a.length && k < 256; k++) {
      const w = a[k]!;
      // Db2's switches are turned off with `+` (`+c`), and its `-tvf file` ends in the script's letter
      if (w.startsWith('-') || (c.name === 'db2' && /^\+[a-z]{1,4}$/i.test(w))) {
        if (w === operandClient.script || (c.name === 'db2' && /^-[a-z]{1,6}f$/i.test(w))) script = true;
        if (operandClient.valued.has(w) || (c.name === 'db2' && /^-[a-z]{1,6}f$/i.test(w))) k++;
        continue;
      }
      statement.push(w);
    }
    if (operandClient.joined && statement.length > 0) out.push(statement.join(' '));
    else out.push(...statement.slice(0, MAX_QUERIES));
  }
  if (c.name === 'sqlplus' && a.some((w) => w.startsWith('@'))) script = true;
  if (c.name === 'sqlite3' || c.name === 'duckdb') {
    let file = false;
    for (let k = 1; k < a.length && out.length < MAX_QUERIES; k++) {
      const w = a[k]!;
      if (w.startsWith('-')) {
        if (FILE_CLIENT_VALUE_OPTIONS.has(w)) k++;
        continue;
      }
      if (!file) file = true;
      // dot-commands (`.tables`, `.dump`) are the shell's own, not SQL
      else if (!w.startsWith('.')) out.push(w);
    }
  }
  // `bq query [--flag=value …] 'SQL'`, `wp db query 'SQL'`: the statement is the verb's first operand (its flags are written with `=`)
  // (after the client's own switches: `moosh -n sql-run 'SQL'`, `wp --allow-root db query 'SQL'`)
  const verbs = QUERY_VERBS[c.name];
  const at = a.findIndex((w, k) => k > 0 && !w.startsWith('-'));
  const verb = at < 0 ? undefined : verbs?.find((v) => v.every((x, k) => a[at + k] === x));
  if (verb) { const sql = a.slice(at + verb.length).find((w) => !w.startsWith('-')); if (sql !== undefined) out.push(sql); }
  if (out.length === 0 && !script && c.stdin !== undefined && (verbs === undefined || verb !== undefined)) out.push(c.name === 'sqlplus' ? withoutSqlPlusCommands(c.stdin) : c.stdin);
  return out;
}

/**
 * SQL*Plus's own commands end at the line's end, not at a semicolon (`set pages 0`, `spool out.txt`), and a lone `/`
 * runs the block before it: without them, what is left is the SQL the server runs.
 */
const SQLPLUS_COMMAND = /^\s{0,16}(?:set|spool|col(?:umn)?|prompt|whenever|exit|quit|conn(?:ect)?|def(?:ine)?|undef(?:ine)?|ttitle|btitle|break|compute|show|timing|rem(?:ark)?|pause|clear|var(?:iable)?|print|\/)(?:\s|$)/i;
function withoutSqlPlusCommands(text: string): string {
  return text.slice(0, 65536).split('\n').filter((l) => !SQLPLUS_COMMAND.test(l)).join('\n');
}

/** A SQL client given only queries that read (`psql -c "select … where body like '%…%'"`). */
export function clientOnlyReads(c: SimpleCommand): boolean {
  const queries = clientQueries(c);
  return queries.length > 0 && queries.every(onlyReads);
}

/** Database names that say they hold nothing of value: test, dev, scratch, CI and demo databases. */
export const THROWAWAY_DB = /test|dev|tmp|temp|local|example|scratch|sandbox|ci\b|_e2e|demo|(?:^|_)pr_?\d+(?:_|$)|_review$|_old$/i;

/** This machine: no host at all (a Unix socket), or a loopback name or address. */
const local = (host: string) => host === '' || classifyHost(host) === 'loopback';

/**
 * A Database call's connection that names a throwaway database on this machine:
 * `postgresql://dev:dev@localhost:5432/webapp_test`, `host=localhost dbname=app_dev`, `./dev.sqlite3`.
 */
export function throwawayConnection(connection: string | undefined): boolean {
  if (!connection) return false;
  const c = connection.slice(0, 1024).trim();
  const url = /^[a-z][a-z0-9+]*:\/\/(?:[^@/]*@)?([^/:?]*)(?::\d+)?\/([^?]*)/i.exec(c);
  if (url) return local(url[1]!) && THROWAWAY_DB.test(url[2]!);
  const db = /(?:^|\s)dbname=(\S+)/.exec(c)?.[1];
  if (db !== undefined) return local(/(?:^|\s)host=(\S+)/.exec(c)?.[1] ?? '') && THROWAWAY_DB.test(db);
  return /\.(?:db|sqlite3?)$/i.test(c) && !c.includes('://') && THROWAWAY_DB.test(c.slice(c.lastIndexOf('/') + 1));
}

/** Options that name the host and the database, per client; the database may also be the first operand. */
const CLIENT_TARGET: Readonly<Record<string, { host: readonly string[]; db: readonly string[] }>> = table({
  psql: { host: ['-h', '--host'], db: ['-d', '--dbname'] },
  mysql: { host: ['-h', '--host'], db: ['-D', '--database'] },
  mariadb: { host: ['-h', '--host'], db: ['-D', '--database'] },
  pg_dump: { host: ['-h', '--host'], db: ['-d', '--dbname'] },
  mysqldump: { host: ['-h', '--host'], db: [] },
});

/**
 * A database client pointed at a throwaway database on this machine, as throwawayConnection reads a connection:
 * `psql -d app_dev`, `mysql -h 127.0.0.1 shop_test`, `psql postgresql://localhost/app_test`, `sqlite3 dev.sqlite3`.
 */
export function throwawayClient(c: SimpleCommand): boolean {
  const a = c.argv;
  const first = a.slice(1).find((w, k) => !w.startsWith('-') && !a[k]!.startsWith('-'));
  if (c.name === 'sqlite3' || c.name === 'duckdb') return first !== undefined && throwawayConnection(first);
  const target = CLIENT_TARGET[c.name];
  if (!target) return false;
  const value = (names: readonly string[]) => {
    for (let k = 1; k < a.length - 1 && k < 256; k++) if (names.includes(a[k]!)) return a[k + 1];
    return a.slice(1, 256).find((w) => names.some((n) => n.startsWith('--') && w.startsWith(`${n}=`)))?.split('=').slice(1).join('=');
  };
  const db = value(target.db) ?? first;
  if (db === undefined) return false;
  if (db.includes('://')) return throwawayConnection(db);
  return local(value(target.host) ?? '') && THROWAWAY_DB.test(db);
}

/** The MongoDB shells. */
const MONGO_SHELLS = new Set(['mongosh', 'mongo']);
/** A base64 literal a shell script decodes to run (`eval(Buffer.from('…', 'base64').toString())`, `eval(atob('…'))`). */
const DECODED_EVAL = /\beval\(\s*(?:Buffer\.from|atob)\(\s*['"]([A-Za-z0-9+/]{8,8192}={0,2})['"]/g;

/**
 * The JavaScript a MongoDB shell runs: its `--eval` values and the script it reads on stdin, with base64 it decodes
 * and evaluates read as the code it is.
 */
export function mongoShellCode(c: SimpleCommand): string | undefined {
  if (!MONGO_SHELLS.has(c.name)) return undefined;
  const parts = c.argv.filter((_, k) => c.argv[k - 1] === '--eval' || c.argv[k - 1] === '-eval').concat(c.argv.filter((w) => w.startsWith('--eval=')).map((w) => w.slice(7)));
  if (parts.length === 0 && c.stdin !== undefined) parts.push(c.stdin);
  const code = parts.join('\n').slice(0, 16384);
  if (!code) return undefined;
  const decoded = [...code.matchAll(DECODED_EVAL)].slice(0, 4).map((m) => decodeBase64Text(m[1]!) ?? '');
  return [code, ...decoded].join('\n');
}

/** Columns that say who a person is and where to find them. */
const PERSONAL_COLUMN = /^(?:DOB|BIRTH_?DATE|DATE_?OF_?BIRTH|SSN?|STREET|ADDRESS\w{0,8}|PHONE\w{0,8}|E_?MAIL|FNAME|LNAME|FIRST_?NAME|LAST_?NAME|FULL_?NAME|PATIENT_?NAME|MRN)$/;

/**
 * A client query that prints a table whole: `COPY t TO STDOUT` (psql, cqlsh), or `SELECT * FROM t` (or a SELECT of
 * people's names, birth dates, addresses, phones or identity numbers) with no WHERE and no LIMIT, which is a dump by
 * another name when its output leaves the machine.
 */
export function clientDumpsTable(c: SimpleCommand): string | undefined {
  for (const q of clientQueries(c)) {
    const w = sqlTokens(q.slice(0, 4096)).filter((t) => t.kind !== 'string').map((t) => t.text);
    const copyOut = w[0] === 'COPY' && w.includes('TO') && w.includes('STDOUT');
    const from = w.indexOf('FROM');
    const columns = from < 0 ? [] : w.slice(1, from);
    const everyRow = w[0] === 'SELECT' && from > 0 && ((columns.length === 1 && columns[0] === '*') || columns.some((x) => PERSONAL_COLUMN.test(x))) && !w.includes('WHERE') && !w.includes('LIMIT') && !w.includes('TOP');
    if (copyOut || everyRow) return q.slice(0, 160);
  }
  return undefined;
}
