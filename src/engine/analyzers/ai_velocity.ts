import { ruleAnalyzer, type AnalysisInput, type Rule } from '../rule.js';
import type { SimpleCommand } from '../shell/types.js';
import { sessionPace } from '../session-stats.js';
import { sessionOf } from './session-examples.js';

/** Calls in the last minute at or above which a session is running at machine speed. */
const BURST_PER_MINUTE = 30;
/** Coefficient of variation of inter-call gaps below which timing is machine-regular. */
const REGULAR_CV = 0.15;

/** Probes of one address each, database clients among them (a loop of `redis-cli -h $h INFO` is a scan for open servers). */
const NETWORK_PROBES = new Set(['ping', 'nc', 'ncat', 'netcat', 'curl', 'wget', 'ssh', 'nmap', 'host', 'dig', 'nslookup', 'telnet', 'fping', 'hping3', 'arping', 'traceroute', 'psql', 'mysql', 'mariadb', 'redis-cli', 'valkey-cli', 'mongosh', 'mongo', 'cqlsh', 'clickhouse-client']);
const LOOP_SOURCES = new Set(['seq', 'jot']);

/** One address written out whole (`10.0.0.5`, `127.0.0.1:3306`), not a stem a loop completes (`10.0.0.{}`). */
const FIXED_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?$/;

/** A URL whose host is written out, its expansions only in the path or query. */
function pathOnlyVaries(word: string): boolean {
  const m = /^[a-z]+:\/\/([^/?#]*)/i.exec(word.slice(0, 512));
  return m !== null && !m[1]!.includes('$');
}

/** A loop that walks an address range (`for i in $(seq 1 254); do ping -c1 10.0.0.$i; done`). */
function sweepsRange(input: AnalysisInput): string | undefined {
  const cmds = input.view?.commands ?? [];
  const source = cmds.find((c) => LOOP_SOURCES.has(c.name) && c.argv.some((a) => /^\d{2,5}$/.test(a) && Number(a) >= 20));
  const braces = input.view?.steps.some((s) => s.kind === 'brace-expansion' && /\.\.\d{2,}|\d{2,}\b/.test(s.detail) && /\d+\.\d+\.\d+\./.test(s.detail));
  if (!source && !braces) return undefined;
  // a loop that varies a URL's path (`https://tiles.example/12/$x/$y.png`) probes one host, not a range
  // (a fixed address repeated, `nc -z 127.0.0.1 3306 && break`, waits for one service)
  const probe = cmds.find((c: SimpleCommand) => NETWORK_PROBES.has(c.name) && c.argv.some((a, i) => (c.dynamic[i] && !pathOnlyVaries(a)) || (/\d+\.\d+\.\d+\./.test(a) && !FIXED_ADDRESS.test(a))));
  return probe ? `${source ? source.argv.join(' ') + ' → ' : ''}${probe.argv.join(' ')}` : undefined;
}

/** Calls of this session within the minute before `now`, and whether their spacing is metronomic. */
function burst(input: AnalysisInput): string | undefined {
  if (input.context.history.length < BURST_PER_MINUTE) return undefined;
  const { calls, meanGapMs, sdGapMs } = sessionPace(input.context).lastMinute;
  if (calls < BURST_PER_MINUTE) return undefined;
  const cv = meanGapMs > 0 ? sdGapMs / meanGapMs : 0;
  return cv <= REGULAR_CV ? `${calls} calls in the last minute, interval ${Math.round(meanGapMs)} ms ± ${Math.round(sdGapMs)} ms` : undefined;
}

export const AI_VELOCITY_RULES: readonly Rule[] = [
  {
    id: 'PX-VEL-001', name: 'scripted-address-sweep', score: 80, tactic: 'discovery', technique: 'T1018',
    message: 'Loops a network probe over an address range', why: 'A generated loop over a whole subnet is automated reconnaissance, not a developer checking one service.',
    alternative: 'Probe the one host and port you need (nc -z host port).',
    check: sweepsRange,
    examples: { fire: ['seq 1 254 | xargs -P 32 -I{} ping -c1 -W1 10.0.0.{}', 'for i in $(seq 1 254); do ping -c1 -W1 10.0.0.$i; done', 'for i in $(seq 1 254); do nc -zv 192.168.1.$i 22; done 2>&1 | grep succeeded', 'for h in 10.0.0.{1..254}; do ping -c1 $h; done', "for h in 10.30.2.{1..60}; do redis-cli -h $h --no-auth-warning INFO keyspace 2>/dev/null | grep -q '^db' && echo \"$h open\"; done"], quiet: ['for i in $(seq 1 30); do nc -z 127.0.0.1 3306 && break; echo "waiting for mysql ($i)"; sleep 2; done', 'for h in db-1 db-2 db-3; do psql -h $h -U app -c "select version()"; done', 'for i in $(seq 1 60); do curl -s -o /dev/null -w "%{time_total}\\n" "https://tiles.corvid.internal/v2/12/$((2190+RANDOM%40))/$((1340+RANDOM%40)).png"; done | sort -n', 'for i in $(seq 1 5); do curl -s http://localhost:3000/health; sleep 1; done', 'for f in *.json; do jq . "$f"; done', 'seq 1 100 | xargs -n1 echo'] },
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
