import { HttpError, notFound } from './http-error.js';
import { labelIds } from './pull-routes.js';
import { commentJson, labelJson, statusJson } from './representations.js';
import { paginate, type Call, type Routes } from './route-types.js';

/** Comments, labels (PRs are issues for these endpoints) and commit statuses. */

function issueOf(call: Call): number {
  const index = Number(call.params.index);
  if (!call.state.pulls.has(index)) throw notFound(`issue ${index}`);
  return index;
}

/** FACTS.md: pending, success, error, failure, and `warning` (code; missing from the swagger text). */
const STATUS_STATES = new Set(['pending', 'success', 'error', 'failure', 'warning']);

export const issueRoutes: Routes = {
  // GET issues/{index}/comments: the whole list; the swagger gives this operation no page/limit.
  issueGetComments: (call) => {
    const index = issueOf(call);
    const comments = call.state.comments.filter((comment) => comment.issue === index);
    return {
      status: 200,
      body: comments.map((comment) => commentJson(call.state, comment, call.urls)),
    };
  },

  issueCreateComment: (call) => {
    const index = issueOf(call);
    const now = call.state.git.nextDate();
    const comment = {
      id: call.state.id(),
      issue: index,
      body: (call.body as { body: string }).body,
      author: call.user.login,
      created: now,
      updated: now,
    };
    call.state.comments.push(comment);
    return { status: 201, body: commentJson(call.state, comment, call.urls) };
  },

  // PATCH issues/comments/{id}: only its author may edit (403, declared).
  issueEditComment: (call) => {
    const comment = call.state.comments.find((c) => c.id === Number(call.params.id));
    if (comment === undefined) throw notFound(`comment ${call.params.id}`);
    if (comment.author !== call.user.login)
      throw new HttpError(403, 'user is not the poster of this comment');
    comment.body = (call.body as { body: string }).body;
    comment.updated = call.state.git.nextDate();
    return { status: 200, body: commentJson(call.state, comment, call.urls) };
  },

  // PUT issues/{index}/labels: replaces the set; ids or names, unknown ones dropped (FACTS.md).
  issueReplaceLabels: (call) => {
    const pull = call.state.pulls.get(issueOf(call));
    if (pull === undefined) throw notFound('issue');
    pull.labels = labelIds(call, (call.body as { labels?: unknown[] }).labels ?? []);
    const labels = call.state.labels.filter((label) => pull.labels.includes(label.id));
    return { status: 200, body: labels.map((label) => labelJson(label, call.urls)) };
  },

  issueListLabels: (call) => {
    const { items, headers } = paginate(call, call.state.labels);
    return { status: 200, body: items.map((label) => labelJson(label, call.urls)), headers };
  },

  // POST labels (CreateLabelOption, `name` and `color` required): the colour is stored without `#`.
  issueCreateLabel: (call) => {
    const body = call.body as { name: string; color: string; description?: string };
    if (!/^#?[0-9a-fA-F]{6}$/.test(body.color))
      throw new HttpError(422, `invalid color ${body.color}`);
    const label = {
      id: call.state.id(),
      name: body.name,
      color: body.color.replace('#', ''),
      description: body.description ?? '',
    };
    call.state.labels.push(label);
    return { status: 201, body: labelJson(label, call.urls) };
  },

  // POST statuses/{sha}: 400 for an unknown state (declared `error`); the commit must exist (404).
  repoCreateStatus: (call) => {
    const sha = call.params.sha ?? '';
    if (!call.state.git.commits.has(sha)) throw notFound(`commit ${sha}`);
    const body = call.body as {
      state?: string;
      context?: string;
      description?: string;
      target_url?: string;
    };
    if (!STATUS_STATES.has(body.state ?? ''))
      throw new HttpError(400, `invalid state ${body.state}`);
    const status = {
      id: call.state.id(),
      sha,
      context: body.context ?? 'default',
      state: body.state as string,
      description: body.description ?? '',
      targetUrl: body.target_url ?? '',
      creator: call.user.login,
      created: call.state.git.nextDate(),
    };
    call.state.statuses.push(status);
    return { status: 201, body: statusJson(call.state, status, call.urls) };
  },

  // GET commits/{ref}/status: the latest status per context, paged, counted in X-Total-Count and
  // without a Link header (Forgejo's GetCombinedCommitStatusByRef sets only the count: code).
  repoGetCombinedStatusByRef: (call) => {
    const sha = call.state.git.resolve(call.params.ref ?? '');
    if (sha === undefined) throw notFound(`ref ${call.params.ref}`);
    const latest = new Map<string, (typeof call.state.statuses)[number]>();
    for (const status of call.state.statuses.filter((s) => s.sha === sha))
      latest.set(status.context, status);
    const all = [...latest.values()].sort((a, b) => a.id - b.id);
    const { items, headers } = paginate(call, all);
    const worst = ['error', 'failure', 'warning', 'pending', 'success'].find((s) =>
      all.some((x) => x.state === s),
    );
    return {
      status: 200,
      headers: { 'x-total-count': headers['x-total-count'] as string },
      body: {
        sha,
        state: worst ?? 'pending',
        total_count: all.length,
        statuses: items.map((status) => statusJson(call.state, status, call.urls)),
        commit_url: `${call.urls.repoApi}/commits/${sha}`,
        url: `${call.urls.repoApi}/commits/${sha}/status`,
      },
    };
  },
};
