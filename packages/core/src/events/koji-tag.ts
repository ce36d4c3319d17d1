import { z } from 'zod';
import type { MessageContext } from './bodhi/update-message.js';
import { describeIssues } from './issues.js';
import type { PipelineParse } from './pipeline-types.js';

/**
 * Koji's `buildsys.tag` / `buildsys.untag`: `{name, version, release, tag, user, owner}` (plus
 * `build_id`, `tag_id`, `instance` since 2019). The message names no epoch and no build type:
 * the build is an RPM with epoch 0 (docs/event-mapping.md says what that costs).
 */

const TOPICS: ReadonlyMap<string, 'tag' | 'untag'> = new Map([
  ['buildsys.tag', 'tag'],
  ['buildsys.untag', 'untag'],
]);

export function isKojiTagTopic(topic: string): boolean {
  return TOPICS.has(topic);
}

const nonEmpty = z.string().min(1);

const tagBody = z.object({
  name: nonEmpty,
  version: nonEmpty,
  release: nonEmpty,
  tag: nonEmpty,
  user: nonEmpty,
  owner: z.string().nullish(),
});

export function parseKojiTagMessage(context: MessageContext, body: unknown): PipelineParse {
  const action = TOPICS.get(context.topic);
  if (action === undefined)
    return { outcome: 'rejected', reason: `not a Koji tag topic: ${context.topic}` };
  const result = tagBody.safeParse(body);
  if (!result.success) return { outcome: 'rejected', reason: describeIssues(result.error) };
  const message = result.data;
  return {
    outcome: 'event',
    event: {
      kind: 'koji.tag',
      id: context.id,
      topic: context.topic,
      action,
      tag: message.tag,
      build: {
        nvr: `${message.name}-${message.version}-${message.release}`,
        epoch: 0,
        type: 'rpm',
      },
      packageName: message.name,
      user: message.user,
      ...(message.owner ? { owner: message.owner } : {}),
      ...(context.sentAt !== undefined ? { time: context.sentAt } : {}),
    },
  };
}
