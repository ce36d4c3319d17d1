import { isForgeError } from '@forgegate/core';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';

export interface RetryPolicy {
  /** Attempts in all (the first one included) before a message goes to the dead letters. */
  maxAttempts: number;
  backoff: BackoffOptions;
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  backoff: DEFAULT_BACKOFF,
};

/** Attempts a message gets when the forge keeps answering `conflict` (busy shared branches). */
export const CONFLICT_ATTEMPTS = 50;

export type FailureDecision =
  { action: 'retry'; delayMs: number; reason: string } | { action: 'dead'; reason: string };

/**
 * What to do after a failed attempt (`attempt` counts from 1):
 * - a retryable ForgeError (transient, rate limited, conflict) waits and tries again, for at least
 *   as long as the forge asked (Retry-After, rate-limit reset);
 * - a permanent one (bad request, forbidden, not found after the reconciler's own handling) goes to
 *   the dead letters at once: a retry cannot fix it;
 * - anything else (a network error in a client, a bug) is retried like a transient error, so one
 *   surprise does not lose a message, and dead-lettered when the attempts run out.
 */
export function decideAfterFailure(
  error: unknown,
  attempt: number,
  policy: RetryPolicy,
  /** Removes secrets from the reason, which is stored in the inbox and printed by `dead list`. */
  redact: (text: string) => string = (text) => text,
): FailureDecision {
  const reason = describeError(error, redact);
  if (isForgeError(error) && !error.retryable) return { action: 'dead', reason };
  // Conflicts always resolve by re-reading (see below), so they get more attempts than an outage.
  const limit = isForgeError(error, 'conflict')
    ? Math.max(policy.maxAttempts, CONFLICT_ATTEMPTS)
    : policy.maxAttempts;
  if (attempt >= limit) {
    return { action: 'dead', reason: `gave up after ${attempt} attempts: ${reason}` };
  }
  // A conflict is contention, not overload: another worker moved the branch (two updates merged
  // into f41 at once). The rules re-read the forge on every attempt, so a short jittered pause
  // suffices; the exponential schedule would park the message for minutes.
  const backoff = isForgeError(error, 'conflict')
    ? backoffDelay(attempt, { baseMs: 50, maxMs: 2000 }, policy.random)
    : backoffDelay(attempt, policy.backoff, policy.random);
  const asked = isForgeError(error) ? (error.retryAfterMs ?? 0) : 0;
  return { action: 'retry', delayMs: Math.max(backoff, asked), reason };
}

// Redacted before it is cut to one short line, so a secret is never left half-cut and unmatched.
function describeError(error: unknown, redact: (text: string) => string): string {
  if (isForgeError(error)) {
    const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
    return `${error.kind}${status}: ${oneLine(redact(error.message))}`;
  }
  if (error instanceof Error) return `${error.name}: ${oneLine(redact(error.message))}`;
  return oneLine(redact(String(error)));
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
