import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import formats from 'ajv-formats';

// The schema declares draft-07, which ajv's default class implements; its `uri`, `uri-reference` and
// `date-time` formats need ajv-formats, or ajv would reject the schema in strict mode.
const schema: unknown = JSON.parse(readFileSync(new URL('../schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true });
// under NodeNext TypeScript types this CJS default import as the module object; `.default` is the plugin
formats.default(ajv);
const validate = ajv.compile(schema as object);

const describe = (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? `: ${String(e.params.additionalProperty)}` : ''}`;

/** Errors against the OASIS SARIF 2.1.0 schema, as "<JSON pointer> <problem>"; empty when valid. */
export function validateSarif(log: unknown): string[] {
  return validate(log) ? [] : (validate.errors ?? []).map(describe);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | undefined => {
  const t = obj(v)?.text;
  return typeof t === 'string' && t !== '' ? t : undefined;
};

/** Why `uri` would not resolve against the repository root on GitHub, or undefined when it would. */
function uriProblem(uri: unknown): string | undefined {
  if (typeof uri !== 'string' || uri === '') return 'is missing';
  if (uri.includes('\\')) return `"${uri}" has a backslash (use /)`;
  if (uri.startsWith('/')) return `"${uri}" is absolute (make it relative to the repository root)`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return `"${uri}" has a scheme (make it relative to the repository root)`;
  return undefined;
}

function checkRule(rule: unknown, at: string): string[] {
  const r = obj(rule);
  if (!r) return [`${at} is not an object`];
  const errors: string[] = [];
  if (typeof r.id !== 'string' || r.id === '') errors.push(`${at}.id is missing or empty`);
  for (const field of ['shortDescription', 'fullDescription', 'help'] as const) {
    if (!text(r[field])) errors.push(`${at}.${field}.text is missing or empty`);
  }
  const severity = obj(r.properties)?.['security-severity'];
  if (severity !== undefined) {
    // GitHub maps this string to critical/high/medium/low and ignores anything else
    const n = typeof severity === 'string' && /^\d+(\.\d+)?$/.test(severity) ? Number(severity) : NaN;
    if (!(n >= 0.1 && n <= 10)) errors.push(`${at}.properties["security-severity"] must be a string number from "0.1" to "10.0", got ${JSON.stringify(severity)}`);
  }
  return errors;
}

function checkResult(result: unknown, at: string, ruleIds: ReadonlySet<string>): string[] {
  const r = obj(result);
  if (!r) return [`${at} is not an object`];
  const errors: string[] = [];
  if (typeof r.ruleId !== 'string' || !ruleIds.has(r.ruleId)) errors.push(`${at}.ruleId ${JSON.stringify(r.ruleId)} names no rule in tool.driver.rules`);
  if (!text(r.message)) errors.push(`${at}.message.text is missing or empty`);
  // GitHub shows a result at its first location only
  const physical = obj(obj(list(r.locations)[0])?.physicalLocation);
  if (!physical) errors.push(`${at}.locations[0].physicalLocation is missing`);
  else {
    const problem = uriProblem(obj(physical.artifactLocation)?.uri);
    if (problem) errors.push(`${at}.locations[0].physicalLocation.artifactLocation.uri ${problem}`);
    const line = obj(physical.region)?.startLine;
    if (!(typeof line === 'number' && Number.isInteger(line) && line >= 1)) errors.push(`${at}.locations[0].physicalLocation.region.startLine must be an integer >= 1`);
  }
  // without one, the REST upload cannot tell a moved alert from a new one
  if (Object.keys(obj(r.partialFingerprints) ?? {}).length === 0) errors.push(`${at}.partialFingerprints has no entry`);
  return errors;
}

/**
 * What GitHub code scanning requires beyond the schema (shared/INTEGRATIONS.md (g)): described rules,
 * results tied to a rule, a repository-relative location and a fingerprint. Empty when it would accept the log.
 */
export function checkGitHubSarif(log: unknown): string[] {
  const runs = obj(log)?.runs;
  if (!Array.isArray(runs) || runs.length === 0) return ['runs is missing or empty'];
  return runs.flatMap((run, i) => {
    const driver = obj(obj(obj(run)?.tool)?.driver);
    if (!driver) return [`runs[${i}].tool.driver is missing`];
    const errors: string[] = [];
    if (typeof driver.name !== 'string' || driver.name === '') errors.push(`runs[${i}].tool.driver.name is missing or empty`);
    if (!Array.isArray(driver.rules)) errors.push(`runs[${i}].tool.driver.rules is missing`);
    const rules = list(driver.rules);
    errors.push(...rules.flatMap((rule, j) => checkRule(rule, `runs[${i}].tool.driver.rules[${j}]`)));
    const ruleIds = new Set(rules.map((rule) => obj(rule)?.id).filter((id): id is string => typeof id === 'string'));
    const results = obj(run)?.results;
    if (!Array.isArray(results)) errors.push(`runs[${i}].results is missing`);
    errors.push(...list(results).flatMap((result, j) => checkResult(result, `runs[${i}].results[${j}]`, ruleIds)));
    return errors;
  });
}
