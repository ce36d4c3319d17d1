import {
  ForgeError,
  isForgeError,
  type BranchRef,
  type Comment,
  type CommitInfo,
  type CommitRequest,
  type CommitStatus,
  type Comparison,
  type ForgePort,
  type NewPull,
  type PullPatch,
  type PullRequest,
  type Review,
  type TagInfo,
} from '@forgegate/core';
import type {
  Branch,
  CommitStatus as ForgejoStatus,
  GitEntry,
  PullRequest as ForgejoPull,
} from 'forgejo-js';
import { encodePath, ForgejoClient, type ClientOptions } from './client.js';
import { commitFiles, decodeBase64, seedBranch } from './commit-files.js';
import { LabelIds } from './labels.js';
import { toComment, toPull, toReview, toStatus, toTag } from './mapping.js';
import { PullIndex } from './pull-lookup.js';

/** Forgejo answers a git tree in pages of up to 1,000 entries (GetTree `per_page`). */
const TREE_PAGE_SIZE = 1000;

/** `stat`, `verification` and `files` each cost the server a diff; the port needs none of them. */
const BARE_COMMIT = { stat: false, verification: false, files: false };

function toBranch(branch: Branch): BranchRef {
  return { name: branch.name ?? '', sha: branch.commit?.id ?? '' };
}

/**
 * The port on Forgejo's REST API (Forgejo >= 1.20, Gitea >= 1.20, Codeberg). Each method is a few
 * forgejo-js calls; what each guarantees is in docs/adapters.md, the Forgejo specifics in the
 * README beside this package.
 */
export class ForgejoForge implements ForgePort {
  private readonly client: ForgejoClient;
  private readonly labels: LabelIds;
  private readonly pulls = new PullIndex();
  private login: string | undefined;

  constructor(options: ClientOptions) {
    this.client = new ForgejoClient(options);
    this.labels = new LabelIds(this.client);
  }

  private get api() {
    return this.client.api.repos;
  }

  private get owner(): string {
    return this.client.owner;
  }

  private get repo(): string {
    return this.client.name;
  }

  async whoami(): Promise<string> {
    if (this.login === undefined) {
      const { data } = await this.client.call('GET user', () =>
        this.client.api.user.userGetCurrent(),
      );
      this.login = data.login ?? '';
    }
    return this.login;
  }

  // Repository content

  async getBranch(name: string): Promise<BranchRef | null> {
    const branch = await this.client.find(`GET branches/${name}`, () =>
      this.api.repoGetBranch(this.owner, this.repo, encodePath(name)),
    );
    return branch === null ? null : toBranch(branch);
  }

  async listBranches(): Promise<BranchRef[]> {
    const branches = await this.client.all('GET branches', (page, limit) =>
      this.api.repoListBranches(this.owner, this.repo, { page, limit }),
    );
    return branches.map(toBranch).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Forgejo cannot move a branch (no ref update in the API: UpdateBranchRepoOption only renames,
   * Gitea 1.22 has not even that), so moving is delete + create; in between the branch is absent.
   * Forgejo closes the open PRs whose head branch is deleted (services/repository DeleteBranch ->
   * CloseBranchPulls), so an open PR on this head is reopened once the branch is back, as a
   * force-push would have left it. Already at `sha`: nothing is written.
   */
  async setBranch(name: string, sha: string): Promise<void> {
    const current = await this.getBranch(name);
    if (current?.sha === sha) return;
    const pull = current === null ? null : await this.findPullByHead(name);
    if (current !== null) await this.deleteBranch(name);
    await this.client.call(`POST branches ${name}`, () =>
      this.api.repoCreateBranch(this.owner, this.repo, {
        new_branch_name: name,
        old_ref_name: sha,
      }),
    );
    if (pull?.state === 'open') await this.updatePull(pull.number, { state: 'open' });
  }

  async deleteBranch(name: string): Promise<void> {
    await this.client.call(`DELETE branches/${name}`, () =>
      this.api.repoDeleteBranch(this.owner, this.repo, encodePath(name)),
    );
  }

  async getCommit(sha: string): Promise<CommitInfo> {
    const { data } = await this.client.call(`GET git/commits/${sha}`, () =>
      this.api.repoGetSingleCommit(this.owner, this.repo, encodePath(sha), BARE_COMMIT),
    );
    return {
      sha: data.sha ?? sha,
      parents: (data.parents ?? []).map((parent) => parent.sha ?? ''),
      message: data.commit?.message ?? '',
    };
  }

  /** The commit a branch, tag or sha names (`git/commits/{ref}` takes all three), or not_found. */
  private async resolveCommit(ref: string): Promise<string> {
    return (await this.getCommit(ref)).sha;
  }

  /**
   * `GET compare/{base}...{head}` lists the commits on head since the merge base; ahead and behind
   * are one such request each way.
   */
  async compare(base: string, head: string): Promise<Comparison> {
    const count = async (from: string, to: string): Promise<number> => {
      const { data } = await this.client.call(`GET compare/${from}...${to}`, () =>
        this.api.repoCompareDiff(this.owner, this.repo, `${encodePath(from)}...${encodePath(to)}`),
      );
      return data.total_commits ?? data.commits?.length ?? 0;
    };
    return { aheadBy: await count(base, head), behindBy: await count(head, base) };
  }

  /**
   * Forgejo answers 404 both for a missing file and for a missing ref; only the second is an
   * error, so a 404 costs one more request to tell them apart.
   */
  async readFile(ref: string, path: string): Promise<string | null> {
    const entry = await this.client.find(`GET contents/${path}`, () =>
      this.api.repoGetContents(this.owner, this.repo, encodePath(path), { ref }),
    );
    if (entry === null) await this.resolveCommit(ref);
    // A directory answers a list (the operation's description), which is no file either.
    if (entry === null || Array.isArray(entry) || entry.type !== 'file') return null;
    return decodeBase64(entry.content ?? '');
  }

  /**
   * The tree of the deepest whole directory in `prefix`, found by walking down from the commit's
   * root one level at a time, then read recursively in pages and filtered by the prefix: a shard
   * like `rpms/b/` costs a few requests, not a walk of the ~23,000-file branch.
   */
  async listFiles(ref: string, prefix: string): Promise<string[]> {
    const directory = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    let tree: string | undefined = await this.resolveCommit(ref);
    for (const segment of directory.split('/').filter((part) => part !== '')) {
      const entries: GitEntry[] = await this.treeEntries(tree, false);
      tree = entries.find((entry) => entry.path === segment && entry.type === 'tree')?.sha;
      if (tree === undefined) return [];
    }
    const base = directory === '' ? '' : `${directory}/`;
    return (await this.treeEntries(tree, true))
      .filter((entry) => entry.type === 'blob')
      .map((entry) => `${base}${entry.path ?? ''}`)
      .filter((path) => path.startsWith(prefix))
      .sort();
  }

  /** A tree's entries, every page (`truncated` says whether another follows). */
  private async treeEntries(sha: string, recursive: boolean): Promise<GitEntry[]> {
    const entries: GitEntry[] = [];
    for (let page = 1; ; page += 1) {
      const { data } = await this.client.call(`GET git/trees/${sha} (page ${page})`, () =>
        this.api.getTree(this.owner, this.repo, encodePath(sha), {
          recursive,
          page,
          per_page: TREE_PAGE_SIZE,
        }),
      );
      entries.push(...(data.tree ?? []));
      if (data.truncated !== true || (data.tree ?? []).length === 0) return entries;
    }
  }

  /** Path -> blob sha of every file at `ref` (to cut a seeded branch off the default branch). */
  private async filesWithShas(ref: string): Promise<Map<string, string>> {
    const entries = await this.treeEntries(await this.resolveCommit(ref), true);
    return new Map(
      entries
        .filter((entry) => entry.type === 'blob')
        .map((entry) => [entry.path ?? '', entry.sha ?? '']),
    );
  }

  /** See commit-files.ts; `parentSha: ''` creates the branch (a conflict when it exists). */
  async commitFiles(request: CommitRequest): Promise<string> {
    if (request.parentSha !== '') return commitFiles(this.client, request);
    if ((await this.getBranch(request.branch)) !== null) {
      throw new ForgeError('conflict', `Forgejo: branch ${request.branch} exists already`);
    }
    const { data: repository } = await this.client.call('GET repository', () =>
      this.api.repoGet(this.owner, this.repo),
    );
    const defaultBranch = repository.default_branch ?? '';
    return seedBranch(this.client, request, {
      empty: repository.empty === true,
      defaultBranch,
      defaultFiles: () => this.filesWithShas(defaultBranch),
    });
  }

  // Pull requests

  /**
   * The newest PR known for the head, by number (one request), else `GET pulls/{base}/{head}` for
   * each candidate base (see PullIndex): the request count depends on the number of release
   * branches, never on the number of PRs. `base` is an optional hint (a compatible extension of
   * the port): with it, a PR not seen before costs one request.
   */
  async findPullByHead(head: string, base?: string): Promise<PullRequest | null> {
    if (!this.pulls.isLoaded) await this.loadPullIndex();
    const known = this.pulls.numberOf(head);
    if (known !== undefined) {
      const pull = await this.client.find(`GET pulls/${known}`, () =>
        this.api.repoGetPullRequest(this.owner, this.repo, known),
      );
      if (pull !== null && pull.head?.ref === head) return this.found(pull);
      this.pulls.forget(head);
    }
    for (const candidate of this.pulls.candidates(head, base)) {
      const pull = await this.client.find(`GET pulls/${candidate}/${head}`, () =>
        this.api.repoGetPullRequestByBaseHead(
          this.owner,
          this.repo,
          encodePath(candidate),
          encodePath(head),
        ),
      );
      if (pull !== null) return this.found(pull);
    }
    return null;
  }

  private found(pull: ForgejoPull): PullRequest {
    const mapped = toPull(pull);
    this.pulls.remember(mapped);
    return mapped;
  }

  /** Once per adapter: the open PRs (cheap, and what the design allows) and the default branch. */
  private async loadPullIndex(): Promise<void> {
    const open = await this.listPulls('open');
    const { data: repository } = await this.client.call('GET repository', () =>
      this.api.repoGet(this.owner, this.repo),
    );
    this.pulls.load(open, repository.default_branch);
  }

  async listPulls(state: 'open' | 'all'): Promise<PullRequest[]> {
    const pulls = await this.client.all(`GET pulls?state=${state}`, (page, limit) =>
      this.api.repoListPullRequests(this.owner, this.repo, { state, page, limit }),
    );
    const mapped = pulls.map(toPull).sort((a, b) => a.number - b.number);
    for (const pull of mapped) this.pulls.remember(pull);
    return mapped;
  }

  async createPull(pull: NewPull): Promise<PullRequest> {
    const labels = pull.labels.length === 0 ? [] : await this.labels.idsOf(pull.labels);
    const { data } = await this.client.call(`POST pulls ${pull.base} <- ${pull.head}`, () =>
      // 409: a PR for this head and base is open already (forges/FACTS.md): a conflict the caller
      // resolves by finding it.
      this.api.repoCreatePullRequest(this.owner, this.repo, {
        head: pull.head,
        base: pull.base,
        title: pull.title,
        body: pull.body,
        labels,
      }),
    );
    const created = toPull(data);
    this.pulls.remember(created);
    return created;
  }

  async updatePull(number: number, patch: PullPatch): Promise<void> {
    const body: { title?: string; body?: string; state?: string } = {};
    if (patch.title !== undefined) body.title = patch.title;
    if (patch.body !== undefined) body.body = patch.body;
    if (patch.state !== undefined) body.state = patch.state;
    if (Object.keys(body).length === 0) return;
    await this.client.call(`PATCH pulls/${number}`, () =>
      this.api.repoEditPullRequest(this.owner, this.repo, number, body),
    );
  }

  /** Replaces the PR's labels with exactly `labels`, creating missing ones first. */
  async setPullLabels(number: number, labels: string[]): Promise<void> {
    const ids = labels.length === 0 ? [] : await this.labels.idsOf(labels);
    await this.client.call(`PUT issues/${number}/labels`, () =>
      this.api.issueReplaceLabels(this.owner, this.repo, number, { labels: ids }),
    );
  }

  /**
   * `POST pulls/{n}/merge` with `Do: merge`. Forgejo answers 200 with an empty body, 405 when it
   * will not merge (conflicted, closed, already merged, draft, still being checked) and 409 when a
   * conflict shows only at merge time or the head moved (forges/FACTS.md): `not_mergeable` and
   * `conflict`. The merge commit's message is the first line as title, the rest as body.
   */
  async mergePull(number: number, message: string): Promise<void> {
    const [title = '', ...rest] = message.split('\n');
    await this.client.call(
      `POST pulls/${number}/merge`,
      () =>
        this.api.repoMergePullRequest(this.owner, this.repo, number, {
          Do: 'merge',
          MergeTitleField: title,
          MergeMessageField: rest.join('\n').trim(),
        }),
      { 405: 'not_mergeable' },
    );
  }

  // Conversation

  /** Forgejo returns an issue's comments whole (issueGetComments takes no page or limit). */
  async listComments(pull: number): Promise<Comment[]> {
    const comments = await this.client.all(`GET issues/${pull}/comments`, () =>
      this.api.issueGetComments(this.owner, this.repo, pull),
    );
    return comments.map(toComment);
  }

  async createComment(pull: number, body: string): Promise<Comment> {
    const { data } = await this.client.call(`POST issues/${pull}/comments`, () =>
      this.api.issueCreateComment(this.owner, this.repo, pull, { body }),
    );
    return toComment(data);
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.client.call(`PATCH issues/comments/${id}`, () =>
      this.api.issueEditComment(this.owner, this.repo, id, { body }),
    );
  }

  async listReviews(pull: number): Promise<Review[]> {
    const reviews = await this.client.all(`GET pulls/${pull}/reviews`, (page, limit) =>
      this.api.repoListPullReviews(this.owner, this.repo, pull, { page, limit }),
    );
    return reviews.map(toReview).filter((review): review is Review => review !== null);
  }

  // Statuses and tags

  /** The combined status holds the latest status per context (paged; X-Total-Count counts them). */
  async listStatuses(sha: string): Promise<CommitStatus[]> {
    const statuses = await this.client.all(`GET commits/${sha}/status`, async (page, limit) => {
      const answer = await this.api.repoGetCombinedStatusByRef(
        this.owner,
        this.repo,
        encodePath(sha),
        {
          page,
          limit,
        },
      );
      return { data: answer.data.statuses ?? ([] as ForgejoStatus[]), headers: answer.headers };
    });
    return statuses.map(toStatus).sort((a, b) => a.context.localeCompare(b.context));
  }

  async setStatus(sha: string, status: CommitStatus): Promise<void> {
    await this.client.call(`POST statuses/${sha}`, () =>
      this.api.repoCreateStatus(this.owner, this.repo, encodePath(sha), {
        context: status.context,
        state: status.state,
        description: status.description,
        target_url: status.url ?? '',
      }),
    );
  }

  async getTag(name: string): Promise<TagInfo | null> {
    const tag = await this.client.find(`GET tags/${name}`, () =>
      this.api.repoGetTag(this.owner, this.repo, encodePath(name)),
    );
    return tag === null ? null : toTag(tag);
  }

  async listTags(): Promise<TagInfo[]> {
    const tags = await this.client.all('GET tags', (page, limit) =>
      this.api.repoListTags(this.owner, this.repo, { page, limit }),
    );
    return tags.map(toTag).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * An annotated tag. Forgejo answers 409 when the name is taken; the same tag on the same commit
   * is success (a retry), another commit is a conflict.
   */
  async createTag(name: string, sha: string, message: string): Promise<void> {
    try {
      await this.client.call(`POST tags ${name}`, () =>
        this.api.repoCreateTag(this.owner, this.repo, { tag_name: name, target: sha, message }),
      );
    } catch (error) {
      if (!isForgeError(error, 'conflict')) throw error;
      const existing = await this.getTag(name);
      if (existing?.sha === sha) return;
      throw new ForgeError(
        'conflict',
        `Forgejo: tag ${name} exists on ${existing?.sha ?? 'another commit'}`,
        undefined,
        409,
      );
    }
  }
}
