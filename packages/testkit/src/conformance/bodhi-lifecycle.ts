import { parseMessage, type ForgegateEvent } from '@forgegate/core';
import { readFixture } from '../fixtures.js';

/** The real update the lifecycle is built from: libcap for F38, a 2023 Bodhi API object. */
export const LIFECYCLE_ALIAS = 'FEDORA-2023-5911638116';
export const LIFECYCLE_BASE = 'f38';
export const LIFECYCLE_FILE = { path: 'rpms/l/libcap', content: 'nvr: libcap-2.48-7.fc38\n' };

type UpdateObject = Record<string, unknown> & { comments: Record<string, unknown>[] };

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
 * request.stable → complete.stable. Each is a fedora-messaging envelope whose `sent-at` header is
 * the snapshot's version, parsed by the core as the runner would.
 */
export function lifecycleEvents(): ForgegateEvent[] {
  const real = JSON.parse(
    readFixture(`bodhi-api/updates.${LIFECYCLE_ALIAS}.list-item.json`),
  ) as UpdateObject;
  const botComments = real.comments;
  const testerComments = LIFECYCLE_COMMENTS.map((comment, index) => ({
    ...botComments[botComments.length - 1],
    id: 3291600 + index,
    karma: comment.karma,
    text: comment.text,
    timestamp: `2023-11-2${5 + index} 10:00:00`,
    user: { ...(botComments[0]?.user as object), id: 90000 + index, name: comment.user },
  }));
  const submitted = {
    ...real,
    status: 'pending',
    request: 'testing',
    pushed: false,
    date_pushed: null,
    date_testing: null,
    comments: botComments.slice(0, 2),
  };
  const testing = { ...real, status: 'testing', request: null };
  const withKarma = (count: number) => ({
    ...testing,
    karma: count,
    comments: [...botComments, ...testerComments.slice(0, count)],
  });
  const stableRequested = {
    ...withKarma(3),
    request: 'stable',
    date_modified: '2023-11-27 12:00:00',
  };
  const stable = {
    ...withKarma(3),
    status: 'stable',
    request: null,
    date_stable: '2023-11-28 02:00:00',
    date_pushed: '2023-11-28 02:00:00',
  };
  const messages: [string, string, UpdateObject, Record<string, unknown>?][] = [
    ['request.testing', '2023-11-23T18:58:52Z', submitted],
    ['complete.testing', '2023-11-24T02:19:11Z', testing],
    ['comment', '2023-11-25T10:00:01Z', withKarma(1)],
    ['comment', '2023-11-26T10:00:01Z', withKarma(2)],
    ['comment', '2023-11-27T10:00:01Z', withKarma(3)],
    ['karma.threshold.reach', '2023-11-27T10:00:02Z', withKarma(3), { status: 'stable' }],
    ['request.stable', '2023-11-27T12:00:01Z', stableRequested],
    ['complete.stable', '2023-11-28T02:00:01Z', stable],
  ];
  return messages.map(([action, sentAt, update, extra]) => {
    const body =
      action === 'comment'
        ? { comment: { ...update.comments.at(-1), update }, agent: 'bodhi' }
        : { update, agent: 'bodhi', ...extra };
    const envelope = {
      id: `conformance-${action}-${sentAt}`,
      topic: `org.fedoraproject.prod.bodhi.update.${action}`,
      headers: { 'sent-at': sentAt },
      body,
    };
    const parsed = parseMessage(JSON.stringify(envelope), {
      topicPrefixes: ['org.fedoraproject.prod.'],
    });
    if (parsed.outcome !== 'event') {
      throw new Error(`lifecycle message ${action}: ${parsed.outcome}: ${parsed.reason}`);
    }
    return parsed.event;
  });
}
