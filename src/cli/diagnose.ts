import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { collectBundle } from '../doctor/bundle.js';
import { doctorContext } from '../doctor/context.js';
import { tarGz } from '../doctor/tar.js';
import { isHttpUrl } from './doctor.js';

export interface DiagnoseOptions {
  out?: string;
  gateway?: string;
  log?: string;
}

/** As doctor's: 2 for a usage error, which the troubleshooting guide's scripts know; 70 when the bundle cannot be written. */
export const DIAGNOSE_EXIT = { ok: 0, usage: 2, io: 70 } as const;

/** 2026-01-02T03:04:05.678Z → 20260102T030405Z: sortable, and without the colons some file systems refuse. */
export const stamp = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');

const bytes = (n: number): string => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`);

/**
 * `proxilion diagnose`: writes the troubleshooting guide's diagnostic bundle, a .tar.gz, and prints
 * where and what it holds. A gateway that does not answer is a finding the bundle records, not a
 * failure: exit 0. The file is written whole or not at all (a temporary file, then renamed), mode 0600.
 */
export async function runDiagnose(opts: DiagnoseOptions): Promise<number> {
  if (opts.gateway !== undefined && !isHttpUrl(opts.gateway)) {
    process.stderr.write(`proxilion: --gateway ${opts.gateway}: give the gateway's URL, e.g. http://127.0.0.1:8787\n`);
    return DIAGNOSE_EXIT.usage;
  }
  const now = new Date();
  const name = `proxilion-diagnose-${stamp(now)}`;
  const toStdout = opts.out === '-';
  const target = toStdout ? '-' : where(opts.out, `${name}.tar.gz`);
  // checked before the few seconds of collecting, which would otherwise be spent for nothing
  if (!toStdout) {
    const problem = unwritableDir(dirname(target));
    if (problem) {
      process.stderr.write(`proxilion: cannot write ${target}: ${problem}; choose another place with --out FILE\n`);
      return DIAGNOSE_EXIT.io;
    }
  }
  const ctx = doctorContext(opts);
  let bundle;
  try {
    if (process.stderr.isTTY) process.stderr.write(`proxilion diagnose: running every doctor check against ${ctx.gateway.href} and collecting…\n`);
    bundle = await collectBundle(ctx, { logFile: opts.log, now });
  } finally {
    await ctx.client.close();
  }
  const archive = tarGz(name, bundle.files, now);
  if (toStdout) process.stdout.write(archive);
  else {
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, archive, { mode: 0o600, flag: 'wx' });
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      process.stderr.write(`proxilion: cannot write ${target}: ${(e as Error).message}; choose another place with --out FILE\n`);
      return DIAGNOSE_EXIT.io;
    }
  }

  const lines = [`wrote ${toStdout ? 'the bundle to stdout' : target} (${bytes(archive.length)} compressed)`];
  const width = Math.max(...bundle.files.map((f) => f.name.length));
  for (const f of bundle.files) lines.push(`  ${f.name.padEnd(width)}  ${bytes(f.data.length).padStart(9)}${f.name === 'daemon.log' ? `  ${bundle.log}` : ''}`);
  const g = bundle.gateway;
  lines.push(g.answered ? `gateway ${g.url}: answered, ${g.status} (proxilion ${g.version})` : `gateway ${g.url}: did not answer (${g.error}); the bundle records it`);
  const d = bundle.doctor;
  lines.push(`doctor: ${d.pass} passed, ${d.warn} warnings, ${d.fail} failed, ${d.skip} skipped (doctor.json)`);
  lines.push(bundle.redacted.length ? `redacted: ${bundle.redacted.join(', ')}` : 'redacted: no secret values were set in this environment');
  // with the archive on stdout, the summary goes beside it
  (toStdout ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
  return DIAGNOSE_EXIT.ok;
}

/** --out FILE, or a directory to put the default name in; the current directory without it. */
function where(out: string | undefined, fileName: string): string {
  if (out === undefined) return fileName;
  try {
    if (statSync(out).isDirectory()) return join(out, fileName);
  } catch {
    // not there yet: it names the file
  }
  return out;
}

function unwritableDir(dir: string): string | undefined {
  try {
    if (!statSync(dir).isDirectory()) return `${dir} is not a directory`;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `the directory ${dir} does not exist` : (e as Error).message;
  }
  return undefined;
}
