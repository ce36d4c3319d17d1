import { z } from 'zod';
import { toIsoUtc } from '../dates.js';

/**
 * zod schemas for the Bodhi update messages, written from Bodhi's own JSON Schemas
 * (bodhi-messages 8.1.1, `../shared/fixtures/schemas/bodhi/`). They require what those schemas
 * require of an update (alias, builds[].nvr, release.name, request, status, user.name), plus what
 * forgegate cannot work without (a mirrored comment's id), and type-check the optional fields
 * forgegate reads. Extra keys are tolerated: real messages carry the whole serialised update.
 */

/** A Bodhi time: `2019-06-06 12:03:04` (UTC), ISO 8601 with a zone, or Bodhi 1's epoch seconds. */
const bodhiTime = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const iso = toIsoUtc(value);
  if (iso === undefined) {
    ctx.issues.push({
      code: 'custom',
      message: `not a time: ${JSON.stringify(value)}`,
      input: value,
    });
    return z.NEVER;
  }
  return iso;
});

const optionalTime = bodhiTime.nullish();
const optionalText = z.string().nullish();
const optionalCount = z.number().nullish();

const user = z.object({ name: z.string() });

const build = z.object({
  nvr: z.string(),
  epoch: z.number().int().nullish(),
  type: optionalText,
});

const release = z.object({
  name: z.string(),
  branch: optionalText,
  dist_tag: optionalText,
  stable_tag: optionalText,
  long_name: optionalText,
});

/** One comment as Bodhi serialises it; Bodhi 2 and later name the author in `user`. */
export const commentSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  karma: z.number().int(),
  timestamp: bodhiTime,
  user: user.nullish(),
  /** Bodhi 2's `author` string, kept for old captures where `user` is missing. */
  author: optionalText,
});

const bug = z.object({ bug_id: z.number().int(), title: optionalText });

/** Bodhi's `UpdateV1`: the update object every update message carries. */
export const updateSchema = z.object({
  alias: z.string(),
  builds: z.array(build),
  release,
  request: z.string().nullable(),
  status: z.string(),
  user,
  title: optionalText,
  notes: optionalText,
  type: optionalText,
  severity: optionalText,
  content_type: optionalText,
  bugs: z.array(bug).nullish(),
  karma: optionalCount,
  stable_karma: optionalCount,
  unstable_karma: optionalCount,
  url: optionalText,
  comments: z.array(commentSchema).nullish(),
  date_submitted: optionalTime,
  date_modified: optionalTime,
  date_testing: optionalTime,
  date_stable: optionalTime,
  date_pushed: optionalTime,
});

/** request.*, complete.*, requirements_met.stable: `{agent, update}`. */
export const updateMessageSchema = z.object({ agent: optionalText, update: updateSchema });

/** bodhi.update.edit, V1 (no build lists) and V2 (`new_builds`, `removed_builds`). */
export const editMessageSchema = updateMessageSchema.extend({
  new_builds: z.array(z.string()).nullish(),
  removed_builds: z.array(z.string()).nullish(),
});

/** bodhi.update.comment: the comment, with the update it is on inside it. */
export const commentMessageSchema = z.object({
  agent: optionalText,
  comment: commentSchema.extend({ update: updateSchema }),
});

/** bodhi.update.karma.threshold(.reach): which threshold the karma crossed. */
export const karmaThresholdMessageSchema = updateMessageSchema.extend({
  status: z.enum(['stable', 'unstable']),
});

/** bodhi.update.eject: the composer dropped the update from a push. */
export const ejectMessageSchema = updateMessageSchema.extend({
  reason: z.string(),
  repo: optionalText,
});

const artifactBuild = z.object({ nvr: z.string(), type: optionalText });

/**
 * bodhi.update.status.testing.koji-build-group.build.complete. V1 (2021–22) has no `update`: the
 * alias is the last path segment of `artifact.repository`, or `artifact.id` without the trailing
 * `-<sha1>`, and `artifact.release` is the release's dist tag. V2/V3 add the whole `update`.
 */
export const readyForTestingMessageSchema = z.object({
  agent: optionalText,
  generated_at: optionalTime,
  artifact: z.object({
    id: optionalText,
    repository: optionalText,
    release: optionalText,
    builds: z.array(artifactBuild),
  }),
  update: z.unknown().optional(),
});

/** A ready-for-testing message whose `update` is the whole update (V2, V3). */
export const withUpdateSchema = z.object({ update: updateSchema });

/** A ready-for-testing message whose `update` is only a reference (trimmed V3 captures). */
export const withUpdateReferenceSchema = z.object({
  update: z.object({ alias: z.string(), release: release.optional() }),
});

export type BodhiReleaseBody = z.infer<typeof release>;
export type BodhiUpdateBody = z.infer<typeof updateSchema>;
export type BodhiCommentBody = z.infer<typeof commentSchema>;
export type ReadyForTestingBody = z.infer<typeof readyForTestingMessageSchema>;
