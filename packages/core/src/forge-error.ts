/**
 * The port's typed errors. Adapters translate their forge's answers into these so the runner can
 * decide what to do without knowing which forge it talks to:
 * - `not_found`, `conflict`, `not_mergeable`: the reconciler handles them (re-read and retry, or give up);
 * - `rate_limited`, `transient`: retried with backoff (respecting `retryAfterMs`);
 * - `permanent`: a retry cannot help (bad request, forbidden): the message goes to dead letters.
 */
export type ForgeErrorKind =
  'not_found' | 'conflict' | 'not_mergeable' | 'rate_limited' | 'transient' | 'permanent';

export class ForgeError extends Error {
  override readonly name = 'ForgeError';

  constructor(
    readonly kind: ForgeErrorKind,
    message: string,
    /** When the forge said how long to wait (Retry-After, rate-limit reset). */
    readonly retryAfterMs?: number,
    /** The HTTP status, where there was one. */
    readonly status?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient' || this.kind === 'conflict';
  }
}

export function isForgeError(error: unknown, kind?: ForgeErrorKind): error is ForgeError {
  return error instanceof ForgeError && (kind === undefined || error.kind === kind);
}
