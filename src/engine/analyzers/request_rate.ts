import { ruleAnalyzer, type AnalysisInput, type Rule } from '../rule.js';
import { sessionPace } from '../session-stats.js';
import { sessionOf } from './session-examples.js';

/**
 * How fast a session issues calls. An agent driven by a model round-trip manages a few calls a
 * minute, twenty at a sprint; a loop with no model in it manages hundreds. The scores stay moderate:
 * speed alone raises a verdict, it never blocks one.
 */

/** Calls a minute (this one included) beyond a model-driven agent's sprint. */
const FAST_PER_MINUTE = 60;
/** Calls a minute only a script reaches. */
const FLOOD_PER_MINUTE = 120;
/** Calls an hour (this one included): twenty-five a minute, held for the whole hour. */
const SUSTAINED_PER_HOUR = 1500;

const perMinute = (i: AnalysisInput): number => sessionPace(i.context).lastMinute.calls + 1;
const perHour = (i: AnalysisInput): number => sessionPace(i.context).lastHourCalls + 1;

const atLeast = (rate: (i: AnalysisInput) => number, limit: number, unit: string) => (i: AnalysisInput): string | undefined => {
  const n = rate(i);
  return n >= limit ? `${n} calls in the last ${unit}` : undefined;
};

export const REQUEST_RATE_RULES: readonly Rule[] = [
  {
    id: 'PX-RATE-001', name: 'fast-call-rate', score: 30, tactic: 'execution', technique: 'T1059',
    message: 'The session issues calls faster than a model-driven agent does', why: 'Sixty or more calls a minute means no model is deciding each one: a script or a runaway loop is driving the tool.',
    check: atLeast(perMinute, FAST_PER_MINUTE, 'minute'),
    examples: {
      fire: [{ call: 'ls', context: sessionOf(80, 700, 200) }, { call: 'git status', context: sessionOf(70, 800, 0) }],
      quiet: ['ls', { call: 'ls', context: sessionOf(20, 3000, 500) }, { call: 'ls', context: sessionOf(40, 1400, 300) }],
    },
  },
  {
    id: 'PX-RATE-002', name: 'call-flood', score: 45, tactic: 'execution', technique: 'T1059',
    message: 'The session floods the gateway with calls', why: 'Over a hundred calls a minute is the tempo of automated scanning and brute force, not of an assistant at work.',
    check: atLeast(perMinute, FLOOD_PER_MINUTE, 'minute'),
    examples: {
      fire: [{ call: 'ls', context: sessionOf(150, 400, 0) }, { call: 'cat a.txt', context: sessionOf(130, 450, 100) }],
      quiet: [{ call: 'ls', context: sessionOf(80, 700, 200) }, { call: 'ls', context: sessionOf(200, 2000, 900) }],
    },
  },
  {
    id: 'PX-RATE-003', name: 'sustained-call-rate', score: 35, tactic: 'execution', technique: 'T1059',
    message: 'The session has kept up a scripted call rate for an hour', why: 'Fifteen hundred calls an hour is more than an agent at a sprint sustains; hours of it are automation running unattended.',
    check: atLeast(perHour, SUSTAINED_PER_HOUR, 'hour'),
    examples: {
      fire: [{ call: 'ls', context: { ...sessionOf(10, 2000, 0), callsLastHour: 1800 } }],
      quiet: [{ call: 'ls', context: { ...sessionOf(10, 2000, 0), callsLastHour: 1100 } }, { call: 'ls', context: sessionOf(200, 3000, 1000) }],
    },
  },
];

export const requestRate = ruleAnalyzer('request_rate', REQUEST_RATE_RULES);
