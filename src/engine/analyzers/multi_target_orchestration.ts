import { ruleAnalyzer, type AnalysisInput, type Rule } from '../rule.js';
import { HOUR_MS, SWEEP_PHASES, callPhases, callSecrets, isIpLiteral, sessionStats } from '../session-stats.js';
import { sessionAfter } from './session-examples.js';

/**
 * One session reaching for many targets: secrets of several kinds, or host after host. Each call of a
 * sweep may look like routine access; the count is the signal. A rule fires only on the call that adds
 * a new target, so a sweep is not re-reported on every later call.
 */

/** How long a touched target stays part of a sweep. */
const SWEEP_WINDOW_MS = HOUR_MS;
/** Distinct secret files, of at least CREDENTIAL_KINDS kinds (four .env variants of one project are not a sweep). */
const CREDENTIAL_FILES = 4;
const CREDENTIAL_KINDS = 2;
/** Distinct remote hosts reached by scanning or remote-access tools. */
const HOSTS = 8;

/** Tools that reach a host to scan it or to act on it. */
const SWEEP_TOOLS = new Set([
  'ssh', 'scp', 'sftp', 'sshpass', 'rsync', 'telnet', 'nc', 'ncat', 'netcat', 'socat', 'nmap', 'masscan', 'zmap', 'rustscan', 'ping', 'fping', 'hping3',
  'rdesktop', 'xfreerdp', 'evil-winrm', 'crackmapexec', 'nxc', 'netexec', 'smbclient', 'rpcclient', 'psexec.py', 'wmiexec.py', 'smbexec.py', 'mysql', 'psql', 'redis-cli', 'mongo', 'mongosh',
]);

const recent = (now: number, at: number): boolean => now - at <= SWEEP_WINDOW_MS;

/** The reference time of a session with history; a single call reaching many targets is the per-call analyzers' case. */
const sessionNow = (i: AnalysisInput): number | undefined => (i.context.history.length > 0 ? i.context.now : undefined);

function credentialSweep(i: AnalysisInput): string | undefined {
  const now = sessionNow(i);
  if (now === undefined) return undefined;
  const mine = callSecrets(i);
  if (mine.size === 0) return undefined;
  const earlier = sessionStats(i.context).secretFiles;
  const added = [...mine.keys()].filter((p) => !earlier.has(p));
  if (added.length === 0) return undefined;
  const kinds = new Map(mine);
  for (const [path, { kind, at }] of earlier) if (recent(now, at)) kinds.set(path, kind);
  if (kinds.size < CREDENTIAL_FILES || new Set(kinds.values()).size < CREDENTIAL_KINDS) return undefined;
  return `${kinds.size} secret files this session, now ${added.join(', ')}: ${[...kinds.keys()].slice(0, 8).join(', ')}`;
}

function hostSweep(i: AnalysisInput): string | undefined {
  const now = sessionNow(i);
  if (now === undefined) return undefined;
  const sweeping = SWEEP_PHASES.some((t) => callPhases(i).has(t));
  const mine = new Set(i.facts.destinations.filter((d) => d.kind !== 'loopback' && (sweeping || SWEEP_TOOLS.has(d.cmd?.name ?? ''))).map((d) => d.host.toLowerCase()));
  if (mine.size === 0) return undefined;
  const earlier = sessionStats(i.context).sweptHosts;
  const added = [...mine].filter((h) => !earlier.has(h));
  if (added.length === 0) return undefined;
  const hosts = new Set(mine);
  for (const [h, at] of earlier) if (recent(now, at)) hosts.add(h);
  return hosts.size >= HOSTS ? `${hosts.size} hosts reached this session, now ${added.join(', ')}` : undefined;
}

/** Example sessions: one earlier call a minute for each target. */
const touched = (...targets: string[]) => sessionAfter(targets.map((t, k) => ({ ago: (targets.length - k) * 60_000, targets: [t], tactics: isIpLiteral(t) ? [] : ['credential_access'] })));
const subnet = (n: number) => Array.from({ length: n }, (_, k) => `10.0.0.${k + 1}`);

export const MULTI_TARGET_ORCHESTRATION_RULES: readonly Rule[] = [
  {
    id: 'PX-MTO-001', name: 'credential-sweep', score: 65, tactic: 'credential_access', technique: 'T1552.001',
    message: 'Reaches for another kind of secret in a session that has already touched several', why: 'SSH keys, cloud credentials, kubeconfig and tokens one after another is a harvest: no task needs every credential on the machine.',
    check: credentialSweep,
    examples: {
      fire: [{ call: 'cat ~/.kube/config', context: touched('~/.aws/credentials', '~/.ssh/id_rsa', '.env') }, { call: { Filesystem: { operation: 'Read', path: '/home/u/.docker/config.json' } }, context: touched('~/.npmrc', '~/.git-credentials', '~/.aws/credentials') }],
      quiet: ['cat ~/.kube/config', { call: 'cat ~/.kube/config', context: touched('~/.aws/credentials', '~/.ssh/id_rsa', '~/.kube/config', '.env') }, { call: 'cat config/.env.production', context: touched('.env', 'config/.env.local', 'config/.env.test') }, { call: 'cat ~/.kube/config', context: touched('~/.aws/credentials', '~/.ssh/id_rsa') }],
    },
  },
  {
    id: 'PX-MTO-002', name: 'host-sweep', score: 55, tactic: 'lateral_movement', technique: 'T1021',
    message: 'Reaches yet another host in a session that has already reached many', why: 'Logging in to or probing host after host across a network is how an intruder maps and spreads; a developer works with a handful of machines.',
    check: hostSweep,
    examples: {
      fire: [{ call: 'ssh root@10.0.0.9', context: touched(...subnet(7)) }, { call: 'nc -zv 10.0.0.42 22', context: touched(...subnet(10)) }],
      quiet: ['ssh root@10.0.0.9', { call: 'ssh root@10.0.0.3', context: touched(...subnet(7)) }, { call: 'curl http://10.0.0.9:8080/health', context: touched(...subnet(7)) }, { call: 'ssh root@10.0.0.9', context: touched(...subnet(5)) }],
    },
  },
];

export const multiTargetOrchestration = ruleAnalyzer('multi_target_orchestration', MULTI_TARGET_ORCHESTRATION_RULES);
