import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from '../cli/exit.js';

/** A file to scan, or stdin. */
export interface InputSource {
  /** The path to open; `-` for stdin. */
  path: string;
  /** The path as reports show it: relative to the working directory when inside it, with `/` separators. */
  display: string;
  /** Bytes, when known (not for stdin or pipes). */
  size?: number;
  /** Named by the user (as opposed to found in a directory): read as plain commands when nothing else fits. */
  named: boolean;
}

/** Files a directory walk lists at most: past it the scan is refused rather than silently cut. */
const MAX_FILES = 1_000_000;

export function displayPath(path: string, cwd = process.cwd()): string {
  if (path === '-') return '-';
  const rel = isAbsolute(path) ? relative(cwd, path) : path;
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  return shown.split(sep).join('/');
}

/**
 * The files the arguments name, directories walked depth first in name order (so a scan's output is the
 * same on every run). Symbolic links to directories are not followed: a link loop cannot trap the walk.
 */
export async function listInputs(args: readonly string[]): Promise<InputSource[]> {
  if (args.length === 0) throw new UsageError('name the files or directories to scan, or - for stdin (e.g. proxilion scan ~/.claude/projects)');
  const out: InputSource[] = [];
  for (const arg of args) {
    if (arg === '-') {
      if (out.some((s) => s.path === '-')) throw new UsageError('- (stdin) is named twice');
      out.push({ path: '-', display: '-', named: true });
      continue;
    }
    const st = await stat(arg).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`${arg}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}`);
    });
    if (st.isDirectory()) await walk(arg, out);
    else out.push({ path: arg, display: displayPath(arg), size: st.isFile() ? st.size : undefined, named: true });
  }
  return out;
}

async function walk(dir: string, out: InputSource[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) await walk(path, out);
    else if (e.isFile() || (e.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile())) {
      if (out.length >= MAX_FILES) throw new UsageError(`${dir}: more than ${MAX_FILES} files; scan its subdirectories separately`);
      const size = (await stat(path)).size;
      out.push({ path, display: displayPath(path), size, named: false });
    }
  }
}

/** The bytes of a source, in chunks. */
export function openSource(source: InputSource): AsyncIterable<Buffer> {
  return source.path === '-' ? (process.stdin as AsyncIterable<Buffer>) : createReadStream(source.path, { highWaterMark: 256 * 1024 });
}
