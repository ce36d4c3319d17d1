import type { BodhiComment, BodhiRelease, Build, UpdateSnapshot } from '../types.js';
import { newest } from '../dates.js';
import type { BodhiCommentBody, BodhiReleaseBody, BodhiUpdateBody } from './schemas.js';

/** Bodhi's `UpdateV1` object, validated, as the core's `UpdateSnapshot`. */
export function toSnapshot(update: BodhiUpdateBody): UpdateSnapshot {
  const contentType = update.content_type ?? update.builds.find((b) => b.type)?.type ?? 'rpm';
  return {
    alias: update.alias,
    title: update.title ?? undefined,
    notes: update.notes ?? undefined,
    type: update.type ?? undefined,
    severity: update.severity ?? undefined,
    status: update.status,
    request: update.request,
    release: toRelease(update.release),
    builds: update.builds.map((b) => toBuild(b.nvr, b.epoch, b.type ?? contentType)),
    contentType,
    bugs: (update.bugs ?? []).map((b) => ({ id: b.bug_id, title: b.title ?? undefined })),
    submitter: update.user.name,
    karma: update.karma ?? undefined,
    stableKarma: update.stable_karma,
    unstableKarma: update.unstable_karma,
    url: update.url ?? undefined,
    comments: (update.comments ?? []).map(toComment),
    dates: {
      submitted: update.date_submitted ?? undefined,
      modified: update.date_modified ?? undefined,
      testing: update.date_testing ?? undefined,
      stable: update.date_stable ?? undefined,
      pushed: update.date_pushed ?? undefined,
    },
  };
}

export function toRelease(release: BodhiReleaseBody): BodhiRelease {
  return {
    name: release.name,
    branch: release.branch ?? undefined,
    distTag: release.dist_tag ?? undefined,
    stableTag: release.stable_tag ?? undefined,
    longName: release.long_name ?? undefined,
  };
}

export function toBuild(nvr: string, epoch: number | null | undefined, type: string): Build {
  return { nvr, epoch: epoch ?? 0, type };
}

export function toComment(comment: BodhiCommentBody): BodhiComment {
  return {
    id: comment.id,
    // Bodhi 2+ names the author in `user`; the old `author` string is only a fallback.
    author: comment.user?.name ?? comment.author ?? 'anonymous',
    karma: comment.karma,
    text: comment.text,
    timestamp: comment.timestamp,
  };
}

/** DESIGN.md "Which snapshot is newer", last resort: the newest of the update's own times. */
export function newestOwnTime(snapshot: UpdateSnapshot): string | undefined {
  const { dates } = snapshot;
  return newest([
    dates.stable,
    dates.pushed,
    dates.testing,
    dates.modified,
    dates.submitted,
    ...snapshot.comments.map((c) => c.timestamp),
  ]);
}
