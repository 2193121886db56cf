import type { ChalkInstance } from 'chalk';

/** Cuts or pads to a column width. */
export const pad = (s: string, n: number): string => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));

/** Pads, or keeps the end of a longer text: paths and path-named sessions differ at their ends. */
export const padTail = (s: string, n: number): string => (s.length > n ? `…${s.slice(s.length - n + 1)}` : pad(s, n));

/** A decision label in its color: Allow plain, Alert yellow, Block and Terminate red. */
export const paintDecision = (c: ChalkInstance, d: string, text = d): string => (d === 'Allow' ? text : d === 'Alert' ? c.yellow(text) : c.red(text));
