import { entityKeyOf } from '@forgegate/core';
import { bodhiMessageFiles, expectEvent, parseBodhiFixture } from './fixture-messages.js';

type Expectation =
  { event: string; alias: string; partial?: true } | { ignored: string } | { rejected: string };

const BODHI_1 = 'Bodhi 1 message (no update alias): unsupported';
const READY = 'bodhi.update.status.testing.koji-build-group.build.complete';

/**
 * What every file in ../shared/fixtures/messages/bodhi/ becomes, and why. A fixture added there
 * without a row here fails the first test, so nothing is parsed without an expectation.
 */
const EXPECTED: Record<string, Expectation> = {
  // Overrides, composes, errata and repo messages are understood but change no forge object yet.
  'bodhi.buildroot_override.tag__golang-github-bugsnag-panicwrap-0-0.1.gite5f9854.el6.json': {
    ignored: 'no forge mapping for bodhi.buildroot_override.tag',
  },
  'bodhi.buildroot_override.tag__libxcrypt-4.4.4-2.fc28.schema-example.json': {
    ignored: 'no forge mapping for bodhi.buildroot_override.tag',
  },
  'bodhi.buildroot_override.untag__libxcrypt-4.4.4-2.fc28.schema-example.json': {
    ignored: 'no forge mapping for bodhi.buildroot_override.untag',
  },
  'bodhi.compose.complete__2019-e43eb49a.json': {
    ignored: 'no forge mapping for bodhi.compose.complete',
  },
  'bodhi.compose.composing__2019-9fbd5994.json': {
    ignored: 'no forge mapping for bodhi.compose.composing',
  },
  'bodhi.compose.start__2019-6724c4b9.json': {
    ignored: 'no forge mapping for bodhi.compose.start',
  },
  'bodhi.compose.sync.done__2019-ab499c10.json': {
    ignored: 'no forge mapping for bodhi.compose.sync.done',
  },
  'bodhi.compose.sync.wait__2019-39734cc4.json': {
    ignored: 'no forge mapping for bodhi.compose.sync.wait',
  },
  'bodhi.composer.start__2019-d3041ae5.json': {
    ignored: 'no forge mapping for bodhi.composer.start',
  },
  'bodhi.errata.publish__FEDORA-2019-4cc36fafbb.schema-example.json': {
    ignored: 'no forge mapping for bodhi.errata.publish',
  },
  'bodhi.repo.done__2019-139ee383.json': { ignored: 'no forge mapping for bodhi.repo.done' },

  'bodhi.update.comment__FEDORA-2019-46910daf41.json': {
    event: 'comment',
    alias: 'FEDORA-2019-46910daf41',
  },
  // Bodhi's schema example has no comment id; forgegate keys mirrored comments by it.
  'bodhi.update.comment__FEDORA-EPEL-2019-f2d195dada.schema-example.json': {
    rejected: 'bodhi.update.comment: comment.id: missing (expected number)',
  },
  // 2014 comments: `update_title` instead of the update.
  'bodhi.update.comment__file-5.19-4.fc20.json': { rejected: `bodhi.update.comment: ${BODHI_1}` },
  'bodhi.update.comment__sqlite-3.8.6-2.fc20_2014-10047900.json': {
    rejected: `bodhi.update.comment: ${BODHI_1}`,
  },
  'bodhi.update.comment__sqlite-3.8.6-2.fc20_2014-f0205c2a.json': {
    rejected: `bodhi.update.comment: ${BODHI_1}`,
  },
  'bodhi.update.complete.stable__FEDORA-2017-fe6e14dcf9.json': {
    event: 'complete.stable',
    alias: 'FEDORA-2017-fe6e14dcf9',
  },
  'bodhi.update.complete.stable__FEDORA-2019-d64d0caab3.schema-example.json': {
    event: 'complete.stable',
    alias: 'FEDORA-2019-d64d0caab3',
  },
  'bodhi.update.complete.testing__FEDORA-2019-02cd019281.json': {
    event: 'complete.testing',
    alias: 'FEDORA-2019-02cd019281',
  },
  'bodhi.update.complete.testing__FEDORA-2019-d64d0caab3.schema-example.json': {
    event: 'complete.testing',
    alias: 'FEDORA-2019-d64d0caab3',
  },
  'bodhi.update.edit__FEDORA-2019-7dbbb74a13.schema-example.json': {
    event: 'edit',
    alias: 'FEDORA-2019-7dbbb74a13',
  },
  // Early Bodhi 2 on the development bus (2015): a `user`, but the alias is still null.
  'bodhi.update.edit__tzdata-2014i-1.fc19.json': {
    rejected: 'bodhi.update.edit: update.alias: expected string, received null',
  },
  'bodhi.update.eject__FEDORA-2019-2b055f8870.schema-example.json': {
    event: 'eject',
    alias: 'FEDORA-2019-2b055f8870',
  },
  'bodhi.update.karma.threshold.reach__FEDORA-EPEL-2015-0238.schema-example.json': {
    event: 'karma.threshold.reach',
    alias: 'FEDORA-EPEL-2015-0238',
  },
  // The fedmsg-era topic of the same message.
  'bodhi.update.karma.threshold__FEDORA-EPEL-2015-0238.json': {
    event: 'karma.threshold.reach',
    alias: 'FEDORA-EPEL-2015-0238',
  },
  'bodhi.update.request.obsolete__FEDORA-2019-d64d0caab3.schema-example.json': {
    event: 'request.obsolete',
    alias: 'FEDORA-2019-d64d0caab3',
  },
  'bodhi.update.request.revoke__FEDORA-2019-d64d0caab3.schema-example.json': {
    event: 'request.revoke',
    alias: 'FEDORA-2019-d64d0caab3',
  },
  'bodhi.update.request.stable__FEDORA-2019-d64d0caab3.schema-example.json': {
    event: 'request.stable',
    alias: 'FEDORA-2019-d64d0caab3',
  },
  'bodhi.update.request.testing__FEDORA-2019-f1ca3c00e5.schema-example.json': {
    event: 'request.testing',
    alias: 'FEDORA-2019-f1ca3c00e5',
  },
  // 2012 and 2014: no alias, a `submitter` string instead of `user`.
  'bodhi.update.request.testing__gnome-settings-daemon-3.6.1-1.fc18.json': {
    rejected: `bodhi.update.request.testing: ${BODHI_1}`,
  },
  'bodhi.update.request.testing__perl-Devel-CheckBin-0.02-2.fc19.json': {
    rejected: `bodhi.update.request.testing: ${BODHI_1}`,
  },
  'bodhi.update.request.unpush__FEDORA-2019-8da6360454.schema-example.json': {
    event: 'request.unpush',
    alias: 'FEDORA-2019-8da6360454',
  },
  'bodhi.update.requirements_met.stable__FEDORA-2018-e1f68e9766.json': {
    event: 'requirements_met.stable',
    alias: 'FEDORA-2018-e1f68e9766',
  },
  'bodhi.update.requirements_met.stable__FEDORA-2019-f1ca3c00e5.schema-example.json': {
    event: 'requirements_met.stable',
    alias: 'FEDORA-2019-f1ca3c00e5',
  },
  // V2 and V3 carry the whole update; V1 and the trimmed captures only the alias: partial.
  [`${READY}__FEDORA-2019-d64d0caab3.v2.schema-example.json`]: {
    event: 'ready-for-testing',
    alias: 'FEDORA-2019-d64d0caab3',
  },
  [`${READY}__FEDORA-2019-d64d0caab3.v3.schema-example.json`]: {
    event: 'ready-for-testing',
    alias: 'FEDORA-2019-d64d0caab3',
  },
  [`${READY}__FEDORA-2021-53a7dfa185.json`]: {
    event: 'ready-for-testing',
    alias: 'FEDORA-2021-53a7dfa185',
    partial: true,
  },
  [`${READY}__FEDORA-2022-34ddfc814f.json`]: {
    event: 'ready-for-testing',
    alias: 'FEDORA-2022-34ddfc814f',
    partial: true,
  },
  [`${READY}__FEDORA-2023-1f3e17882f.upstream-edited.json`]: {
    event: 'ready-for-testing',
    alias: 'FEDORA-2023-1f3e17882f',
    partial: true,
  },
  [`${READY}__FEDORA-2024-32f9547504.upstream-edited.json`]: {
    event: 'ready-for-testing',
    alias: 'FEDORA-2024-32f9547504',
    partial: true,
  },
  [`${READY}__FEDORA-EPEL-2021-049da15976.json`]: {
    event: 'ready-for-testing',
    alias: 'FEDORA-EPEL-2021-049da15976',
    partial: true,
  },
  [`${READY}__FEDORA-EPEL-2023-3b5f9c33da.upstream-edited.json`]: {
    event: 'ready-for-testing',
    alias: 'FEDORA-EPEL-2023-3b5f9c33da',
    partial: true,
  },
};

describe('core/events: every Bodhi message fixture', () => {
  it('has an expectation for every file in the folder', () => {
    expect(bodhiMessageFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', (fileName, expected) => {
    const result = parseBodhiFixture(fileName);
    if ('event' in expected) {
      const event = expectEvent(result);
      expect(event.action).toBe(expected.event);
      expect(event.update.alias).toBe(expected.alias);
      expect(event.partial).toBe(expected.partial ?? false);
      expect(event.update.builds.length).toBeGreaterThan(0);
      expect(entityKeyOf(event)).toBe(`update:${expected.alias}`);
    } else if ('ignored' in expected) {
      expect(result).toMatchObject({ outcome: 'ignored', reason: expected.ignored });
    } else {
      expect(result).toMatchObject({ outcome: 'rejected', reason: expected.rejected });
    }
  });
});
