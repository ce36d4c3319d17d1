import { readFileSync } from 'node:fs';
import amqp, { type Channel, type ConsumeMessage } from 'amqplib';
import type { AmqpSettings } from './amqp-settings.js';
import { busEnvelope } from './bus-envelope.js';
import type { InboxRecord } from '../inbox/inbox.js';
import type { Intake, Source } from './source.js';
import { redactUrl } from './redact-url.js';

/**
 * Consumes from an AMQP 0-9-1 broker (Fedora's RabbitMQ) the way fedora-messaging does: it declares
 * the queues and bindings it is given, takes `prefetch` messages at a time and acknowledges each
 * only after the inbox has committed it. amqplib's connection recovery reconnects with backoff and
 * jitter and runs the declarations again; messages not yet acknowledged when a connection drops
 * are redelivered by the broker, and the inbox recognises the ones it already has.
 */
export class AmqpSource implements Source {
  constructor(
    readonly name: string,
    private readonly settings: AmqpSettings,
  ) {}

  async run(intake: Intake, signal: AbortSignal): Promise<void> {
    const { settings, name } = this;
    const log = intake.logger.child({ source: name });
    const where = redactUrl(settings.url);
    let failure: Error | undefined;
    let fail: (error: Error) => void = () => undefined;
    const failed = new Promise<void>((resolve) => {
      fail = (error) => {
        failure = error;
        resolve();
      };
    });

    const setup = async (model: amqp.ChannelModel): Promise<void> => {
      const channel = await model.createChannel();
      channel.on('error', (error: Error) => log.warn(`channel error: ${error.message}`));
      for (const queue of settings.queues) {
        if (!queue.durable || queue.autoDelete || queue.exclusive) {
          log.warn(
            `queue ${queue.name} is not durable or is auto-deleted: messages published while forgegate is down are lost`,
          );
        }
        await channel.assertQueue(queue.name, {
          durable: queue.durable,
          autoDelete: queue.autoDelete,
          exclusive: queue.exclusive,
          arguments: queue.arguments,
        });
      }
      for (const binding of settings.bindings) {
        for (const key of binding.routingKeys)
          await channel.bindQueue(binding.queue, binding.exchange, key);
      }
      await channel.prefetch(settings.prefetch);
      const deliver = this.bursts(channel, intake, fail);
      for (const queue of settings.queues) {
        await channel.consume(queue.name, (message) => {
          if (message) deliver(message);
        });
      }
      log.info(`consuming ${settings.queues.map((queue) => queue.name).join(', ')} from ${where}`);
    };

    const connection = await amqp.connect(settings.url, {
      ...socketOptions(settings),
      clientProperties: settings.clientProperties,
      recovery: {
        initialDelay: settings.reconnect.initialDelayMs,
        maxDelay: settings.reconnect.maxDelayMs,
        setup,
        // Listeners (and the abort below) must be in place before the first attempt.
        waitForConnect: false,
      },
    });
    connection.on('disconnect', (error: Error) =>
      log.warn(`disconnected from ${where}: ${error.message}`),
    );
    connection.on('reconnect-scheduled', (info: { attempt: number; delay: number; error: Error }) =>
      log.warn(
        `cannot reach ${where} (${info.error.message}); attempt ${info.attempt} in ${info.delay} ms`,
      ),
    );
    connection.on('error', (error: Error) => log.warn(`connection error: ${error.message}`));
    const stopped = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([stopped, failed]);
    // Closing returns the prefetched, unacknowledged messages to the queue.
    await connection.close().catch(() => undefined);
    if (failure) throw failure;
  }

  /**
   * Deliveries of one channel, committed in bursts: what arrives in one read of the socket goes
   * to the inbox in one transaction, then one `ack` with `allUpTo` acknowledges the whole burst.
   * That is safe because every earlier delivery on the channel was in an earlier burst, committed
   * and acknowledged; after a failed commit nothing more is acknowledged on this channel.
   */
  private bursts(
    channel: Channel,
    intake: Intake,
    fail: (error: Error) => void,
  ): (message: ConsumeMessage) => void {
    let burst: ConsumeMessage[] = [];
    let broken = false;
    const commit = (): void => {
      const messages = burst;
      burst = [];
      if (broken) return;
      try {
        intake.acceptBatch(messages.map((message) => this.record(message)));
      } catch (error) {
        // The inbox could not commit (disk full, database broken): without an ack the broker keeps
        // the messages; the runner stops rather than spin on the same failure.
        broken = true;
        fail(
          new Error(
            `${this.name}: the inbox could not store a message: ${(error as Error).message}`,
          ),
        );
        return;
      }
      try {
        channel.ack(messages[messages.length - 1] as ConsumeMessage, true);
      } catch {
        // The channel closed meanwhile: the broker redelivers the burst, which the inbox already
        // holds and counts as duplicates.
      }
    };
    return (message) => {
      if (burst.length === 0) setImmediate(commit);
      burst.push(message);
    };
  }

  private record(message: ConsumeMessage): InboxRecord {
    const { properties, fields } = message;
    const text = busEnvelope({
      topic: fields.routingKey,
      id: typeof properties.messageId === 'string' ? properties.messageId : undefined,
      headers: (properties.headers ?? {}) as Record<string, unknown>,
      content: message.content,
    });
    return { source: this.name, text, origin: `${this.name}:${fields.routingKey}` };
  }
}

function socketOptions(settings: AmqpSettings): Record<string, unknown> {
  const { tls } = settings;
  if (!tls) return {};
  const options: Record<string, unknown> = {};
  if (tls.ca_cert) options.ca = [readFileSync(tls.ca_cert)];
  if (tls.certfile) options.cert = readFileSync(tls.certfile);
  if (tls.keyfile) options.key = readFileSync(tls.keyfile);
  // fedora-messaging logs in by certificate (SASL EXTERNAL) when it has one and the URL carries
  // no password: Fedora's broker knows the client by the certificate's common name.
  if (tls.certfile && tls.keyfile && new URL(settings.url).password === '') {
    options.credentials = amqp.credentials.external();
  }
  return options;
}
