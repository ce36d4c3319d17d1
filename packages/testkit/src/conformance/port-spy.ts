import { WRITE_OPERATIONS, isForgeError, type ForgePort } from '@forgegate/core';

const WRITES: ReadonlySet<string> = new Set(WRITE_OPERATIONS);

/** What a spied port saw: the writes made through it, and the ForgeErrors the adapter answered. */
export interface PortSpy {
  port: ForgePort;
  writes: string[];
  failures: { operation: string; kind: string }[];
}

/**
 * Wraps `port` so every write and every ForgeError is recorded, and lets `before` run first (to
 * change the forge behind the caller's back at a precise moment, e.g. just before a commit).
 */
export function spyOnPort(
  port: ForgePort,
  before?: (operation: string, args: unknown[]) => Promise<void>,
): PortSpy {
  const spy: PortSpy = { port, writes: [], failures: [] };
  spy.port = new Proxy(port, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        if (WRITES.has(property)) spy.writes.push(property);
        await before?.(property, args);
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (error) {
          if (isForgeError(error)) spy.failures.push({ operation: property, kind: error.kind });
          throw error;
        }
      };
    },
  });
  return spy;
}
