import type { Engine } from '../engine/index.js';
import type { Mode, Policy } from '../engine/policy.js';
import { summarizeCall } from '../engine/session.js';
import { readerFor } from '../ingest/readers.js';
import type { FormatReader, IngestedCall, InputFormat } from '../ingest/types.js';
import type { Snapshot as ProgressSnapshot } from '../ui/progress-types.js';
import { VERSION } from '../version.js';
import { ScanCollector } from './collect.js';
import { detectFormat, WALK_MIN_SCORE } from './detect.js';
import { openSource, type InputSource } from './inputs.js';
import { numberedLines, peek } from './lines.js';
import type { FailOn, FlaggedCall, ScanReport, ScannedCall } from './model.js';
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

  for (const source of sources) {
    if (progress) progress.file = source.display;
    let counted = 0;
    const bytes = countBytes(openSource(source), (n) => {
      counted += n;
      if (progress) progress.bytes += n;
    });
    try {
      const { head, all, close } = await peek(bytes);
      const reader = pickReader(head, source, s.formatIn);
      if (typeof reader === 'string') {
        collector.stats.skipped_files++;
        collector.files.push({ file: source.display, format: 'skipped', calls: 0, reason: reader });
        await (source.path === '-' ? drain(all) : close());
        continue;
      }
      const entry = { file: source.display, format: reader.format, calls: 0 };
      collector.files.push(entry);
      const lines = numberedLines(all, reader.lineEncoding ?? 'utf8', () => {
        collector.stats.lines++;
        if (progress) progress.lines++;
      });
      for await (const item of reader.read(lines, { path: source.path })) {
        if (item.kind === 'skip') {
          collector.warn({ file: source.display, line: item.line, reason: item.reason });
          continue;
        }
        entry.calls++;
        const call = await replayCall(replayer, item, source, reader.format);
        const flagged = collector.add(call);
        if (progress) {
          progress.calls++;
          if (flagged) progress.flagged++;
        }
        await s.onCall?.(call, flagged);
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // A file that cannot be read is reported and the scan goes on; anything else is a defect.
      if (typeof err?.code !== 'string' || !err.syscall) throw e;
      collector.stats.skipped_files++;
      collector.warn({ file: source.display, line: 0, reason: `cannot read: ${err.message}` });
    } finally {
      collector.stats.files++;
      collector.stats.bytes += counted;
      if (progress) progress.files++;
    }
  }
  const t = s.policy.thresholds;
  return collector.report({ tool: { name: 'proxilion', version: VERSION }, mode: s.mode, thresholds: { ...t }, fail_on: s.failOn }, clock() - started, s.baseline?.file);
}

/** The reader for a file, or why the file is left out. */
function pickReader(head: readonly string[], source: InputSource, forced: InputFormat | undefined): FormatReader | string {
  if (forced) return readerFor(forced);
  const { reader, score } = detectFormat(head, source.path);
  if (score === 0) return head.length === 0 ? 'empty' : 'binary or unrecognized content';
  if (score < WALK_MIN_SCORE && !source.named) return 'not a recognized transcript, log or history (name the file itself, or use --format-in, to read it as plain commands)';
  return reader;
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
  };
}

async function* countBytes(chunks: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    onBytes(c.length);
    yield c;
  }
}

/** Skipped stdin is still read to its end, so the writer on the other side of the pipe is not cut off. */
async function drain(all: AsyncIterable<Buffer>): Promise<void> {
  for await (const _ of all) void _;
}
