import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';

/** Settings and rc files are small; anything larger is not one of them and is left alone. */
export const MAX_EDITED_FILE_BYTES = 4 * 1024 * 1024;

/** A settings or rc file that cannot be edited safely: the message says which file and why. */
export class FileEditError extends Error {
  readonly code = 'E_FILE_EDIT';
  constructor(message: string) {
    super(message);
    this.name = 'FileEditError';
  }
}

export interface EditPlan {
  /** The file as named (it may be a symlink, as dotfiles managed by stow or chezmoi often are). */
  path: string;
  /** The file that is really written: the symlink's target, so the link survives the edit. */
  target: string;
  before: string | undefined;
  after: string;
  changed: boolean;
}

export interface EditResult {
  changed: boolean;
  /** The copy of the file as it was, made before anything was written (absent when the file was new or unchanged). */
  backup?: string;
}

/** Reads a file to edit: undefined when it does not exist; an error naming the file when it cannot be read or is too big. */
export function readEditable(path: string): string | undefined {
  const target = resolveTarget(path);
  if (!existsSync(target)) return undefined;
  const st = statSync(target);
  if (!st.isFile()) throw new FileEditError(`${path} is not a regular file`);
  if (st.size > MAX_EDITED_FILE_BYTES) throw new FileEditError(`${path} is ${st.size} bytes; a settings file over ${MAX_EDITED_FILE_BYTES} bytes is not edited`);
  try {
    return readFileSync(target, 'utf8');
  } catch (e) {
    throw new FileEditError(`cannot read ${path}: ${(e as Error).message}`);
  }
}

/**
 * Plans an edit: `transform` gets the current text (undefined for a missing file) and returns the new
 * text. It throws FileEditError for a file it cannot understand, so nothing is written.
 */
export function planEdit(path: string, transform: (text: string | undefined) => string): EditPlan {
  const before = readEditable(path);
  const after = transform(before);
  return { path, target: resolveTarget(path), before, after, changed: after !== before };
}

/** A unified diff of the plan, labelled with the file's path ("" when nothing changes). */
export function planDiff(plan: EditPlan): string {
  if (!plan.changed) return '';
  return createTwoFilesPatch(plan.path, plan.path, plan.before ?? '', plan.after, plan.before === undefined ? '(new file)' : '', '');
}

/**
 * Writes the plan: a backup copy of the old file first, then the new text through a temporary file
 * renamed over the old one, so a crash leaves either the old or the new file, never half of one.
 * The file keeps its permissions.
 */
export function applyEdit(plan: EditPlan, now: Date = new Date()): EditResult {
  if (!plan.changed) return { changed: false };
  const { target } = plan;
  try {
    mkdirSync(dirname(target), { recursive: true });
    let backup: string | undefined;
    let mode: number | undefined;
    if (plan.before !== undefined) {
      mode = statSync(target).mode & 0o7777;
      backup = backupPath(target, now);
      copyFileSync(target, backup);
    }
    const tmp = join(dirname(target), `.${basename(target)}.proxilion-${process.pid}.tmp`);
    writeFileSync(tmp, plan.after, { mode: mode ?? 0o644 });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
    return backup ? { changed: true, backup } : { changed: true };
  } catch (e) {
    if (e instanceof FileEditError) throw e;
    throw new FileEditError(`cannot write ${plan.path}: ${(e as Error).message}`);
  }
}

/** `settings.json.proxilion-20261203T074512Z.bak`, with a counter when one already exists for that second. */
function backupPath(target: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = `${target}.proxilion-${stamp}`;
  let candidate = `${base}.bak`;
  for (let i = 1; existsSync(candidate); i++) candidate = `${base}-${i}.bak`;
  return candidate;
}

function resolveTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // a missing file (or a dangling link's parent that exists): write the path as given
    return path;
  }
}
