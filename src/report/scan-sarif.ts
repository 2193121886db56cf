import type { Rule } from '../engine/rule.js';
import type { VerdictFinding } from '../engine/verdict.js';
import type { FlaggedCall, ScanReport } from '../scan/model.js';

/** SARIF levels by decision: GitHub shows error and warning as alerts, note as a hint. */
const LEVEL = { Allow: 'note', Alert: 'warning', Block: 'error', Terminate: 'error' } as const;

/** GitHub's security-severity (0.1–10): the rule's score out of 100, scaled. */
const severity = (score: number): string => (Math.min(100, Math.max(1, score)) / 10).toFixed(1);

function descriptor(id: string, rule: Rule | undefined, seen: VerdictFinding) {
  const name = rule?.name ?? seen.name;
  const message = rule?.message ?? seen.message;
  const why = rule?.why ?? `${seen.analyzer} analyzer finding.`;
  const score = rule?.score ?? seen.score;
  const alternative = rule?.alternative ? `\n\nSafer: ${rule.alternative}` : '';
  const help = `${message}. ${why}${alternative}\n\nRun proxilion rules ${id} for its examples; a reviewed false positive is allowed by this id in the policy file.`;
  return {
    id,
    name,
    shortDescription: { text: message },
    fullDescription: { text: `${message}. ${why}` },
    help: { text: help, markdown: help.replace(/\n/g, '  \n') },
    defaultConfiguration: { level: score >= 70 ? 'error' : 'warning' },
    properties: {
      tags: ['security', `attack/${rule?.technique ?? seen.technique}`, `tactic/${rule?.tactic ?? seen.tactic}`],
      precision: 'high',
      'security-severity': severity(score),
    },
  };
}

/** A file path as a SARIF artifact URI: relative paths stay relative (GitHub wants repository-relative ones). */
function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  return file.startsWith('/') ? `file://${encoded}` : encoded;
}

function result(c: FlaggedCall, f: VerdictFinding) {
  const where = c.at ? ` at ${c.at}` : '';
  return {
    ruleId: f.rule,
    level: LEVEL[c.decision],
    message: { text: `${f.message}: ${f.evidence}. Session ${c.session_id}${where}, ${c.decision} (score ${c.threat_score}): ${c.summary}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(c.file) }, region: { startLine: Math.max(1, c.line) } } }],
    partialFingerprints: { 'proxilionCall/v1': `${c.fingerprint}:${f.rule}` },
    properties: { session_id: c.session_id, decision: c.decision, threat_score: c.threat_score, ...(c.outcome ? { outcome: c.outcome } : {}) },
  };
}

/** SARIF 2.1.0 as GitHub code scanning accepts it: one result per finding of each flagged call. */
export function renderSarif(report: ScanReport, ruleById: (id: string) => Rule | undefined): string {
  const rules = new Map<string, ReturnType<typeof descriptor>>();
  const results = [];
  for (const c of report.findings) {
    for (const f of c.findings) {
      if (!rules.has(f.rule)) rules.set(f.rule, descriptor(f.rule, ruleById(f.rule), f));
      results.push(result(c, f));
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'proxilion', semanticVersion: report.tool.version, rules: [...rules.values()].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true })) } },
        automationDetails: { id: 'proxilion/scan/' },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
