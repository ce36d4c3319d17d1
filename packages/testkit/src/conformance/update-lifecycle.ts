import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_CORE_CONFIG,
  applyEvent,
  countingPort,
  type ApplyContext,
  type CommitRequest,
  type ForgePort,
} from '@forgegate/core';
import { dumpForgeState } from '../canonical-state.js';
import {
  LIFECYCLE_ALIAS,
  LIFECYCLE_BASE,
  LIFECYCLE_COMMENTS,
  LIFECYCLE_FILE,
  lifecycleEvents,
} from './bodhi-lifecycle.js';
import type { SuiteContext } from './harness.js';

const HEAD = `updates/${LIFECYCLE_ALIAS}`;

async function applyAll(port: ForgePort, context: ApplyContext): Promise<string[]> {
  const outcomes: string[] = [];
  for (const event of lifecycleEvents())
    outcomes.push((await applyEvent(port, event, context)).outcome);
  return outcomes;
}

/**
 * A whole Bodhi update, from the real object, through the core's reconciler onto the adapter: the
 * PR a packager sees, then a replay that must not write. Uses the release's real branch (`f38`)
 * and the update's head, so it needs a repository without them.
 */
export function describeUpdateLifecycle(context: SuiteContext): void {
  describe('a Bodhi update through the reconciler', () => {
    it('ends merged on its release branch with every karma comment once, and a replay writes nothing', async () => {
      const port = context.port();
      const apply: ApplyContext = { config: DEFAULT_CORE_CONFIG, botLogin: await port.whoami() };
      expect(await applyAll(port, apply)).toEqual(lifecycleEvents().map(() => 'applied'));

      const pull = await port.findPullByHead(HEAD);
      expect(pull).toMatchObject({ base: LIFECYCLE_BASE, state: 'merged', author: apply.botLogin });
      expect(pull?.title).toContain(LIFECYCLE_ALIAS);
      expect(await port.readFile(LIFECYCLE_BASE, LIFECYCLE_FILE.path)).toBe(LIFECYCLE_FILE.content);
      const tip = await port.getBranch(LIFECYCLE_BASE);
      expect((await port.getCommit(tip?.sha ?? '')).parents).toHaveLength(2);
      const comments = await port.listComments(pull?.number ?? 0);
      for (const { text } of LIFECYCLE_COMMENTS) {
        expect(comments.filter((comment) => comment.body.includes(text))).toHaveLength(1);
      }

      const before = await dumpForgeState(port);
      const replay = countingPort(port);
      // Older snapshots than the one applied are ignored, the newest is applied again: no write.
      await applyAll(replay.port, apply);
      expect(replay.written).toEqual([]);
      expect(await dumpForgeState(port)).toEqual(before);
    });

    it('reports a conflict when the head moves during a commit, and the reconciler retries on the new tip', async () => {
      const port = context.port();
      const apply: ApplyContext = { config: DEFAULT_CORE_CONFIG, botLogin: await port.whoami() };
      let moved = false;
      const racing = countingPort(port, {
        before: async (operation, args) => {
          if (operation !== 'commitFiles' || (args[0] as CommitRequest).branch !== HEAD || moved)
            return;
          moved = true;
          // A packager pushes to the same file just before the bot's commit lands.
          await context
            .control()
            .moveBranchBehindBack(HEAD, [
              { ...LIFECYCLE_FILE, content: 'nvr: libcap-2.48-8.fc38\n' },
            ]);
        },
      });
      const [first] = lifecycleEvents();
      if (!first) throw new Error('the lifecycle has no messages');
      expect((await applyEvent(racing.port, first, apply)).outcome).toBe('applied');
      expect(racing.failures()).toEqual([{ operation: 'commitFiles', kind: 'conflict' }]);
      expect(await port.readFile(HEAD, LIFECYCLE_FILE.path)).toBe(LIFECYCLE_FILE.content);
      expect(await port.findPullByHead(HEAD)).toMatchObject({
        base: LIFECYCLE_BASE,
        state: 'open',
      });
    });
  });
}
