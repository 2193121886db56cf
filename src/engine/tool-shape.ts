import { pathFromList, runsLater } from './knowledge/paths.js';
import type { NormalizationStep } from './shell/types.js';
import { argvLine, field, isJsonObject as isObject, shellQuote, type DatabaseCall, type FsOperation, type NetworkCall, type ToolCall, type ToolInfo, type UnknownCall } from './toolcall.js';
import { perCall } from './rule.js';
import { table } from './knowledge/table.js';
import { expandBraces } from './shell/braces.js';
import { decodeBase64, percentDecoded } from './shell/decoders.js';
import { firstUrl } from './knowledge/hosts.js';

/**
 * An Unknown call read as the call its arguments say it is. MCP servers and custom tools have no
 * fixed shapes, but a few argument names are unambiguous, checked in this order:
 * - a browser tool's script, and a worker's or edge function's code, runs as a Node one-liner, and a
 *   container tool's image (with its command) as `docker run`;
 * - a command (a line, or an argv with its arguments) runs in a shell, and so does any argument the
 *   tool's schema describes as a command to run; a tool named for a CLI (`extension_az`, `run_gcloud_command`,
 *   redis, terraform) runs that CLI when its command or argv leaves it out; `code` in a language the tool
 *   or its name names (or, in a code sandbox told none, that its code shows) runs as that interpreter's
 *   one-liner; a Kubernetes tool's manifest is fed to `kubectl apply -f -`; a git tool's push, remote,
 *   clone, diff, show, log or add is that git command, a repository administration tool the `gh` command,
 *   an AWS API tool the `aws` command and a Terraform tool the `terraform` command they stand for;
 * - a path with content (or edits) is a file write; a path alone is the file operation the tool's
 *   name says (read when it says nothing); a move or copy is that `mv` or `cp`; several files with
 *   their content are a script writing each;
 * - a url is a request, with its `method` and its body (`body`, `data`, `payload` or `json`), a POST
 *   when it has one or the tool's name says it sends;
 * - `sql` is a database query, and so is `query` when the tool's name, description or schema speak
 *   of SQL or a database, or when nothing describes the tool and the query opens as only SQL does
 *   (`DROP TABLE`, `DELETE FROM`; not a search phrase such as `truncate long strings`); a document
 *   store's find is the SELECT it amounts to.
 * Anything else stays Unknown, where the engine still reads every string of the params.
 *
 * Every adapter sends such calls to the engine as Unknown, and the engine reads them here, so an
 * MCP tool gets the same verdict through the hooks, the MCP proxy, `scan` and `POST /analyze`.
 */
export interface ShapedCall {
  call: ToolCall;
  /** What the reading was, for --explain. */
  step: NormalizationStep;
}

/**
 * An unknown call's arguments as JSON, its first 16 KiB: what rules test for settings buried at any depth
 * (`"Principal": "*"`, `"requireFactor": false`). Serialized once per call, however many rules ask.
 */
export const paramsJson = perCall((call: UnknownCall): string => JSON.stringify(call.params ?? {}).slice(0, 16384));

/**
 * Read once per call: the engine, the rules about Unknown params and the audit summary all ask. A Network call is read
 * as a database query when it carries SQL to a database's HTTP interface (httpQuery).
 */
export const callByShape = perCall((call: UnknownCall | NetworkCall | DatabaseCall): ShapedCall | undefined => {
  if (call.kind === 'database') {
    const line = clientLine(call);
    return line === undefined ? undefined : { call: { kind: 'bash', command: line, args: [], env: {} }, step: { kind: 'tool-arguments', detail: `a query to ${call.connection!.slice(0, 64)} read as the client line that sends it` } };
  }
  if (call.kind === 'network') {
    const query = httpQuery(call);
    if (query !== undefined) return { call: { kind: 'database', query: field(query), connection: databaseUrl(call.url) }, step: { kind: 'tool-arguments', detail: `${call.method} ${call.url.slice(0, 128)} read as a database query from the SQL it carries` } };
    const body = DEVICE_SCRIPT_API.test(call.url) ? requestParams(call.body) : undefined;
    const script = isObject(body) ? deviceScript(byName(body)) : undefined;
    return script === undefined ? undefined : { call: { kind: 'bash', command: script, args: [], env: {} }, step: { kind: 'tool-arguments', detail: `${call.method} ${call.url.slice(0, 128)} read as the script it runs on managed machines` } };
  }
  const shaped = shapeOf(call.toolName, call.params, call.tool);
  return shaped && { call: shaped, step: { kind: 'tool-arguments', detail: `${call.toolName.slice(0, 128)} read as ${describe(shaped)} from its arguments` } };
});

/**
 * A query to MongoDB, Redis or a database file as the client line that sends it (`mongosh URL --eval …`, `redis-cli -u
 * URL CONFIG SET …` per line, `sqlite3 FILE …`), so the shell rules for those clients judge it: a database dropped,
 * Redis' dump file pointed at ~/.ssh, a browser's cookie store read.
 */
function clientLine(call: DatabaseCall): string | undefined {
  const url = call.connection ?? '';
  if (/^mongodb(?:\+srv)?:\/\//i.test(url)) return field(argvLine(['mongosh', url, '--quiet', '--eval', call.query]));
  // a database file (`sqlite:///…/cookies.sqlite`, `duckdb:///…/local.duckdb`): the file is what is read or written
  const file = /^(sqlite3?|duckdb):\/\/\/?(\/[^?#]{1,1024})/i.exec(url);
  if (file) return field(argvLine(file[1]!.toLowerCase() === 'duckdb' ? ['duckdb', file[2]!, '-c', call.query] : ['sqlite3', file[2]!, call.query]));
  return /^rediss?:\/\//i.test(url) ? redisLines(['redis-cli', '-u', url], call.query.split('\n', 64).map((l) => l.trim()).filter((l) => l !== '')) : undefined;
}

/** Statements as they open, for SQL handed over in a URL or a request body. */
const SQL_START = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|DROP|TRUNCATE|ALTER|CREATE|GRANT|REVOKE|WITH|SHOW|DESCRIBE|OPTIMIZE|SYSTEM|RENAME|ATTACH|DETACH|KILL|COPY)\b/i;
/** Endpoints that take SQL in a JSON body: Elasticsearch's and CrateDB's `_sql`, Druid's, Snowflake's and Databricks' statements. */
const SQL_ENDPOINT = /\/_sql$|\/druid\/v2\/sql\/?$|\/api\/v2\/statements\/?$|\/api\/2\.0\/sql\/statements\/?$/;

/**
 * The SQL a request hands a database's HTTP interface: ClickHouse's `?query=` or its body on its HTTP ports, Trino's
 * statement body, or the `query`, `stmt` or `statement` of an SQL endpoint's JSON.
 */
function httpQuery(call: NetworkCall): string | undefined {
  let u: URL;
  try {
    u = new URL(call.url.slice(0, 8192));
  } catch {
    return undefined;
  }
  const inUrl = u.searchParams.get('query');
  if (inUrl !== null && SQL_START.test(inUrl)) return inUrl;
  const body = (call.body ?? '').slice(0, 64 * 1024);
  const path = u.pathname.toLowerCase();
  if (((u.port === '8123' || u.port === '8443') && path === '/') || /^\/v1\/statement\/?$/.test(path)) return SQL_START.test(body) ? body : undefined;
  if (!SQL_ENDPOINT.test(path)) return undefined;
  const json = jsonOrUndefined(body);
  const sql = isObject(json) ? json.query ?? json.stmt ?? json.statement : undefined;
  return typeof sql === 'string' && SQL_START.test(sql) ? sql : undefined;
}

/** The database a request reaches, as a connection string the database rules read (`http+sql://clickhouse.internal:8123`). */
function databaseUrl(url: string): string {
  const m = /^https?:\/\/([^/?#]{1,255})/i.exec(url);
  return `http+sql://${m?.[1] ?? ''}`;
}

/** A request body as the API reads it: its JSON when it holds an object or array, else its text (the first 64 KiB). */
export function requestParams(body: string | undefined): unknown {
  const text = (body ?? '').slice(0, 65536);
  return (/^\s*[[{]/.test(text) ? jsonOrUndefined(text) : undefined) ?? text;
}

/** A request body read as JSON, or undefined when it is not JSON. */
export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether the engine reads this Unknown call as another kind. Rules about an Unknown call's paths
 * and hosts stand aside then: the call's reading meets the same path and host rules a shell
 * command would, at the same scores.
 */
export function readByShape(call: UnknownCall): boolean {
  return callByShape(call) !== undefined;
}

/**
 * A search tool (`search_code`, `web_search`, `find_issues`): its arguments are what it looks for, not
 * text it hands on. `search_replace` and `find_and_replace` edit files, so a word of change rules it out.
 */
export function searchTool(call: UnknownCall): boolean {
  const words = nameWords(call.toolName);
  return words.some((w) => SEARCH_WORDS.includes(w)) && !words.some((w) => CHANGE_WORDS.includes(w));
}
const SEARCH_WORDS = ['search', 'find', 'lookup', 'grep'];
const CHANGE_WORDS = ['replace', 'write', 'edit', 'update', 'create', 'set', 'save', 'append', 'insert', 'put', 'patch', 'post', 'send', 'comment', 'reply', 'message'];

/** The call as the engine analyzes it: an Unknown (or SQL-carrying Network) call's reading when it has one, else the call itself. */
export function readAs(call: ToolCall): ToolCall {
  return ((call.kind === 'unknown' || call.kind === 'network' || call.kind === 'database') && callByShape(call)?.call) || call;
}

function describe(c: ToolCall): string {
  switch (c.kind) {
    case 'bash':
      return 'a shell command';
    case 'filesystem':
      return `a file ${c.operation}`;
    case 'network':
      return `a ${c.method} request`;
    default:
      return 'a database query';
  }
}

type JsonObject = Record<string, unknown>;

/** Arguments by lower-cased name (the first spelling wins), so `Command` and `filePath` are found too. */
function byName(input: JsonObject): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const k in input) {
    const key = k.toLowerCase();
    if (!out.has(key)) out.set(key, input[k]);
  }
  return out;
}

function str(args: Map<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = args.get(k);
    if (typeof v === 'string') return field(v);
  }
  return undefined;
}

/** Keys that hold the command a tool runs, most specific first: a line, or an argv list. */
const COMMAND_KEYS = ['command', 'cmd', 'commandline', 'command_line', 'cli_command', 'shell_command', 'bash_command', 'terminal_command', 'script', 'shell', 'bash', 'sh', 'run', 'exec'];
/** Keys of the argument list that process-starting tools take beside the program (`command: "bash", args: [...]`). */
const ARGV_KEYS = ['args', 'argv', 'arguments'];
const PATH_KEYS = ['path', 'file_path', 'filepath', 'absolute_path', 'relative_path', 'pathinproject', 'notebook_path', 'target_file'];
const CONTENT_KEYS = ['content', 'contents', 'text', 'file_text'];
/**
 * Keys of the text an in-place edit puts in (`edit_block {old_string, new_string}`, `replace_specific_text {oldText, newText}`,
 * Cursor's `edit_file {target_file, code_edit}`).
 */
const NEW_TEXT_KEYS = ['newtext', 'new_string', 'new_text', 'new_str', 'replacement', 'new_source', 'code_edit'];

/**
 * The command line a tool runs. Tools that start a process take an argv rather than a line
 * (`["bash", "-lc", "…"]`, or `command` with its `args`): its words are quoted back into a line that
 * parses to that argv, so a script inside (`bash -c …`) is followed as the shell's would be.
 */
function commandLine(args: Map<string, unknown>): string | undefined {
  let line: string | undefined;
  for (const k of COMMAND_KEYS) {
    const v = args.get(k);
    if (typeof v === 'string') line = v;
    else if (isWordList(v) && v.length > 0) line = argvLine(v);
    if (line !== undefined) break;
  }
  if (line === undefined) return undefined;
  for (const k of ARGV_KEYS) {
    const v = args.get(k);
    if (isWordList(v) && v.length > 0) return field(`${line} ${argvLine(v)}`);
  }
  return field(line);
}

/** The program a CLI-wrapping tool runs, by a word of its name: `extension_az {command: "role assignment create …"}` runs `az …`. */
const CLI_OF_WORD: Readonly<Record<string, string>> = table({
  az: 'az', azure: 'az', gcloud: 'gcloud', gcp: 'gcloud', aws: 'aws', terraform: 'terraform', helm: 'helm', redis: 'redis-cli', kubectl: 'kubectl', git: 'git',
});
/** Tools named for PowerShell run their script through it: `powershell {script: "IEX …"}`. */
const POWERSHELL_WORDS = new Set(['powershell', 'pwsh']);

/** A command line of a CLI-wrapping tool, with the CLI put in front when the tool's arguments leave it out. */
function cliLine(words: readonly string[], line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  if (words.some((w) => POWERSHELL_WORDS.has(w)) && !/^\s*(?:pwsh|powershell)(?:\.exe)?\b/i.test(line)) return field(argvLine(['pwsh', '-Command', line]));
  const at = words.findIndex((w) => CLI_OF_WORD[w] !== undefined);
  if (at < 0) return line;
  const cli = CLI_OF_WORD[words[at]!]!;
  const first = line.trimStart().split(/[\s;|&]/, 1)[0] ?? '';
  if (first === cli || first.endsWith('/' + cli) || KNOWN_STARTS.has(first)) return line;
  // options alone take their subcommand from the name: `terraform_apply {args: ["-destroy"]}` is `terraform apply -destroy`
  const verb = first.startsWith('-') ? words[at + 1] : undefined;
  return field(verb === undefined ? `${cli} ${line}` : `${cli} ${verb} ${line}`);
}
/** First words that are programs of their own, not a subcommand of the CLI the tool is named for. */
const KNOWN_STARTS = new Set(['sh', 'bash', 'zsh', 'sudo', 'env', 'cd', 'echo', 'cat', 'curl', 'wget', 'python', 'python3', 'node', 'npm', 'npx', 'make', 'ls']);

/** `run_gcloud_command {args: [...]}`: an argv alone, its program given by the tool's name (cliLine). */
function argsOnly(args: Map<string, unknown>): string | undefined {
  for (const k of ARGV_KEYS) {
    const v = args.get(k);
    if (isWordList(v) && v.length > 0) return field(argvLine(v));
  }
  return undefined;
}

/** git server tools (`git_push {remote, branch, force}`, `git_remote {mode: "add", name, url}`, `git_diff {target}`): the git command each stands for. */
function gitTool(words: readonly string[], args: Map<string, unknown>): string | undefined {
  // a hosting API's forced ref update (`github.update_ref {ref: "heads/main", force: true}`) is a force push
  const forcedRef = words.includes('update') && words.includes('ref') && args.get('force') === true;
  if (!words.includes('git') && !forcedRef) return undefined;
  const one = (...keys: string[]) => str(args, ...keys);
  const list = (v: unknown) => (isWordList(v) ? v.slice(0, 256) : typeof v === 'string' ? [v] : []);
  let argv: string[] | undefined;
  if (forcedRef) argv = ['push', '--force', 'origin', `${one('sha') ?? 'HEAD'}:${(one('ref') ?? '').replace(/^(?:refs\/)?heads\//, '')}`];
  else if (words.includes('push')) argv = ['push', ...(args.get('force') === true ? ['--force'] : []), ...[one('remote'), one('branch', 'refspec')].filter((w): w is string => w !== undefined)];
  else if (words.includes('remote')) argv = ['remote', ...[one('mode', 'action') ?? 'add', one('name'), one('url')].filter((w): w is string => w !== undefined)];
  else if (words.includes('clone')) argv = ['clone', ...[one('url', 'repo_url', 'repository'), one('target', 'directory')].filter((w): w is string => w !== undefined)];
  else if (words.includes('diff') || words.includes('show') || words.includes('log')) argv = [words.find((w) => w === 'diff' || w === 'show' || w === 'log')!, ...list(args.get('target') ?? args.get('revision'))];
  else if (words.includes('add')) argv = ['add', ...list(args.get('files') ?? args.get('paths'))];
  // `git_config {key: "core.hooksPath", value: …, scope: "global"}`
  else if (words.includes('config') && one('key') !== undefined && one('value') !== undefined) argv = ['config', ...(one('scope') === 'global' ? ['--global'] : []), one('key')!, one('value')!];
  return argv === undefined ? undefined : field(argvLine(['git', ...argv]));
}

/**
 * Repository administration tools (`create_webhook`, `update_repository {private: false}`, `transfer_repository`,
 * branch protection, deploy keys): the `gh` command each stands for, so both meet the same rules.
 */
const PROTECTION_FIELDS = ['allow_force_pushes', 'allow_deletions', 'enforce_admins', 'required_pull_request_reviews', 'required_status_checks'];
function repositoryAdmin(words: readonly string[], args: Map<string, unknown>): string | undefined {
  const owner = str(args, 'owner', 'org', 'organization');
  const repo = str(args, 'repo', 'repository', 'name');
  if (owner === undefined || repo === undefined || /[\s/]/.test(owner + repo)) return undefined;
  const at = `repos/${owner}/${repo}`;
  const has = (...ws: string[]) => ws.some((w) => words.includes(w));
  let argv: string[] | undefined;
  if (has('webhook', 'hook') && has('create', 'add')) {
    const config = args.get('config');
    const url = str(args, 'url') ?? (isObject(config) ? str(byName(config), 'url') : undefined);
    if (url !== undefined) argv = ['api', '-X', 'POST', `${at}/hooks`, '-f', `config[url]=${url}`];
  } else if (has('transfer')) {
    const to = str(args, 'new_owner', 'newowner', 'target_owner');
    if (to !== undefined) argv = ['api', '-X', 'POST', `${at}/transfer`, '-f', `new_owner=${to}`];
  } else if (has('branch') && has('protection')) {
    const branch = str(args, 'branch') ?? 'main';
    // (switched off, `{enabled: false}`, is removed)
    if (has('delete', 'remove', 'disable') || args.get('enabled') === false) argv = ['api', '-X', 'DELETE', `${at}/branches/${branch}/protection`];
    else argv = ['api', '-X', 'PUT', `${at}/branches/${branch}/protection`, ...PROTECTION_FIELDS.flatMap((k) => (typeof args.get(k) === 'boolean' || args.get(k) === null ? ['-F', `${k}=${String(args.get(k))}`] : []))];
  } else if (has('deploy') && has('key') && has('add', 'create')) {
    argv = ['repo', 'deploy-key', 'add', '-', '--repo', `${owner}/${repo}`, ...(args.get('read_only') === false || args.get('readonly') === false ? ['--allow-write'] : [])];
  } else if (has('update', 'edit') && has('repository', 'repo')) {
    const visibility = str(args, 'visibility') ?? (args.get('private') === false ? 'public' : args.get('private') === true ? 'private' : undefined);
    if (visibility !== undefined) argv = ['repo', 'edit', `${owner}/${repo}`, '--visibility', visibility];
  }
  return argv === undefined ? undefined : field(argvLine(['gh', ...argv]));
}

/**
 * AWS services by the name their CLI gives them, as MCP tools name them: after `aws` (`aws.iam_create_access_key`),
 * or first when the name is AWS's alone (`ec2_terminate_instances`; a `config_set` or `logs_tail` tool is anyone's).
 */
const AWS_OWN_SERVICES = new Set(['iam', 'ec2', 's3', 's3api', 'rds', 'kms', 'lambda', 'cloudtrail', 'guardduty', 'secretsmanager', 'ssm', 'sts', 'dynamodb', 'organizations', 'ecr', 'eks', 'ecs', 'route53', 'cloudformation', 'securityhub', 'elasticache', 'redshift', 'wafv2']);
const AWS_SERVICES = new Set([...AWS_OWN_SERVICES, 'cloudwatch', 'logs', 'sns', 'sqs', 'config', 'backup', 'efs', 'glacier', 'acm']);
/** The verbs of AWS operations that only read. */
const AWS_READ_VERBS = new Set(['get', 'list', 'describe', 'head', 'simulate', 'lookup', 'search', 'scan', 'query', 'select']);
/** What `aws s3` does itself; every other S3 operation is an `aws s3api` call. */
const S3_COMMANDS = new Set(['ls', 'cp', 'mv', 'rm', 'sync', 'mb', 'rb', 'presign']);
/**
 * An AWS API tool (`aws.iam_attach_user_policy {UserName, PolicyArn}`): the `aws` command it stands for, its
 * parameters as the CLI's options (`--user-name`, `--policy-arn`), so both meet the same rules.
 */
function awsApiCall(toolWords: readonly string[], toolParams: JsonObject): string | undefined {
  // or a generic one that names them: `aws.call_api {service: "iam", operation: "CreateAccessKey", parameters: {…}}`
  const named = toolWords.includes('aws') && typeof toolParams.service === 'string' && typeof toolParams.operation === 'string';
  // (an MCP server named for the service, `mcp__iam__attach_user_policy`, serves that service's operations; its reads are
  // left to the rules about tools that read secrets or list accounts, and an operation carrying SQL is the query it runs)
  const served = !named && toolWords[0] === 'mcp';
  const words = named ? ['aws', ...nameWords(String(toolParams.service).slice(0, 64)), ...nameWords(String(toolParams.operation).slice(0, 128))] : served ? toolWords.slice(1) : toolWords;
  const params = named ? (isObject(toolParams.parameters) ? toolParams.parameters : {}) : toolParams;
  const at = words.indexOf('aws');
  const service = at >= 0 ? words[at + 1] : words[0];
  if (service === undefined || !(at >= 0 ? AWS_SERVICES : AWS_OWN_SERVICES).has(service)) return undefined;
  // a DynamoDB read is the query it amounts to (documentFind), so the column rules see which attributes it returns
  if (service === 'dynamodb' && typeof params.TableName === 'string' && words.some((w) => w === 'scan' || w === 'query')) return undefined;
  const op = words.slice((at >= 0 ? at + 1 : 0) + 1);
  if (op.length === 0 || (served && (AWS_READ_VERBS.has(op[0]!) || Object.keys(params).some((k) => /^(?:sql|statement|query)$/i.test(k))))) return undefined;
  // (AWS Config's CLI is `aws configservice`)
  const cli = service === 's3' && !S3_COMMANDS.has(op.join('-')) ? 's3api' : service === 'config' ? 'configservice' : service;
  const argv = ['aws', cli, op.join('-')];
  for (const key of Object.keys(params).slice(0, 64)) {
    const v = params[key];
    const flag = `--${kebab(key)}`;
    if (typeof v === 'string' || typeof v === 'number') argv.push(flag, field(String(v)));
    else if (v === true) argv.push(flag);
    else if (v === false) argv.push(`--no-${kebab(key)}`);
    else if (isWordList(v)) argv.push(flag, ...v.slice(0, 64).map(field));
    else if (v !== null && v !== undefined) argv.push(flag, field(JSON.stringify(v)));
  }
  return field(argvLine(argv));
}
/** Terraform's subcommands a tool may be named for, and its switches a tool may take as booleans. */
const TERRAFORM_VERBS = new Set(['apply', 'destroy', 'plan', 'import', 'refresh', 'taint', 'untaint', 'init']);
const TERRAFORM_SWITCHES: Readonly<Record<string, string>> = table({ auto_approve: '-auto-approve', autoapprove: '-auto-approve', auto_apply: '-auto-approve', destroy: '-destroy', is_destroy: '-destroy', refresh_only: '-refresh-only', force: '-force' });
const VARIABLE_NOUNS = new Set(['env', 'environment', 'variable', 'variables', 'var', 'vars', 'secret', 'secrets']);
const SETTING_VERBS = new Set(['set', 'add', 'create', 'update', 'upsert', 'put']);
/**
 * `variable_set {name: "NODE_OPTIONS", value: "--require /tmp/h.js"}`: a deployment's environment set through a
 * tool reads as the assignment it makes, so the rules about what a variable loads or changes see it.
 */
function deployedVariable(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.some((w) => VARIABLE_NOUNS.has(w)) || !words.some((w) => SETTING_VERBS.has(w))) return undefined;
  const name = str(args, 'name', 'key', 'variable', 'var_name', 'env_name');
  const value = str(args, 'value', 'val');
  return name !== undefined && value !== undefined && /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name) ? field(argvLine(['export', `${name}=${value}`])) : undefined;
}

/** `terraform_apply {auto_approve: true, destroy: true, var: {…}}`: the terraform command the tool stands for. */
function terraformTool(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.includes('terraform') && !words.includes('tofu')) return undefined;
  // a Terraform Cloud run (`create_run {is_destroy, auto_apply}`) plans, and applies when it is auto-applied
  const verb = words.find((w) => TERRAFORM_VERBS.has(w)) ?? (words.includes('run') ? (args.get('auto_apply') === true ? 'apply' : 'plan') : undefined);
  if (verb === undefined) return undefined;
  // the directory and workspace say which stack: `-chdir=infra/prod`, `TF_WORKSPACE=pr-482`
  const dir = str(args, 'working_dir', 'workingdir', 'working_directory', 'workingdirectory', 'dir', 'directory', 'path');
  const argv = [words.includes('tofu') ? 'tofu' : 'terraform', ...(dir === undefined ? [] : [`-chdir=${dir}`]), verb];
  for (const [k, v] of args) if (v === true && Object.hasOwn(TERRAFORM_SWITCHES, k)) argv.push(TERRAFORM_SWITCHES[k]!);
  const varFile = str(args, 'var_file', 'varfile');
  if (varFile !== undefined) argv.push(`-var-file=${varFile}`);
  const vars = args.get('var') ?? args.get('vars') ?? args.get('variables');
  if (isObject(vars)) for (const [k, v] of Object.entries(vars).slice(0, 64)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') argv.push('-var', field(`${k}=${String(v)}`));
  const workspace = str(args, 'workspace', 'workspace_name', 'workspace_id');
  return field((workspace !== undefined && /^[\w.-]{1,64}$/.test(workspace) ? `TF_WORKSPACE=${workspace} ` : '') + argvLine(argv));
}

/** `UserName`, `policyArn` and `instance_ids` as the CLI spells them: `user-name`, `policy-arn`, `instance-ids`. */
const kebab = (key: string) => key.slice(0, 128).replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();

/** `worker_put {script}`, `deploy_edge_function {files}`: the code of a worker or function is JavaScript, read as a Node one-liner. */
function deployedScript(words: readonly string[], args: Map<string, unknown>): string | undefined {
  // (an identity provider's login action runs as such a function: `auth0 deploy_action {code}`)
  if (!words.some((w) => w === 'worker' || w === 'workers' || w === 'function' || w === 'edge' || w === 'lambda') && !(words.includes('deploy') && words.includes('action'))) return undefined;
  const code = str(args, 'script', 'code', 'source', 'body', 'content');
  return code === undefined ? undefined : field(argvLine(['node', '-e', code]));
}

/**
 * Keys a device-management tool keeps the script in that it pushes to managed machines: Jamf's `script_contents`,
 * Intune's base64 `scriptContent` and a remediation's detection and remediation scripts, Fleet's `script_contents`.
 */
export const DEVICE_SCRIPT_KEYS = ['script_contents', 'scriptcontents', 'scriptcontent', 'detectionscriptcontent', 'remediationscriptcontent', 'run_command'];
/** …and one object down: a Jamf policy's `files_processes.run_command`, an extension attribute's `input_type.script`, a run-command package's `parameters.command`. */
const DEVICE_SCRIPT_HOLDERS = ['files_processes', 'input_type', 'parameters'];
/** Device-management and endpoint APIs whose JSON body is a script or remote-shell command for managed machines. */
const DEVICE_SCRIPT_API = /\/real-time-response\/|\/runliveresponse\b|\/deviceManagement\/device(?:Management|Shell|Health)Scripts\b|\/api\/(?:v1|latest)\/fleet\/scripts\/run\b|\/api\/v1\/scripts\b/;
/** PowerShell's own words, which no POSIX script has: a script without a shebang that has them is PowerShell's. */
const POWERSHELL_CODE = /\$env:|\b(?:IEX|Invoke-[A-Z]\w+|New-Object|(?:Set|Get|Add|Remove|Test|Start|Stop)-[A-Z]\w+)\b/;
/**
 * The script a device-management or endpoint tool runs on the machines it manages, as the shell line that runs it:
 * what it does there is what it would do here. Scripts given as base64 are read decoded; PowerShell through pwsh.
 * An endpoint agent's remote shell (CrowdStrike's RTR, Defender's live response, SentinelOne's file fetch, Tanium's
 * File Contents sensor) reads a file as `cat` would and runs a `runscript` or `run` line as written.
 */
function deviceScript(args: Map<string, unknown>): string | undefined {
  let code = str(args, ...DEVICE_SCRIPT_KEYS);
  for (const holder of DEVICE_SCRIPT_HOLDERS) {
    const o = args.get(holder);
    if (code === undefined && isObject(o)) code = str(byName(o), 'run_command', 'script', 'command');
  }
  if (code === undefined) return remoteShellLine(args);
  const packed = code.trim();
  const decoded = /^[A-Za-z0-9+/]{8,}={0,2}$/.test(packed) ? decodeBase64(packed) : undefined;
  if (decoded !== undefined) code = decoded;
  const powershell = !code.startsWith('#!') && (/\.ps1$/i.test(str(args, 'filename', 'file_name') ?? '') || POWERSHELL_CODE.test(code.slice(0, 4096)));
  return field(powershell ? argvLine(['pwsh', '-Command', code]) : code);
}

/** An endpoint agent's remote-shell command (`get <path>`, `runscript -Raw=```…```', `run <exe> -CommandLine="…"`), Defender's GetFile, a file fetch's list, a File Contents question. */
function remoteShellLine(args: Map<string, unknown>): string | undefined {
  const rtr = str(args, 'command_string');
  if (rtr !== undefined) {
    const raw = /^runscript\s+-Raw=```([\s\S]{1,16384}?)```/.exec(rtr);
    if (raw) return field(argvLine(['pwsh', '-Command', raw[1]!]));
    const get = /^get\s+"?([^"]{1,1024})"?\s*$/.exec(rtr);
    if (get) return field(argvLine(['cat', windowsPath(get[1]!)]));
    const run = /^run\s+(\S{1,1024})(?:\s+-CommandLine="([^"]{0,4096})")?/.exec(rtr);
    return run ? field(`${shellQuote(windowsPath(run[1]!))} ${run[2] ?? ''}`.trim()) : undefined;
  }
  const files: string[] = [];
  const commands = args.get('commands');
  if (Array.isArray(commands)) for (const c of commands.slice(0, 16)) if (isObject(c) && /^getfile$/i.test(String(c.type)) && Array.isArray(c.params)) for (const p of c.params.slice(0, 8)) if (isObject(p) && /^path$/i.test(String(p.key)) && typeof p.value === 'string') files.push(p.value);
  const data = args.get('data');
  if (/^fetch-files$/.test(str(args, 'action') ?? '') && isObject(data) && isWordList(data.files)) files.push(...data.files.slice(0, 16));
  const question = /\bGet File Contents\[([^\]]{1,1024})\]/i.exec(str(args, 'question_text', 'question') ?? '');
  if (question) files.push(question[1]!);
  return files.length > 0 ? field(argvLine(['cat', ...files.map(windowsPath)])) : undefined;
}
/** A Windows path as WSL reaches it (`C:\\Users\\x` → `/mnt/c/Users/x`), which the path rules know. */
function windowsPath(p: string): string {
  const m = /^([A-Za-z]):[\\/](.*)$/.exec(p);
  return m ? `/mnt/${m[1]!.toLowerCase()}/${m[2]!.replace(/\\/g, '/')}` : p;
}

/** How each language's one-liner is run from a shell, so code-execution tools meet the interpreter analysis. */
const RUNNERS: Readonly<Record<string, readonly string[]>> = table({
  python: ['python3', '-c'], python3: ['python3', '-c'], py: ['python3', '-c'],
  javascript: ['node', '-e'], js: ['node', '-e'], node: ['node', '-e'], nodejs: ['node', '-e'], typescript: ['node', '-e'],
  ruby: ['ruby', '-e'], perl: ['perl', '-e'], php: ['php', '-r'],
  bash: ['bash', '-c'], sh: ['sh', '-c'], shell: ['sh', '-c'], zsh: ['zsh', '-c'],
});

/**
 * Code handed to a code-execution tool (`{"code": …, "language": "python"}`, `run_python {code}`,
 * `execute_cell {source}`, `{python_code}`) or put in a notebook's code cell: the language from an argument, else
 * from the tool's name.
 */
function codeRun(words: readonly string[], args: Map<string, unknown>): string | undefined {
  // `python_code`, `js_code`: the argument's name says the language
  for (const lang in RUNNERS) {
    const code = str(args, `${lang}_code`);
    if (code !== undefined) return field(argvLine([...RUNNERS[lang]!, code]));
  }
  // a notebook's new code cell (`NotebookEdit {new_source, cell_type: "code"}`, a Jupyter server's `cell_source`) runs
  // in its kernel, Python unless told
  const cell = args.get('cell_type') === 'markdown' ? undefined : str(args, 'new_source', 'cell_source');
  const code = str(args, 'code', 'source', 'cell') ?? cell;
  if (code === undefined) return undefined;
  const said = str(args, 'language', 'lang', 'runtime', 'kernel')?.toLowerCase();
  const lang = said !== undefined ? (Object.hasOwn(RUNNERS, said) ? said : undefined) : words.find((w) => Object.hasOwn(RUNNERS, w)) ?? (cell !== undefined ? 'python' : guessedLanguage(words, code));
  if (lang === undefined) return undefined;
  return cell !== undefined && lang === 'python' ? notebookCell(code) : field(argvLine([...RUNNERS[lang]!, code]));
}

/**
 * A Python notebook cell as what its kernel runs: a `%%bash` or `%%sh` cell is a shell script, and each `!` line
 * a shell line beside the Python of the rest (IPython's shell escapes).
 */
function notebookCell(code: string): string {
  const lines = code.slice(0, 64 * 1024).split('\n');
  if (/^\s*%%(?:bash|sh|script\s+(?:ba)?sh)\b/.test(lines[0] ?? '')) return field(lines.slice(1).join('\n'));
  const shell = lines.filter((l) => /^\s*!/.test(l)).map((l) => l.replace(/^\s*!/, ''));
  const python = lines.filter((l) => !/^\s*!/.test(l)).join('\n');
  return field([...(python.trim() ? [argvLine(['python3', '-c', python])] : []), ...shell].join('\n'));
}

/** A code sandbox told no language (`e2b run_code {code}`) runs Python by default; its code says which when it can. */
function guessedLanguage(words: readonly string[], code: string): string | undefined {
  if (!words.some((w) => w === 'code' || w === 'interpreter' || w === 'sandbox' || w === 'notebook' || w === 'cell')) return undefined;
  const head = code.slice(0, 2048);
  if (/^\s*(?:import|from)\s+[\w.]+|\bprint\(|\bdef\s+\w+\(/m.test(head)) return 'python';
  if (/\brequire\(|\bconsole\.log\(|\bawait\s+fetch\(/.test(head)) return 'node';
  return undefined;
}

function isWordList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((w) => typeof w === 'string');
}

function shapeOf(name: string, params: unknown, tool: ToolInfo | undefined): ToolCall | undefined {
  if (!isObject(params)) return undefined;
  const args = byName(params);
  const words = nameWords(name);
  // a container tool's `command` runs inside the image it names, so the image is read first
  const command = browserScript(words, args) ?? typedCommand(words, args) ?? deployedScript(words, args) ?? deviceScript(args) ?? redisEval(words, args) ?? redisCommands(words, args) ?? containerStart(words, args) ?? terraformVerbCommand(words, args) ?? kubectlOptions(words, args) ?? cliLine(words, commandLine(args) ?? argsOnly(args)) ?? commandBySchema(params, tool) ?? codeRun(words, args) ?? clusterManifest(words, args) ?? kubectlTool(words, args) ?? gitTool(words, args) ?? repositoryAdmin(words, args) ?? awsApiCall(words, params) ?? terraformTool(words, args) ?? deployedVariable(words, args) ?? fileSearch(words, args) ?? contentSearch(words, args) ?? fileUpload(words, args);
  if (command !== undefined) return { kind: 'bash', command, args: [], env: {} };
  const written = fileFromList(args.get('files')) ?? fileFromList(args.get('sources')) ?? filesWritten(patchOf(args).map((f) => ({ path: f.path, content: f.added })));
  if (written !== undefined) return written;
  const request = apiProxyRequest(args);
  if (request !== undefined) return request;
  const path = str(args, ...PATH_KEYS);
  if (path !== undefined) {
    const content = str(args, ...CONTENT_KEYS) ?? editedText(args.get('edits')) ?? str(args, ...NEW_TEXT_KEYS);
    if (content !== undefined) return { kind: 'filesystem', operation: 'write', path, content };
    return fsCall(fileVerb(words), path);
  }
  // a move or copy is the `mv` or `cp` it stands for, so the rules see where the file came from as well as where it goes
  const destination = str(args, 'destination', 'target', 'to');
  const source = str(args, 'source', 'from');
  if (destination !== undefined && source !== undefined) return { kind: 'bash', command: field(argvLine([words.some((w) => w === 'move' || w === 'rename' || w === 'mv') ? 'mv' : 'cp', '--', source, destination])), args: [], env: {} };
  const many = pathFromList(args.get('paths'));
  if (many !== undefined) return fsCall('read', many);
  // (Gemini's web_fetch takes its addresses inside its prompt: the first is the page it fetches)
  const prompted = words.includes('fetch') ? str(args, 'prompt') : undefined;
  const url = str(args, 'url', 'uri') ?? (prompted === undefined ? undefined : firstUrl(prompted));
  // a browser or fetch tool sent to a file:// URL reads that file; to a javascript: URL, runs that script in the page
  if (url !== undefined && /^file:\/\//i.test(url)) return fsCall('read', fileUrlPath(url));
  if (url !== undefined && /^javascript:/i.test(url)) return { kind: 'bash', command: field(argvLine(['node', '-e', percentDecoded(url.slice(11))])), args: [], env: {} };
  if (url !== undefined && (url.startsWith('http://') || url.startsWith('https://') || !url.includes(':'))) {
    const body = requestBody(args);
    const method = (str(args, 'method') ?? (body !== undefined || words.some((w) => SENDING_WORDS.includes(w)) ? 'POST' : 'GET')).toUpperCase();
    return body === undefined ? { kind: 'network', method, url, headers: {} } : { kind: 'network', method, url, headers: {}, body };
  }
  // one statement, or a transaction's list of them (`run_sql_transaction {sqlStatements: [...]}`)
  const connection = databaseOf(args);
  const withConnection = (q: string): ToolCall => (connection === undefined ? { kind: 'database', query: q } : { kind: 'database', query: q, connection });
  const sql = str(args, 'sql', 'statement') ?? statements(args);
  if (sql !== undefined) return withConnection(sql);
  const query = str(args, 'query');
  if (query !== undefined && isSqlQuery(words, query, tool)) return withConnection(query);
  const found = documentFind(words, args) ?? documentUpdate(words, args);
  if (found !== undefined) return withConnection(found);
  return undefined;
}

/**
 * The database a tool's arguments name: a connection string, completed by a separate database name
 * (`{connection: "mongodb://localhost:27017", database: "dev"}`), or a host and a database alone.
 */
function databaseOf(args: Map<string, unknown>): string | undefined {
  const given = str(args, 'connection', 'connection_string', 'connectionstring', 'uri', 'url', 'dsn', 'database_url', 'databaseurl');
  const db = str(args, 'database', 'db', 'dbname', 'database_name');
  if (given !== undefined && /^[a-z][a-z0-9+]*:\/\//i.test(given)) return db !== undefined && /^[a-z][a-z0-9+]*:\/\/[^/]*\/?$/i.test(given) ? `${given.replace(/\/$/, '')}/${db}` : given;
  const host = str(args, 'host', 'hostname', 'server');
  return host !== undefined && db !== undefined ? `db://${host}/${db}` : given;
}

/** The database an Unknown call's arguments name, as a connection string. */
export const toolDatabase = (params: unknown): string | undefined => (isObject(params) ? databaseOf(byName(params)) : undefined);

/**
 * A document store's find (`mongodb find {collection, filter, projection}`) as the SELECT it amounts to, so the
 * rules about reading credential columns and tables judge both alike: `{collection: "users", projection:
 * {passwordHash: 1}}` reads `SELECT password_hash FROM users`.
 */
function documentFind(words: readonly string[], args: Map<string, unknown>): string | undefined {
  // DynamoDB names its table and the attributes it returns: `scan {TableName, ProjectionExpression: "email, password_hash"}`
  const table = str(args, 'tablename', 'table_name');
  const projected = str(args, 'projectionexpression', 'projection_expression');
  if (table !== undefined && /^[\w.-]{1,128}$/.test(table) && words.some((w) => w === 'scan' || w === 'query' || w === 'get' || w === 'batch')) {
    const fields = (projected ?? '').split(',').map((f) => f.trim()).filter((f) => /^[\w.]{1,64}$/.test(f)).slice(0, 64);
    return `SELECT ${fields.length ? fields.join(', ') : '*'} FROM ${table}`;
  }
  const collection = str(args, 'collection');
  if (collection === undefined || !/^[\w.-]{1,128}$/.test(collection) || !words.some((w) => w === 'find' || w === 'aggregate' || w === 'query')) return undefined;
  const projection = args.get('projection');
  // field names in SQL's spelling (`passwordHash` is password_hash), which the column rules know
  const fields = isObject(projection) ? Object.keys(projection).filter((k) => projection[k] && /^[\w.]{1,64}$/.test(k)).slice(0, 64).map(sqlName) : [];
  return `SELECT ${fields.length ? fields.join(', ') : '*'} FROM ${collection}${documentWhere(args.get('filter'))}`;
}

/** A field name in SQL's spelling: `passwordHash` is password_hash, which the column rules know. */
const sqlName = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const sqlValue = (v: string | number | boolean) => (typeof v === 'string' ? `'${v.replace(/'/g, "''").slice(0, 256)}'` : String(v));

/** A document filter as a WHERE clause: its plain fields compared, any other condition as a named one (it bounds the rows); none for `{}`. */
function documentWhere(filter: unknown): string {
  if (!isObject(filter) || Object.keys(filter).length === 0) return '';
  const where = Object.entries(filter).filter(([k, v]) => /^\w{1,64}$/.test(k) && (typeof v === 'string' || typeof v === 'number')).slice(0, 16).map(([k, v]) => `${k} = ${sqlValue(v as string | number)}`);
  return ` WHERE ${where.length ? where.join(' AND ') : 'document_filter'}`;
}

/**
 * A document store's update (`update-many {collection, filter: {}, update: {$set: {role: "admin"}}}`) as the UPDATE it
 * amounts to, so an admin flag raised, a password hash written or every document changed is judged as in SQL.
 */
function documentUpdate(words: readonly string[], args: Map<string, unknown>): string | undefined {
  const collection = str(args, 'collection');
  const update = args.get('update');
  if (collection === undefined || !/^[\w.-]{1,128}$/.test(collection) || !words.includes('update') || !isObject(update) || !isObject(update.$set)) return undefined;
  const set = Object.entries(update.$set).filter(([k, v]) => /^[\w.]{1,64}$/.test(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')).slice(0, 32);
  return set.length ? `UPDATE ${collection} SET ${set.map(([k, v]) => `${sqlName(k)} = ${sqlValue(v as string | number | boolean)}`).join(', ')}${documentWhere(args.get('filter'))}` : undefined;
}

const fsCall = (operation: FsOperation, path: string): ToolCall => ({ kind: 'filesystem', operation, path });

function fileUrlPath(url: string): string {
  const path = url.replace(/^file:\/\/(?:localhost)?/i, '').replace(/[?#].*$/, '');
  return percentDecoded(path);
}

/** Words of a tool's name that say it drives a web page, whose `script` is JavaScript for that page. */
export const BROWSER_WORDS: ReadonlySet<string> = new Set(['puppeteer', 'playwright', 'browser', 'page', 'chrome', 'chromium', 'selenium', 'webdriver', 'devtools', 'stagehand', 'browserbase']);

/** A browser tool that does one of `actions` (`browser_click`, `puppeteer_evaluate`), by the words of its name. */
export function browserDoes(toolName: string, actions: ReadonlySet<string>): boolean {
  const words = nameWords(toolName);
  return words.some((w) => BROWSER_WORDS.has(w)) && words.some((w) => actions.has(w));
}

/** `puppeteer_evaluate {script}`, `browser_evaluate {function}`: page JavaScript, read as a Node one-liner. */
function browserScript(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.some((w) => BROWSER_WORDS.has(w)) || !words.some((w) => w === 'evaluate' || w === 'eval' || w === 'script' || w === 'execute')) return undefined;
  const code = str(args, 'script', 'expression', 'function', 'code', 'js');
  return code === undefined ? undefined : field(argvLine(['node', '-e', code]));
}

/**
 * A computer-use tool typing a line and Enter (`{action: "type", text: "curl … | sh\n"}`): in a terminal, that is the
 * command it runs, so it is read as one; a line without a space (a name, a password) is left as text.
 */
function typedCommand(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.includes('computer') || str(args, 'action') !== 'type') return undefined;
  const text = str(args, 'text');
  return text !== undefined && /[\r\n]$/.test(text) && /\S\s+\S/.test(text.trim()) && !text.includes('\t') ? text.trim() : undefined;
}

/** `kubectl_apply {manifest}`: the manifest is what `kubectl apply -f -` would be fed, read as a heredoc that cannot end early. */
function clusterManifest(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.some((w) => w === 'kubectl' || w === 'kubernetes' || w === 'k8s') || !words.some((w) => w === 'apply' || w === 'create')) return undefined;
  // a manifest given as an object is the JSON kubectl reads as well as YAML
  const given = ['manifest', 'yaml', 'spec', 'resource'].map((k) => args.get(k)).find((v) => v !== undefined);
  const manifest = str(args, 'manifest', 'yaml', 'spec', 'resource') ?? (isObject(given) ? field(JSON.stringify(given)) : undefined);
  if (manifest === undefined) return undefined;
  let end = 'MANIFEST';
  while (manifest.includes(end) && end.length < 64) end += '_';
  return manifest.includes(end) ? undefined : field(`kubectl ${words.includes('create') ? 'create' : 'apply'} -f - <<'${end}'\n${manifest}\n${end}`);
}

/**
 * `search_files {path: "/home", pattern: "{id_rsa,*.pem}"}`, Claude Code's `Glob {pattern, path}`: a search for
 * files by name is the `find` it stands for, so what it looks for, and where, is judged as typed.
 */
function fileSearch(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.some((w) => w === 'glob' || ((w === 'files' || w === 'file') && words.some((v) => v === 'search' || v === 'find')))) return undefined;
  const pattern = str(args, 'pattern', 'glob');
  if (pattern === undefined || pattern.length > 512 || /\s/.test(pattern)) return undefined;
  // the name part: after the last `/` before any brace (`**/{id_rsa,*.pem}`, `src/**/*.{ts,tsx}`)
  const leaf = pattern.slice(pattern.lastIndexOf('/', pattern.indexOf('{') < 0 ? pattern.length : pattern.indexOf('{')) + 1);
  const names = expandBraces(leaf).slice(0, 16).map((n) => n.slice(n.lastIndexOf('/') + 1)).filter(Boolean);
  if (names.length === 0) return undefined;
  const argv = ['find', str(args, 'path', 'root', 'directory', 'dir', 'cwd') ?? '.', ...names.flatMap((n, k) => (k === 0 ? ['-name', n] : ['-o', '-name', n]))];
  return field(argvLine(argv));
}

/** The agents' `Grep {pattern, path}`: the recursive grep it stands for, so a hunt for keys across homes is read as one. */
function contentSearch(words: readonly string[], args: Map<string, unknown>): string | undefined {
  // (Gemini CLI's is `search_file_content`)
  if (!words.includes('grep') && !(words.includes('search') && words.includes('content'))) return undefined;
  const pattern = str(args, 'pattern', 'regex', 'query');
  if (pattern === undefined || pattern.length > 1024) return undefined;
  return field(argvLine(['grep', '-rE', '--', pattern, str(args, 'path', 'directory', 'dir', 'cwd') ?? '.']));
}

/** `redis eval {script, numkeys}`: the EVAL it sends, so the commands its Lua script calls are read. */
function redisEval(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.some((w) => w === 'redis' || w === 'valkey') || !words.includes('eval')) return undefined;
  const script = str(args, 'script', 'lua', 'code');
  const keys = args.get('numkeys');
  return script === undefined ? undefined : field(argvLine(['redis-cli', 'EVAL', script, typeof keys === 'number' || typeof keys === 'string' ? String(keys) : '0']));
}

/**
 * `execute_pipeline {commands: ["CONFIG SET dir /root/.ssh", …]}`, `{commands: [["CONFIG", "SET", …], …]}`: each command
 * as its own `redis-cli` line, so a pipeline that rewrites the server's dump file is read as the lines that would.
 */
function redisCommands(words: readonly string[], args: Map<string, unknown>): string | undefined {
  // a list of commands, or one with its arguments (`execute {command: "CONFIG", args: ["SET", "dir", …], host}`), which
  // is Redis' and not a shell line
  const one = args.get('command');
  const rest = args.get('args');
  const list = args.get('commands') ?? (typeof one === 'string' ? [isWordList(rest) ? [one, ...rest] : one] : undefined);
  if (!words.some((w) => w === 'redis' || w === 'valkey') || !Array.isArray(list)) return undefined;
  const host = str(args, 'host', 'hostname');
  return redisLines(['redis-cli', ...(host !== undefined ? ['-h', host] : [])], list);
}

/** Redis commands, as text or as words, each as the `redis-cli` line (`cli`) that sends it, one line each. */
function redisLines(cli: string[], commands: readonly unknown[]): string | undefined {
  const lines = commands.slice(0, 64).map((c) => (typeof c === 'string' ? `${argvLine(cli)} ${c.slice(0, 4096)}` : isWordList(c) ? argvLine([...cli, ...c.slice(0, 64)]) : undefined)).filter((l): l is string => l !== undefined);
  return lines.length > 0 ? field(lines.join('\n')) : undefined;
}

/** `upload_file {url, file_path}`: a local file sent to an address is `curl -F file=@…`, so the rules see which file leaves for where. */
function fileUpload(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.includes('upload')) return undefined;
  const url = str(args, 'url', 'uri', 'endpoint');
  const file = str(args, 'file_path', 'filepath', 'local_path', 'file', 'path');
  return url !== undefined && /^https?:\/\//.test(url) && file !== undefined && !file.includes('://') ? field(argvLine(['curl', '-F', `file=@${file}`, url])) : undefined;
}

/** `terraform_run {command: "destroy", auto_approve: true}`: a bare subcommand with switches beside it, read as the terraform tool it is. */
function terraformVerbCommand(words: readonly string[], args: Map<string, unknown>): string | undefined {
  const verb = str(args, 'command', 'subcommand');
  return verb !== undefined && TERRAFORM_VERBS.has(verb) && args.get('args') === undefined ? terraformTool([...words.filter((w) => !TERRAFORM_VERBS.has(w)), verb], args) : undefined;
}

const KUBECTL_VERBS = new Set(['get', 'delete', 'describe', 'scale', 'rollout', 'cordon', 'drain', 'uncordon', 'create']);
/**
 * `kubectl_delete {resourceType: "namespace", name: "production"}`: the kubectl command a cluster tool stands for,
 * so what it does to which resource in which namespace is judged as typed.
 */
function kubectlTool(words: readonly string[], args: Map<string, unknown>): string | undefined {
  // (or a bare `resources_delete {apiVersion, kind, name}`: an object named as the Kubernetes API names it)
  if (!words.some((w) => w === 'kubectl' || w === 'kubernetes' || w === 'k8s') && !(args.has('apiversion') && args.has('kind'))) return undefined;
  // a command run in a pod (`exec_in_pod {pod, namespace, command: ["cat", "/vault/data/.root-token"]}`) is `kubectl exec`
  const command = args.get('command');
  const pod = str(args, 'pod', 'podname', 'pod_name', 'name');
  if (words.includes('exec') && pod !== undefined && (isWordList(command) || typeof command === 'string')) {
    const ns = str(args, 'namespace');
    return field(argvLine(['kubectl', 'exec', ...(ns === undefined ? [] : ['-n', ns]), pod, '--', ...(typeof command === 'string' ? ['sh', '-c', command] : command.slice(0, 64))]));
  }
  // a pod started from an image (`pods_run {image, name, namespace}`) is `kubectl run` (a command given with it is read
  // by itself, as typed, before this)
  const image = str(args, 'image');
  if (words.includes('run') && image !== undefined) {
    const ns = str(args, 'namespace');
    return field(argvLine(['kubectl', 'run', pod ?? 'pod', `--image=${image}`, ...(ns === undefined ? [] : ['-n', ns])]));
  }
  const resource = str(args, 'resourcetype', 'resource_type', 'kind', 'resource');
  // a patch (`kubectl_patch {resourceType, name, patchType, patchData}`) is `kubectl patch … -p`, its data the JSON given
  const patch = args.get('patchdata') ?? args.get('patch');
  if (words.includes('patch') && resource !== undefined && patch !== undefined) {
    const ns = str(args, 'namespace');
    const type = str(args, 'patchtype', 'type');
    const data = typeof patch === 'string' ? patch : JSON.stringify(patch);
    const name = str(args, 'name');
    return field(argvLine(['kubectl', 'patch', resource.toLowerCase(), ...(name === undefined ? [] : [name]), ...(ns === undefined ? [] : ['-n', ns]), ...(type === undefined ? [] : ['--type', type]), '-p', data]));
  }
  // (`resources_list`, `pods_get`: the Kubernetes MCP server's tools name the verb as a list or a read)
  const verb = words.find((w) => KUBECTL_VERBS.has(w)) ?? (words.some((w) => w === 'list' || w === 'read') ? 'get' : undefined);
  if (verb === undefined || (resource === undefined && verb !== 'cordon' && verb !== 'drain' && verb !== 'uncordon')) return undefined;
  const argv = ['kubectl', verb];
  const sub = str(args, 'subcommand', 'action');
  if (verb === 'rollout' && sub !== undefined) argv.push(sub);
  // kinds are named as the API spells them (`Secret`), which kubectl reads in any case
  if (resource !== undefined) argv.push(resource.toLowerCase());
  const name = str(args, 'name', 'node', 'nodename');
  if (name !== undefined) argv.push(name);
  const ns = str(args, 'namespace');
  if (ns !== undefined) argv.push('-n', ns);
  if (args.get('allnamespaces') === true || args.get('all_namespaces') === true) argv.push('--all-namespaces');
  const output = str(args, 'output');
  if (output !== undefined) argv.push('-o', output);
  const replicas = args.get('replicas');
  if (typeof replicas === 'number' || typeof replicas === 'string') argv.push(`--replicas=${String(replicas)}`);
  // and the command line's own options, given as a list (`args: ["--clusterrole=cluster-admin", …]`)
  const extra = args.get('args');
  if (isWordList(extra)) argv.push(...extra.slice(0, 64));
  return field(argvLine(argv));
}

/** A cluster tool given its resource and name apart from a list of options (`kubectl_create {resourceType, name, args: ["--clusterrole=…"]}`). */
function kubectlOptions(words: readonly string[], args: Map<string, unknown>): string | undefined {
  const extra = args.get('args');
  return isWordList(extra) && extra.length > 0 && extra.every((w) => w.startsWith('-')) ? kubectlTool(words, args) : undefined;
}

/** `create-container {image, command}` of a Docker server: the `docker run` it stands for, so an image or command is judged as typed. */
function containerStart(words: readonly string[], args: Map<string, unknown>): string | undefined {
  if (!words.includes('container') || !words.some((w) => w === 'create' || w === 'run' || w === 'start')) return undefined;
  const image = str(args, 'image');
  if (image === undefined) return undefined;
  const cmd = args.get('command');
  const run = isWordList(cmd) ? cmd : typeof cmd === 'string' ? ['sh', '-c', cmd] : [];
  return field(argvLine(['docker', 'run', '-d', image, ...run]));
}

/**
 * A list of files written at once (`push_files {files: [{path, content}]}`): the first that lands where
 * something runs it (an rc file, a hook, a CI pipeline), else the first.
 */
function fileFromList(v: unknown): ToolCall | undefined {
  const files: Array<{ path: string; content: string }> = [];
  // a deploy's or a package's files by name (`publish_package {files: {"package.json": "…", "scripts/setup.js": "…"}}`)
  if (isObject(v) && !Array.isArray(v)) {
    for (const [path, content] of Object.entries(v).slice(0, 256)) if (typeof content === 'string' && isFileName(path)) files.push({ path, content });
    return filesWritten(files);
  }
  if (!Array.isArray(v)) return undefined;
  for (const f of v.slice(0, 256)) if (isObject(f)) {
    const e = byName(f);
    // (a deploy tool's entries name their file `file` or `name` and carry it as `data`: `{file: "middleware.ts", data: "…"}`)
    const path = str(e, ...PATH_KEYS) ?? [str(e, 'file'), str(e, 'name')].find((x) => x !== undefined && isFileName(x));
    const content = str(e, ...CONTENT_KEYS) ?? str(e, 'data');
    if (path !== undefined && content !== undefined) files.push({ path, content });
  }
  return filesWritten(files);
}
/** A file's name or path: a name with an extension, a path, or a build file's own name (`index.ts`, `scripts/setup.js`, `Dockerfile`). */
const isFileName = (k: string) => /^[\w.@~/-]{1,255}$/.test(k) && (k.includes('/') || /\.[A-Za-z0-9]{1,10}$/.test(k) || /^(?:Dockerfile|Makefile|Procfile|Gemfile|Jenkinsfile)$/.test(k));

/** Files written with their content: one file is a write, several a script writing each. */
function filesWritten(files: ReadonlyArray<{ path: string; content: string }>): ToolCall | undefined {
  if (files.length === 0) return undefined;
  if (files.length === 1) return { kind: 'filesystem', operation: 'write', path: files[0]!.path, content: files[0]!.content };
  // several files are read as a script writing each one, so every file meets the rules about written text:
  // a package.json whose postinstall runs scripts/setup.js, pushed beside the setup.js that fetches a payload.
  // Files that land where something runs them go first, and the script stays under the line bound (the rest
  // are still read as the call's text).
  let script = '';
  for (const f of [...files.filter((x) => runsLater(x.path)), ...files.filter((x) => !runsLater(x.path))].slice(0, 16)) {
    let end = 'EOF';
    for (let k = 0; f.content.includes(end) && k < 8; k++) end = `EOF_${k}_${f.content.length}`;
    const part = `cat > ${shellQuote(f.path)} <<'${end}'\n${f.content}\n${end}\n`;
    if (f.content.includes(end) || script.length + part.length > MULTI_FILE_SCRIPT_CHARS) continue;
    script += part;
  }
  if (script !== '') return { kind: 'bash', command: script, args: [], env: {} };
  const f = files.find((x) => runsLater(x.path)) ?? files[0]!;
  return { kind: 'filesystem', operation: 'write', path: f.path, content: f.content };
}
/** Below the shell view's 64 KiB line bound, so a push of ordinary files is not read as padding. */
const MULTI_FILE_SCRIPT_CHARS = 48 * 1024;

/** Words of a tool's name that say its request sends something (`http_post`, `uploadFile`). */
const SENDING_WORDS = ['post', 'put', 'patch', 'upload', 'send', 'submit', 'webhook'];

/** A request's body under the names HTTP tools give it; an object body is sent as its JSON. */
/** The hosts of the APIs a generic proxy tool names by kind (`apiType: "graph"`) or by the path it calls. */
const PROXIED_APIS: ReadonlyArray<{ kind: RegExp; path?: RegExp; base: (version: string | undefined) => string }> = [
  { kind: /^(?:graph|msgraph|microsoft-?graph)$/i, base: (v) => `https://graph.microsoft.com/${v ?? 'v1.0'}` },
  { kind: /^(?:azure|arm|azure-?resource-?manager)$/i, base: () => 'https://management.azure.com' },
  { kind: /^$/, path: /^\/admin\/(?:directory|reports|datatransfer)\//, base: () => 'https://admin.googleapis.com' },
];
/**
 * A generic API tool's request (Lokka's `{apiType: "graph", method, path, body}`, a Workspace tool's `{method, path,
 * api}`) as the HTTP request it makes, to the API's own host: its path is a URL path, not a file.
 */
function apiProxyRequest(args: Map<string, unknown>): ToolCall | undefined {
  const method = str(args, 'method')?.toUpperCase();
  const path = str(args, 'path', 'endpoint');
  if (method === undefined || !/^(?:GET|POST|PUT|PATCH|DELETE)$/.test(method) || path === undefined || !path.startsWith('/')) return undefined;
  const kind = str(args, 'apitype', 'api_type') ?? '';
  const api = str(args, 'api', 'service', 'host');
  const version = str(args, 'graphapiversion', 'apiversion', 'version');
  const proxied = PROXIED_APIS.find((a) => a.kind.test(kind) && (a.path === undefined || a.path.test(path)));
  const base = proxied?.base(kind === '' ? undefined : version) ?? (api !== undefined && /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:googleapis\.com|microsoft\.com|okta\.com|auth0\.com)$/i.test(api) ? `https://${api}` : undefined);
  if (base === undefined) return undefined;
  const body = requestBody(args);
  const url = field(base + path);
  return body === undefined ? { kind: 'network', method, url, headers: {} } : { kind: 'network', method, url, headers: {}, body };
}
function requestBody(args: Map<string, unknown>): string | undefined {
  for (const k of ['body', 'data', 'payload', 'json']) {
    const v = args.get(k);
    if (typeof v === 'string') return field(v);
    if (isObject(v) || Array.isArray(v)) {
      try {
        return field(JSON.stringify(v));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A file tool's verb, from the words of its name (`read_text_file`, `listDirectory`), first match wins. */
const FILE_VERBS: ReadonlyArray<[FsOperation, readonly string[]]> = [
  ['delete', ['delete', 'remove', 'rm', 'unlink', 'trash']],
  ['write', ['write', 'edit', 'append', 'save', 'patch', 'replace', 'move', 'rename', 'copy', 'upload']],
  ['create', ['create', 'mkdir', 'make', 'new', 'touch']],
  ['list', ['list', 'ls', 'search', 'find', 'glob', 'tree', 'directory', 'dir', 'stat', 'info']],
  ['read', ['read', 'get', 'cat', 'head', 'tail', 'open', 'view', 'show', 'load', 'download']],
];

function fileVerb(words: readonly string[]): FsOperation {
  for (const [op, verbs] of FILE_VERBS) if (words.some((w) => verbs.includes(w))) return op;
  return 'read';
}

/** Words that say a `query` argument is SQL rather than a search phrase. */
const SQL_WORDS = ['sql', 'database', 'db', 'postgres', 'postgresql', 'mysql', 'mariadb', 'sqlite', 'mssql', 'oracle', 'sqlcl', 'bigquery', 'snowflake', 'duckdb', 'motherduck', 'clickhouse', 'redshift', 'trino', 'athena', 'cockroachdb', 'cql', 'cassandra', 'cypher', 'neo4j', 'table', 'tables'];
/**
 * Openings no search phrase has, for a `query` of a tool nothing describes: the first two words of
 * the statement. A verb alone is not enough (`truncate long strings`, `update my profile`).
 */
const SQL_OPENINGS = new Set([
  'select *', 'select count', 'select distinct', 'insert into', 'delete from', 'replace into', 'truncate table', 'merge into',
  'drop table', 'drop database', 'drop schema', 'drop view', 'drop index', 'drop user', 'drop role', 'drop owned',
  'alter table', 'alter user', 'alter role', 'alter database', 'alter system',
  'create table', 'create user', 'create role', 'create database', 'create function', 'create trigger', 'create extension',
  'grant all', 'grant select', 'grant insert', 'grant update', 'grant delete', 'grant usage', 'grant execute', 'revoke all',
  'create policy', 'alter policy', 'drop policy', 'create view', 'create schema', 'create procedure', 'create secret', 'create share',
  'alter account', 'alter share', 'drop function', 'drop trigger', 'drop extension',
  'attach database', 'load data', 'pragma key',
]);

function statements(args: Map<string, unknown>): string | undefined {
  for (const k of ['sqlstatements', 'sql_statements', 'statements', 'queries']) {
    const v = args.get(k);
    if (isWordList(v) && v.length > 0) return field(v.slice(0, 256).join(';\n'));
  }
  return undefined;
}

function isSqlQuery(words: readonly string[], query: string, tool: ToolInfo | undefined): boolean {
  if (toolText(words, tool).some((w) => SQL_WORDS.includes(w))) return true;
  if (tool?.description !== undefined || tool?.inputSchema !== undefined) return false;
  const head = query.trimStart().slice(0, 200).toLowerCase();
  // `UPDATE users SET role = 'admin'`: the table between the verb and SET, as no sentence has it
  if (/^update\s+[\w."]+\s+set\s/.test(head)) return true;
  const [verb = '', next = ''] = head.slice(0, 64).split(/\s+/, 2);
  // `count(*)` and `*,` count by their word
  return SQL_OPENINGS.has(`${verb} ${next.startsWith('*') ? '*' : leadingLetters(next)}`);
}

function leadingLetters(w: string): string {
  let end = 0;
  while (end < w.length && w.charCodeAt(end) >= 0x61 && w.charCodeAt(end) <= 0x7a) end++;
  return w.slice(0, end);
}

/** `read_text_file`, `listDirectory`, `mcp__fs__write_file` → lower-case words, split without a regex over model text. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let cur = '';
  let prevLower = false;
  for (let i = 0; i < name.length && i < 256; i++) {
    const ch = name[i]!;
    const lower = ch.toLowerCase();
    const isAlnum = (lower >= 'a' && lower <= 'z') || (ch >= '0' && ch <= '9');
    if (!isAlnum) {
      if (cur) words.push(cur);
      cur = '';
    } else if (ch !== lower && prevLower) {
      // camelCase boundary: `listDirectory` → list, directory (an acronym such as SQL stays whole)
      words.push(cur);
      cur = lower;
    } else cur += lower;
    prevLower = isAlnum && ch === lower && ch !== ch.toUpperCase();
  }
  if (cur) words.push(cur);
  return words;
}

function schemaProperties(tool: ToolInfo | undefined): Array<[string, unknown]> {
  const schema = tool?.inputSchema;
  return isObject(schema) && isObject(schema.properties) ? Object.entries(schema.properties).slice(0, 64) : [];
}

/** The words a tool is known by: its name's words, its description and its arguments' names and descriptions (bounded). */
function toolText(nameWordList: readonly string[], tool: ToolInfo | undefined): string[] {
  const words = [...nameWordList];
  const add = (t: unknown) => {
    if (typeof t === 'string') words.push(...nameWords(t.slice(0, 2048)));
  };
  add(tool?.description);
  for (const [k, v] of schemaProperties(tool)) {
    add(k);
    if (isObject(v)) add(v.description);
  }
  return words;
}

/** edit_file-style edits (`[{oldText, newText}]`, `[{old_string, new_string}]`): what would be written. */
function editedText(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const parts: string[] = [];
  for (const e of v.slice(0, 1000)) if (isObject(e)) {
    const t = str(byName(e), ...NEW_TEXT_KEYS);
    if (t !== undefined) parts.push(t);
  }
  return parts.length ? field(parts.join('\n')) : undefined;
}

/** A change to one file: the lines or text it takes out and puts in. */
export interface FileEdit {
  path: string;
  removed: string;
  added: string;
}

const PATCH_KEYS = ['input', 'patch', 'diff'];
/** Keys of the text an in-place edit takes out, beside NEW_TEXT_KEYS. */
const OLD_TEXT_KEYS = ['oldtext', 'old_string', 'old_text', 'old_str'];

/**
 * The files a patch changes, with the lines it removes and adds: Codex's `*** Begin Patch` envelope (`*** Update File:`,
 * `*** Add File:`) or a unified diff (`+++ b/path`). At most 256 files and the patch's first 256 KiB.
 */
function patchOf(args: Map<string, unknown>): FileEdit[] {
  const text = str(args, ...PATCH_KEYS);
  return text === undefined || !(text.startsWith('*** Begin Patch') || /^(?:diff --git |--- )/m.test(text.slice(0, 4096))) ? [] : patchFiles(text);
}

/** Read once per patch text: the call's reading and the rules about edits both ask. */
const patchFiles = perCall((text: string): FileEdit[] => {
  const out: FileEdit[] = [];
  let cur: { path: string; removed: string[]; added: string[] } | undefined;
  const close = () => {
    if (cur) out.push({ path: cur.path, removed: cur.removed.join('\n'), added: cur.added.join('\n') });
    cur = undefined;
  };
  for (const line of text.slice(0, 256 * 1024).split('\n')) {
    const header = /^\*\*\* (?:Update|Add) File: (.+)$/.exec(line)?.[1] ?? /^\+\+\+ (?:b\/)?(.+)$/.exec(line)?.[1];
    if (header !== undefined) {
      close();
      if (out.length >= 256) break;
      cur = header === '/dev/null' ? undefined : { path: header.trim(), removed: [], added: [] };
    } else if (line.startsWith('*** ') || line.startsWith('--- ') || line.startsWith('diff --git ')) close();
    else if (cur && line.startsWith('+')) cur.added.push(line.slice(1));
    else if (cur && line.startsWith('-')) cur.removed.push(line.slice(1));
  }
  close();
  return out;
});

/**
 * What an edit tool changes in each file: `Edit {file_path, old_string, new_string}`, a list of edits (`MultiEdit`,
 * `edit_file {edits: [{oldText, newText}]}`), or a patch (`apply_patch`). Rules about weakened code compare the two.
 */
export const fileEdits = perCall((call: UnknownCall): FileEdit[] => {
  if (!isObject(call.params)) return [];
  const args = byName(call.params);
  const path = str(args, ...PATH_KEYS);
  const pair = (e: Map<string, unknown>, at: string | undefined): FileEdit[] => {
    const added = str(e, ...NEW_TEXT_KEYS);
    return at !== undefined && added !== undefined ? [{ path: at, removed: str(e, ...OLD_TEXT_KEYS) ?? '', added }] : [];
  };
  const edits = args.get('edits');
  const listed = Array.isArray(edits) ? edits.slice(0, 1000).flatMap((e) => (isObject(e) ? pair(byName(e), path) : [])) : [];
  // a whole file written (`Write {file_path, content}`) replaces nothing the rules can compare
  const content = path === undefined ? undefined : str(args, ...CONTENT_KEYS);
  return [...pair(args, path), ...listed, ...patchOf(args), ...(content !== undefined ? [{ path: path!, removed: '', added: content }] : [])];
});

const RUN_WORDS = ['shell', 'bash', 'sh', 'zsh', 'terminal', 'run', 'execute', 'exec', 'powershell'];

/**
 * An argument the tool's schema describes as a command to run (`{"line": {"description": "Shell
 * command to execute"}}`), whatever its name: the words command and run/shell/execute in its
 * description. Only string arguments, and only the first 64 the schema lists.
 */
function commandBySchema(input: JsonObject, tool: ToolInfo | undefined): string | undefined {
  for (const [key, schema] of schemaProperties(tool)) {
    if (typeof input[key] !== 'string' || !isObject(schema) || typeof schema.description !== 'string') continue;
    const words = nameWords(schema.description.slice(0, 2048));
    if ((words.includes('command') || words.includes('commands')) && words.some((w) => RUN_WORDS.includes(w))) return field(input[key] as string);
  }
  return undefined;
}
