import { ruleAnalyzer, type AnalysisInput, type Rule } from '../rule.js';
import type { SimpleCommand } from '../shell/types.js';
import { sessionAfter } from './session-examples.js';

/** Readers that take a slice of a file rather than all of it. */
function slices(cmd: SimpleCommand): boolean {
  const a = cmd.argv;
  switch (cmd.name) {
    case 'head':
    case 'tail':
      return a.some((x) => x === '-c' || x.startsWith('-c') || x.startsWith('--bytes'));
    case 'dd':
      return a.some((x) => x.startsWith('skip=') || x.startsWith('iseek=')) && a.some((x) => x.startsWith('count='));
    case 'cut':
      return a.some((x) => x === '-c' || x.startsWith('-c') || x === '-b' || x.startsWith('-b'));
    case 'split':
      return true;
    case 'sed':
      return a.some((x) => /^-n$/.test(x)) && a.some((x) => /^\d+,\d+p$/.test(x));
    case 'xxd':
    case 'od':
      return a.some((x) => x === '-s' || x === '-l' || x === '-j' || x === '-N');
    default:
      return false;
  }
}

function slicedSecret(input: AnalysisInput): string | undefined {
  const f = input.facts.files.find((x) => x.sensitive?.role === 'secret' && x.cmd && slices(x.cmd));
  return f ? `${f.cmd!.argv.join(' ')}` : undefined;
}

/** The same secret touched again and again across recent calls of the session. */
function repeatedTarget(input: AnalysisInput): string | undefined {
  const secrets = input.facts.files.filter((f) => f.sensitive?.role === 'secret').map((f) => f.canonical);
  if (secrets.length === 0) return undefined;
  for (const s of secrets) {
    const hits = input.context.history.slice(-20).filter((e) => e.targets.includes(s)).length;
    if (hits >= 2) return `${s} touched in ${hits} earlier calls of this session`;
  }
  return undefined;
}

/** A session whose last `n` calls, a minute apart, touched `target`: for examples. */
const touched = (target: string, n: number) => sessionAfter(Array.from({ length: n }, (_, i) => ({ ago: (n - i) * 60_000, score: 45, targets: [target] })));

export const TASK_FRAGMENTATION_RULES: readonly Rule[] = [
  {
    id: 'PX-FRAG-001', name: 'reads-secret-in-pieces', score: 60, tactic: 'collection', technique: 'T1030',
    message: 'Reads a secret file piece by piece', why: 'Taking a key or credential file in byte ranges keeps each call small enough to look harmless.',
    check: slicedSecret,
    examples: { fire: ['head -c 200 ~/.ssh/id_rsa', 'dd if=/home/u/.aws/credentials bs=1 skip=40 count=40', 'split -b 100 ~/.ssh/id_ed25519 /tmp/part_', 'cut -c1-50 .env'], quiet: ['head -c 200 README.md', 'split -l 1000 data.csv chunk_', 'head -n 5 .env.example'] },
  },
  {
    id: 'PX-FRAG-002', name: 'secret-touched-repeatedly', score: 35, tactic: 'collection', technique: 'T1030',
    message: 'Touches the same secret it already touched in earlier calls', why: 'Returning to one credential file across many small calls is how a task is split to stay under per-call thresholds.',
    check: repeatedTarget,
    examples: {
      fire: [{ call: 'head -c 100 ~/.ssh/id_rsa', context: touched('~/.ssh/id_rsa', 2) }, { call: 'tail -c 80 /home/u/.aws/credentials', context: touched('~/.aws/credentials', 3) }],
      quiet: ['cat ~/.ssh/id_rsa.pub', { call: 'cat README.md', context: touched('~/.ssh/id_rsa', 5) }, { call: 'head -c 100 ~/.ssh/id_rsa', context: touched('~/.ssh/id_rsa', 1) }],
    },
  },
];

export const taskFragmentation = ruleAnalyzer('task_fragmentation', TASK_FRAGMENTATION_RULES);

