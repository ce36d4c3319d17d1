import { execFileSync } from 'node:child_process';
import { applyEvent, DEFAULT_CORE_CONFIG, type BodhiUpdateEvent } from '@forgegate/core';
import { checkAgainstBodhiSchemas, dumpForgeState } from '@forgegate/testkit';
import { applyAll, BOT, counting, freshForge } from './forge-harness.js';
import { ALIAS, CONTENT, FILE, lifecycle, lifecycleSpecs } from './thunderbird-lifecycle.js';

const HEAD = `updates/${ALIAS}`;

/** A small seeded PRNG (mulberry32), so a failing order can be replayed from its printed seed. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

async function stateAfter(events: BodhiUpdateEvent[]) {
  const { forge, close } = await freshForge();
  try {
    await applyAll(forge, events);
    return await dumpForgeState(forge);
  } finally {
    close();
  }
}

describe('core/reconcile: a real update from request.testing to stable', () => {
  const events = lifecycle();

  it('builds its messages from the real update within Bodhi’s message schemas', () => {
    expect(() => checkAgainstBodhiSchemas(lifecycleSpecs())).not.toThrow();
    expect(events.map((e) => e.action)).toEqual([
      'request.testing',
      'complete.testing',
      'ready-for-testing',
      'comment',
      'comment',
      'karma.threshold.reach',
      'request.stable',
      'complete.stable',
    ]);
  });

  it('ends merged, with the build’s file on f38, every comment mirrored once, status labels', async () => {
    const { forge, path, close } = await freshForge();
    try {
      const outcomes = await applyAll(forge, events);
      expect(outcomes.map((o) => o.outcome)).toEqual(Array(events.length).fill('applied'));
      const pull = await forge.findPullByHead(HEAD);
      expect(pull).toMatchObject({
        base: 'f38',
        state: 'merged',
        title: `${ALIAS}: thunderbird-115.5.0-1.fc38`,
        labels: ['severity/high', 'status/stable', 'type/security'],
      });
      const comments = await forge.listComments(pull?.number ?? 0);
      expect(comments).toHaveLength(8);
      expect(comments[4]?.body).toMatch(/^\*\*geraldosimiao\*\* commented on Bodhi · karma \+1 · /);
      expect(pull?.body).toContain('- **Karma:** +2 (stable at +2, unstable at -3)');
      // Checked with git itself: the merge put the file on the release branch.
      const git = (...args: string[]) =>
        execFileSync('git', ['--git-dir', path, ...args], { encoding: 'utf8' });
      expect(git('show', `f38:${FILE}`)).toBe(CONTENT);
      expect(git('rev-list', '--parents', '-n', '1', 'f38').trim().split(' ')).toHaveLength(3);
      expect(git('log', '-1', '--format=%B', HEAD)).toContain('Submitter: erack');
    } finally {
      close();
    }
  });

  it('makes zero writes when the same messages are replayed', async () => {
    const { forge, close } = await freshForge();
    try {
      await applyAll(forge, events);
      const replay = counting(forge);
      const outcomes = await applyAll(replay.port, events);
      expect(replay.writes).toEqual([]);
      expect(outcomes.every((o) => Object.values(o.effects).every((n) => n === 0))).toBe(true);
    } finally {
      close();
    }
  });

  it('ends in the in-order state whatever the order (20 seeded permutations)', async () => {
    const expected = await stateAfter(events);
    expect(expected.pulls).toHaveLength(1);
    expect(expected.branches.f38).toEqual({ [FILE]: CONTENT });
    const seeds = Array.from({ length: 20 }, (_, i) => 0x5eed + i * 7919);
    process.stderr.write(`lifecycle in 20 random orders, seeds: ${seeds.join(', ')}\n`);
    for (const seed of seeds) {
      const order = shuffled(events, seed);
      const actual = await stateAfter(order);
      const label = `seed ${seed}: ${order.map((e) => `${e.action}@${e.version}`).join(', ')}`;
      expect({ label, state: actual }).toEqual({ label, state: expected });
    }
  });

  it('never creates a PR from a partial message', async () => {
    const { forge, close } = await freshForge();
    try {
      const partial: BodhiUpdateEvent = { ...events[2]!, partial: true };
      const replay = counting(forge);
      const outcome = await applyEvent(replay.port, partial, {
        config: DEFAULT_CORE_CONFIG,
        botLogin: BOT,
      });
      expect(outcome).toMatchObject({
        outcome: 'ignored',
        reason: 'partial message and no PR for the update yet',
      });
      expect(replay.writes).toEqual([]);
    } finally {
      close();
    }
  });
});
