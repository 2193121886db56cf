/** Exit codes: a finding never shares a code with a failure (CONVENTIONS.md §8). */
export const EXIT = {
  allow: 0,
  alert: 1,
  block: 2,
  terminate: 3,
  usage: 64,
  internal: 70,
} as const;

/** A mistake in how the command was called: exit 64 with a message that says what to do. */
export class UsageError extends Error {
  readonly code = 'E_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
