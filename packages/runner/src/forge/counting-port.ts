import { WRITE_OPERATIONS, type ForgePort } from '@forgegate/core';

export interface CountingPort {
  port: ForgePort;
  /** Write calls made so far (the port's WRITE_OPERATIONS), failed ones included. */
  writes(): number;
  /** Calls made so far per port method, reads and writes. */
  calls(): Record<string, number>;
}

const WRITES: ReadonlySet<string> = new Set(WRITE_OPERATIONS);

/**
 * Wraps a port so every call is counted: the replay summary's "forge write calls", the proof that
 * a second replay writes nothing, and the benchmarks' figures. A call counts when it is made,
 * whether the forge then accepts it or not, because that is what spends the forge's rate limit.
 */
export function countingPort(port: ForgePort): CountingPort {
  const counts: Record<string, number> = {};
  const wrapped = new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        counts[property] = (counts[property] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    port: wrapped,
    writes: () =>
      Object.entries(counts).reduce(
        (sum, [name, count]) => sum + (WRITES.has(name) ? count : 0),
        0,
      ),
    calls: () => ({ ...counts }),
  };
}
