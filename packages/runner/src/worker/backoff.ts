export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Ceiling of any single delay. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 5 * 60 * 1000 };

/**
 * Exponential backoff with "equal jitter": half the exponential step is kept, the other half is
 * random, so many messages failing together (a forge outage) spread their retries out yet never
 * retry at once. `attempt` counts failures so far, from 1. `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
