import * as z from 'zod/mini';

/**
 * How one setting's text (an environment variable or a flag) becomes a value. `accepts` is written
 * once and serves both the error message (`MODE must be one of …; got "blok"`) and the docs table.
 */
export interface Value<T> {
  accepts: string;
  schema: z.ZodMiniType<T, string>;
}

/** A score threshold, as text from the environment and as a number in the policy file. */
export const thresholdNumber = z.number().check(z.gte(0), z.lte(100));

const text = z.string().check(z.trim());
const lowered = z.string().check(z.trim(), z.toLowerCase());

export function oneOf<const T extends string>(values: readonly T[]): Value<T> {
  return { accepts: `one of ${values.join(', ')}`, schema: z.pipe(lowered, z.enum(values)) };
}

const BOOL_WORDS = ['true', 'false', '1', '0', 'yes', 'no'] as const;
const TRUE: ReadonlySet<string> = new Set(['true', '1', 'yes']);
export const bool: Value<boolean> = {
  accepts: 'true, false, 1, 0, yes or no',
  schema: z.pipe(z.pipe(lowered, z.enum(BOOL_WORDS)), z.transform((v: (typeof BOOL_WORDS)[number]) => TRUE.has(v))),
};

function numeric(integer: boolean, range: z.ZodMiniNumber<number>, accepts: string): Value<number> {
  const digits = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  return { accepts, schema: z.pipe(z.pipe(text.check(z.regex(digits)), z.transform(Number)), range) };
}

export const threshold = numeric(false, thresholdNumber, 'a number from 0 to 100');
export const positiveNumber = numeric(false, z.number().check(z.gt(0)), 'a number greater than 0');
export const integer = (min: number, max: number): Value<number> =>
  numeric(true, z.number().check(z.gte(min), z.lte(max)), `a whole number from ${min} to ${max}`);

/** Free text that must not be empty; `what` names it for errors and docs (`a file path`). */
export const nonEmpty = (what: string): Value<string> => ({ accepts: what, schema: text.check(z.minLength(1)) });

// Not z.httpUrl(): it insists on a dotted domain, and a webhook receiver on localhost or an IP is common.
export const httpUrl: Value<string> = { accepts: 'an http:// or https:// URL', schema: z.pipe(text, z.url({ protocol: /^https?$/, hostname: /^.+$/ })) };

export const redisUrl: Value<string> = {
  accepts: 'a redis:// or rediss:// URL, e.g. redis://localhost:6379',
  schema: z.pipe(text, z.url({ protocol: /^rediss?$/, hostname: /^.+$/ })),
};

export interface ListenAddress {
  host: string;
  port: number;
}

export const DEFAULT_HOST = '127.0.0.1';

/** `host:port`, `[::1]:port`, or `:port` for the default (loopback) host: never all interfaces by accident. */
function parseListen(s: string): ListenAddress | undefined {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]*)):(\d{1,5})$/.exec(s.trim());
  if (!m || Number(m[3]) > 65535) return undefined;
  return { host: m[1] ?? (m[2] || DEFAULT_HOST), port: Number(m[3]) };
}

export const listenAddress: Value<ListenAddress> = {
  accepts: 'host:port, [ipv6]:port or :port (e.g. 127.0.0.1:8787)',
  schema: z.pipe(z.string(), z.transform((s: string, ctx) => parseListen(s) ?? invalid(ctx, s))),
};

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * RUST_LOG as the upstream gateway read it: `info`, or directives like `proxilion=debug,hyper=warn`.
 * proxilion's own directive wins over the bare default; `off` is the quietest level there is here.
 * Directives that only name other targets leave the level unset.
 */
function parseRustLog(s: string): LogLevel | null | undefined {
  let bare: LogLevel | undefined;
  let own: LogLevel | undefined;
  for (const directive of s.split(',')) {
    const d = directive.trim().toLowerCase();
    if (!d) continue;
    const eq = d.indexOf('=');
    const target = eq < 0 ? (isRustLevel(d) ? undefined : d) : d.slice(0, eq).replace(/\[.*$/, '');
    const level = eq < 0 ? (isRustLevel(d) ? d : 'trace') : d.slice(eq + 1);
    const ours = target !== undefined && (target === 'proxilion' || target.startsWith('proxilion::') || target.startsWith('proxilion_'));
    if (target !== undefined && !ours) continue;
    if (!isRustLevel(level)) return undefined;
    const mapped = level === 'off' ? 'error' : level;
    if (ours) own = mapped;
    else bare = mapped;
  }
  return own ?? bare ?? null;
}
const isRustLevel = (s: string): s is LogLevel | 'off' => s === 'off' || (LOG_LEVELS as readonly string[]).includes(s);

export const logLevel = oneOf(LOG_LEVELS);
/** `null`: RUST_LOG is set but says nothing about proxilion, so it does not set the level. */
export const rustLog: Value<LogLevel | null> = {
  accepts: 'a level (trace, debug, info, warn, error, off) or directives like proxilion=debug,hyper=warn',
  schema: z.pipe(z.string(), z.transform((s: string, ctx) => {
    const level = parseRustLog(s);
    return level === undefined ? invalid(ctx, s) : level;
  })),
};

/** Comma-separated origins, or `*` for any (the upstream gateway's open default). */
export const origins: Value<string[]> = {
  accepts: '* or a comma-separated list of origins like https://app.example',
  schema: z.pipe(z.string(), z.transform((s: string, ctx) => {
    const list = s.split(',').map((o) => o.trim()).filter(Boolean);
    const ok = list.length > 0 && list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o));
    return ok ? list : invalid(ctx, s);
  })),
};

function invalid(ctx: z.core.ParsePayload, input: string): never {
  ctx.issues.push({ code: 'custom', message: 'invalid', input });
  return z.NEVER;
}
