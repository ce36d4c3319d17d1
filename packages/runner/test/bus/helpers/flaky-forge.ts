import { ForgeError, WRITE_OPERATIONS, type ForgePort } from '@forgegate/core';

export interface FlakyOptions {
  random: () => number;
  /** Share of calls that fail with a transient error before reaching the forge. */
  transientRate: number;
  /** Every n-th call answers 429 with Retry-After. */
  rateLimitEvery: number;
  retryAfterMs: number;
  /** Calls refused for good (HTTP 422), e.g. one update's createPull. */
  permanent?: (operation: string, args: unknown[]) => boolean;
}

/**
 * The git adapter as an unreliable hosted forge: some calls fail before they reach it, with the
 * errors adapters translate HTTP answers into (503 → transient, 429 + Retry-After → rate_limited,
 * 422 → permanent).
 */
export function flakyForge(
  port: ForgePort,
  options: FlakyOptions,
): ForgePort & { failures: Record<string, number> } {
  const failures = { transient: 0, rate_limited: 0, permanent: 0 };
  let calls = 0;
  const writes = new Set<string>(WRITE_OPERATIONS);
  const proxy = new Proxy(port, {
    get(target, property, receiver) {
      if (property === 'failures') return failures;
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || property === 'whoami') return value;
      return async (...args: unknown[]) => {
        calls += 1;
        const name = String(property);
        if (options.permanent?.(name, args)) {
          failures.permanent += 1;
          throw new ForgeError(
            'permanent',
            `${name}: HTTP 422 Unprocessable Entity: validation failed`,
            undefined,
            422,
          );
        }
        if (calls % options.rateLimitEvery === 0) {
          failures.rate_limited += 1;
          throw new ForgeError(
            'rate_limited',
            `${name}: HTTP 429 Too Many Requests`,
            options.retryAfterMs,
            429,
          );
        }
        if (writes.has(name) && options.random() < options.transientRate) {
          failures.transient += 1;
          throw new ForgeError(
            'transient',
            `${name}: HTTP 503 Service Unavailable`,
            undefined,
            503,
          );
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return proxy as ForgePort & { failures: Record<string, number> };
}
