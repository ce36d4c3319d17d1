import { setImmediate as yieldToIo } from 'node:timers/promises';
import type winston from 'winston';
import type { Inbox, PendingMessage } from '../inbox/inbox.js';
import type { Clock } from './clock.js';
import { decideAfterFailure, type RetryPolicy } from './failure-policy.js';

/** What became of a message a worker handled without an error. */
export interface HandledMessage {
  state: 'done' | 'ignored';
  reason?: string;
}

/** Applies one message to the forge; throws (a ForgeError, ideally) when it could not. */
export type MessageHandler = (
  message: PendingMessage,
  log: winston.Logger,
) => Promise<HandledMessage>;

export interface WorkerPoolOptions {
  inbox: Inbox;
  handle: MessageHandler;
  /** Entities worked on at the same time. */
  concurrency: number;
  retry: RetryPolicy;
  clock: Clock;
  logger: winston.Logger;
  /** Removes secrets from failure reasons before they are stored or logged. */
  redact?: (text: string) => string;
}

/**
 * Takes messages from the inbox and hands them to the handler: one message per entity at a time,
 * oldest first, up to `concurrency` entities at once.
 *
 * Retries are scheduled in the inbox (attempts and "not before" on the message row) rather than by
 * a retry library around the call: a message waiting an hour for a rate limit must neither hold a
 * worker nor be forgotten by a restart, and the entity's later messages must wait behind it. The
 * delay itself comes from ./failure-policy.ts.
 */
export class WorkerPool {
  private readonly options: WorkerPoolOptions;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(options: WorkerPoolOptions) {
    this.options = options;
  }

  /** Works until `stop()`: the service. */
  start(): void {
    this.loop ??= this.run(false);
  }

  /** Works until no message is pending (retries included): backfill, tests. */
  async runUntilEmpty(): Promise<void> {
    // Whatever was written to the file meanwhile (a dead letter retried through this connection).
    this.options.inbox.invalidate();
    this.loop ??= this.run(true);
    await this.loop;
    this.loop = undefined;
    this.options.inbox.flush();
  }

  /** New messages may be ready (a source accepted one, or the CLI retried a dead letter). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Takes no new message and resolves once the messages in flight are finished. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    this.options.inbox.flush();
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  private async run(untilEmpty: boolean): Promise<void> {
    const { inbox, clock } = this.options;
    for (;;) {
      if (!this.stopping) this.fill();
      if (this.inFlight.size === 0 && (this.stopping || (untilEmpty && inbox.pendingCount() === 0)))
        return;
      if (!this.woken) {
        const sleeping = new AbortController();
        const waits = [new Promise<void>((resolve) => (this.wakeUp = resolve))];
        const due = this.stopping ? undefined : inbox.nextDueAt();
        if (due !== undefined)
          waits.push(clock.sleep(Math.max(0, due - clock.now()), sleeping.signal));
        await Promise.race(waits);
        sleeping.abort();
        this.wakeUp = undefined;
      }
      this.woken = false;
      // Let I/O in between messages: with a forge that answers at once (a cache, the benchmarks'
      // instant forge) the workers would otherwise go from message to message in microtasks
      // alone, and the sources' socket reads and broker acks would wait for the whole backlog.
      await yieldToIo();
    }
  }

  private fill(): void {
    const free = this.options.concurrency - this.inFlight.size;
    // The inbox holds each taken message's entity until the worker finishes, retries or buries it.
    for (const message of this.options.inbox.take(free)) {
      const task = this.work(message).finally(() => {
        this.inFlight.delete(task);
        this.wake();
      });
      this.inFlight.add(task);
    }
  }

  private async work(message: PendingMessage): Promise<void> {
    const { inbox, handle, retry, clock, logger, redact } = this.options;
    const log = logger.child({
      messageId: message.id,
      topic: message.topic,
      entity: message.entity,
    });
    const attempt = message.attempts + 1;
    try {
      const result = await handle(message, log);
      inbox.finish(message.seq, result.state, result.reason);
      return;
    } catch (error) {
      const decision = decideAfterFailure(error, attempt, retry, redact);
      try {
        if (decision.action === 'retry') {
          inbox.retryAt(message.seq, clock.now() + decision.delayMs, decision.reason);
          log.warn(
            `attempt ${attempt} failed, retrying in ${decision.delayMs} ms: ${decision.reason}`,
            {
              attempt,
            },
          );
        } else {
          inbox.deadLetter(message.seq, decision.reason);
          log.error(`moved to dead letters: ${decision.reason}`, { attempt });
        }
      } catch (inboxError) {
        // The inbox itself failed (disk full, closed): the message stays pending and is taken
        // again after a restart; the process must not die here with other work in flight.
        log.error(`could not record the failure: ${(inboxError as Error).message}`);
      }
    }
  }
}
