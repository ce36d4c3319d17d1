import { ForgeError, type ForgePort } from '@forgegate/core';
import type { GitForge } from '@forgegate/adapter-git';
import { applyAll, counting, freshForge } from './forge-harness.js';
import { ALIAS, CONTENT, FILE, lifecycle } from './thunderbird-lifecycle.js';

const HEAD = `updates/${ALIAS}`;
const BASE = 'f38';
/** Up to request.stable: the PR is open with its head built; complete.stable merges it. */
const events = lifecycle();
const BEFORE_STABLE = events.slice(0, -1);
const STABLE = events.slice(-1);

/**
 * The forge as the bot sees it, with another writer committing the update's package file on the
 * base just before each of the first merges, one content per merge: a change the bot's reads
 * before the merge could not see, which makes the head conflict with the base.
 */
function racedBeforeMerge(forge: GitForge, contents: string[]): ForgePort {
  let raced = 0;
  return new Proxy(forge, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'mergePull' && raced < contents.length) {
        return async (number: number, message: string) => {
          const content = contents[raced++] ?? null;
          const other = target.asUser('mallory');
          const base = await other.getBranch(BASE);
          await other.commitFiles({
            branch: BASE,
            parentSha: base?.sha ?? '',
            message: 'Change the package file behind the bot’s back',
            files: [{ path: FILE, content }],
          });
          return target.mergePull(number, message);
        };
      }
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

describe('core/reconcile: a merge the forge refuses', () => {
  it('rebuilds the head on the moved base and merges it the second time', async () => {
    const { forge, close } = await freshForge();
    try {
      await applyAll(forge, BEFORE_STABLE);
      const older = 'nvr: thunderbird-115.4.0-1.fc38\n';
      const { port, writes } = counting(racedBeforeMerge(forge, [older]));
      const [outcome] = await applyAll(port, STABLE);
      expect(outcome?.effects.pullsMerged).toBe(1);
      expect((await forge.findPullByHead(HEAD))?.state).toBe('merged');
      expect(await forge.readFile(BASE, FILE)).toBe(CONTENT);
      // The stable snapshot's own writes, the refused merge, one rebuild, the merge, the karma status.
      expect(writes).toEqual([
        'updatePull',
        'setPullLabels',
        'createComment',
        'mergePull',
        'setBranch',
        'commitFiles',
        'mergePull',
        'setStatus',
      ]);
    } finally {
      close();
    }
  });

  it('keeps a newer build the base got meanwhile instead of merging the update’s older one', async () => {
    const { forge, close } = await freshForge();
    try {
      await applyAll(forge, BEFORE_STABLE);
      const newer = 'nvr: thunderbird-115.5.1-1.fc38\n';
      const [outcome] = await applyAll(racedBeforeMerge(forge, [newer]), STABLE);
      expect(outcome?.effects.pullsMerged).toBe(1);
      expect((await forge.findPullByHead(HEAD))?.state).toBe('merged');
      expect(await forge.readFile(BASE, FILE)).toBe(newer);
    } finally {
      close();
    }
  });

  it('passes on a second refusal as not_mergeable, leaving the PR open', async () => {
    const { forge, close } = await freshForge();
    try {
      await applyAll(forge, BEFORE_STABLE);
      const raced = racedBeforeMerge(forge, [
        'nvr: thunderbird-115.4.0-1.fc38\n',
        'nvr: thunderbird-115.4.1-1.fc38\n',
      ]);
      const refused = applyAll(raced, STABLE);
      await expect(refused).rejects.toBeInstanceOf(ForgeError);
      await expect(refused).rejects.toMatchObject({ kind: 'not_mergeable' });
      expect((await forge.findPullByHead(HEAD))?.state).toBe('open');
    } finally {
      close();
    }
  });
});
