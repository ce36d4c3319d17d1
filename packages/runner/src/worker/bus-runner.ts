import type { ForgePort } from '@forgegate/core';
import type winston from 'winston';
import type { Config } from '../config/config.js';
import { SqliteResultStore } from '../inbox/held-results.js';
import { openInboxDatabase, type InboxDatabase } from '../inbox/inbox-db.js';
import { SecretList } from '../logging/redact.js';
import { Inbox } from '../inbox/inbox.js';
import { RecordProcessor } from '../pipeline/record-processor.js';
import { bodhiOf } from '../sources/create-sources.js';
import { Intake, type Source } from '../sources/source.js';
import { applyMessage } from './apply-message.js';
import { systemClock, type Clock } from './clock.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './failure-policy.js';
import { WorkerPool } from './worker-pool.js';

export interface BusRunnerOptions {
  config: Config;
  port: ForgePort;
  logger: winston.Logger;
  clock?: Clock;
  /** Entities worked on at once (default 4). */
  workers?: number;
  retry?: RetryPolicy;
  /**
   * Every secret the process knows (forge token, broker passwords): failure reasons stored as
   * dead letters are redacted with it. Default: the configured forge token.
   */
  secrets?: SecretList;
}

/**
 * The service assembled: sources → inbox → workers → forge. `forgegate run` and `backfill` use it,
 * and so do the tests, with a forge they wrap or a clock they drive.
 */
export class BusRunner {
  readonly inbox: Inbox;
  readonly pool: WorkerPool;
  readonly intake: Intake;
  private readonly logger: winston.Logger;

  private constructor(options: BusRunnerOptions, db: InboxDatabase, processor: RecordProcessor) {
    const clock = options.clock ?? systemClock;
    this.logger = options.logger;
    this.inbox = Inbox.over(db, {
      parse: (record) => processor.parse(record),
      entityKey: (event) => processor.entityKey(event),
      clock,
    });
    const bodhi = bodhiOf(options.config);
    this.pool = new WorkerPool({
      inbox: this.inbox,
      handle: applyMessage(bodhi ? { processor, bodhi } : { processor }),
      concurrency: options.workers ?? 4,
      retry: options.retry ?? DEFAULT_RETRY_POLICY,
      clock,
      logger: options.logger,
      redact: redactorFor(options),
    });
    this.intake = new Intake(this.inbox, options.logger, clock, () => this.pool.wake());
  }

  static async open(options: BusRunnerOptions): Promise<BusRunner> {
    const db = openInboxDatabase(options.config.inbox.path);
    try {
      const processor = new RecordProcessor({
        port: options.port,
        config: options.config,
        logger: options.logger,
        // Results waiting for their update's PR live in the inbox file, so a restart keeps them.
        results: new SqliteResultStore(db),
      });
      await processor.init();
      return new BusRunner(options, db, processor);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * Runs the sources and the workers until `signal` aborts, then stops the sources (unacked
   * messages return to the broker), lets the workers finish what they hold, and closes the inbox.
   * A source that fails (the inbox cannot commit) stops everything and the error is rethrown.
   */
  async run(sources: Source[], signal: AbortSignal): Promise<void> {
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    if (signal.aborted) stop.abort();
    else signal.addEventListener('abort', onAbort, { once: true });
    let failure: unknown;
    this.pool.start();
    const runs = sources.map((source) =>
      source.run(this.intake, stop.signal).catch((error: unknown) => {
        this.logger.error(`source ${source.name} failed: ${(error as Error).message}`, {
          source: source.name,
        });
        failure ??= error;
        stop.abort();
      }),
    );
    await Promise.all(runs);
    await new Promise<void>((resolve) => {
      if (stop.signal.aborted) resolve();
      else stop.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    signal.removeEventListener('abort', onAbort);
    this.logger.info(`stopping: finishing ${this.pool.inFlightCount} message(s) in flight`);
    await this.pool.stop();
    this.inbox.close();
    if (failure !== undefined) throw failure;
  }

  /** Reads finite sources to their end, then applies everything pending (backfill, tests). */
  async runToCompletion(
    sources: Source[],
    signal: AbortSignal = new AbortController().signal,
  ): Promise<void> {
    for (const source of sources) await source.run(this.intake, signal);
    await this.pool.runUntilEmpty();
  }

  close(): void {
    this.inbox.close();
  }
}

/** Dead-letter reasons are redacted with the process's secrets, or at least the forge token. */
function redactorFor(options: BusRunnerOptions): (text: string) => string {
  const secrets = options.secrets ?? new SecretList();
  if (!options.secrets && options.config.forge.token) {
    secrets.add(options.config.forge.token.reveal());
  }
  return (text) => secrets.redact(text);
}
