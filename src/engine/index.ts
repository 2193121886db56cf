import { bashLine, shellQuote, type ToolCall } from './toolcall.js';
import { callByShape } from './tool-shape.js';
import { dispatchedCall, dispatchStep } from './tool-dispatch.js';
import type { CommandView } from './shell/types.js';
import { ViewBuilder, type ParseFn } from './shell/view.js';
import type { ShellGrammar } from './shell/parser.js';
import { computeFacts, type Facts } from './facts.js';
import { ASKABLE_STEPS, CALL_ANALYZER_LIST, CONTEXT_CALL_ANALYZER_LIST, SESSION_ANALYZER_LIST, legitimacy } from './analyzers/index.js';
import { CallMemo, DEFAULT_MEMO_ENTRIES, type CallPart } from './call-memo.js';
import { armedFiles, callArtifacts } from './analyzers/artifacts.js';
import { aggregate, analyzerScore, decide } from './score.js';
import { DEFAULT_POLICY, policyGate, type Policy } from './policy.js';
import { EMPTY_CONTEXT, type SessionContext } from './session.js';
import { PHASE_ORDER, type AnalysisInput, type Analyzer, type AnalyzerName, type Finding, type Tactic } from './rule.js';

export { PHASE_ORDER } from './rule.js';
import { toVerdictFinding, type Verdict } from './verdict.js';
import { classifyPath } from './knowledge/paths.js';
import { containerSpecFile, fileCommands } from './shell/persisted-text.js';

/**
 * What a host wants to learn about one analysis: time per analyzer and analyzer failures. The
 * engine reads no clock itself; the daemon passes one in, one-shot callers pass nothing.
 */
export interface AnalysisObserver {
  /** A monotonic clock in seconds. */
  clock(): number;
  analyzer(name: AnalyzerName, seconds: number): void;
  error(name: AnalyzerName, error: unknown): void;
}

export interface Engine {
  analyze(call: ToolCall, context?: SessionContext, policy?: Policy, observer?: AnalysisObserver): Verdict;
  /** The CommandView of a shell line, for --explain and tests. */
  view(line: string, env?: Record<string, string>): CommandView;
}


export interface EngineOptions {
  /** Distinct shell calls whose call-only analysis is remembered (default 4096; 0 remembers none). */
  memoEntries?: number;
}

export async function createEngine(grammar: ShellGrammar, opts: EngineOptions = {}): Promise<Engine> {
  // imported here, not at the top: a host that loads the parser on demand (runtime/engine.ts) must
  // not pay for the tree-sitter module when it imports the engine
  const { createShellParser } = await import('./shell/parser.js');
  return engineFromParser(await createShellParser(grammar), opts);
}

export function engineFromParser(parse: ParseFn, opts: EngineOptions = {}): Engine {
  const view = (line: string, env: Record<string, string> = {}) => new ViewBuilder(parse, line, env).build();
  const persistedView = (text: string) => new ViewBuilder(parse, text, {}).buildPersisted();
  const containerView = (path: string, text: string) => new ViewBuilder(parse, text, {}).buildContainerSpec(path);
  const memo = new CallMemo(opts.memoEntries ?? DEFAULT_MEMO_ENTRIES);
  return {
    view,
    analyze(sent, context = EMPTY_CONTEXT, policy = DEFAULT_POLICY, observer) {
      const dispatched = sent.kind === 'unknown' ? dispatchedCall(sent) : undefined;
      const call = dispatched ?? sent;
      const failed: AnalyzerName[] = [];
      // One analyzer's defect must not blind the others: its failure is reported, the rest still run.
      const run = (a: Analyzer, on: AnalysisInput, into: Finding[]) => {
        const t0 = observer?.clock();
        try {
          for (const f of a.analyze(on)) into.push(f);
        } catch (e) {
          failed.push(a.name);
          observer?.error(a.name, e);
        }
        if (observer) observer.analyzer(a.name, observer.clock() - t0!);
      };
      // an Unknown call is analyzed as the call its arguments say it is, and as itself (its name, every string); a
      // Network call carrying SQL to a database's HTTP interface, as that query and as the request; a query to MongoDB or
      // Redis, as the client line that sends it and as the query
      const shaped = call.kind === 'unknown' || call.kind === 'network' || call.kind === 'database' ? callByShape(call) : undefined;
      const subject = shaped?.call ?? call;
      const key = CallMemo.keyOf(call);
      let part = key === undefined ? undefined : memo.get(key);
      if (!part) {
        const v = shellSource(subject, view, persistedView, containerView);
        const facts = computeFacts(subject, v);
        const fresh: CallPart = { view: v, facts, findings: [], targets: targetsOf(subject, shaped ? call : undefined, v, facts) };
        const callOnly = new CallOnlyInput(subject, fresh.view, fresh.facts, undefined);
        for (const a of CALL_ANALYZER_LIST) run(a, callOnly, fresh.findings as Finding[]);
        if (shaped) {
          const raw: Finding[] = [];
          const asSent = new CallOnlyInput(call, undefined, computeFacts(call, undefined, subject.kind === 'filesystem' && subject.operation !== 'read' ? subject.path : undefined), undefined);
          for (const a of CALL_ANALYZER_LIST) run(a, asSent, raw);
          // a rule that fired on both readings counts once
          const seen = new Set(fresh.findings.map((f) => f.rule));
          for (const f of raw) if (!seen.has(f.rule)) (fresh.findings as Finding[]).push(f);
        }
        // a part with a failure in it is not remembered: the next call retries, and reports again
        if (key !== undefined && failed.length === 0) memo.set(key, fresh);
        part = fresh;
      }
      const { view: v, facts } = part;
      const original = shaped ? call : undefined;
      const input: AnalysisInput = { call: subject, original, view: v, facts, context, policy, prior: undefined };
      const findings: Finding[] = [];
      const disabled = new Set<AnalyzerName>(policy.disabledAnalyzers);
      const gate = policyGate(input, policy);
      for (const f of part.findings) if (!disabled.has(f.analyzer) && gate.keep(f)) findings.push(f);
      const contextual: Finding[] = [];
      for (const a of CONTEXT_CALL_ANALYZER_LIST) if (!disabled.has(a.name)) run(a, input, contextual);
      for (const f of contextual) if (gate.keep(f)) findings.push(f);
      if (SESSION_ANALYZER_LIST.length > 0) {
        // written out, not spread: a spread here cost more than some analyzers, and one shape keeps rules monomorphic
        const sessionInput: AnalysisInput = { call: subject, original, view: v, facts, context, policy, prior: findings.slice() };
        const bySession: Finding[] = [];
        for (const a of SESSION_ANALYZER_LIST) if (!disabled.has(a.name)) run(a, sessionInput, bySession);
        for (const f of bySession) if (gate.keep(f)) findings.push(f);
      }
      findings.sort((a, b) => b.score - a.score || a.rule.localeCompare(b.rule));
      const byAnalyzer = new Map<AnalyzerName, Finding[]>();
      for (const f of findings) {
        const group = byAnalyzer.get(f.analyzer);
        if (group) group.push(f);
        else byAnalyzer.set(f.analyzer, [f]);
      }
      const analyzer_scores: Partial<Record<AnalyzerName, number>> = {};
      for (const [name, fs] of byAnalyzer) analyzer_scores[name] = analyzerScore(fs);
      const strong = findings.some((f) => f.strong);
      const legit = disabled.has('legitimacy') ? { multiplier: 1 } : legitimacy(input, findings, ASKABLE_STEPS);
      let threat_score = aggregate(analyzer_scores, legit.multiplier, strong);
      // a sharp step the user asked for is reported, not stopped: lowered to Alert, never out of sight
      if (legit.asked) threat_score = Math.max(threat_score, Math.min(aggregate(analyzer_scores, 1, strong), policy.thresholds.alert));
      const decision = decide(threat_score, policy.thresholds);
      let phase: Tactic | undefined;
      for (const f of findings) if (f.score >= 40 && (!phase || PHASE_ORDER.indexOf(f.tactic) > PHASE_ORDER.indexOf(phase))) phase = f.tactic;
      return {
        decision,
        threat_score,
        patterns: findings.map((f) => `${f.message} (${f.rule})`),
        findings: findings.map(toVerdictFinding),
        analyzer_scores,
        session_id: context.sessionId,
        session_terminated: false,
        phase,
        legitimacy: legit.multiplier,
        ...(legit.asked ? { asked_for: legit.asked } : {}),
        // (and the project files its own findings say it armed, first, for the calls that will run them)
        targets: armedTargets(part),
        normalization: [...(dispatched && sent.kind === 'unknown' ? [dispatchStep(sent, dispatched)] : []), ...(shaped ? [shaped.step] : []), ...(v ? v.steps : [])],
        commands: (v?.commands ?? []).map((c) => ({ name: c.name, argv: c.argv, origin: c.origin, depth: c.depth })),
        allowed_by: gate.notes(),
        ...(failed.length ? { analyzer_errors: failed } : {}),
      };
    },
  };
}

/**
 * What a call-only analyzer may see: the call, its view and facts. Reading the session or the policy
 * throws, so an analyzer that starts to need them cannot be memoized by mistake: it fails loudly
 * until it moves to CONTEXT_CALL_ANALYZER_LIST. A class, so every such input shares one shape.
 */
class CallOnlyInput implements AnalysisInput {
  constructor(
    readonly call: ToolCall,
    readonly view: CommandView | undefined,
    readonly facts: Facts,
    readonly original: ToolCall | undefined,
  ) {}
  get context(): never {
    return refuse('session context');
  }
  get policy(): never {
    return refuse('policy');
  }
  get prior(): never {
    return refuse('session findings');
  }
}

function refuse(what: string): never {
  throw new Error(`a call-only analyzer read the ${what}; list it in CONTEXT_CALL_ANALYZER_LIST`);
}

function armedTargets(part: CallPart): string[] {
  const armed = armedFiles(part.view, part.facts, part.findings);
  return armed.length ? [...armed, ...part.targets].slice(0, 32) : [...part.targets];
}

function targetsOf(call: ToolCall, original: ToolCall | undefined, view: CommandView | undefined, facts: Facts): string[] {
  const out = new Set<string>();
  for (const f of facts.files) if (f.sensitive) out.add(f.canonical);
  for (const d of facts.destinations) if (d.kind !== 'loopback') out.add(d.host.toLowerCase());
  // the files left for later calls come first: a call that touches many paths must not push them out
  return [...callArtifacts({ call, original, view, facts }), ...out].slice(0, 32);
}

/** A shell script by its name or its first line (`#!/bin/sh`, `#!/usr/bin/env bash`). */
const isShellScript = (path: string, content: string): boolean => /\.(?:sh|bash)$/.test(path) || /^#!\S{0,40}\b(?:env\s+)?(?:ba|z|da|k)?sh\b/.test(content.slice(0, 64));

/**
 * The shell text a call will execute: a Bash line, or content written to a place that runs it (an
 * rc file, a crontab, a hook, an image's or a container's spec).
 */
function shellSource(call: ToolCall, view: Engine['view'], persistedView: (text: string) => CommandView, containerView: (path: string, text: string) => CommandView): CommandView | undefined {
  switch (call.kind) {
    case 'bash':
      return view(bashLine(call), call.env);
    case 'filesystem': {
      const written = (call.operation === 'write' || call.operation === 'create') && call.content ? call.content : undefined;
      // read as when a shell command writes the same text there: `ExecStart=` values, crontab commands, JSON task strings
      // and a shell script written anywhere, which is written to be run (a helper a hook calls, an image's entrypoint)
      if (written && (classifyPath(call.path)?.role === 'exec-location' || isShellScript(call.path, written))) return persistedView(written);
      // a Dockerfile, manifest or compose file: what its containers will run
      if (written && containerSpecFile(call.path)) return containerView(call.path, written);
      // Go source's `//go:generate` lines, the AWS CLI's `credential_process`: commands the file has its tools run
      const generated = written ? fileCommands(call.path, written) : [];
      if (generated.length) return persistedView(generated.join('\n'));
      // a file tool's delete is `rm -rf` of the path, and meets the same destruction rules
      if (call.operation === 'delete' && call.path.length <= 4096) return view(`rm -rf -- ${shellQuote(call.path)}`);
      return undefined;
    }
    default:
      return undefined;
  }
}
