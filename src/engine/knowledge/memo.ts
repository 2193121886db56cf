/**
 * A bounded memo for pure functions of one string. Many rules ask about the same words (is this a
 * sensitive path? a destination?), so each answer is computed once. The cache only remembers
 * results of pure functions, so it cannot change any verdict; it is emptied when full.
 */
export function memoize<T>(fn: (s: string) => T, max = 4096): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = fn(s);
    if (cache.size >= max) cache.clear();
    if (s.length <= 512) cache.set(s, v);
    return v;
  };
}

/**
 * A memo for pure functions of one object (a tool call, a command view): several rules read the same call the
 * same way, so it is read once. Held weakly, it goes with the object.
 */
export function memoizeOn<K extends object, T>(fn: (k: K) => T): (k: K) => T {
  const cache = new WeakMap<K, { v: T }>();
  return (k: K) => {
    const hit = cache.get(k);
    if (hit) return hit.v;
    const v = fn(k);
    cache.set(k, { v });
    return v;
  };
}
