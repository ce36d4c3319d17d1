/**
 * Figure 2: the runner (broker source → SQLite inbox → workers → reconciler → instant forge)
 * against a bare consumer that only acknowledges, both draining the same messages from a real
 * local RabbitMQ (scripts/rabbitmq.sh), over AMQP and over STOMP. The messages are published
 * once to amq.topic, where two queues bound alike each receive every one of them; the bare
 * consumer drains one, the runner the other, with the same prefetch.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import stompit from 'stompit';
import { createRunSources, loadConfig } from '@forgegate/runner';
import { InstantForge } from '../instant-forge.js';
import { openRunner } from '../runner-under-test.js';
import type { UpdateTemplate } from '../stream/bodhi-templates.js';
import { messagesPerUpdate, updateStream } from '../stream/update-stream.js';
import { rate, type FigureRow, type RunOptions } from '../figure.js';

const AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const STOMP = { host: '127.0.0.1', port: 61613 };
const KEY = 'org.fedoraproject.prod.bodhi.#';
const PREFETCH = 25;

type Transport = 'amqp' | 'stomp';

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Two queues bound to amq.topic alike, each then holding every message of the stream. */
async function publish(queues: string[], texts: string[]): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createConfirmChannel();
  for (const queue of queues) {
    await channel.assertQueue(queue, {
      durable: true,
      autoDelete: false,
      exclusive: false,
      arguments: {},
    });
    await channel.bindQueue(queue, 'amq.topic', KEY);
  }
  for (const text of texts) {
    // What fedora-messaging publishes: the body, the topic as routing key, id and headers as properties.
    const { id, topic, headers, body } = JSON.parse(text) as Record<string, unknown>;
    channel.publish('amq.topic', topic as string, Buffer.from(JSON.stringify(body)), {
      messageId: id as string,
      headers: headers as Record<string, unknown>,
      contentType: 'application/json',
      persistent: true,
    });
  }
  await channel.waitForConfirms();
  await connection.close();
}

async function bareAmqp(queue: string, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createChannel();
  await channel.prefetch(PREFETCH);
  let acked = 0;
  await new Promise<void>((resolve) => {
    void channel.consume(queue, (message) => {
      if (!message) return;
      channel.ack(message);
      acked += 1;
      if (acked === count) resolve();
    });
  });
  const time = seconds(start);
  await connection.close();
  return time;
}

async function bareStomp(queue: string, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  const client = await new Promise<stompit.Client>((resolve, reject) =>
    stompit.connect(
      {
        ...STOMP,
        connectHeaders: { host: '/', login: 'guest', passcode: 'guest', 'heart-beat': '0,0' },
      },
      (error, connected) => (error ? reject(error) : resolve(connected)),
    ),
  );
  let acked = 0;
  await new Promise<void>((resolve, reject) => {
    client.subscribe(
      {
        destination: `/topic/${KEY}`,
        ack: 'client-individual',
        id: queue,
        durable: 'true',
        'auto-delete': 'false',
        'x-queue-name': queue,
        'prefetch-count': String(PREFETCH),
      },
      (error, message) => {
        if (error) return reject(error);
        message.readString('utf-8', (readError) => {
          if (readError) return reject(readError);
          client.ack(message);
          acked += 1;
          if (acked === count) resolve();
        });
      },
    );
  });
  const time = seconds(start);
  await new Promise<void>((resolve) => client.disconnect(() => resolve()));
  return time;
}

function sourceYaml(transport: Transport, queue: string): string {
  return transport === 'amqp'
    ? `  - type: amqp\n    url: ${AMQP_URL}\n    queue: ${queue}\n    prefetch: ${PREFETCH}\n    bindings: [{exchange: amq.topic, routing_keys: ['${KEY}']}]\n`
    : `  - type: stomp\n    servers: [{host: ${STOMP.host}, port: ${STOMP.port}}]\n    login: guest\n    passcode_env: BENCH_STOMP_PASSCODE\n    queue: ${queue}\n    prefetch: ${PREFETCH}\n    topics: ['${KEY}']\n`;
}

/** The runner as `forgegate run` builds it from a configuration file, until every update is done. */
async function runner(
  transport: Transport,
  queue: string,
  updates: number,
  directory: string,
): Promise<number> {
  const file = join(directory, `${transport}.yaml`);
  writeFileSync(
    file,
    `forge: {type: git, repo: ./unused.git}\ninbox: {path: ./${transport}-inbox.sqlite}\nsources:\n${sourceYaml(transport, queue)}`,
  );
  const config = loadConfig(file);
  const forge = new InstantForge();
  const start = process.hrtime.bigint();
  const bus = await openRunner(config, forge);
  const sources = createRunSources(config, {
    env: { BENCH_STOMP_PASSCODE: 'guest' },
    cwd: directory,
    port: forge,
    addSecret: () => undefined,
  });
  const stop = new AbortController();
  const running = bus.run(sources, stop.signal);
  while (forge.finishedPulls < updates) {
    const failed = await Promise.race([
      running.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 10)),
    ]);
    if (failed) throw new Error(`the ${transport} runner stopped before the stream was applied`);
  }
  const time = seconds(start);
  stop.abort();
  await running;
  return time;
}

export async function pipeline(
  templates: UpdateTemplate[],
  options: RunOptions,
): Promise<FigureRow[]> {
  const updates = Math.round((options.quick ? 300 : 3000) / messagesPerUpdate(templates));
  const texts = [...updateStream(templates, { updates })].map((message) => message.text);
  const directory = mkdtempSync(join(tmpdir(), 'forgegate-bench-pipeline-'));
  const rows: FigureRow[] = [];
  try {
    for (const transport of ['amqp', 'stomp'] as const) {
      const tag = `${transport}-${process.pid}-${Date.now().toString(36)}`;
      const [bareQueue, runnerQueue] = [`bench-bare-${tag}`, `bench-runner-${tag}`];
      try {
        await publish([bareQueue, runnerQueue], texts);
      } catch (error) {
        const reason = `no RabbitMQ at 127.0.0.1 (${(error as Error).message}): run scripts/rabbitmq.sh start`;
        return [notMeasured('amqp', reason), notMeasured('stomp', reason)];
      }
      const bare =
        transport === 'amqp'
          ? await bareAmqp(bareQueue, texts.length)
          : await bareStomp(bareQueue, texts.length);
      const ours = await runner(transport, runnerQueue, updates, directory);
      await deleteQueues([bareQueue, runnerQueue]);
      options.log(
        `figure 2 (${transport}): ${texts.length} messages, bare ${bare.toFixed(2)} s, runner ${ours.toFixed(2)} s`,
      );
      rows.push({
        figure: `2 pipeline vs bare consumer, ${transport.toUpperCase()} (msg/s)`,
        measured: rate(texts.length, ours, 'msg'),
        baseline: `bare ack ${rate(texts.length, bare, 'msg')}`,
        ratio: bare / ours,
        goal: '≥ 80%',
        met: bare / ours >= 0.8,
      });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return rows;
}

async function deleteQueues(queues: string[]): Promise<void> {
  const connection = await amqp.connect(AMQP_URL);
  const channel = await connection.createChannel();
  for (const queue of queues) await channel.deleteQueue(queue);
  await connection.close();
}

function notMeasured(transport: Transport, reason: string): FigureRow {
  return {
    figure: `2 pipeline vs bare consumer, ${transport.toUpperCase()} (msg/s)`,
    measured: 'not measured',
    baseline: '—',
    goal: '≥ 80%',
    note: reason,
  };
}
