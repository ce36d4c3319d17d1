import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openGitForge } from '@forgegate/adapter-git';
import Database from 'better-sqlite3';
import { AMQP_URL, deleteQueues, publish, queueDepth, requireBroker } from './helpers/broker.js';
import { countOwnCommits, duplicatedMirrors, mergeSubjects } from './helpers/duplicates.js';
import { ownBus } from './helpers/own-bus.js';
import { stateWithPullChanges } from './helpers/pull-changes.js';
import { busConfig, replayState, scratch } from './helpers/runner.js';
import { updateStream } from './helpers/stream.js';
import { seeded } from './helpers/time.js';
import { RUNNER_DIR } from '../helpers/run-cli.js';

/**
 * `forgegate run` (the built CLI, as a service runs it) consumes a stream from RabbitMQ and is
 * killed with SIGKILL at five random points, then restarted each time. The points are drawn from
 * a seed (printed; FORGEGATE_KILL_SEED repeats a run) over the run's progress: messages committed
 * to the inbox plus messages applied, so kills land while it reads and while it applies.
 * The issue's 2,000 messages (400 updates) take about 30 s on 2 cores; FORGEGATE_KILL_UPDATES=60
 * makes it 300 for a quick run.
 */
const UPDATES = Number(process.env.FORGEGATE_KILL_UPDATES ?? 400);
const SEED = Number(process.env.FORGEGATE_KILL_SEED ?? Date.now() % 1_000_000);
// Its own queue and topics per run: another run on the same broker would add its stream to this one.
const bus = ownBus('sigkill');
const QUEUE = bus.queue();
const PREFIX = bus.prefix;
const MAIN = join(RUNNER_DIR, 'dist', 'cli', 'main.js');
const stream = updateStream(UPDATES, PREFIX);
const { dir, cleanup } = scratch();

beforeAll(async () => {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build the CLI first with \`npx tsc -b\``);
  await requireBroker();
  await deleteQueues(QUEUE);
});
/** Services still running when a test fails half-way: ended so no `forgegate run` outlives jest. */
const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await deleteQueues(QUEUE);
  cleanup();
});

function writeConfig(name: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    `forge: { type: git, repo: ${join(dir, `${name}.git`)} }
inbox: { path: ${join(dir, `${name}.sqlite`)} }
topic_prefixes: ['${PREFIX}']
sources:
  - type: amqp
    name: bus
    url: ${AMQP_URL}
    queue: ${QUEUE}
    bindings: [{ routing_keys: ['${PREFIX}bodhi.#'] }]
    prefetch: 50
    reconnect: { initial_delay_ms: 200, max_delay_ms: 2000 }
`,
  );
  return path;
}

/** Messages in the inbox plus messages finished: 0 .. 2 × the stream. */
function progress(inboxPath: string): number {
  if (!existsSync(inboxPath)) return 0;
  const db = new Database(inboxPath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT COUNT(*) AS accepted, COALESCE(SUM(state <> 'pending'), 0) AS finished FROM messages`,
      )
      .get() as { accepted: number; finished: number } | undefined;
    return row ? row.accepted + row.finished : 0;
  } catch {
    return 0; // the first run has not created the tables yet
  } finally {
    db.close();
  }
}

interface Service {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: string[];
}

function startService(config: string): Service {
  const child = spawn(process.execPath, [MAIN, 'run', '--config', config, '--workers', '4'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited, stderr };
}

async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  service: Service,
) {
  const deadline = Date.now() + 45_000;
  while (!(await condition())) {
    if (service.child.exitCode !== null)
      throw new Error(
        `forgegate run exited while waiting for ${what}:\n${service.stderr.join('')}`,
      );
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}:\n${service.stderr.join('').slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('forgegate run killed with SIGKILL', () => {
  it(`at 5 random points of ${stream.length} messages ends as an uninterrupted replay, nothing duplicated`, async () => {
    process.stderr.write(`sigkill: seed ${SEED} (FORGEGATE_KILL_SEED=${SEED} repeats it)\n`);
    const random = seeded(SEED);
    const total = 2 * stream.length;
    const points = Array.from({ length: 5 }, () => 1 + Math.floor(random() * (total - 2))).sort(
      (a, b) => a - b,
    );
    const reference = await replayState(
      stream,
      bus.prefixed(busConfig(dir, 'reference')),
      stateWithPullChanges,
    );

    const config = writeConfig('killed');
    const inbox = join(dir, 'killed.sqlite');
    const started = Date.now();
    // The queue and its binding exist once the first run has declared them; then the stream goes.
    let service = startService(config);
    await waitFor('the queue', async () => (await queueDepth(QUEUE)) >= 0, service);
    await publish(stream);
    const reached: number[] = [];
    const logs: string[] = [];
    for (const point of points) {
      await waitFor(`progress ${point}`, () => progress(inbox) >= point, service);
      service.child.kill('SIGKILL');
      expect(await service.exited).toEqual({ code: null, signal: 'SIGKILL' });
      reached.push(progress(inbox));
      logs.push(...service.stderr);
      service = startService(config);
    }
    await waitFor('the whole stream', () => progress(inbox) >= total, service);
    await waitFor('an empty queue', async () => (await queueDepth(QUEUE)) === 0, service);
    service.child.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
    // Each delivery acknowledged once: a second ack of a tag is a channel error in RabbitMQ.
    logs.push(...service.stderr);
    expect(logs.join('').match(/.*(channel error|unknown delivery tag).*/g) ?? []).toEqual([]);
    process.stderr.write(
      `sigkill: killed at progress ${reached.join(', ')} of ${total}; ${stream.length} messages in ${Date.now() - started} ms\n`,
    );

    // Every message once in the inbox, applied; none lost, none rejected or dead.
    const db = new Database(inbox, { readonly: true });
    const states = db.prepare(`SELECT state, COUNT(*) AS n FROM messages GROUP BY state`).all() as {
      state: string;
      n: number;
    }[];
    const ids = db.prepare(`SELECT id FROM messages ORDER BY id`).pluck().all() as string[];
    const others = db
      .prepare(`SELECT (SELECT COUNT(*) FROM rejected) + (SELECT COUNT(*) FROM dead_letters) AS n`)
      .pluck()
      .get();
    // Redelivered messages (read before a kill, not yet acknowledged) are counted as read again.
    const received = db.prepare(`SELECT received FROM source_activity`).pluck().get() as number;
    db.close();
    process.stderr.write(`sigkill: ${received - stream.length} redeliveries were duplicates\n`);
    expect(received).toBeGreaterThanOrEqual(stream.length);
    expect(states).toEqual([{ state: 'done', n: stream.length }]);
    expect(ids).toEqual(stream.map((message) => message.id).sort());
    expect(others).toBe(0);

    const forge = await openGitForge({ path: join(dir, 'killed.git') });
    try {
      expect(await stateWithPullChanges(forge)).toEqual(reference);
      // No duplicated commit: one commit of its own per head, one merge per update on each base.
      const own = await countOwnCommits(forge);
      expect(Object.values(own)).toEqual(Array.from({ length: UPDATES }, () => 1));
      const merges = await mergeSubjects(forge);
      expect(merges.length).toBe(UPDATES);
      expect(new Set(merges).size).toBe(UPDATES);
      // No duplicated comment (one mirror per Bodhi comment id) or status (one per context).
      expect(await duplicatedMirrors(forge, join(dir, 'killed.git'))).toEqual([]);
    } finally {
      forge.close();
    }
  }, 120_000);
});
