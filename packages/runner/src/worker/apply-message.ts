import {
  needsBodhiComments,
  withBodhiComments,
  type BodhiUpdateEvent,
  type ForgegateEvent,
} from '@forgegate/core';
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
 * The workers' handler: takes the event the inbox kept from accepting the message, or parses the
 * stored text again,
 * completes it from Bodhi when it lacks comments, and applies it. Forge errors propagate to the
 * pool, which retries or dead-letters them.
 */
export function applyMessage(options: ApplyMessageOptions) {
  const { processor, bodhi } = options;
  return async (message: PendingMessage, log: winston.Logger): Promise<HandledMessage> => {
    const parsed = message.event ?? eventOf(message, processor, log);
    if (typeof parsed === 'string') return { state: 'ignored', reason: parsed };
    const event = bodhi ? await completeFromBodhi(parsed, bodhi, processor, log) : parsed;
    const result = await processor.apply(event);
    // winston formats a line before its transport drops it for its level: skip that per message.
    if (log.isLevelEnabled('info'))
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

/** The stored text parsed again (the message was accepted by an earlier process, or long ago). */
function eventOf(
  message: PendingMessage,
  processor: RecordProcessor,
  log: winston.Logger,
): ForgegateEvent | string {
  const parsed = processor.parse({
    text: message.text,
    origin: message.origin,
    ...(message.fileTopic ? { fileTopic: message.fileTopic } : {}),
  });
  if (parsed.outcome === 'event') return parsed.event;
  // The inbox only queues messages that parsed; a different answer now means the parser changed.
  const reason = `no longer an event: ${parsed.reason}`;
  log.warn(`a queued message did not parse again (did the parser change?): ${reason}`);
  return reason;
}

async function completeFromBodhi(
  event: ForgegateEvent,
  bodhi: NonNullable<ApplyMessageOptions['bodhi']>,
  processor: RecordProcessor,
  log: winston.Logger,
): Promise<ForgegateEvent> {
  if (!needsBodhiComments(event)) return event;
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
  return withBodhiComments(event, comments);
}
