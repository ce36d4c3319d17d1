import { afterAll, describe, expect, it } from '@jest/globals';
import { stateWithPullChanges } from './helpers/pull-changes.js';
import { busConfig, openForgeAt, replayState, scratch, stateOf } from './helpers/runner.js';
import { updateStream, type BusMessage } from './helpers/stream.js';

/**
 * Why the bus tests that let entities overtake one another compare PRs by their changes: updates 0
 * and 2 of the stream are both on f38. In stream order every head forks before any merge; when
 * update 0 is held back (a retry) until update 2 merged, its head forks from an f38 that already
 * has update 2's file. Same PRs, same diffs, same f38; different head trees.
 */
const stream = updateStream(3).filter((message) => !message.id.startsWith('2023-fg1-'));
const ofUpdate = (index: number) => (message: BusMessage) =>
  message.id.startsWith(`2023-fg${index}-`);
const heldBack = [...stream.filter(ofUpdate(2)), ...stream.filter(ofUpdate(0))];
const { dir, cleanup } = scratch();
afterAll(cleanup);

describe('a PR head forks from the base of its time', () => {
  it('two orders across updates: the head trees differ, the PRs changes and the bases do not', async () => {
    const inOrder = await replayState(stream, busConfig(dir, 'in-order'), stateOf);
    const late = await replayState(heldBack, busConfig(dir, 'held-back'), stateOf);
    expect(late.branches['updates/FEDORA-2023-a000000000']).toHaveProperty(
      'rpms/t/thunderbird-fg2',
    );
    expect(inOrder.branches['updates/FEDORA-2023-a000000000']).not.toHaveProperty(
      'rpms/t/thunderbird-fg2',
    );
    expect(late.branches.f38).toEqual(inOrder.branches.f38);

    const changes = await replayState(stream, busConfig(dir, 'in-order-2'), stateWithPullChanges);
    expect(
      await replayState(heldBack, busConfig(dir, 'held-back-2'), stateWithPullChanges),
    ).toEqual(changes);
    expect(changes.branches['updates/FEDORA-2023-a000000000']).toEqual({
      'rpms/l/libcap-fg0': 'nvr: libcap-fg0-2.48-7.fc38\n',
    });
  });

  it("a head that lost its update's file no longer matches", async () => {
    const config = busConfig(dir, 'damaged');
    const intact = await replayState(stream, config, stateWithPullChanges);
    const forge = await openForgeAt(config);
    try {
      const head = 'updates/FEDORA-2023-a000000000';
      const tip = await forge.getBranch(head);
      await forge.commitFiles({
        branch: head,
        parentSha: tip!.sha,
        message: 'behind the bot',
        files: [{ path: 'rpms/l/libcap-fg0', content: null }],
      });
      const damaged = await stateWithPullChanges(forge);
      expect(damaged.branches[head]).toEqual({});
      expect(damaged).not.toEqual(intact);
    } finally {
      forge.close();
    }
  });
});
