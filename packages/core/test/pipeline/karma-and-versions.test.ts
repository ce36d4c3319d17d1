import { karmaStatus, parseMessage, rpmvercmp } from '@forgegate/core';
import { completeTesting, updateFromQueryPage } from './pipeline-harness.js';
import { PIPELINE_PREFIXES } from './pipeline-fixtures.js';

/** The snapshot of a real update, with Bodhi's karma changed as votes would change it. */
function snapshotWithKarma(karma: number) {
  const update = { ...updateFromQueryPage('FEDORA-2019-f12cb1ddab'), karma };
  const parsed = parseMessage(completeTesting(update, '2020-01-01T00:00:00.000Z'), {
    topicPrefixes: PIPELINE_PREFIXES,
  });
  if (parsed.outcome !== 'event' || parsed.event.kind !== 'bodhi.update')
    throw new Error('not an update');
  return parsed.event.update;
}

describe('bodhi/karma status (stable at +2, unstable at -5 on this update)', () => {
  it.each([
    [1, 'pending', '+1 of +2 to push'],
    [2, 'success', '+2 of +2 to push'],
    [-4, 'pending', '-4 of +2 to push'],
    [-5, 'failure', '-5: reached the unstable threshold (-5)'],
  ])('karma %i is %s: "%s"', (karma, state, description) => {
    expect(karmaStatus(snapshotWithKarma(karma))).toMatchObject({
      context: 'bodhi/karma',
      state,
      description,
    });
  });

  it('has no status for a snapshot that does not carry karma', () => {
    const snapshot = snapshotWithKarma(0);
    expect(karmaStatus({ ...snapshot, karma: undefined })).toBeUndefined();
  });

  it('links the update on Bodhi', () => {
    expect(karmaStatus(snapshotWithKarma(0))?.url).toBe(
      'https://bodhi.fedoraproject.org/updates/FEDORA-2019-f12cb1ddab',
    );
  });
});

describe('rpmvercmp (the cases of rpm’s own tests/rpmvercmp.at)', () => {
  it.each([
    ['1.0', '1.0', 0],
    ['1.0', '2.0', -1],
    ['2.0.1', '2.0', 1],
    ['2.0.1a', '2.0.1', 1],
    ['5.5p1', '5.5p2', -1],
    ['5.5p10', '5.5p1', 1],
    ['10xyz', '10.1xyz', -1],
    ['xyz10', 'xyz10.1', -1],
    ['1.0aa', '1.0a', 1],
    ['6.0.rc1', '6.0', 1],
    ['10b2', '10a1', 1],
    ['1.0~rc1', '1.0', -1],
    ['1.0~rc1', '1.0~rc2', -1],
    ['1.0^', '1.0', 1],
    ['1.0^git1', '1.0~rc1', 1],
    ['1.0^git1', '1.01', -1],
    ['010', '10', 0],
    ['1.fc31', '0.fc31', 1],
  ])('%s vs %s is %i', (a, b, order) => {
    expect(rpmvercmp(a, b)).toBe(order);
    expect(rpmvercmp(b, a)).toBe(-order || 0);
  });
});
