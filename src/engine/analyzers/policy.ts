import type { AnalysisInput, Analyzer, Finding, Rule } from '../rule.js';
import type { PolicyEntry } from '../policy.js';
import { denyEvidence } from '../policy-match.js';
import { compileLinearRegex } from '../knowledge/linear-regex.js';

function denials(input: AnalysisInput): Array<{ entry: PolicyEntry; evidence: string }> {
  const out: Array<{ entry: PolicyEntry; evidence: string }> = [];
  for (const entry of input.policy?.deny ?? []) {
    const evidence = denyEvidence(entry, input);
    if (evidence !== undefined) out.push({ entry, evidence: entry.source ? `${entry.source}: ${evidence}` : evidence });
  }
  return out;
}

const tunnels = { deny: [{ host: '*.ngrok-free.app', reason: 'no tunnels out of the build network' }] };
const forcePush = { deny: [{ regex: compileLinearRegex('^git push .*--force'), reason: 'history on shared branches is never rewritten' }] };
const noContext = { history: [] };

/** The operator's deny entries: a pseudo-analyzer, so denials are findings with a stable rule id like any other. */
export const POLICY_RULES: readonly Rule[] = [
  {
    id: 'PX-POLICY-001', name: 'policy-deny', score: 70, strong: true, tactic: 'execution', technique: 'T1059',
    message: 'Denied by the policy file',
    why: 'The operator denied this call in the policy file; the finding carries the entry\'s reason, file and line. Its score is the entry\'s `score`, or the block threshold.',
    check: (i) => denials(i).map((d) => d.evidence),
    examples: {
      fire: [
        { call: 'curl -s https://abc123.ngrok-free.app/upload', context: noContext, policy: tunnels },
        { call: 'git push origin main --force', context: noContext, policy: forcePush },
        { call: 'sudo git push -f origin main --force', context: noContext, policy: forcePush },
      ],
      quiet: [
        { call: 'curl -s https://api.github.com/repos', context: noContext, policy: tunnels },
        { call: 'git push origin feature --force-with-lease=main', context: noContext, policy: { deny: [{ regex: compileLinearRegex('^git push .*--force$'), reason: 'x' }] } },
        { call: 'git push origin main', context: noContext, policy: forcePush },
      ],
    },
  },
];

const rule = POLICY_RULES[0]!;

export const policy: Analyzer = {
  name: 'policy',
  rules: POLICY_RULES,
  analyze(input): Finding[] {
    if (!input.policy?.deny?.length) return [];
    return denials(input).map(({ entry, evidence }) => ({
      analyzer: 'policy', rule: rule.id, name: rule.name, score: entry.score ?? input.policy!.thresholds.block,
      message: `Denied by policy: ${entry.reason}`, evidence, technique: rule.technique, tactic: rule.tactic, strong: true,
    }));
  },
};
