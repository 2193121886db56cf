import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The absolute path of a program, looked up in /usr/bin and then PATH; undefined when it is not installed. */
export function findBinary(name: string): string | undefined {
  const dirs = ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)];
  return dirs.map((d) => join(d, name)).find((p) => existsSync(p));
}

/**
 * Why tests that need these programs do not run here, or undefined when they do. On CI (CI=true) they
 * always run, so a missing program fails them (see requireBinaries) instead of skipping them quietly.
 * The reason is printed once, so a local skip is visible in the output.
 */
export function binariesSkipReason(names: readonly string[], what: string): string | undefined {
  const missing = names.filter((n) => !findBinary(n));
  if (missing.length === 0 || process.env.CI === 'true') return undefined;
  const reason = `${missing.join(', ')} not installed (apt-get install ${missing.join(' ')}); ${what} are skipped`;
  console.warn(reason);
  return reason;
}

/** The programs' paths; throws, naming what to install, when one is missing (the CI=true case). */
export function requireBinaries(names: readonly string[], what: string): Record<string, string> {
  const missing = names.filter((n) => !findBinary(n));
  if (missing.length > 0) throw new Error(`${missing.join(', ')} not installed, and CI=true requires ${what} to run: install them (apt-get install ${missing.join(' ')})`);
  return Object.fromEntries(names.map((n) => [n, findBinary(n)!]));
}
