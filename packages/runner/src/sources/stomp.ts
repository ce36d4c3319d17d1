import { readFileSync } from 'node:fs';
import stompit from 'stompit';
import type { StompSourceConfig } from '../config/sources-schema.js';
import { busEnvelope } from './bus-envelope.js';
import type { Intake, Source } from './source.js';
import { resolveTlsFiles } from './tls-files.js';

type StompClient = stompit.Client;
type StompMessage = stompit.Client.Message;

/**
 * The source's settings as it runs with them: TLS files resolved as the AMQP source's are.
 * `base`: the directory relative paths in the YAML are relative to (the config file's).
 */
export function stompSettings(source: StompSourceConfig, base: string): StompSourceConfig {
  return source.tls ? { ...source, tls: resolveTlsFiles(source.tls, base) } : source;
}

/**
 * Consumes over STOMP (RabbitMQ's STOMP plugin, or any broker bridged to the bus). Each topic is a
 * durable subscription: RabbitMQ keeps a named queue bound to amq.topic while forgegate is away
 * (../shared/notes/rabbitmq.md, "Delivery semantics"). Acks are `client-individual` and sent only
 * after the inbox has committed the message. Failover reconnects with exponential backoff.
 *
 * STOMP drops AMQP headers that are not strings, so the topic comes from the `destination` header
 * and everything else from the JSON body; string headers (`sent-at`) are kept.
 */
export class StompSource implements Source {
  constructor(
    readonly name: string,
    private readonly config: StompSourceConfig,
    private readonly env: Record<string, string | undefined>,
  ) {}

  async run(intake: Intake, signal: AbortSignal): Promise<void> {
    const { config } = this;
    const log = intake.logger.child({ source: this.name });
    const passcode = config.passcode_env === undefined ? undefined : this.env[config.passcode_env];
    if (config.passcode_env !== undefined && passcode === undefined) {
      throw new Error(
        `${this.name}: environment variable ${config.passcode_env} (passcode_env) is not set`,
      );
    }
    const connectHeaders: Record<string, string> = {
      host: config.vhost,
      'heart-beat': `${config.heartbeat_ms},${config.heartbeat_ms}`,
    };
    if (config.login !== undefined) connectHeaders.login = config.login;
    if (passcode !== undefined) connectHeaders.passcode = passcode;
    const servers = config.servers.map((server) => ({
      host: server.host,
      port: server.port,
      connectHeaders,
      ...(server.tls ? { ssl: true as const, ...tlsOptions(config, server.host) } : {}),
    }));
    const failover = new stompit.ConnectFailover(servers as stompit.connect.ConnectOptions[], {
      initialReconnectDelay: config.reconnect.initial_delay_ms,
      maxReconnectDelay: config.reconnect.max_delay_ms,
      useExponentialBackOff: true,
      maxReconnects: -1,
    });
    failover.on('error', (error) => log.warn(`cannot reach the STOMP broker: ${error.message}`));

    let current: StompClient | undefined;
    let failure: Error | undefined;
    let fail: () => void = () => undefined;
    const failed = new Promise<void>((resolve) => (fail = resolve));
    // Messages are committed one after the other, in the order they arrived.
    let queue: Promise<void> = Promise.resolve();
    const connection = failover.connect((error, client, reconnect) => {
      if (error) {
        log.error(`giving up on the STOMP broker: ${error.message}`);
        return;
      }
      current = client;
      client.on('error', (clientError: Error) => {
        log.warn(`STOMP connection lost: ${clientError.message}`);
        if (!signal.aborted) reconnect();
      });
      config.topics.forEach((topic, index) => {
        client.subscribe(this.subscriptionHeaders(topic, index), (subscribeError, message) => {
          if (subscribeError) {
            log.warn(`subscription to ${topic} failed: ${subscribeError.message}`);
            return;
          }
          const body = readBody(message);
          queue = queue.then(async () => {
            if (failure) return;
            try {
              this.deliver(client, message, await body, intake);
            } catch (deliverError) {
              // The inbox could not commit: the message stays unacked and the runner stops.
              failure = new Error(
                `${this.name}: the inbox could not store a message: ${(deliverError as Error).message}`,
              );
              fail();
            }
          });
        });
      });
      log.info(`subscribed to ${config.topics.join(', ')} over STOMP`);
    });

    await Promise.race([
      failed,
      new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    ]);
    connection.abort();
    await queue;
    // Unacknowledged messages go back to the durable queue when the connection closes.
    await new Promise<void>((resolve) => {
      if (!current) return resolve();
      current.disconnect(() => resolve());
      setTimeout(resolve, 2000).unref();
    });
    if (failure) throw failure;
  }

  private subscriptionHeaders(topic: string, index: number): Record<string, string> {
    const queue =
      this.config.topics.length === 1 ? this.config.queue : `${this.config.queue}-${index + 1}`;
    return {
      destination: `/topic/${topic}`,
      ack: 'client-individual',
      // A durable subscription needs an id; x-queue-name gives its queue a stable name.
      id: queue,
      durable: 'true',
      'auto-delete': 'false',
      'x-queue-name': queue,
      'prefetch-count': String(this.config.prefetch),
    };
  }

  private deliver(
    client: StompClient,
    message: StompMessage,
    body: Buffer | Error,
    intake: Intake,
  ): void {
    if (body instanceof Error) {
      intake.logger.warn(`could not read a STOMP message body: ${body.message}`, {
        source: this.name,
      });
      return; // not acked: the broker redelivers it
    }
    const { headers } = message as unknown as { headers: Record<string, string> };
    const topic = (headers.destination ?? '').replace(/^\/(topic|amq\/queue|queue)\//, '');
    const text = busEnvelope({
      topic,
      id: headers['amqp-message-id'],
      headers: customHeaders(headers),
      content: body,
    });
    intake.accept({ source: this.name, text, origin: `${this.name}:${topic}` });
    client.ack(message);
  }
}

/** The frame's headers without STOMP's own, as fedora-messaging's headers were before the bridge. */
function customHeaders(headers: Record<string, string>): Record<string, string> {
  const own = new Set([
    'destination',
    'message-id',
    'subscription',
    'ack',
    'content-length',
    'content-type',
    'persistent',
    'redelivered',
    'amqp-message-id',
    'priority',
  ]);
  return Object.fromEntries(Object.entries(headers).filter(([key]) => !own.has(key)));
}

function readBody(message: StompMessage): Promise<Buffer | Error> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.on('end', () => resolve(Buffer.concat(chunks)));
    message.on('error', (error: Error) => resolve(error));
  });
}

function tlsOptions(config: StompSourceConfig, host: string): Record<string, unknown> {
  const options: Record<string, unknown> = { servername: host };
  if (config.tls?.ca_cert) options.ca = [readFileSync(config.tls.ca_cert)];
  if (config.tls?.certfile) options.cert = readFileSync(config.tls.certfile);
  if (config.tls?.keyfile) options.key = readFileSync(config.tls.keyfile);
  return options;
}
