/**
 * How one setting's text (an environment variable or a flag) becomes a value. `accepts` is written
 * once and serves both the error message (`MODE must be one of …; got "blok"`) and the docs table.
 * `parse` returns undefined for text it does not accept. Plain functions, not a schema library:
 * every hook reads settings, and its start-up is paid on each agent call and typed line.
 */
export interface Value<T> {
  accepts: string;
  parse(raw: string): T | undefined;
  /** The value written back in the syntax it is accepted in, where String() would not do. */
  show?(value: T): string;
}

export function oneOf<const T extends string>(values: readonly T[]): Value<T> {
  return { accepts: `one of ${values.join(', ')}`, parse: (raw) => member(values, raw.trim().toLowerCase()) };
}

const member = <T extends string>(values: readonly T[], s: string): T | undefined => (values as readonly string[]).includes(s) ? (s as T) : undefined;

const TRUE = ['true', '1', 'yes'] as const;
const FALSE = ['false', '0', 'no'] as const;
export const bool: Value<boolean> = {
  accepts: 'true, false, 1, 0, yes or no',
  parse(raw) {
    const s = raw.trim().toLowerCase();
    return member(TRUE, s) ? true : member(FALSE, s) ? false : undefined;
  },
};

function numeric(integer: boolean, inRange: (n: number) => boolean, accepts: string): Value<number> {
  const digits = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  return {
    accepts,
    parse(raw) {
      const s = raw.trim();
      if (!digits.test(s)) return undefined;
      const n = Number(s);
      return inRange(n) ? n : undefined;
    },
  };
}

export const threshold = numeric(false, (n) => n >= 0 && n <= 100, 'a number from 0 to 100');
const nonNegative = numeric(false, (n) => n >= 0, 'a number of at least 0');
export const positiveNumber = numeric(false, (n) => n > 0, 'a number greater than 0');
export const integer = (min: number, max: number): Value<number> => numeric(true, (n) => n >= min && n <= max, `a whole number from ${min} to ${max}`);

/** Free text that must not be empty; `what` names it for errors and docs (`a file path`). */
export const nonEmpty = (what: string): Value<string> => ({ accepts: what, parse: (raw) => raw.trim() || undefined });

/** An absolute URL with one of `protocols` and a host; a receiver on localhost or an IP is common, so no dotted domain is required. */
function url(accepts: string, protocols: readonly string[]): Value<string> {
  return {
    accepts,
    parse(raw) {
      const s = raw.trim();
      let u: URL;
      try {
        u = new URL(s);
      } catch {
        return undefined;
      }
      return protocols.includes(u.protocol) && u.hostname !== '' ? s : undefined;
    },
  };
}

/** `40-80`: an inclusive range of scores, low end first. */
export const scoreBand: Value<{ min: number; max: number }> = {
  accepts: 'two scores from 0 to 100 as low-high, e.g. 40-80',
  parse(raw) {
    const parts = raw.split('-');
    const [lo, hi] = parts.map((p) => threshold.parse(p));
    return parts.length === 2 && lo !== undefined && hi !== undefined && lo <= hi ? { min: lo, max: hi } : undefined;
  },
  show: (b) => `${b.min}-${b.max}`,
};

/** `1,5`: USD per million input tokens, then output tokens. */
export const pricePair: Value<{ input: number; output: number }> = {
  accepts: 'two prices in USD per million tokens as input,output, e.g. 1,5',
  parse(raw) {
    const parts = raw.split(',');
    const n = parts.map((p) => nonNegative.parse(p));
    return parts.length === 2 && n[0] !== undefined && n[1] !== undefined ? { input: n[0], output: n[1] } : undefined;
  },
  show: (p) => `${p.input},${p.output}`,
};

export const httpUrl = url('an http:// or https:// URL', ['http:', 'https:']);
export const redisUrl = url('a redis:// or rediss:// URL, e.g. redis://localhost:6379', ['redis:', 'rediss:']);

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
  parse: parseListen,
  show: ({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port}`,
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
  parse: parseRustLog,
};

/** Comma-separated origins, or `*` for any (the upstream gateway's open default). */
export const origins: Value<string[]> = {
  accepts: '* or a comma-separated list of origins like https://app.example',
  parse(raw) {
    const list = raw.split(',').map((o) => o.trim()).filter(Boolean);
    return list.length > 0 && list.every((o) => o === '*' || /^https?:\/\/[^/\s]+$/.test(o)) ? list : undefined;
  },
};
