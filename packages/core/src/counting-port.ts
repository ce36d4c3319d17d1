import { isForgeError, type ForgeErrorKind } from './forge-error.js';
import { WRITE_OPERATIONS, type ForgePort } from './port.js';

const WRITES: ReadonlySet<string> = new Set(WRITE_OPERATIONS);

export interface CountingPort {
  /** The port to call in place of the wrapped one. */
  port: ForgePort;
  /** Write calls made so far (the port's WRITE_OPERATIONS), failed ones included. */
  writes(): number;
  /** The write operations called so far, in order; live: it grows as writes are made. */
  readonly written: readonly string[];
  /** Calls made so far per port method, reads and writes. */
  calls(): Record<string, number>;
  /** The ForgeErrors the port answered so far, in order. */
  failures(): { operation: string; kind: ForgeErrorKind }[];
}

export interface CountingOptions {
  /**
   * Runs before each call reaches the port, once it is counted: a test changes the forge behind
   * the caller's back at a precise moment (a push just before the bot's commit).
   */
  before?: (operation: string, args: unknown[]) => Promise<void>;
}

/**
 * Wraps a port so every call is counted: the replay summary's "forge write calls", the proof that
 * a second replay writes nothing, and the benchmarks' figures. A call counts when it is made,
 * whether the forge then accepts it or not, because that is what spends the forge's rate limit.
 */
export function countingPort(port: ForgePort, options: CountingOptions = {}): CountingPort {
  const counts: Record<string, number> = {};
  const written: string[] = [];
  const failures: { operation: string; kind: ForgeErrorKind }[] = [];
  const wrapped = new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      const call = (args: unknown[]): unknown => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          if (isForgeError(error)) failures.push({ operation: property, kind: error.kind });
          throw error;
        });
      };
      // Synchronous unless `before` is given: other methods of the object (an adapter's close)
      // keep answering as they do.
      return (...args: unknown[]) => {
        counts[property] = (counts[property] ?? 0) + 1;
        if (WRITES.has(property)) written.push(property);
        const { before } = options;
        return before ? before(property, args).then(() => call(args)) : call(args);
      };
    },
  });
  return {
    port: wrapped,
    writes: () => written.length,
    written,
    calls: () => ({ ...counts }),
    failures: () => [...failures],
  };
}
