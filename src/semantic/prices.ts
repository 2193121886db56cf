import type { ProviderName, Usage } from './providers.js';

/** USD per million tokens. Cache reads and writes are priced as multiples of the input price. */
export interface Price {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/**
 * List prices as the providers publish them (USD per million tokens, checked 2026-12). A model id
 * matches an entry it starts with, so dated ids (`claude-haiku-4-5-20251001`) find their family; the
 * longest prefix wins. Anthropic bills cache reads at 0.1× and 5-minute cache writes at 1.25× the
 * input price; OpenAI bills cached prompt tokens at 0.5× and has no write surcharge.
 */
const ANTHROPIC = (input: number, output: number): Price => ({ input, output, cacheRead: input * 0.1, cacheWrite: input * 1.25 });
const OPENAI = (input: number, output: number): Price => ({ input, output, cacheRead: input * 0.5, cacheWrite: input });

const TABLE: ReadonlyArray<[prefix: string, price: Price]> = [
  ['claude-haiku-4-5', ANTHROPIC(1, 5)],
  ['claude-3-5-haiku', ANTHROPIC(0.8, 4)],
  ['claude-3-haiku', ANTHROPIC(0.25, 1.25)],
  ['claude-sonnet-4', ANTHROPIC(3, 15)],
  ['claude-3-7-sonnet', ANTHROPIC(3, 15)],
  ['claude-opus-4-5', ANTHROPIC(5, 25)],
  ['claude-opus-4-6', ANTHROPIC(5, 25)],
  ['claude-opus-4-7', ANTHROPIC(5, 25)],
  ['claude-opus-4-8', ANTHROPIC(5, 25)],
  ['claude-opus-4', ANTHROPIC(15, 75)],
  ['gpt-4o-mini', OPENAI(0.15, 0.6)],
  ['gpt-4o', OPENAI(2.5, 10)],
  ['gpt-4.1-nano', OPENAI(0.1, 0.4)],
  ['gpt-4.1-mini', OPENAI(0.4, 1.6)],
  ['gpt-4.1', OPENAI(2, 8)],
];

/**
 * The price of `model`: the operator's SEMANTIC_PRICE_USD_PER_MTOK first, then the table. A model
 * the table does not know costs nothing on the metric, which is right for a local server and
 * says so through `known: false` otherwise.
 */
export function priceOf(provider: ProviderName, model: string, override?: { input: number; output: number }): { price: Price; known: boolean } {
  if (override) return { price: provider === 'anthropic' ? ANTHROPIC(override.input, override.output) : OPENAI(override.input, override.output), known: true };
  let best: [string, Price] | undefined;
  const id = model.toLowerCase();
  for (const entry of TABLE) if (id.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  return best ? { price: best[1], known: true } : { price: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 }, known: false };
}

export function costUsd(usage: Usage, price: Price): number {
  return (usage.input * price.input + usage.output * price.output + usage.cacheRead * price.cacheRead + usage.cacheWrite * price.cacheWrite) / 1e6;
}
