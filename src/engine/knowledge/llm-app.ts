import type { SimpleCommand } from '../shell/types.js';

/**
 * An LLM application's own defences, as its files spell them: the guardrails, moderation and PII redaction its
 * gateway applies, and the system prompt that tells the model what it must not do. Turned off, or rewritten to tell
 * the model to hand over what it retrieves, the app leaks on the next question anyone asks.
 */

/** A guardrail, filter or redaction step set off in configuration (`guardrails_enabled: false`, `pii_redaction: off`). */
const GUARD_OFF = /\b(?:guardrails?(?:_?enabled)?|pii_?redaction|redact_?pii|content_?filter(?:ing)?|moderation(?:_?enabled)?|safety_?checker|prompt_?injection_?(?:detection|guard|shield)|jailbreak_?detection)["']?\s{0,4}[:=]\s{0,4}["']?(?:false|off|disabled?|none|no|0)\b/i;
/** A system prompt's or agent instruction file's path (test fixtures and evaluation suites hold attacks on purpose). */
const PROMPT_FILE = /(?:^|\/)(?:prompts?|instructions)\/[^/]{1,128}$|(?:^|\/)[\w.-]{0,64}system[_-]?prompt[\w.-]{0,64}$|(?:^|\/)[\w.-]{0,64}\.prompt(?:\.md|\.txt|\.ya?ml)?$/i;
const TEST_FILE = /(?:^|\/)(?:tests?|fixtures?|evals?|promptfoo|red[_-]?team)\//i;
/** An instruction to hand over what the model sees: documents, keys, secrets, customers' data, the prompt itself. */
const LEAK_ORDER = /\b(?:print|reveal|output|append|include|disclose|send|return|repeat|dump)\b[^.\n]{0,80}\b(?:documents?|api[ _-]?keys?|secrets?|credentials?|passwords?|tokens?|PII|personal data|customer data|system prompt|internal (?:pricing|rules|data))\b|\bignore (?:all |any )?(?:previous|prior|above) (?:instructions|rules)\b/i;

/** What a file written here does to an LLM app's defences, if anything. */
export function llmDefencesWeakened(path: string, text: string): string | undefined {
  const body = text.slice(0, 65536);
  const off = GUARD_OFF.exec(body)?.[0];
  if (off !== undefined) return `guardrail off: ${off}`;
  if (!PROMPT_FILE.test(path) || TEST_FILE.test(path)) return undefined;
  const order = LEAK_ORDER.exec(body)?.[0];
  return order === undefined ? undefined : `system prompt tells the model to ${order.slice(0, 100)}`;
}

/** A guardrails configuration emptied in place by yq (`yq -i '.rails.input.flows = []' config.yml`). */
export function guardrailsEmptied(c: SimpleCommand): string | undefined {
  return c.name === 'yq' && c.argv.some((w) => w === '-i' || w.startsWith('--inplace')) && c.argv.some((w) => w.length < 4096 && (/\.rails\.(?:input|output|retrieval)\.flows\s{0,4}=\s{0,4}\[\s{0,4}\]/.test(w) || GUARD_OFF.test(w))) ? c.argv.join(' ') : undefined;
}
