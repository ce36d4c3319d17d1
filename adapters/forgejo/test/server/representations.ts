import type { CommitObject } from './git-store.js';
import type {
  CommentRecord,
  ForgeState,
  LabelRecord,
  PullRecord,
  ReviewRecord,
  StatusRecord,
  UserRecord,
} from './forge-state.js';

/**
 * The server's state as Forgejo's API objects (swagger `definitions`). Only fields the swagger
 * declares appear (the server validates every answer); optional fields a client may read are filled
 * as Forgejo fills them (services/convert in the Forgejo source), the rest left out.
 */

export interface Urls {
  /** `http://host:port` (Forgejo's AppURL). */
  root: string;
  /** `http://host:port/api/v1/repos/owner/name`. */
  repoApi: string;
  /** `http://host:port/owner/name`. */
  repoHtml: string;
}

export function userJson(user: Pick<UserRecord, 'id' | 'login'>, urls: Urls): object {
  return {
    id: user.id,
    login: user.login,
    login_name: '',
    full_name: '',
    email: `${user.login}@noreply.localhost`,
    avatar_url: `${urls.root}/avatars/${user.id}`,
    html_url: `${urls.root}/${user.login}`,
    is_admin: false,
    restricted: false,
    active: true,
    prohibit_login: false,
    visibility: 'public',
  };
}

function userOf(state: ForgeState, login: string, urls: Urls): object {
  return userJson(state.userByLogin(login) ?? { id: 0, login }, urls);
}

export function repositoryJson(state: ForgeState, urls: Urls): object {
  return {
    id: 1,
    name: state.repo,
    full_name: `${state.owner}/${state.repo}`,
    default_branch: state.git.defaultBranch,
    private: true,
    empty: state.git.empty,
    fork: false,
    html_url: urls.repoHtml,
    clone_url: `${urls.repoHtml}.git`,
    has_pull_requests: true,
    allow_merge_commits: true,
    default_merge_style: 'merge',
  };
}

export function commitMetaJson(sha: string, created: string | undefined, urls: Urls): object {
  const meta: Record<string, unknown> = { sha, url: `${urls.repoApi}/git/commits/${sha}` };
  if (created !== undefined) meta.created = created;
  return meta;
}

function commitUser(commit: CommitObject): object {
  return { name: commit.author, email: `${commit.author}@noreply.localhost`, date: commit.date };
}

/** `Commit` (git/commits/{sha}, compare). */
export function commitJson(state: ForgeState, commit: CommitObject, urls: Urls): object {
  return {
    sha: commit.sha,
    url: `${urls.repoApi}/git/commits/${commit.sha}`,
    html_url: `${urls.repoHtml}/commit/${commit.sha}`,
    created: commit.date,
    commit: {
      message: commit.message,
      url: `${urls.repoApi}/git/commits/${commit.sha}`,
      author: commitUser(commit),
      committer: commitUser(commit),
      tree: {
        sha: commit.tree,
        url: `${urls.repoApi}/git/trees/${commit.tree}`,
        created: commit.date,
      },
    },
    parents: commit.parents.map((parent) => commitMetaJson(parent, undefined, urls)),
    author: userOf(state, commit.author, urls),
    committer: userOf(state, commit.author, urls),
  };
}

/** `FileCommitResponse` (POST contents). */
export function fileCommitJson(commit: CommitObject, urls: Urls): object {
  return {
    sha: commit.sha,
    url: `${urls.repoApi}/git/commits/${commit.sha}`,
    html_url: `${urls.repoHtml}/commit/${commit.sha}`,
    created: commit.date,
    message: commit.message,
    author: commitUser(commit),
    committer: commitUser(commit),
    parents: commit.parents.map((parent) => commitMetaJson(parent, undefined, urls)),
    tree: commitMetaJson(commit.tree, commit.date, urls),
  };
}

/** `Branch`: its tip as a `PayloadCommit`. */
export function branchJson(state: ForgeState, name: string, urls: Urls): object {
  const sha = state.git.branches.get(name) as string;
  const commit = state.git.commits.get(sha) as CommitObject;
  const payloadUser = {
    name: commit.author,
    email: `${commit.author}@noreply.localhost`,
    username: commit.author,
  };
  return {
    name,
    commit: {
      id: sha,
      message: commit.message,
      url: `${urls.repoHtml}/commit/${sha}`,
      author: payloadUser,
      committer: payloadUser,
      timestamp: commit.date,
      added: [],
      modified: [],
      removed: [],
    },
    protected: false,
    required_approvals: 0,
    enable_status_check: false,
    status_check_contexts: [],
    user_can_push: true,
    user_can_merge: true,
    effective_branch_protection_name: '',
  };
}

/** `ContentsResponse`: a file with its base64 content, or a directory entry without. */
export function contentsJson(
  state: ForgeState,
  path: string,
  entry: { type: 'blob' | 'tree'; sha: string },
  ref: string,
  withContent: boolean,
  urls: Urls,
): object {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const self = `${urls.repoApi}/contents/${path}?ref=${ref}`;
  const links = {
    self,
    git: `${urls.repoApi}/git/${entry.type === 'blob' ? 'blobs' : 'trees'}/${entry.sha}`,
    html: `${urls.repoHtml}/src/${ref}/${path}`,
  };
  if (entry.type === 'tree') {
    return { name, path, sha: entry.sha, type: 'dir', size: 0, url: self, _links: links };
  }
  const content = state.git.blobs.get(entry.sha) ?? '';
  const out: Record<string, unknown> = {
    name,
    path,
    sha: entry.sha,
    type: 'file',
    size: Buffer.byteLength(content),
    url: self,
    html_url: links.html,
    git_url: links.git,
    download_url: `${urls.repoHtml}/raw/${ref}/${path}`,
    _links: links,
  };
  if (withContent) {
    out.encoding = 'base64';
    out.content = Buffer.from(content, 'utf8').toString('base64');
  }
  return out;
}

export function labelJson(label: LabelRecord, urls: Urls): object {
  return {
    id: label.id,
    name: label.name,
    color: label.color,
    description: label.description,
    exclusive: false,
    is_archived: false,
    url: `${urls.repoApi}/labels/${label.id}`,
  };
}

function branchInfo(state: ForgeState, ref: string, sha: string, urls: Urls): object {
  void urls;
  return { label: ref, ref, sha, repo_id: 1 };
}

export function pullJson(state: ForgeState, pull: PullRecord, urls: Urls): object {
  const out: Record<string, unknown> = {
    id: pull.number + 1000,
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    draft: false,
    is_locked: false,
    merged: pull.merged,
    mergeable: pull.state === 'open',
    user: userOf(state, pull.author, urls),
    labels: pull.labels
      .map((id) => state.labels.find((label) => label.id === id))
      .filter((label): label is LabelRecord => label !== undefined)
      .map((label) => labelJson(label, urls)),
    head: branchInfo(state, pull.head, state.headShaOf(pull), urls),
    base: branchInfo(state, pull.base, state.git.branches.get(pull.base) ?? '', urls),
    comments: state.comments.filter((comment) => comment.issue === pull.number).length,
    html_url: `${urls.repoHtml}/pulls/${pull.number}`,
    url: `${urls.repoHtml}/pulls/${pull.number}`,
    diff_url: `${urls.repoHtml}/pulls/${pull.number}.diff`,
    patch_url: `${urls.repoHtml}/pulls/${pull.number}.patch`,
    created_at: pull.created,
    updated_at: pull.updated,
    allow_maintainer_edit: false,
    assignees: [],
    requested_reviewers: [],
  };
  if (pull.merged) {
    out.merged_at = pull.updated;
    out.merge_commit_sha = pull.mergeCommit;
  }
  if (pull.state === 'closed') out.closed_at = pull.updated;
  return out;
}

export function commentJson(state: ForgeState, comment: CommentRecord, urls: Urls): object {
  return {
    id: comment.id,
    body: comment.body,
    user: userOf(state, comment.author, urls),
    created_at: comment.created,
    updated_at: comment.updated,
    html_url: `${urls.repoHtml}/pulls/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${urls.repoHtml}/issues/${comment.issue}`,
    pull_request_url: `${urls.repoHtml}/pulls/${comment.issue}`,
    original_author: '',
    original_author_id: 0,
    assets: [],
  };
}

export function statusJson(state: ForgeState, status: StatusRecord, urls: Urls): object {
  return {
    id: status.id,
    status: status.state,
    context: status.context,
    description: status.description,
    target_url: status.targetUrl,
    url: `${urls.repoApi}/statuses/${status.sha}`,
    creator: userOf(state, status.creator, urls),
    created_at: status.created,
    updated_at: status.created,
  };
}

export function reviewJson(state: ForgeState, review: ReviewRecord, urls: Urls): object {
  return {
    id: review.id,
    user: userOf(state, review.author, urls),
    state: review.state,
    body: review.body,
    commit_id: review.commit,
    stale: false,
    official: false,
    dismissed: review.dismissed,
    comments_count: 0,
    submitted_at: review.submitted,
    updated_at: review.submitted,
    html_url: `${urls.repoHtml}/pulls/${review.pull}#issuecomment-${review.id}`,
    pull_request_url: `${urls.repoHtml}/pulls/${review.pull}`,
  };
}
