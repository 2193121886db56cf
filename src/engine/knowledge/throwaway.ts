/**
 * A resource named as one made to be thrown away: `rg-preview-pr-1187`, `review-482`, `test-ns`, `sandbox`,
 * `gv-test01`. Deleting such a thing is cleanup, not destruction.
 */
export function throwawayName(name: string): boolean {
  return /^(?:test|dev|tmp|scratch|sandbox|preview|pr-\d+|review-|load-?test)|(?:^|[-_.])(?:preview|pr-?\d+|review|sandbox|ephemeral|scratch|tmp|test\d*|load-?test|burner)(?:[-_.]|$)/i.test(name.slice(0, 256));
}
