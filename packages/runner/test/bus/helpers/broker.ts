import { execFileSync } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import type { BusMessage } from './stream.js';

export const AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672/';
const RABBITMQ_SH = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  '..',
  'scripts',
  'rabbitmq.sh',
);

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Fails the test with what to do when there is no RabbitMQ (with STOMP) on localhost. */
export async function requireBroker(): Promise<void> {
  if ((await reachable(5672)) && (await reachable(61613))) return;
  throw new Error(
    'The bus tests need RabbitMQ with STOMP on 127.0.0.1:5672 and :61613. Start it with `bash scripts/rabbitmq.sh` (installs it if needed, as root or with sudo).',
  );
}

/** `scripts/rabbitmq.sh ARGS`: stop-app/start-app for an outage, tls for a TLS listener. */
export function rabbitmq(...args: string[]): void {
  execFileSync('bash', [RABBITMQ_SH, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Publishes as fedora-messaging does: body as JSON, topic as routing key, id and headers as properties. */
export async function publish(
  messages: (BusMessage | { topic: string; raw: Buffer })[],
): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createConfirmChannel();
    for (const message of messages) {
      if ('raw' in message) {
        channel.publish('amq.topic', message.topic, message.raw, { deliveryMode: 2 });
      } else {
        channel.publish('amq.topic', message.topic, Buffer.from(JSON.stringify(message.body)), {
          contentType: 'application/json',
          messageId: message.id,
          deliveryMode: 2,
          headers: message.headers,
        });
      }
    }
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** Deletes the test's queues so every run starts empty. */
export async function deleteQueues(...names: string[]): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    for (const name of names) await channel.deleteQueue(name);
  } finally {
    await connection.close();
  }
}

/** Messages in a queue, or -1 when it does not exist. */
export async function queueDepth(name: string): Promise<number> {
  const connection = await amqp.connect(AMQP_URL);
  try {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    const info = await channel.checkQueue(name).catch(() => undefined);
    return info ? info.messageCount : -1;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
