import type winston from 'winston';
import type { AcceptResult, Inbox, InboxRecord } from '../inbox/inbox.js';
import type { Clock } from '../worker/clock.js';

/**
 * A source of messages: a broker subscription, a file, a datagrepper backfill, a Bodhi refresh.
 * `run` delivers records to the intake until it is finished (a file, a backfill) or `signal`
 * aborts (brokers run until then); it resolves once nothing more will be delivered.
 */
export interface Source {
  readonly name: string;
  run(intake: Intake, signal: AbortSignal): Promise<void>;
}

/**
 * Where sources put what they read: commits to the inbox, logs what did not become a message,
 * and wakes the workers. A source acknowledges its broker only after `accept` has returned.
 */
export class Intake {
  constructor(
    readonly inbox: Inbox,
    readonly logger: winston.Logger,
    readonly clock: Clock,
    private readonly onQueued: () => void = () => undefined,
  ) {}

  accept(record: InboxRecord): AcceptResult {
    const result = this.inbox.accept(record);
    this.report(record, result);
    if (result.status === 'queued') this.onQueued();
    return result;
  }

  /** A burst of records committed together (see Inbox.acceptBatch): ack them all after it returns. */
  acceptBatch(records: InboxRecord[]): AcceptResult[] {
    const results = this.inbox.acceptBatch(records);
    results.forEach((result, index) => this.report(records[index] as InboxRecord, result));
    if (results.some((result) => result.status === 'queued')) this.onQueued();
    return results;
  }

  /** Records and the source's cursor, committed together (see Inbox.acceptPage). */
  acceptPage(records: InboxRecord[], cursor: { source: string; value: string }): AcceptResult[] {
    const results = this.inbox.acceptPage(records, cursor);
    results.forEach((result, index) => this.report(records[index] as InboxRecord, result));
    if (results.some((result) => result.status === 'queued')) this.onQueued();
    return results;
  }

  private report(record: InboxRecord, result: AcceptResult): void {
    // winston formats a line before its transport drops it for its level: skip that per message.
    if (result.status !== 'rejected' && !this.logger.isLevelEnabled('debug')) return;
    const fields = {
      source: record.source,
      origin: record.origin,
      messageId: result.id,
      topic: result.topic,
    };
    if (result.status === 'rejected') this.logger.warn(`rejected: ${result.reason}`, fields);
    else if (result.status === 'ignored') this.logger.debug(`ignored: ${result.reason}`, fields);
    else if (result.status === 'duplicate')
      this.logger.debug('duplicate, already in the inbox', fields);
    else this.logger.debug('queued', { ...fields, entity: result.entity });
  }
}
