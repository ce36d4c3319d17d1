import type { BodhiUpdateEvent, ForgegateEvent } from '@forgegate/core';
import type winston from 'winston';
import type { PendingMessage } from '../inbox/inbox.js';
import type { RecordProcessor } from '../pipeline/record-processor.js';
import { refreshMessage, type BodhiClient } from '../sources/bodhi-client.js';
import type { HandledMessage } from './worker-pool.js';

export interface ApplyMessageOptions {
  processor: RecordProcessor;
  /** With a Bodhi URL configured: fills in the comments of updates whose message has none. */
  bodhi?: { client: BodhiClient; topicPrefix: string };
}

/**
 * The workers' handler: parses the stored message again (the inbox keeps the text, not the event),
 * completes it from Bodhi when it lacks comments, and applies it. Forge errors propagate to the
 * pool, which retries or dead-letters them.
 */
export function applyMessage(options: ApplyMessageOptions) {
  const { processor, bodhi } = options;
  return async (message: PendingMessage, log: winston.Logger): Promise<HandledMessage> => {
    const record = {
      text: message.text,
      origin: message.origin,
      ...(message.fileTopic ? { fileTopic: message.fileTopic } : {}),
    };
    const parsed = processor.parse(record);
    // The inbox only queues messages that parsed; a different answer now means the parser changed.
    if (parsed.outcome !== 'event')
      return { state: 'ignored', reason: `no longer an event: ${parsed.reason}` };
    const event = bodhi
      ? await withBodhiComments(parsed.event, bodhi, processor, log)
      : parsed.event;
    const result = await processor.apply(event);
    log.info(
      result.outcome === 'applied' ? 'applied' : `ignored: ${result.reason ?? 'by the rules'}`,
      {
        effects: result.effects,
      },
    );
    return result.outcome === 'applied'
      ? { state: 'done' }
      : { state: 'ignored', reason: result.reason ?? 'ignored by the rules' };
  };
}

async function withBodhiComments(
  event: ForgegateEvent,
  bodhi: NonNullable<ApplyMessageOptions['bodhi']>,
  processor: RecordProcessor,
  log: winston.Logger,
): Promise<ForgegateEvent> {
  if (event.kind !== 'bodhi.update' || event.partial || event.update.comments.length > 0)
    return event;
  let update: Record<string, unknown> | null;
  try {
    update = await bodhi.client.update(event.update.alias);
  } catch (error) {
    // Bodhi being down must not hold the bus back: the periodic refresh brings the comments later.
    log.warn(
      `could not fetch the update from Bodhi, applying the message as it is: ${(error as Error).message}`,
    );
    return event;
  }
  if (update === null) return event;
  const fetched = processor.parse({
    text: refreshMessage(update, bodhi.topicPrefix),
    origin: 'bodhi',
  });
  if (fetched.outcome !== 'event') {
    log.warn(`Bodhi's answer did not parse: ${fetched.reason}`);
    return event;
  }
  const comments = (fetched.event as BodhiUpdateEvent).update.comments;
  log.debug(`added ${comments.length} comments from Bodhi`);
  // Only the comments: the message's own snapshot (and its send time) still decides the rest.
  return { ...event, update: { ...event.update, comments } };
}
