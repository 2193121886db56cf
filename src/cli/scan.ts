import { createWriteStream, readFileSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Chalk } from 'chalk';
import { loadConfig, type ConfigFlags } from '../config.js';
import type { InputFormat } from '../ingest/types.js';
import { renderScanJson, scanNdjsonLine } from '../report/scan-json.js';
import { renderJunit } from '../report/scan-junit.js';
import { renderSarif } from '../report/scan-sarif.js';
import { renderScanText, scanHeadline } from '../report/scan-text.js';
import { loadEngine } from '../runtime/engine.js';
import { listInputs } from '../scan/inputs.js';
import type { FailOn, ReaderThreadMode, ScanReport } from '../scan/model.js';
import { useReaderThread } from '../scan/reader-thread.js';
import { scanSources } from '../scan/run.js';
import type { Snapshot } from '../ui/progress-types.js';
import { EXIT, UsageError } from './exit.js';
import { ruleById } from './rule-index.js';
import type { OutputFormat } from './scan-formats.js';


export interface ScanOptions extends ConfigFlags {
  format: OutputFormat;
  formatIn?: InputFormat;
  output?: string;
  failOn?: FailOn;
  baseline?: string;
  progress: boolean;
  readerThread: ReaderThreadMode;
}

/** Exit 1 when --fail-on was reached, 0 otherwise; usage and I/O errors throw (64, 70). */
export async function runScan(paths: string[], opts: ScanOptions): Promise<number> {
  const config = loadConfig(opts);
  const baseline = opts.baseline === undefined ? undefined : { file: opts.baseline, fingerprints: readBaseline(opts.baseline) };
  const sources = await listInputs(paths);
  const engine = await loadEngine({ oneShot: false });
  const out = opts.output === undefined ? undefined : new OutputFile(opts.output);

  const snapshot: Snapshot = { files: 0, filesTotal: sources.length, bytes: 0, bytesTotal: sources.every((s) => s.size !== undefined) ? sources.reduce((t, s) => t + s.size!, 0) : undefined, lines: 0, calls: 0, flagged: 0, startedAt: Date.now(), now: Date.now() };
  // live progress goes to stderr; not while ndjson lines stream to the same terminal
  const draw = opts.progress && !(opts.format === 'ndjson' && out === undefined && process.stdout.isTTY);
  const progress = draw ? await (await import('../ui/progress.js')).startProgress(process.stderr, () => ({ ...snapshot, now: Date.now() })) : undefined;
  const sink = opts.format === 'ndjson' ? (out?.stream ?? process.stdout) : undefined;
  let report: ScanReport;
  try {
    report = await scanSources(sources, {
      engine, policy: config.policy, mode: config.mode, ttlMs: config.sessionTtlHours * 3_600_000, formatIn: opts.formatIn, failOn: opts.failOn, baseline, progress: snapshot, readerThread: useReaderThread(opts.readerThread, sources),
      onCall: sink ? (call, flagged) => write(sink, scanNdjsonLine(flagged ?? call)) : undefined,
    });
  } catch (e) {
    out?.abandon();
    throw e;
  } finally {
    await progress?.stop();
  }

  if (opts.format !== 'ndjson') {
    const text = render(report, opts.format, out === undefined && process.stdout.isTTY === true);
    if (out) out.stream.write(text);
    else await write(process.stdout, text);
  } else if (report.failed || report.stats.skipped || report.stats.skipped_files) {
    // ndjson carries the calls only; the summary a person needs goes to stderr
    process.stderr.write(scanHeadline(report) + '\n');
  }
  await out?.commit();
  return report.failed ? 1 : EXIT.allow;
}

function render(report: ScanReport, format: Exclude<OutputFormat, 'ndjson'>, tty: boolean): string {
  switch (format) {
    case 'text':
      return renderScanText(report, new Chalk({ level: tty && !process.env.NO_COLOR ? 1 : 0 }));
    case 'json':
      return renderScanJson(report);
    case 'sarif':
      return renderSarif(report, ruleById);
    case 'junit':
      return renderJunit(report);
  }
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * The previous run's finding fingerprints: from `--format json` (findings[].fingerprint) or
 * `--format sarif` (each result's proxilionCall/v1 fingerprint).
 */
function readBaseline(file: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`--baseline ${file}: ${err.code === 'ENOENT' ? 'no such file' : err instanceof SyntaxError ? `not JSON (${err.message})` : err.message}; give the output of an earlier \`proxilion scan --format json\` (or sarif)`);
  }
  const d = doc as { findings?: Array<{ fingerprint?: unknown }>; runs?: Array<{ results?: Array<{ partialFingerprints?: Record<string, unknown> }> }> };
  const prints = new Set<string>();
  if (Array.isArray(d?.findings)) for (const f of d.findings) if (typeof f?.fingerprint === 'string') prints.add(f.fingerprint);
  if (Array.isArray(d?.runs)) {
    for (const run of d.runs) for (const r of run?.results ?? []) {
      const p = r?.partialFingerprints?.['proxilionCall/v1'];
      if (typeof p === 'string') prints.add(p.split(':')[0]!);
    }
  }
  if (!Array.isArray(d?.findings) && !Array.isArray(d?.runs)) throw new UsageError(`--baseline ${file}: not a proxilion scan report; give the output of \`proxilion scan --format json\` (or sarif)`);
  return prints;
}

/** --output: written beside the target and renamed into place at the end, so a failed scan never leaves half a report. */
class OutputFile {
  readonly stream: WriteStream;
  private readonly temp: string;

  constructor(private readonly path: string) {
    this.temp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(this.temp, '');
    } catch (e) {
      throw new UsageError(`--output ${path}: cannot write (${(e as Error).message})`);
    }
    this.stream = createWriteStream(this.temp);
  }

  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'close');
    renameSync(this.temp, this.path);
  }

  abandon(): void {
    this.stream.destroy();
    rmSync(this.temp, { force: true });
  }
}
