import { z } from 'zod';
import type { MessageContext } from './bodhi/update-message.js';
import { describeIssues } from './issues.js';
import type { PipelineParse } from './pipeline-types.js';

/**
 * Pungi's `pungi.compose.status.change`. Every form has `compose_id`, `status` and `location`;
 * since 2017 the notifier adds `compose_label`, `release_short`, `release_version` and the like.
 * Which release a compose belongs to is read from its id in both forms (`Fedora-41-20250101.n.0`
 * starts with `<release_short>-<release_version>`), so one `composes[].match` works for old and
 * new messages; the new fields only add the release name and the label to the tag's message.
 */

export const PUNGI_STATUS_TOPIC = 'pungi.compose.status.change';

const statusBody = z.object({
  compose_id: z.string().min(1),
  status: z.string().min(1),
  location: z.string().nullish(),
  compose_label: z.string().nullish(),
  release_short: z.string().nullish(),
  release_version: z.string().nullish(),
});

export function parsePungiStatusMessage(context: MessageContext, body: unknown): PipelineParse {
  const result = statusBody.safeParse(body);
  if (!result.success) return { outcome: 'rejected', reason: describeIssues(result.error) };
  const message = result.data;
  const release =
    message.release_short && message.release_version
      ? `${message.release_short}-${message.release_version}`
      : undefined;
  return {
    outcome: 'event',
    event: {
      kind: 'pungi.compose',
      id: context.id,
      topic: context.topic,
      composeId: message.compose_id,
      status: message.status,
      ...(message.location ? { location: message.location } : {}),
      ...(message.compose_label ? { label: message.compose_label } : {}),
      ...(release !== undefined ? { release } : {}),
      ...(context.sentAt !== undefined ? { time: context.sentAt } : {}),
    },
  };
}
