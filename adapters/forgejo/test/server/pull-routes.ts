import type { PullRecord } from './forge-state.js';
import { HttpError, notFound } from './http-error.js';
import { pullJson, reviewJson } from './representations.js';
import { paginate, type Call, type Routes } from './route-types.js';

/** Pull requests, merges and reviews. */

function pullOf(call: Call): PullRecord {
  const pull = call.state.pulls.get(Number(call.params.index));
  if (pull === undefined) throw notFound(`pull request ${call.params.index}`);
  return pull;
}

function openPullFor(
  call: Call,
  head: string,
  base: string,
  except?: number,
): PullRecord | undefined {
  return [...call.state.pulls.values()].find(
    (p) => p.state === 'open' && p.head === head && p.base === base && p.number !== except,
  );
}

/** Label ids or names (FACTS.md: "accept ids or names"); unknown ones are dropped, not created. */
export function labelIds(call: Call, given: unknown[]): number[] {
  const ids = given
    .map((item) => call.state.labels.find((label) => label.id === item || label.name === item)?.id)
    .filter((id): id is number => id !== undefined);
  return [...new Set(ids)];
}

export const pullRoutes: Routes = {
  // GET pulls: `state` open|closed|all (default open), paged.
  repoListPullRequests: (call) => {
    const state = call.query.get('state') ?? 'open';
    const pulls = [...call.state.pulls.values()]
      .filter((pull) => state === 'all' || pull.state === state)
      .sort((a, b) => b.number - a.number);
    const { items, headers } = paginate(call, pulls);
    return {
      status: 200,
      body: items.map((pull) => pullJson(call.state, pull, call.urls)),
      headers,
    };
  },

  // POST pulls: 409 when a PR for the same head and base is open (FACTS.md); 404 for a missing
  // branch (declared); labels are ids (CreatePullRequestOption.labels: int64[]).
  repoCreatePullRequest: (call) => {
    const body = call.body as {
      head?: string;
      base?: string;
      title?: string;
      body?: string;
      labels?: number[];
    };
    const git = call.state.git;
    const head = body.head ?? '';
    const base = body.base ?? '';
    if (!git.branches.has(head)) throw notFound(`head branch ${head}`);
    if (!git.branches.has(base)) throw notFound(`base branch ${base}`);
    if (head === base) throw new HttpError(422, 'head and base must be different');
    if (openPullFor(call, head, base) !== undefined) {
      throw new HttpError(
        409,
        `pull request already exists for these targets [head: ${head}, base: ${base}]`,
      );
    }
    const pull = call.state.addPull({
      title: body.title ?? '',
      body: body.body ?? '',
      head,
      base,
      headSha: git.branches.get(head) as string,
      state: 'open',
      merged: false,
      labels: labelIds(call, body.labels ?? []),
      author: call.user.login,
    });
    return { status: 201, body: pullJson(call.state, pull, call.urls) };
  },

  repoGetPullRequest: (call) => ({
    status: 200,
    body: pullJson(call.state, pullOf(call), call.urls),
  }),

  // GET pulls/{base}/{head} (FACTS.md "Find a PR by head"). Several PRs can share a head and base
  // (a closed one and a newer one); the first match by number is returned (assumed: Forgejo's
  // query has no ORDER BY, so it is the storage order).
  repoGetPullRequestByBaseHead: (call) => {
    const pull = [...call.state.pulls.values()]
      .sort((a, b) => a.number - b.number)
      .find((p) => p.base === call.params.base && p.head === call.params.head);
    if (pull === undefined)
      throw notFound(`pull request ${call.params.base}...${call.params.head}`);
    return { status: 200, body: pullJson(call.state, pull, call.urls) };
  },

  // PATCH pulls/{index} (EditPullRequestOption): answers 201 (swagger). A merged PR's state cannot
  // change; reopening needs the head branch and no other open PR for the same pair (409, declared).
  repoEditPullRequest: (call) => {
    const pull = pullOf(call);
    const body = call.body as { title?: string; body?: string; state?: string; labels?: number[] };
    if (body.state !== undefined && body.state !== pull.state) {
      if (body.state !== 'open' && body.state !== 'closed')
        throw new HttpError(422, `invalid state ${body.state}`);
      if (pull.merged)
        throw new HttpError(409, 'cannot change state of this pull request, it was already merged');
      if (body.state === 'open') {
        if (!call.state.git.branches.has(pull.head))
          throw new HttpError(409, 'head branch does not exist');
        if (openPullFor(call, pull.head, pull.base, pull.number) !== undefined) {
          throw new HttpError(409, 'an open pull request for these branches exists');
        }
      } else {
        pull.headSha = call.state.headShaOf(pull);
      }
      pull.state = body.state;
    }
    if (body.title !== undefined) pull.title = body.title;
    if (body.body !== undefined) pull.body = body.body;
    if (body.labels !== undefined) pull.labels = labelIds(call, body.labels);
    pull.updated = call.state.git.nextDate();
    return { status: 201, body: pullJson(call.state, pull, call.urls) };
  },

  // POST pulls/{index}/merge (FACTS.md "Merge"): 200 with an empty body; 405 when closed, already
  // merged or not mergeable; 409 when `head_commit_id` is no longer the head.
  // Only `Do: merge` (a merge commit) is implemented: the port asks for nothing else.
  repoMergePullRequest: (call) => {
    const pull = pullOf(call);
    const body = call.body as {
      Do: string;
      MergeTitleField?: string;
      MergeMessageField?: string;
      head_commit_id?: string;
    };
    if (body.Do !== 'merge')
      throw new HttpError(422, `test server: Do=${body.Do} is not implemented`);
    if (pull.state !== 'open') return { status: 405 };
    const git = call.state.git;
    const baseTip = git.branches.get(pull.base);
    const headTip = git.branches.get(pull.head);
    if (baseTip === undefined || headTip === undefined) return { status: 405 };
    if (body.head_commit_id !== undefined && body.head_commit_id !== headTip) {
      throw new HttpError(409, 'head out of date');
    }
    // A head that conflicts with its base: Forgejo's background check has marked the PR
    // conflicted, and CheckPullMergeable answers 405 (not mergeable). 409 is for a conflict that
    // only shows at merge time (FACTS.md), which the tests inject.
    const merged = call.state.mergeFiles(baseTip, headTip);
    if ('conflicts' in merged) return { status: 405 };
    const title =
      body.MergeTitleField ??
      `Merge pull request '${pull.title}' (#${pull.number}) from ${pull.head} into ${pull.base}`;
    const message = body.MergeMessageField ? `${title}\n\n${body.MergeMessageField}` : title;
    const sha = git.commit([baseTip, headTip], merged.files, message, call.user.login);
    git.branches.set(pull.base, sha);
    Object.assign(pull, {
      state: 'closed',
      merged: true,
      mergeCommit: sha,
      headSha: headTip,
      updated: git.nextDate(),
    });
    return { status: 200 };
  },

  repoListPullReviews: (call) => {
    const pull = pullOf(call);
    const reviews = call.state.reviews.filter((review) => review.pull === pull.number);
    const { items, headers } = paginate(call, reviews);
    return {
      status: 200,
      body: items.map((review) => reviewJson(call.state, review, call.urls)),
      headers,
    };
  },

  // POST pulls/{index}/reviews (CreatePullReviewOptions.event: ReviewStateType). Forgejo refuses
  // an approval or a change request on one's own PR (422, declared validationError).
  repoCreatePullReview: (call) => {
    const pull = pullOf(call);
    const body = call.body as { event?: string; body?: string; commit_id?: string };
    const event = body.event ?? 'COMMENT';
    if (event !== 'APPROVED' && event !== 'REQUEST_CHANGES' && event !== 'COMMENT') {
      throw new HttpError(422, `test server: review event ${event} is not implemented`);
    }
    if (event !== 'COMMENT' && pull.author === call.user.login) {
      throw new HttpError(
        422,
        `${event === 'APPROVED' ? 'approve' : 'reject'} your own pull is not allowed`,
      );
    }
    const review = {
      id: call.state.id(),
      pull: pull.number,
      author: call.user.login,
      state: event,
      body: body.body ?? '',
      commit: body.commit_id ?? call.state.headShaOf(pull),
      dismissed: false,
      submitted: call.state.git.nextDate(),
    } as const;
    call.state.reviews.push(review);
    return { status: 200, body: reviewJson(call.state, review, call.urls) };
  },
};
