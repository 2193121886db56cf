import * as z from 'zod/mini';
import { ALL_ANALYZERS } from '../engine/analyzers/index.js';
import { ANALYZERS, type AnalyzerName } from '../engine/rule.js';
import { canonicalPath } from '../engine/knowledge/paths.js';
import { compileLinearRegex, RegexSyntaxError } from '../engine/knowledge/linear-regex.js';

let ruleIds: Set<string> | undefined;
const knownRule = (id: string) => (ruleIds ??= new Set(ALL_ANALYZERS.flatMap((a) => a.rules.map((r) => r.id)))).has(id);

/** Deny entries are the policy file's own; switching them off is done by deleting them. */
const ANALYZER_NAMES = ANALYZERS.filter((a) => a !== 'policy');

function refined<T>(check: (v: T) => string | undefined) {
  return z.check<T>((ctx) => {
    const problem = check(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });
}

const ruleId = z.string().check(z.trim(), z.toUpperCase(), refined((id: string) => (knownRule(id) ? undefined : `unknown rule id "${id}" (\`proxilion rules\` lists them)`)));

const analyzerName = z.pipe(
  z.string().check(z.trim(), refined((n: string) => ((ANALYZER_NAMES as readonly string[]).includes(n) ? undefined : `unknown analyzer "${n}"; one of ${ANALYZER_NAMES.join(', ')}`))),
  z.transform((n: string) => n as AnalyzerName),
);

const nonEmpty = z.string().check(z.trim(), z.minLength(1));
const names = z.array(nonEmpty).check(z.minLength(1));

/** `terraform destroy` → its words; each word may hold `*`. */
const commandPattern = z.pipe(nonEmpty, z.transform((s: string) => s.split(/\s+/)));

/** Written like the engine's canonical paths: `/home/me/x`, `$HOME/x` and `~/x` all mean `~/x`. */
const pathGlob = z.pipe(nonEmpty, z.transform((s: string) => canonicalPath(s)));

const hostGlob = z.string().check(z.trim(), z.toLowerCase(), refined((h: string) => (/^[a-z0-9*?.:[\]-]+$/.test(h) ? undefined : `"${h}" is not a host name or host glob (like *.corp.example)`)));

const regex = z.pipe(
  nonEmpty,
  z.transform((s: string, ctx) => {
    try {
      return compileLinearRegex(s);
    } catch (e) {
      if (!(e instanceof RegexSyntaxError)) throw e;
      ctx.issues.push({ code: 'custom', message: `regex not accepted: ${e.message}`, input: s });
      return z.NEVER;
    }
  }),
);

const REASON_REQUIRED = 'is required: say why this entry exists';
const reason = z.string({ error: (iss) => (iss.input === undefined ? REASON_REQUIRED : undefined) }).check(z.trim(), z.minLength(1));

const conditions = {
  command: z.optional(commandPattern),
  path: z.optional(pathGlob),
  host: z.optional(hostGlob),
  regex: z.optional(regex),
  users: z.optional(names),
  agents: z.optional(names),
  reason,
};

/** An entry-level rule over raw keys: runs even when a field is invalid, so every problem shows at once. */
function needsOneOf(keys: readonly string[], problem: string) {
  return z.refine<object>((e) => e === null || typeof e !== 'object' || keys.some((k) => (e as Record<string, unknown>)[k] !== undefined), { error: problem, when: () => true });
}

const allowEntry = z.strictObject({ rule: z.optional(ruleId), ...conditions }).check(
  needsOneOf(['rule', 'command', 'path', 'host', 'regex'], 'an allow entry needs a rule or a condition (command, path, host, regex); without one it would allow everything'),
);

/** A score threshold in the policy file: a number, as the environment's text form accepts (config/values.ts). */
const thresholdNumber = z.number().check(z.gte(0), z.lte(100));

const denyEntry = z.strictObject({ ...conditions, score: z.optional(thresholdNumber) }).check(
  needsOneOf(['command', 'path', 'host', 'regex'], 'a deny entry needs a condition: command, path, host or regex'),
);

const exception = z.strictObject({ ...conditions, rules: z.array(ruleId).check(z.minLength(1)) }).check(
  needsOneOf(['users', 'agents'], 'an exception needs users or agents (an entry for everyone belongs under allow)'),
);

export const POLICY_SCHEMA = z.strictObject({
  version: z.optional(z.literal(1)),
  thresholds: z.optional(z.strictObject({ alert: z.optional(thresholdNumber), block: z.optional(thresholdNumber), terminate: z.optional(thresholdNumber) })),
  disabled_analyzers: z.optional(z.array(analyzerName)),
  allow: z.optional(z.array(allowEntry)),
  deny: z.optional(z.array(denyEntry)),
  exceptions: z.optional(z.array(exception)),
});

export type PolicyDocument = z.output<typeof POLICY_SCHEMA>;

type Issue = z.core.$ZodIssue;
type Path = ReadonlyArray<PropertyKey>;

/** One problem per issue (one per key for unknown keys), in words an operator can act on. */
export function describeIssue(issue: Issue, data: unknown): Array<{ path: Path; key: boolean; problem: string }> {
  const at = valueAt(data, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = keysAt(issue.path);
      return issue.keys.map((k) => ({ path: [...issue.path, k], key: true, problem: `unknown key${allowed ? ` (expected ${allowed.join(', ')})` : ''}` }));
    }
    case 'invalid_type': {
      const problem = at === undefined ? (issue.message === REASON_REQUIRED ? REASON_REQUIRED : 'is required') : `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}; got ${show(at)}`;
      return [{ path: issue.path, key: false, problem }];
    }
    case 'invalid_value':
      return [{ path: issue.path, key: false, problem: `must be ${issue.values.length === 1 ? show(issue.values[0]) : `one of ${issue.values.map(show).join(', ')}`}; got ${show(at)}` }];
    case 'too_small':
      return [{ path: issue.path, key: false, problem: issue.origin === 'number' ? `must be at least ${issue.minimum}; got ${show(at)}` : issue.origin === 'array' ? 'must list at least one entry' : 'must not be empty' }];
    case 'too_big':
      return [{ path: issue.path, key: false, problem: `must be at most ${issue.maximum}; got ${show(at)}` }];
    default:
      return [{ path: issue.path, key: false, problem: issue.message }];
  }
}

const TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', array: 'a list', object: 'a mapping of keys to values', boolean: 'true or false' };

function show(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}

function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  return v;
}

/** The keys the schema accepts at a path, for "unknown key" messages. */
function keysAt(path: Path): string[] | undefined {
  let s: unknown = POLICY_SCHEMA;
  const def = (x: unknown) => (x as { _zod: { def: Record<string, unknown> } })._zod.def;
  const unwrap = (x: unknown): unknown => {
    for (let d = def(x); d.type === 'optional' || d.type === 'pipe'; d = def(x)) x = d.type === 'optional' ? d.innerType : d.in;
    return x;
  };
  for (const seg of path) {
    s = unwrap(s);
    const d = def(s);
    s = d.type === 'array' ? d.element : d.type === 'object' ? (d.shape as Record<string, unknown>)[String(seg)] : undefined;
    if (s === undefined) return undefined;
  }
  const d = def(unwrap(s));
  return d.type === 'object' ? Object.keys(d.shape as object) : undefined;
}
