import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../worker/failure-policy.js';

/** The worker options `run` and `backfill` share. */
export interface WorkerFlags {
  workers: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

function positive(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new InvalidArgumentError('expected a positive whole number');
  return number;
}

export const workerOptions = {
  register(command: Command): Command {
    return command
      .option('--workers <n>', 'entities (updates) worked on at the same time', positive, 4)
      .option(
        '--max-attempts <n>',
        'attempts before a message goes to the dead letters',
        positive,
        DEFAULT_RETRY_POLICY.maxAttempts,
      )
      .option(
        '--retry-base-ms <ms>',
        'first retry delay (doubles each attempt, with jitter)',
        positive,
        DEFAULT_RETRY_POLICY.backoff.baseMs,
      )
      .option(
        '--retry-max-ms <ms>',
        'longest retry delay',
        positive,
        DEFAULT_RETRY_POLICY.backoff.maxMs,
      );
  },
  read(flags: WorkerFlags): { workers: number; retry: RetryPolicy } {
    return {
      workers: flags.workers,
      retry: {
        maxAttempts: flags.maxAttempts,
        backoff: { baseMs: flags.retryBaseMs, maxMs: flags.retryMaxMs },
      },
    };
  },
};
