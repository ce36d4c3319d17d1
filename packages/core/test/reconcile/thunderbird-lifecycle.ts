import type { BodhiUpdateEvent } from '@forgegate/core';
import {
  realUpdate,
  updateEvent,
  type BodhiUpdateObject,
  type MessageSpec,
} from '@forgegate/testkit';

/**
 * The life of a real update (FEDORA-2023-bb021a4854, thunderbird for F38, as Bodhi's API returned
 * it) as Bodhi would have sent it: each message is the real object with only the fields Bodhi
 * changes at that step (status, request, dates, karma, new comments), built with the testkit's
 * Bodhi message builder and checked against Bodhi's own schema for its topic (update-lifecycle.test).
 */
export const ALIAS = 'FEDORA-2023-bb021a4854';
export const FILE = 'rpms/t/thunderbird';
export const CONTENT = 'nvr: thunderbird-115.5.0-1.fc38\n';

type BodhiCommentObject = Record<string, unknown>;

function comment(
  base: BodhiCommentObject,
  id: number,
  user: string,
  karma: number,
  text: string,
  timestamp: string,
): BodhiCommentObject {
  const userObject = {
    ...(base.user as Record<string, unknown>),
    name: user,
    id: 90_000 + (id % 1000),
  };
  return { ...base, id, karma, text, timestamp, user: userObject };
}

export function lifecycleSpecs(): MessageSpec[] {
  const real = realUpdate(ALIAS);
  const [submitted, gating, edited, pushedTesting] = real.comments;
  if (!submitted || !gating || !edited || !pushedTesting)
    throw new Error(`${ALIAS}: comments missing`);
  const karma1 = comment(
    pushedTesting,
    3293001,
    'geraldosimiao',
    1,
    'Works fine here.',
    '2023-11-26 10:00:00',
  );
  const karma2 = comment(
    pushedTesting,
    3293502,
    'itrymybest80',
    1,
    'No regressions noticed.',
    '2023-11-27 08:59:59',
  );
  const stableRequest = comment(
    pushedTesting,
    3293503,
    'bodhi',
    0,
    'This update has been submitted for stable by bodhi. ',
    '2023-11-27 09:00:01',
  );
  const pushedStable = comment(
    pushedTesting,
    3294100,
    'bodhi',
    0,
    'This update has been pushed to stable.',
    '2023-11-28 02:00:00',
  );

  const pending: BodhiUpdateObject = {
    ...real,
    status: 'pending',
    request: 'testing',
    pushed: false,
    date_pushed: null,
    date_testing: null,
    comments: [submitted, gating, edited],
  };
  const testing: BodhiUpdateObject = { ...real };
  const oneKarma: BodhiUpdateObject = {
    ...testing,
    karma: 1,
    comments: [...testing.comments, karma1],
  };
  const twoKarma: BodhiUpdateObject = {
    ...oneKarma,
    karma: 2,
    comments: [...oneKarma.comments, karma2],
  };
  const stableRequested: BodhiUpdateObject = {
    ...twoKarma,
    request: 'stable',
    comments: [...twoKarma.comments, stableRequest],
  };
  const stable: BodhiUpdateObject = {
    ...stableRequested,
    status: 'stable',
    request: null,
    date_stable: '2023-11-28 01:59:00',
    date_pushed: '2023-11-28 01:59:00',
    comments: [...stableRequested.comments, pushedStable],
  };
  const artifact = {
    type: 'koji-build-group',
    id: `${ALIAS}-9b7831c65835dd6aeca0f1011524f74a4095b2e0`,
    repository: `https://bodhi.fedoraproject.org/updates/${ALIAS}`,
    builds: [
      {
        type: 'koji-build',
        id: 2345678,
        task_id: 109876543,
        nvr: 'thunderbird-115.5.0-1.fc38',
        issuer: 'erack',
        component: 'thunderbird',
        scratch: false,
      },
    ],
    release: 'f38',
  };
  return [
    { action: 'request.testing', sentAt: '2023-11-24T17:16:14.000Z', update: pending },
    { action: 'complete.testing', sentAt: '2023-11-25T01:49:11.000Z', update: testing },
    {
      action: 'status.testing.koji-build-group.build.complete',
      sentAt: '2023-11-25T01:55:00.000Z',
      update: testing,
      extra: { artifact, 're-trigger': false },
    },
    { action: 'comment', sentAt: '2023-11-26T10:00:00.000Z', update: oneKarma },
    { action: 'comment', sentAt: '2023-11-27T08:59:59.000Z', update: twoKarma },
    {
      action: 'karma.threshold.reach',
      sentAt: '2023-11-27T09:00:00.000Z',
      update: twoKarma,
      extra: { status: 'stable' },
    },
    { action: 'request.stable', sentAt: '2023-11-27T09:00:01.000Z', update: stableRequested },
    { action: 'complete.stable', sentAt: '2023-11-28T02:00:00.000Z', update: stable },
  ];
}

export function lifecycle(specs: MessageSpec[] = lifecycleSpecs()): BodhiUpdateEvent[] {
  return specs.map(updateEvent);
}
