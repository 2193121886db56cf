import type { SessionContext, SessionEvent } from '../session.js';

/** The moment example sessions are analyzed at: fixed, so examples never depend on a clock. */
export const EXAMPLE_NOW = 1_800_000_000_000;

/** An earlier call of an example session, `ago` ms before the call under analysis; benign unless told otherwise. */
export type EarlierCall = Partial<Omit<SessionEvent, 'at'>> & { ago: number };

/** Session events from example calls, in the order given (oldest first). */
export function earlier(calls: readonly EarlierCall[]): SessionEvent[] {
  return calls.map(({ ago, ...e }) => ({ at: EXAMPLE_NOW - ago, tool: 'bash', score: 0, decision: 'Allow', tactics: [], rules: [], targets: [], ...e }));
}

/** The context of a call made at EXAMPLE_NOW after `calls`, with any further context fields. */
export function sessionAfter(calls: readonly EarlierCall[], extra: Partial<Omit<SessionContext, 'history'>> = {}): SessionContext {
  return { now: EXAMPLE_NOW, ...extra, history: earlier(calls) };
}

/** A session of `n` benign calls `gapMs` apart (± `jitterMs`), ending just before now. */
export function sessionOf(n: number, gapMs: number, jitterMs: number): SessionContext {
  return sessionAfter(Array.from({ length: n }, (_, i) => ({ ago: (n - i) * gapMs - ((i * 7919) % (2 * jitterMs + 1)) + jitterMs })));
}
