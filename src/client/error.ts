/**
 * E_HTTP: the gateway refused the request (status, and its `{error, details}`); E_UNREACHABLE:
 * no connection; E_TIMEOUT: no complete answer in time; E_RESPONSE: an answer that is not the
 * gateway's JSON (a proxy in the way, or another server on that port); E_CLOSED: close() was called;
 * E_ABORTED: the caller's AbortSignal cancelled the request.
 */
export type ProxilionErrorCode = 'E_HTTP' | 'E_UNREACHABLE' | 'E_TIMEOUT' | 'E_RESPONSE' | 'E_CLOSED' | 'E_ABORTED';

export class ProxilionError extends Error {
  readonly code: ProxilionErrorCode;
  /** The HTTP status; undefined when no answer came. */
  readonly status?: number;
  /** The gateway's `error` field, such as "invalid request: user_id". */
  readonly error?: string;
  /** The gateway's `details` field: what was wrong and what to do. */
  readonly details?: string;

  constructor(code: ProxilionErrorCode, message: string, extra: { status?: number; error?: string; details?: string; cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'ProxilionError';
    this.code = code;
    this.status = extra.status;
    this.error = extra.error;
    this.details = extra.details;
  }
}
