import { ruleAnalyzer, type AnalysisInput, type Rule } from '../rule.js';
import type { SimpleCommand } from '../shell/types.js';
import type { SessionContext } from '../session.js';

/** Calls in the last minute at or above which a session is running at machine speed. */
const BURST_PER_MINUTE = 30;
/** Coefficient of variation of inter-call gaps below which timing is machine-regular. */
const REGULAR_CV = 0.15;

const NETWORK_PROBES = new Set(['ping', 'nc', 'ncat', 'netcat', 'curl', 'wget', 'ssh', 'nmap', 'host', 'dig', 'nslookup', 'telnet', 'fping', 'hping3', 'arping', 'traceroute']);
const LOOP_SOURCES = new Set(['seq', 'jot']);

/** A loop that walks an address range (`for i in $(seq 1 254); do ping -c1 10.0.0.$i; done`). */
function sweepsRange(input: AnalysisInput): string | undefined {
  const cmds = input.view?.commands ?? [];
  const source = cmds.find((c) => LOOP_SOURCES.has(c.name) && c.argv.some((a) => /^\d{2,5}$/.test(a) && Number(a) >= 20));
  const braces = input.view?.steps.some((s) => s.kind === 'brace-expansion' && /\.\.\d{2,}|\d{2,}\b/.test(s.detail) && /\d+\.\d+\.\d+\./.test(s.detail));
  if (!source && !braces) return undefined;
  const probe = cmds.find((c: SimpleCommand) => NETWORK_PROBES.has(c.name) && c.argv.some((a, i) => c.dynamic[i] || /\d+\.\d+\.\d+\./.test(a)));
  return probe ? `${source ? source.argv.join(' ') + ' → ' : ''}${probe.argv.join(' ')}` : undefined;
}

/** Calls of this session within the minute before `now`, and whether their spacing is metronomic. */
function burst(input: AnalysisInput): string | undefined {
  const { history, now } = input.context;
  if (now === undefined || history.length < BURST_PER_MINUTE) return undefined;
  const recent = history.filter((e) => e.at <= now && now - e.at <= 60_000).map((e) => e.at).sort((a, b) => a - b);
  if (recent.length < BURST_PER_MINUTE) return undefined;
  const gaps = recent.slice(1).map((t, i) => t - recent[i]!);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
  const cv = mean > 0 ? sd / mean : 0;
  return cv <= REGULAR_CV ? `${recent.length} calls in the last minute, interval ${Math.round(mean)} ms ± ${Math.round(sd)} ms` : undefined;
}

/** A session of `n` calls `gapMs` apart (± `jitterMs`), ending just before `now`: for examples. */
function sessionOf(n: number, gapMs: number, jitterMs: number): SessionContext {
  const now = 1_800_000_000_000;
  const history = Array.from({ length: n }, (_, i) => ({
    at: now - (n - i) * gapMs + ((i * 7919) % (2 * jitterMs + 1)) - jitterMs,
    tool: 'bash', score: 0, decision: 'Allow', tactics: [], rules: [], targets: [],
  }));
  return { now, history };
}

export const AI_VELOCITY_RULES: readonly Rule[] = [
  {
    id: 'PX-VEL-001', name: 'scripted-address-sweep', score: 80, tactic: 'discovery', technique: 'T1018',
    message: 'Loops a network probe over an address range', why: 'A generated loop over a whole subnet is automated reconnaissance, not a developer checking one service.',
    alternative: 'Probe the one host and port you need (nc -z host port).',
    check: sweepsRange,
    examples: { fire: ['for i in $(seq 1 254); do ping -c1 -W1 10.0.0.$i; done', 'for i in $(seq 1 254); do nc -zv 192.168.1.$i 22; done 2>&1 | grep succeeded', 'for h in 10.0.0.{1..254}; do ping -c1 $h; done'], quiet: ['for i in $(seq 1 5); do curl -s http://localhost:3000/health; sleep 1; done', 'for f in *.json; do jq . "$f"; done', 'seq 1 100 | xargs -n1 echo'] },
  },
  {
    id: 'PX-VEL-002', name: 'machine-speed-burst', score: 45, tactic: 'execution', technique: 'T1059',
    message: 'The session issues calls at machine speed with metronomic timing', why: 'Dozens of calls a minute at fixed intervals is an autonomous loop, the tempo of automated intrusion campaigns.',
    check: burst,
    examples: {
      fire: [{ call: 'ls', context: sessionOf(150, 400, 0) }, { call: 'cat a.txt', context: sessionOf(60, 900, 20) }],
      quiet: ['ls', { call: 'ls', context: sessionOf(150, 400, 390) }, { call: 'ls', context: sessionOf(20, 2000, 0) }],
    },
  },
];

export const aiVelocity = ruleAnalyzer('ai_velocity', AI_VELOCITY_RULES);
