import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ForgeError } from '@forgegate/core';
import { FileSource } from '../../src/sources/file.js';
import { BusRunner } from '../../src/worker/bus-runner.js';
import { cli, RUNNER_DIR } from '../helpers/run-cli.js';
import { datagrepperServer, type DatagrepperServer } from './helpers/datagrepper-server.js';
import { stateWithPullChanges } from './helpers/pull-changes.js';
import { busConfig, memoryLogger, openForgeAt, replayState, scratch } from './helpers/runner.js';
import { toJsonl, updateStream } from './helpers/stream.js';

/**
 * `forgegate backfill`, `run`, `dead list|retry|drop` and `status` as an operator types them:
 * in-process through the CLI's entry point, and the built CLI (`npx tsc -b`) where a process is
 * killed or signalled.
 */
const MAIN = join(RUNNER_DIR, 'dist', 'cli', 'main.js');
const { dir, cleanup } = scratch();

beforeAll(() => {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build the CLI first with \`npx tsc -b\``);
});
/** Processes still running when a test fails half-way: ended so none outlives jest. */
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  cleanup();
});

function writeConfig(name: string, sources: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    `forge: { type: git, repo: ${join(dir, `${name}.git`)} }\ninbox: { path: ${join(dir, `${name}.sqlite`)} }\n${sources}`,
  );
  return path;
}

function spawnCli(args: string[]): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  const chunks: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited, stderr: () => chunks.join('') };
}

async function statusOf(config: string): Promise<Record<string, unknown>> {
  const result = await cli(['status', '--json', '--config', config]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('forgegate backfill', () => {
  const messages = updateStream(9).map(({ id, topic, headers, body }) => ({
    body,
    headers,
    id,
    topic,
  }));
  let server: DatagrepperServer;
  beforeAll(async () => (server = await datagrepperServer(messages)));
  afterAll(() => server.close());

  it('killed with SIGKILL while it reads page 3 resumes at page 3 and ends as a replay', async () => {
    const config = writeConfig(
      'backfill',
      `sources:\n  - { type: datagrepper, url: '${server.url}', rows_per_page: 10 }\n`,
    );
    const window = ['--since', '2023-06-01T00:00Z', '--until', '2023-06-02T00:00Z'];
    const first = spawnCli(['backfill', '--config', config, ...window]);
    await new Promise<void>((resolve) => (server.holdPage = { page: 3, onHold: resolve }));
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(server.requests.map((query) => query.get('page'))).toEqual(['1', '2', '3']);
    // Pages 1 and 2 are safe in the inbox, not yet applied (apply follows the reading).
    expect(await statusOf(config)).toMatchObject({ pending: 20, done: 0 });

    server.holdPage = undefined;
    server.requests.length = 0;
    const second = await cli(['backfill', '--config', config, ...window]);
    expect(second).toMatchObject({ code: 0, stdout: '' });
    expect(second.stderr).toContain('resuming the backfill at page 3');
    expect(server.requests.map((query) => query.get('page'))).toEqual(['3', '4', '5']);
    expect(await statusOf(config)).toMatchObject({
      pending: 0,
      done: messages.length,
      rejected: 0,
      dead: 0,
      sources: [expect.objectContaining({ source: 'datagrepper', received: messages.length })],
    });

    const forge = await openForgeAt(busConfig(dir, 'backfill'));
    try {
      expect(await stateWithPullChanges(forge)).toEqual(
        await replayState(
          updateStream(9),
          busConfig(dir, 'backfill-reference'),
          stateWithPullChanges,
        ),
      );
    } finally {
      forge.close();
    }
  }, 30_000);
});

describe('forgegate dead, status and run', () => {
  it('lists the dead letters, retries and drops them; `run` applies the retried ones and exits 0 on SIGTERM', async () => {
    const stream = updateStream(4);
    const REFUSED = 'updates/FEDORA-2023-a000000002';
    writeFileSync(join(dir, 'dead.jsonl'), toJsonl(stream));
    const config = writeConfig('dead', 'sources: []\n');
    // A forge that refuses one update's PR for good (HTTP 422), as a branch protection would.
    const forge = await openForgeAt(busConfig(dir, 'dead'));
    const refusing = new Proxy(forge, {
      get(target, property, receiver) {
        if (property !== 'createPull') return Reflect.get(target, property, receiver) as unknown;
        return (request: { head: string }) =>
          request.head === REFUSED
            ? Promise.reject(
                new ForgeError(
                  'permanent',
                  'createPull: HTTP 422 Unprocessable Entity',
                  undefined,
                  422,
                ),
              )
            : target.createPull(request as Parameters<typeof target.createPull>[0]);
      },
    });
    const runner = await BusRunner.open({
      config: busConfig(dir, 'dead'),
      port: refusing,
      logger: memoryLogger().logger,
    });
    await runner.runToCompletion([new FileSource('file', [join(dir, 'dead.jsonl')])]);
    runner.close();
    forge.close();

    const listed = await cli(['dead', 'list', '--json', '--config', config]);
    expect(listed.code).toBe(0);
    const letters = JSON.parse(listed.stdout) as { seq: number; id: string; reason: string }[];
    expect(letters.map((letter) => letter.id)).toEqual(
      [0, 1, 2, 3, 4].map((step) => `2023-fg2-${step}`),
    );
    expect(letters[0]!.reason).toBe(
      'permanent (HTTP 422): createPull: HTTP 422 Unprocessable Entity',
    );
    const human = await cli(['dead', 'list', '--config', config]);
    expect(human.stdout.split('\n').filter((line) => line.includes('2023-fg2-'))).toHaveLength(5);
    expect(human.stdout).toContain(
      'permanent (HTTP 422): createPull: HTTP 422 Unprocessable Entity (1 attempts)',
    );
    expect(await statusOf(config)).toMatchObject({ pending: 0, dead: 5, done: 15 });
    expect((await cli(['status', '--config', config])).stdout).toMatch(
      /^pending {3}0\n.*\ndead {6}5 {2}\(forgegate dead list\)\n/s,
    );

    // The operator drops the stable push and retries the rest; a wrong ID is an error.
    const [first, second, third, fourth, fifth] = letters.map((letter) => String(letter.seq));
    expect(await cli(['dead', 'drop', fifth!, '--config', config])).toMatchObject({
      code: 0,
      stderr: `${fifth}: dropped\n`,
    });
    for (const seq of [first!, second!, third!, fourth!]) {
      expect((await cli(['dead', 'retry', seq, '--config', config])).code).toBe(0);
    }
    expect(await cli(['dead', 'retry', fifth!, '--config', config])).toMatchObject({
      code: 1,
      stderr: `forgegate: dead retry: ${fifth} is not a dead letter (see: forgegate dead list)\n`,
    });
    expect(await statusOf(config)).toMatchObject({ pending: 4, dead: 0, done: 15 });

    // `run` with no source works the inbox; SIGTERM once it is empty: exit 0.
    const service = spawnCli(['run', '--config', config]);
    const deadline = Date.now() + 20_000;
    while ((await statusOf(config)).pending !== 0) {
      if (Date.now() > deadline) throw new Error(`run did not apply them:\n${service.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    service.child.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
    expect(service.stderr()).toContain('SIGTERM: stopping');
    expect(await statusOf(config)).toMatchObject({ pending: 0, dead: 0, done: 19 });
    expect((await cli(['dead', 'list', '--config', config])).stdout).toBe('no dead letters\n');

    const reopened = await openForgeAt(busConfig(dir, 'dead'));
    try {
      expect(await stateWithPullChanges(reopened)).toEqual(
        await replayState(
          stream.filter((message) => message.id !== '2023-fg2-4'),
          busConfig(dir, 'dead-reference'),
          stateWithPullChanges,
        ),
      );
      // A dropped message's id stays known: delivered again, it is a duplicate, not work.
      const again = await BusRunner.open({
        config: busConfig(dir, 'dead'),
        port: reopened,
        logger: memoryLogger().logger,
      });
      const dropped = stream.find((message) => message.id === '2023-fg2-4')!;
      expect(
        again.intake.accept({ source: 'file', text: JSON.stringify(dropped), origin: 'again' }),
      ).toMatchObject({ status: 'duplicate' });
      again.close();
    } finally {
      reopened.close();
    }
  }, 30_000);
});
