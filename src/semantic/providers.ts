/**
 * The two wire formats a second opinion can be asked in. Each provider turns a prompt into an HTTP
 * request and a JSON answer back into text and token usage; the client around them owns timeouts,
 * retries and everything else, so a third format is one more entry here.
 */

export type ProviderName = 'anthropic' | 'openai';

export interface Prompt {
  system: string;
  user: string;
}

export interface Usage {
  input: number;
  output: number;
  /** Prompt tokens served from the provider's prompt cache. */
  cacheRead: number;
  /** Prompt tokens written to the provider's prompt cache. */
  cacheWrite: number;
}

export interface ProviderRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type ProviderAnswer = { ok: true; text: string; usage: Usage; stop?: string } | { ok: false; problem: string };

export interface Provider {
  name: ProviderName;
  /** Where requests go, for logs and doctor (no credentials). */
  endpoint: string;
  request(prompt: Prompt, model: string, maxTokens: number): ProviderRequest;
  read(body: unknown): ProviderAnswer;
}

const ANTHROPIC_VERSION = '2023-06-01';

/** Joins a base URL and a path without doubling or losing the slash between them. */
const join = (base: string, path: string): string => base.replace(/\/+$/, '') + path;

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);

/** The Messages API: `x-api-key`, a system prompt marked cacheable, text content blocks back. */
export function anthropicProvider(baseUrl: string, apiKey: string): Provider {
  const url = join(baseUrl, '/v1/messages');
  return {
    name: 'anthropic',
    endpoint: url,
    request: (prompt, model, maxTokens) => ({
      url,
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'anthropic-version': ANTHROPIC_VERSION },
      body: JSON.stringify({
        model,
        max_tokens: maxTokens,
        temperature: 0,
        // The instructions are the same on every call: marked cacheable, they are billed at the cache-read price once long enough to be cached.
        system: [{ type: 'text', text: prompt.system, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: prompt.user }],
      }),
    }),
    read(body) {
      const b = body as { type?: unknown; content?: unknown; usage?: Record<string, unknown>; stop_reason?: unknown } | null;
      if (!b || typeof b !== 'object' || !Array.isArray(b.content)) return { ok: false, problem: 'the answer is not a Messages API message (no content array)' };
      const text = b.content
        .filter((c): c is { type: 'text'; text: string } => !!c && typeof c === 'object' && (c as { type?: unknown }).type === 'text' && typeof (c as { text?: unknown }).text === 'string')
        .map((c) => c.text)
        .join('\n');
      const u = b.usage ?? {};
      return {
        ok: true,
        text,
        usage: { input: count(u.input_tokens), output: count(u.output_tokens), cacheRead: count(u.cache_read_input_tokens), cacheWrite: count(u.cache_creation_input_tokens) },
        stop: typeof b.stop_reason === 'string' ? b.stop_reason : undefined,
      };
    },
  };
}

/** Chat completions as OpenAI defined them and llama.cpp, Ollama, vLLM and LM Studio serve them. */
export function openaiProvider(baseUrl: string, apiKey: string | undefined): Provider {
  const url = join(baseUrl, '/chat/completions');
  return {
    name: 'openai',
    endpoint: url,
    request: (prompt, model, maxTokens) => ({
      url,
      headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify({
        model,
        max_tokens: maxTokens,
        temperature: 0,
        messages: [
          { role: 'system', content: prompt.system },
          { role: 'user', content: prompt.user },
        ],
      }),
    }),
    read(body) {
      const b = body as { choices?: unknown; usage?: Record<string, unknown> } | null;
      const choice = Array.isArray(b?.choices) ? (b.choices[0] as { message?: { content?: unknown }; finish_reason?: unknown } | undefined) : undefined;
      if (!choice || typeof choice !== 'object') return { ok: false, problem: 'the answer is not a chat completion (no choices)' };
      const content = choice.message?.content;
      const text = typeof content === 'string' ? content : Array.isArray(content) ? content.map((p) => (typeof (p as { text?: unknown })?.text === 'string' ? (p as { text: string }).text : '')).join('') : '';
      const u = b!.usage ?? {};
      const cached = count((u.prompt_tokens_details as Record<string, unknown> | undefined)?.cached_tokens);
      return {
        ok: true,
        text,
        usage: { input: Math.max(0, count(u.prompt_tokens) - cached), output: count(u.completion_tokens), cacheRead: cached, cacheWrite: 0 },
        stop: typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined,
      };
    },
  };
}
