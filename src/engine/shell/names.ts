/** Command names and unquoted words as the shell (and a reviewer) would read them. */

/** Zero-width and bidi-control characters: invisible in a review, and no part of any real command name. */
export const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * The name rules match on: basename, invisible characters dropped, lower case — macOS file systems
 * are case-insensitive, so `CuRl` runs curl there.
 */
export function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  const base = slash >= 0 && slash < word.length - 1 ? word.slice(slash + 1) : word;
  return base.replace(INVISIBLE, '').toLowerCase();
}

export function hasInvisible(word: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(word);
}

/** The word with each invisible character shown as ⟨?⟩, for evidence a reviewer can read. */
export function showInvisible(word: string): string {
  return word.replace(INVISIBLE, '⟨?⟩');
}

/** Unquoted word text: drop line continuations and backslash escapes. */
export function unescapeWord(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\\n/g, '').replace(/\\(.)/gs, '$1');
}

/** A path as it resolves for this command: relative paths join the directory the line `cd`-ed into. */
export function atCwd(cmd: { cwd?: string }, path: string): string {
  return cmd.cwd && !path.startsWith('/') && !path.startsWith('~') ? `${cmd.cwd}/${path}` : path;
}
