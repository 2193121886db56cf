import { ConfigError } from '../config/error.js';
import { ToolCallError } from '../engine/toolcall.js';
import { EXIT, UsageError } from './exit.js';

/** Reports an error that ended a command and returns its exit code: 64 for a mistake in the call, 70 for a failure. */
export function reportFailure(e: unknown): number {
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof ToolCallError) {
    process.stderr.write(`proxilion: ${e.message}\n`);
    return EXIT.usage;
  }
  // Known runtime failures (store cannot open, port taken) carry a message that says what to do.
  const code = (e as { code?: unknown })?.code;
  if (code === 'E_STORE' || code === 'E_SERVE' || code === 'E_FILE_EDIT') {
    process.stderr.write(`proxilion: ${(e as Error).message}\n`);
    return EXIT.internal;
  }
  process.stderr.write(`proxilion: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  return EXIT.internal;
}
