/**
 * The bus runner as `forgegate run` assembles it (sources → SQLite inbox → workers → forge), on an
 * instant forge, with a fresh inbox in a scratch directory: what figures 2 and 4 measure.
 */
import { join } from 'node:path';
import { DEFAULT_CORE_CONFIG } from '@forgegate/core';
import { BusRunner, createLogger, type Config, type Source } from '@forgegate/runner';
import type { InstantForge } from './instant-forge.js';
import type { StreamMessage } from './stream/update-stream.js';

/** The configuration of a runner with no broker source, its inbox in `directory`. */
export function runnerConfig(directory: string): Config {
  return {
    forge: { type: 'git', repo: join(directory, 'unused.git') },
    core: DEFAULT_CORE_CONFIG,
    sources: [],
    inbox: { path: join(directory, 'inbox.sqlite') },
  };
}

export function openRunner(config: Config, forge: InstantForge): Promise<BusRunner> {
  return BusRunner.open({
    config,
    port: forge,
    // Warnings and errors only: a benchmark that logs every message measures the terminal.
    logger: createLogger({ level: 'warn' }),
  });
}

/** A source that hands generated messages to the inbox as a broker source would, minus the broker. */
export function streamSource(
  messages: Iterable<StreamMessage>,
  onEach: () => void = () => undefined,
): Source {
  return {
    name: 'bench',
    async run(intake) {
      for (const message of messages) {
        const result = intake.accept({ source: 'bench', text: message.text, origin: 'bench' });
        if (result.status !== 'queued') {
          throw new Error(
            `generated message not queued: ${result.status} ${'reason' in result ? result.reason : ''}`,
          );
        }
        onEach();
      }
    },
  };
}
