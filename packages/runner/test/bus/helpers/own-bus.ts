import { randomBytes } from 'node:crypto';
import type { Config } from '../../../src/config/config.js';

/** Queue names and a topic prefix that belong to one test run. */
export interface OwnBus {
  /** The run's topic prefix, ending in a dot: `org.fedoraproject.<label><pid>x<random>.`. */
  prefix: string;
  /** The run's queue (`fg-test-<label>-<pid>-<random>`), or one of its queues by `name`. */
  queue(name?: string): string;
  /** `config` with the run's prefix as its only topic prefix, so its messages are understood. */
  prefixed(config: Config): Config;
}

/**
 * Every queue bound to amq.topic gets a copy of what its binding key matches, so two runs on one
 * broker (two developers, or a developer and the bench) binding Fedora's topics would feed each
 * other's streams. A run that publishes under a prefix and binds queues of its own, both named
 * by pid and a random suffix, sees only its own messages.
 */
export function ownBus(label: string): OwnBus {
  const run = `${process.pid}x${randomBytes(4).toString('hex')}`;
  const prefix = `org.fedoraproject.${label}${run}.`;
  const base = `fg-test-${label}-${run}`;
  return {
    prefix,
    queue: (name) => (name === undefined ? base : `${base}-${name}`),
    prefixed: (config) => ({ ...config, core: { ...config.core, topicPrefixes: [prefix] } }),
  };
}
