import type { Engine } from '../engine/index.js';
import type { Mode, Policy } from '../engine/policy.js';
import { summarizeCall } from '../engine/session.js';
import type { IngestedCall, InputFormat } from '../ingest/types.js';
import type { Snapshot as ProgressSnapshot } from '../ui/progress-types.js';
import { VERSION } from '../version.js';
import { ScanCollector } from './collect.js';
import type { InputSource } from './inputs.js';
import type { FailOn, FlaggedCall, ScanReport, ScannedCall } from './model.js';
import { readSource, type ReadTally } from './read-source.js';
import { ReaderThread } from './reader-thread.js';
import { Replayer } from './replay.js';

export interface ScanSettings {
  engine: Engine;
  policy: Policy;
  mode: Mode;
  ttlMs: number;
  /** Read every input as this format instead of sniffing. */
  formatIn?: InputFormat;
  failOn?: FailOn;
  baseline?: { file: string; fingerprints: ReadonlySet<string> };
  /** Every analyzed call, in input order (the ndjson output); awaited, so a slow sink holds the scan back. */
  onCall?: (call: ScannedCall, flagged: FlaggedCall | undefined) => void | Promise<void>;
  /** Read, split and parse the inputs on a second thread, beside the analysis (never stdin). */
  readerThread?: boolean;
  /** Kept up to date for a progress display. */
  progress?: ProgressSnapshot;
  clock?: () => number;
}

/** Scans the sources one after another; calls are correlated per session across all of them. */
export async function scanSources(sources: readonly InputSource[], s: ScanSettings): Promise<ScanReport> {
  const clock = s.clock ?? Date.now;
  const started = clock();
  const replayer = new Replayer(s.engine, s.policy, s.mode, s.ttlMs, started);
  const collector = new ScanCollector(s.failOn, s.baseline?.fingerprints);
  const progress = s.progress;
  const thread = s.readerThread ? new ReaderThread(sources, s.formatIn) : undefined;
  const tally: ReadTally = {
    bytes: (n) => {
      collector.stats.bytes += n;
      if (progress) progress.bytes += n;
    },
    lines: (n) => {
      collector.stats.lines += n;
      if (progress) progress.lines += n;
    },
  };

  try {
    for (const [index, source] of sources.entries()) {
      if (progress) progress.file = source.display;
      // readSource names the format before any item
      let entry: { file: string; format: InputFormat; calls: number } | undefined;
      try {
        for await (const event of thread ? thread.events(index, tally) : readSource(source, s.formatIn, tally)) {
          switch (event.kind) {
            case 'skipped':
              collector.stats.skipped_files++;
              collector.files.push({ file: source.display, format: 'skipped', calls: 0, reason: event.reason });
              break;
            case 'unreadable':
              collector.stats.skipped_files++;
              collector.warn({ file: source.display, line: 0, reason: `cannot read: ${event.message}` });
              break;
            case 'format':
              entry = { file: source.display, format: event.format, calls: 0 };
              collector.files.push(entry);
              break;
            case 'items':
              for (const item of event.items) {
                if (item.kind === 'skip') {
                  collector.warn({ file: source.display, line: item.line, reason: item.reason });
                  continue;
                }
                entry!.calls++;
                const call = await replayCall(replayer, item, source, entry!.format);
                const flagged = collector.add(call);
                if (progress) {
                  progress.calls++;
                  if (flagged) progress.flagged++;
                }
                await s.onCall?.(call, flagged);
              }
          }
        }
      } finally {
        collector.stats.files++;
        if (progress) progress.files++;
      }
    }
  } finally {
    await thread?.close();
  }
  const t = s.policy.thresholds;
  return collector.report({ tool: { name: 'proxilion', version: VERSION }, mode: s.mode, thresholds: { ...t }, fail_on: s.failOn }, clock() - started, s.baseline?.file);
}

async function replayCall(replayer: Replayer, item: IngestedCall, source: InputSource, format: InputFormat): Promise<ScannedCall> {
  const r = await replayer.replay(item, source.display);
  const v = r.verdict;
  // Absent fields are undefined rather than spread in conditionally, which showed in profiles of long
  // scans; JSON output leaves undefined fields out either way.
  return {
    file: source.display,
    line: item.line,
    session_id: r.sessionId,
    at: item.at === undefined ? undefined : new Date(item.at).toISOString(),
    format,
    tool: item.tool,
    agent: item.request.agent,
    outcome: item.outcome,
    summary: summarizeCall(item.request.call),
    decision: v.decision,
    threat_score: v.threat_score,
    session_terminated: v.session_terminated,
    refused_terminated: r.refusedBy ? true : undefined,
    phase: v.phase,
    findings: v.findings,
    asked_for: v.asked_for,
  };
}
