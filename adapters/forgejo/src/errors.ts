import { ForgeError, type ForgeErrorKind } from '@forgegate/core';

/**
 * Turns whatever forgejo-js throws into the port's typed errors.
 *
 * forgejo-js throws the fetch `Response` itself (with the parsed body in `.error`) for any
 * non-2xx answer, and fetch's own `TypeError` for network failures. Neither may leave the adapter
 * as is: a `Response` carries the URL and headers, and the runner logs error messages. So every
 * message is built here from the operation, the status and Forgejo's `message`, and then passed
 * through `redact` so the token can never reach a log line, even if a proxy echoed it back.
 */

/** Per-call reading of a status whose meaning depends on the operation (405 on merge, 422 on commit). */
export type StatusKinds = Partial<Record<number, ForgeErrorKind>>;

export interface ErrorContext {
  /** What was attempted, e.g. `GET pulls/f41/updates/FEDORA-2024-1`. */
  what: string;
  kinds?: StatusKinds;
  redact: (text: string) => string;
  /** Milliseconds since the epoch; injectable so tests of reset times need no real clock. */
  now: () => number;
}

interface ResponseLike {
  status: number;
  headers: Headers;
  error?: unknown;
}

function isResponseLike(value: unknown): value is ResponseLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'number' &&
    (value as { headers?: unknown }).headers instanceof Headers
  );
}

/** Forgejo's error bodies are `APIError` `{message, url}` or `APIValidationError`; take the message. */
function forgeMessage(body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
  }
  return '';
}

/**
 * How long to wait before retrying, from `Retry-After` (seconds or an HTTP date, RFC 9110 §10.2.3)
 * or, failing that, `X-RateLimit-Reset` (epoch seconds, the convention GitHub and Gitea-fronting
 * proxies use; forges/RATE-LIMITS.md).
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter.trim() !== '') {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset !== null && Number.isFinite(Number(reset))) {
    return Math.max(0, Number(reset) * 1000 - now);
  }
  return undefined;
}

function kindOfStatus(status: number, headers: Headers, kinds: StatusKinds): ForgeErrorKind {
  const special = kinds[status];
  if (special !== undefined) return special;
  if (status === 429) return 'rate_limited';
  // A proxy that spends a budget answers 403 with the remaining count at zero
  // (forges/RATE-LIMITS.md).
  if (status === 403 && headers.get('x-ratelimit-remaining') === '0') return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 408 || status >= 500) return 'transient';
  return 'permanent';
}

export function toForgeError(thrown: unknown, context: ErrorContext): ForgeError {
  if (thrown instanceof ForgeError) return thrown;
  const { what, redact, now } = context;
  if (isResponseLike(thrown)) {
    const kind = kindOfStatus(thrown.status, thrown.headers, context.kinds ?? {});
    const detail = forgeMessage(thrown.error);
    const message = redact(
      `Forgejo ${what}: HTTP ${thrown.status}${detail === '' ? '' : `: ${detail}`}`,
    );
    const wait = kind === 'rate_limited' ? retryAfterMs(thrown.headers, now()) : undefined;
    return new ForgeError(kind, message, wait, thrown.status);
  }
  // fetch failed before any answer: DNS, refused connection, reset. Worth retrying.
  const cause = thrown instanceof Error ? describeNetworkError(thrown) : String(thrown);
  return new ForgeError('transient', redact(`Forgejo ${what}: ${cause}`));
}

function describeNetworkError(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const code =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
}
