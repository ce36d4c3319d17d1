import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeadLetters } from '../../src/inbox/dead-letters.js';
import { inboxStatus } from '../../src/inbox/inbox-status.js';
import { FileSource } from '../../src/sources/file.js';
import { BusRunner } from '../../src/worker/bus-runner.js';
import { flakyForge } from './helpers/flaky-forge.js';
import { stateWithPullChanges } from './helpers/pull-changes.js';
import { busConfig, memoryLogger, openForgeAt, replayState, scratch } from './helpers/runner.js';
import { toJsonl, updateStream } from './helpers/stream.js';
import { seeded, VirtualClock } from './helpers/time.js';

const messages = updateStream(20);
const BROKEN = 'updates/FEDORA-2023-a000000007';
const { dir, cleanup } = scratch();
let reference: Awaited<ReturnType<typeof replayState>>;

beforeAll(async () => {
  reference = await replayState(messages, busConfig(dir, 'reference'), stateWithPullChanges);
  writeFileSync(join(dir, 'stream.jsonl'), toJsonl(messages));
});
afterAll(cleanup);

describe('a failing forge', () => {
  it('ends in the replay state; a permanent error is a dead letter until `dead retry`', async () => {
    const config = busConfig(dir, 'flaky');
    const forge = await openForgeAt(config);
    const clock = new VirtualClock();
    let broken = true;
    const port = flakyForge(forge, {
      random: seeded(42),
      transientRate: 0.3,
      rateLimitEvery: 25,
      retryAfterMs: 60_000,
      permanent: (operation, args) =>
        broken && operation === 'createPull' && (args[0] as { head: string }).head === BROKEN,
    });
    const { logger, lines } = memoryLogger();
    const runner = await BusRunner.open({
      config,
      port,
      logger,
      clock,
      workers: 4,
      retry: { maxAttempts: 40, backoff: { baseMs: 1000, maxMs: 60_000 }, random: seeded(7) },
    });
    await runner.runToCompletion([new FileSource('file', [join(dir, 'stream.jsonl')])]);

    expect(port.failures.transient).toBeGreaterThan(20);
    expect(port.failures.rate_limited).toBeGreaterThan(2);
    // The 429s asked for a minute each; the virtual clock shows the waits were honoured.
    expect(clock.slept).toBeGreaterThanOrEqual(60_000);
    // Every message of the refused update tried to open its PR and was refused: each is a dead
    // letter with the forge's answer; the other updates went on.
    const letters = new DeadLetters(runner.inbox.db);
    const dead = letters.list();
    expect(dead.map((letter) => letter.id)).toEqual(
      [0, 1, 2, 3, 4].map((step) => `2023-fg7-${step}`),
    );
    for (const letter of dead) {
      expect(letter).toMatchObject({
        entity: 'update:FEDORA-2023-a000000007',
        reason:
          'permanent (HTTP 422): createPull: HTTP 422 Unprocessable Entity: validation failed',
      });
    }
    expect(inboxStatus(runner.inbox.db)).toMatchObject({ pending: 0, dead: 5, done: 95 });
    const retryLine = lines.find((line) => String(line.message).startsWith('attempt 1 failed'));
    expect(retryLine).toMatchObject({
      messageId: expect.any(String),
      topic: expect.any(String),
      entity: expect.any(String),
    });

    // The forge is fixed and the operator retries them, in their order: the state is whole.
    broken = false;
    for (const letter of dead) expect(letters.retry(letter.seq)).toBe(true);
    expect(letters.retry(dead[0]!.seq)).toBe(false);
    await runner.pool.runUntilEmpty();
    expect(inboxStatus(runner.inbox.db)).toMatchObject({ pending: 0, dead: 0, done: 100 });
    // Heads compared by what each PR changes: an update held back by a 429 forks from a later base
    // (helpers/pull-changes.ts says why both are right).
    expect(await stateWithPullChanges(forge)).toEqual(reference);
    runner.close();
    forge.close();
  });
});
