import { parseMessage, type BodhiUpdateEvent } from '@forgegate/core';
import { readFixture } from '@forgegate/testkit';

/**
 * Messages built from a real Bodhi update object (../shared/fixtures/bodhi-api), the way Bodhi
 * sends them: the object wrapped as `{update: ...}` (the message schemas' shape, DESIGN.md), in a
 * fedora-messaging envelope whose `sent-at` header is the snapshot's version. A test changes only
 * the fields Bodhi changes between two messages about one update.
 */
export type BodhiUpdateObject = Record<string, unknown> & {
  alias: string;
  comments: Record<string, unknown>[];
};

export function realUpdate(alias: string): BodhiUpdateObject {
  return JSON.parse(readFixture(`bodhi-api/updates.${alias}.list-item.json`)) as BodhiUpdateObject;
}

export interface MessageSpec {
  /** The topic after `bodhi.update.`: `request.testing`, `comment`, `complete.stable`, ... */
  action: string;
  sentAt: string;
  update: BodhiUpdateObject;
  /** Extra body keys (`comment` is built from the update's last comment for `comment`). */
  extra?: Record<string, unknown>;
}

export function envelope(spec: MessageSpec): string {
  const body: Record<string, unknown> =
    spec.action === 'comment'
      ? { comment: { ...spec.update.comments.at(-1), update: spec.update }, agent: 'bodhi' }
      : { update: spec.update, agent: 'bodhi', ...spec.extra };
  return JSON.stringify({
    id: `msg-${spec.action}-${spec.sentAt}`,
    topic: `org.fedoraproject.prod.bodhi.update.${spec.action}`,
    headers: { 'sent-at': spec.sentAt },
    body,
  });
}

export function updateEvent(spec: MessageSpec): BodhiUpdateEvent {
  const result = parseMessage(envelope(spec), { topicPrefixes: ['org.fedoraproject.prod.'] });
  if (result.outcome !== 'event') {
    throw new Error(`${spec.action}: expected an event, got ${result.outcome}: ${result.reason}`);
  }
  if (result.event.kind !== 'bodhi.update') throw new Error(`${spec.action}: not a Bodhi update`);
  return result.event;
}
