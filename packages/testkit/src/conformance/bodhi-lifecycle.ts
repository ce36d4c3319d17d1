import type { ForgegateEvent } from '@forgegate/core';
import {
  realUpdate,
  updateEvent,
  type BodhiUpdateObject,
  type MessageSpec,
} from '../bodhi-messages.js';

/** The real update the lifecycle is built from: libcap for F38, a 2023 Bodhi API object. */
export const LIFECYCLE_ALIAS = 'FEDORA-2023-5911638116';
export const LIFECYCLE_BASE = 'f38';
export const LIFECYCLE_FILE = { path: 'rpms/l/libcap', content: 'nvr: libcap-2.48-7.fc38\n' };

/** A tester's karma comment, shaped like the real comments of the same update. */
export interface TesterComment {
  user: string;
  karma: number;
  text: string;
}

export const LIFECYCLE_COMMENTS: TesterComment[] = [
  { user: 'tester-one', karma: 1, text: 'libcap works, getcap and setcap behave as before' },
  { user: 'tester-two', karma: 1, text: 'No regressions seen with podman and systemd' },
  { user: 'tester-three', karma: 1, text: 'Tested on aarch64, all good' },
];

/**
 * The update's lifecycle as Bodhi would announce it, built from the real object by changing only
 * the fields Bodhi changes between messages (status, request, dates, karma, comments):
 * request.testing → complete.testing → three karma comments → karma.threshold.reach →
 * request.stable → complete.stable. checkAgainstBodhiSchemas holds each to Bodhi's schema for
 * its topic (the testkit's own tests do).
 */
export function lifecycleSpecs(): MessageSpec[] {
  const real = realUpdate(LIFECYCLE_ALIAS);
  const botComments = real.comments;
  const testerComments = LIFECYCLE_COMMENTS.map((comment, index) => ({
    ...botComments[botComments.length - 1],
    id: 3291600 + index,
    karma: comment.karma,
    text: comment.text,
    timestamp: `2023-11-2${5 + index} 10:00:00`,
    user: { ...(botComments[0]?.user as object), id: 90000 + index, name: comment.user },
  }));
  const submitted: BodhiUpdateObject = {
    ...real,
    status: 'pending',
    request: 'testing',
    pushed: false,
    date_pushed: null,
    date_testing: null,
    comments: botComments.slice(0, 2),
  };
  const testing: BodhiUpdateObject = { ...real, status: 'testing', request: null };
  const withKarma = (count: number): BodhiUpdateObject => ({
    ...testing,
    karma: count,
    comments: [...botComments, ...testerComments.slice(0, count)],
  });
  const stableRequested: BodhiUpdateObject = {
    ...withKarma(3),
    request: 'stable',
    date_modified: '2023-11-27 12:00:00',
  };
  const stable: BodhiUpdateObject = {
    ...withKarma(3),
    status: 'stable',
    request: null,
    date_stable: '2023-11-28 02:00:00',
    date_pushed: '2023-11-28 02:00:00',
  };
  return [
    { action: 'request.testing', sentAt: '2023-11-23T18:58:52Z', update: submitted },
    { action: 'complete.testing', sentAt: '2023-11-24T02:19:11Z', update: testing },
    { action: 'comment', sentAt: '2023-11-25T10:00:01Z', update: withKarma(1) },
    { action: 'comment', sentAt: '2023-11-26T10:00:01Z', update: withKarma(2) },
    { action: 'comment', sentAt: '2023-11-27T10:00:01Z', update: withKarma(3) },
    {
      action: 'karma.threshold.reach',
      sentAt: '2023-11-27T10:00:02Z',
      update: withKarma(3),
      extra: { status: 'stable' },
    },
    { action: 'request.stable', sentAt: '2023-11-27T12:00:01Z', update: stableRequested },
    { action: 'complete.stable', sentAt: '2023-11-28T02:00:01Z', update: stable },
  ];
}

/** The lifecycle's messages parsed by the core as the runner would. */
export function lifecycleEvents(): ForgegateEvent[] {
  return lifecycleSpecs().map(updateEvent);
}
