import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inboxStatus } from '../../src/inbox/inbox-status.js';
import { AmqpSource } from '../../src/sources/amqp.js';
import { amqpSettings } from '../../src/sources/amqp-settings.js';
import { StompSource } from '../../src/sources/stomp.js';
import type { Source } from '../../src/sources/source.js';
import {
  sourceSchema,
  type AmqpSourceConfig,
  type StompSourceConfig,
} from '../../src/config/sources-schema.js';
import { BusRunner } from '../../src/worker/bus-runner.js';
import {
  AMQP_URL,
  deleteQueues,
  publish,
  queueDepth,
  rabbitmq,
  requireBroker,
} from './helpers/broker.js';
import { ownBus } from './helpers/own-bus.js';
import { busConfig, memoryLogger, openForgeAt, replayState, scratch } from './helpers/runner.js';
import { updateStream, type BusMessage } from './helpers/stream.js';
import { stateWithPullChanges } from './helpers/pull-changes.js';

/**
 * Against the real RabbitMQ that scripts/rabbitmq.sh starts. One file, run in order, because one
 * test stops the broker. Queues and topics are the run's own (helpers/own-bus.ts), so another run
 * on the same broker neither feeds these queues nor is fed by this run's stream.
 */
const UPDATES = Number(process.env.FORGEGATE_BUS_UPDATES ?? 400);
const bus = ownBus('broker');
const BODHI_TOPICS = `${bus.prefix}bodhi.#`;
const stream = updateStream(UPDATES, bus.prefix);
const { dir, cleanup } = scratch();
const config = (name: string) => bus.prefixed(busConfig(dir, name));
let reference: Awaited<ReturnType<typeof replayState>>;

beforeAll(async () => {
  await requireBroker();
  const started = Date.now();
  reference = await replayState(stream, config('reference'), stateWithPullChanges);
  process.stderr.write(`bus: replay of ${stream.length} messages: ${Date.now() - started} ms\n`);
}, 600_000);
afterAll(async () => {
  // Each test deletes its queue; these are the ones a failed test left behind.
  await deleteQueues(...['amqp', 'stomp', 'outage', 'bad', 'tls'].map((name) => bus.queue(name)));
  cleanup();
});

const amqpSource = (queue: string): AmqpSourceConfig =>
  sourceSchema.parse({
    type: 'amqp',
    url: AMQP_URL,
    queue,
    bindings: [{ routing_keys: [BODHI_TOPICS] }],
    prefetch: 50,
    reconnect: { initial_delay_ms: 200, max_delay_ms: 2000 },
  }) as AmqpSourceConfig;

/** Runs the service until `done` says so, then stops it as SIGTERM would. */
async function serve(
  name: string,
  source: Source,
  during: (runner: BusRunner) => Promise<void>,
  done: (runner: BusRunner) => boolean,
) {
  const runnerConfig = config(name);
  const forge = await openForgeAt(runnerConfig);
  const { logger, lines } = memoryLogger();
  const runner = await BusRunner.open({ config: runnerConfig, port: forge, logger, workers: 4 });
  const stop = new AbortController();
  const running = runner.run([source], stop.signal);
  const started = Date.now();
  await during(runner);
  while (!done(runner)) await new Promise((resolve) => setTimeout(resolve, 100));
  const elapsed = Date.now() - started;
  const status = inboxStatus(runner.inbox.db);
  stop.abort();
  await running;
  // Updates are worked on concurrently: compare what each PR changes (./helpers/pull-changes.ts).
  const state = await stateWithPullChanges(forge);
  forge.close();
  const leftInQueue = await queueDepth(bus.queue(name));
  // A durable queue left bound would keep a copy of every later test's messages.
  await deleteQueues(bus.queue(name));
  return { state, status, elapsed, lines, leftInQueue };
}

const finished = (count: number) => (runner: BusRunner) => {
  const status = inboxStatus(runner.inbox.db);
  return status.pending === 0 && status.done + status.ignored + status.dead >= count;
};

describe('the bus against RabbitMQ', () => {
  it(`${stream.length} messages published over AMQP and consumed over AMQP end in the replay state`, async () => {
    // Published before the consumer starts: the durable queue holds them (declared by a first run).
    await publishThrough(bus.queue('amqp'), stream);
    const run = await serve(
      'amqp',
      new AmqpSource('amqp', amqpSettings(amqpSource(bus.queue('amqp')), dir)),
      async () => undefined,
      finished(stream.length),
    );
    process.stderr.write(`bus: AMQP: ${stream.length} messages applied in ${run.elapsed} ms\n`);
    expect(run.status).toMatchObject({ pending: 0, dead: 0, rejected: 0, done: stream.length });
    expect(run.state).toEqual(reference);
    expect(run.leftInQueue).toBe(0);
  }, 600_000);

  it(`${stream.length} messages published over AMQP and consumed over STOMP end in the replay state`, async () => {
    const stomp = sourceSchema.parse({
      type: 'stomp',
      servers: [{ host: '127.0.0.1', port: 61613 }],
      login: 'guest',
      passcode_env: 'STOMP_PASSCODE',
      queue: bus.queue('stomp'),
      topics: [BODHI_TOPICS],
      prefetch: 50,
    }) as StompSourceConfig;
    const source = new StompSource('stomp', stomp, { STOMP_PASSCODE: 'guest' });
    const run = await serve(
      'stomp',
      source,
      async (runner) => {
        // The durable subscription's queue exists once the source has subscribed.
        while ((await queueDepth(bus.queue('stomp'))) < 0)
          await new Promise((resolve) => setTimeout(resolve, 50));
        void runner;
        await publish(stream);
      },
      finished(stream.length),
    );
    process.stderr.write(`bus: STOMP: ${stream.length} messages applied in ${run.elapsed} ms\n`);
    expect(run.status).toMatchObject({ pending: 0, dead: 0, rejected: 0, done: stream.length });
    expect(run.state).toEqual(reference);
  }, 600_000);

  it('reconnects by itself when the broker stops and starts mid-stream; nothing is lost', async () => {
    const part = stream.slice(0, 250);
    const source = new AmqpSource('outage', amqpSettings(amqpSource(bus.queue('outage')), dir));
    const run = await serve(
      'outage',
      source,
      async (runner) => {
        while ((await queueDepth(bus.queue('outage'))) < 0)
          await new Promise((resolve) => setTimeout(resolve, 50));
        await publish(part.slice(0, 125));
        while (inboxStatus(runner.inbox.db).sources.length === 0)
          await new Promise((resolve) => setTimeout(resolve, 20));
        rabbitmq('stop-app');
        await new Promise((resolve) => setTimeout(resolve, 1500));
        rabbitmq('start-app');
        await requireBroker();
        await publish(part.slice(125));
      },
      finished(part.length),
    );
    expect(run.status).toMatchObject({ pending: 0, dead: 0, done: part.length });
    expect(run.lines.some((line) => String(line.message).startsWith('disconnected from'))).toBe(
      true,
    );
    expect(run.state).toEqual(
      await replayState(part, config('outage-reference'), stateWithPullChanges),
    );
  }, 600_000);

  it('acks and records bad messages with their reason, and goes on consuming', async () => {
    const good = stream.slice(0, 3);
    const topic = `${bus.prefix}bodhi.update.comment`;
    const bad = [
      { topic, raw: Buffer.from('{"comment": oops') },
      { topic, raw: Buffer.from(JSON.stringify({ comment: { text: 'no update, no id' } })) },
      { topic, raw: Buffer.from(JSON.stringify({ padding: 'x'.repeat(5 * 1024 * 1024) })) },
      { topic, raw: randomBytes(512) },
    ];
    const source = new AmqpSource('bad', amqpSettings(amqpSource(bus.queue('bad')), dir));
    const run = await serve(
      'bad',
      source,
      async () => {
        while ((await queueDepth(bus.queue('bad'))) < 0)
          await new Promise((resolve) => setTimeout(resolve, 50));
        await publish([good[0]!, ...bad.slice(0, 2), good[1]!, ...bad.slice(2), good[2]!]);
      },
      (runner) => finished(3)(runner) && inboxStatus(runner.inbox.db).rejected === 4,
    );
    expect(run.status).toMatchObject({ pending: 0, done: 3, rejected: 4 });
    expect(run.leftInQueue).toBe(0);
    const reasons = run.lines.filter(
      (line) => line.level === 'warn' && String(line.message).startsWith('rejected: '),
    );
    expect(reasons.map((line) => String(line.message))).toEqual([
      expect.stringMatching(/^rejected: not JSON: /),
      expect.stringMatching(/^rejected: bodhi\.update\.comment: /),
      expect.stringMatching(/^rejected: message is 5\.\d MiB, over the 2(\.0)? MiB limit$/),
      'rejected: not text: the bytes are not valid UTF-8',
    ]);
  }, 120_000);
});

describe('the AMQP source over TLS', () => {
  it('connects from a fedora-messaging TOML file with client certificates, and consumes', async () => {
    const certs = join(dir, 'tls');
    makeCertificates(certs);
    rabbitmq('tls', certs, '5671');
    const toml = join(certs, 'forgegate.toml');
    // As fedora-messaging's documentation writes it for Fedora's broker (configs/fedora.toml),
    // pointed at the local TLS listener; the certificate's common name is the user.
    writeFileSync(
      toml,
      `# A basic configuration for Fedora's message broker
amqp_url = "amqps://guest:@localhost:5671/%2F"
callback = "fedora_messaging.example:printer"

[tls]
ca_cert = "ca.pem"
keyfile = "client.key"
certfile = "client.pem"

[client_properties]
app = "forgegate test"

[exchanges."amq.topic"]
type = "topic"
durable = true
auto_delete = false
arguments = {}

[queues.${bus.queue('tls')}]
durable = true
auto_delete = false
exclusive = false
arguments = {}

[[bindings]]
queue = "${bus.queue('tls')}"
exchange = "amq.topic"
routing_keys = ["${BODHI_TOPICS}"]

[consumer_config]
example_key = "for my consumer"

[qos]
prefetch_size = 0
prefetch_count = 25
`,
    );
    const fedora = sourceSchema.parse({
      type: 'amqp',
      fedora_messaging_config: toml,
    }) as AmqpSourceConfig;
    const part = stream.slice(0, 10);
    const run = await serve(
      'tls',
      new AmqpSource('fedora', amqpSettings(fedora, dir)),
      async () => {
        while ((await queueDepth(bus.queue('tls'))) < 0)
          await new Promise((resolve) => setTimeout(resolve, 50));
        await publish(part);
      },
      finished(part.length),
    );
    expect(run.status).toMatchObject({ pending: 0, done: part.length });
    expect(run.status.sources).toEqual([
      expect.objectContaining({ source: 'fedora', received: part.length }),
    ]);
    expect(
      run.lines.some(
        (line) =>
          String(line.message) ===
          `consuming ${bus.queue('tls')} from amqps://guest@localhost:5671/%2F`,
      ),
    ).toBe(true);
  }, 120_000);
});

/** A CA, a server certificate for localhost and a client certificate for the user guest. */
function makeCertificates(certs: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: certs, stdio: 'ignore' });
  execFileSync('mkdir', ['-p', certs]);
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=forgegate test CA',
  );
  writeFileSync(join(certs, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  for (const [name, subject] of [
    ['server', '/CN=localhost'],
    ['client', '/CN=guest'],
  ] as const) {
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    );
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      ...(name === 'server' ? ['-extfile', 'server.ext'] : []),
    );
  }
}

/** Declares the queue as the source will (durable, bound), then publishes into it. */
async function publishThrough(queue: string, messages: BusMessage[]): Promise<void> {
  const amqp = (await import('amqplib')).default;
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createChannel();
  await channel.assertQueue(queue, { durable: true, autoDelete: false });
  await channel.bindQueue(queue, 'amq.topic', BODHI_TOPICS);
  await connection.close();
  await publish(messages);
}
