import type {
  Comment as PortComment,
  CommitStatus as PortStatus,
  PullRequest as PortPull,
  Review,
  ReviewState,
  StatusState,
  TagInfo,
} from '@forgegate/core';
import type { Comment, CommitStatus, PullRequest, PullReview, Tag } from 'forgejo-js';

/** Forgejo's answers into the port's types. Pure functions: the tests read them as the mapping table. */

export function toPull(pull: PullRequest): PortPull {
  return {
    number: pull.number ?? 0,
    title: pull.title ?? '',
    body: pull.body ?? '',
    head: pull.head?.ref ?? '',
    base: pull.base?.ref ?? '',
    headSha: pull.head?.sha ?? '',
    // Forgejo's StateType is only open/closed; a merged PR is closed with `merged: true`.
    state: pull.merged === true ? 'merged' : pull.state === 'open' ? 'open' : 'closed',
    labels: (pull.labels ?? []).map((label) => label.name ?? '').sort(),
    author: pull.user?.login ?? '',
  };
}

export function toComment(comment: Comment): PortComment {
  return { id: comment.id ?? 0, body: comment.body ?? '', author: comment.user?.login ?? '' };
}

/**
 * Forgejo knows one more state than the port, `warning` (forges/FACTS.md: in the code, missing from
 * the swagger text). Nobody but a third-party CI writes it; read it as `failure`, so a gate never
 * treats "passed with warnings" as a pass it did not see. Unknown states read as `error`.
 */
export function toStatusState(state: string | undefined): StatusState {
  switch (state) {
    case 'pending':
    case 'success':
    case 'failure':
    case 'error':
      return state;
    case 'warning':
      return 'failure';
    default:
      return 'error';
  }
}

export function toStatus(status: CommitStatus): PortStatus {
  const out: PortStatus = {
    context: status.context ?? '',
    state: toStatusState(status.status),
    description: status.description ?? '',
  };
  if (status.target_url !== undefined && status.target_url !== '') out.url = status.target_url;
  return out;
}

export function toTag(tag: Tag): TagInfo {
  return { name: tag.name ?? '', sha: tag.commit?.sha ?? '', message: (tag.message ?? '').trim() };
}

const REVIEW_STATES: Record<string, ReviewState> = {
  APPROVED: 'approved',
  REQUEST_CHANGES: 'changes_requested',
  COMMENT: 'commented',
};

/**
 * A submitted, standing review; `null` for what is not a vote: a draft (`PENDING`), a review
 * request (`REQUEST_REVIEW`) or a review a maintainer dismissed.
 */
export function toReview(review: PullReview): Review | null {
  const state = REVIEW_STATES[review.state ?? ''];
  if (state === undefined || review.dismissed === true) return null;
  return { user: review.user?.login ?? '', state, body: review.body ?? '' };
}
