import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Thresholds } from '../engine/score.js';
import type { AnalyzerName } from '../engine/rule.js';
import type { PolicyEntry } from '../engine/policy.js';
import { ConfigError } from '../config/error.js';
import { parseSource, type Format, type ParsedSource } from './source.js';
import { POLICY_SCHEMA, describeIssue, type PolicyDocument } from './schema.js';

/** A policy is a short list of entries; anything bigger is a mistake (or not a policy). */
export const MAX_POLICY_BYTES = 1024 * 1024;

const FORMATS: Record<string, Format> = { '.yaml': 'yaml', '.yml': 'yaml', '.toml': 'toml' };

/** A validated policy file, compiled for the engine; every entry knows its `file:line`. */
export interface PolicyFile {
  path: string;
  thresholds: Partial<Record<keyof Thresholds, { value: number; line: number }>>;
  disabledAnalyzers: AnalyzerName[];
  /** Allow entries, then exceptions, each in file order. */
  allow: PolicyEntry[];
  deny: PolicyEntry[];
}

/**
 * Reads, parses and validates a policy file. Throws ConfigError listing every problem, each as
 * `path:LINE: key.path: problem`.
 */
export function loadPolicyFile(path: string): PolicyFile {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) throw new ConfigError(`${path}: a policy file must end in .yaml, .yml or .toml`);
  const text = readPolicyText(path);
  const parsed = parseSource(text, format);
  if (Array.isArray(parsed)) throw new ConfigError(parsed.map((p) => `${path}:${p.line}: syntax error: ${p.message}`));
  // an empty file (or one with only comments) is an empty policy
  const data = parsed.data ?? {};
  const result = POLICY_SCHEMA.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => describeIssue(issue, data)).map((p) => ({ line: parsed.line(p.path.map(segment), p.key), text: `${keyPath(p.path)}${p.problem}` }));
    problems.sort((a, b) => a.line - b.line);
    throw new ConfigError(problems.map((p) => `${path}:${p.line}: ${p.text}`));
  }
  return compile(path, result.data, parsed);
}

function readPolicyText(path: string): string {
  try {
    const size = statSync(path).size;
    if (size > MAX_POLICY_BYTES) throw new ConfigError(`${path}: the policy file is ${size} bytes; the limit is ${MAX_POLICY_BYTES} (1 MiB)`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(`${path}: cannot read the policy file (${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message})`);
  }
}

const segment = (s: PropertyKey): string | number => (typeof s === 'number' ? s : String(s));

/** `['allow', 0, 'rule']` → `allow[0].rule: `; nothing for the document itself. */
function keyPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const s of path) out += typeof s === 'number' ? `[${s}]` : `${out ? '.' : ''}${String(s)}`;
  return out ? `${out}: ` : '';
}

function compile(path: string, doc: PolicyDocument, src: ParsedSource): PolicyFile {
  const at = (section: string, i: number) => `${path}:${src.line([section, i])}`;
  const thresholds: PolicyFile['thresholds'] = {};
  for (const k of ['alert', 'block', 'terminate'] as const) {
    const value = doc.thresholds?.[k];
    if (value !== undefined) thresholds[k] = { value, line: src.line(['thresholds', k]) };
  }
  return {
    path,
    thresholds,
    disabledAnalyzers: doc.disabled_analyzers ?? [],
    allow: [
      ...(doc.allow ?? []).map(({ rule, ...e }, i) => ({ ...e, ...(rule === undefined ? {} : { rules: [rule] }), source: at('allow', i) })),
      ...(doc.exceptions ?? []).map((e, i) => ({ ...e, source: at('exceptions', i) })),
    ],
    deny: (doc.deny ?? []).map((e, i) => ({ ...e, source: at('deny', i) })),
  };
}
