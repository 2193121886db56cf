/**
 * A lookup table keyed by text from the call (command names, tool-name words, a file operation):
 * made without a prototype, so a command named `constructor` or `__proto__` finds nothing rather
 * than Object's own members.
 */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
