/**
 * Sets `key` as the most recently used entry of a Map kept in use order, and drops the least recently
 * used past `max`: the bounded caches of the stores and of replay share this one eviction rule.
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}
