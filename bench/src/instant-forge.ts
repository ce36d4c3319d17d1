/**
 * The instant forge: the whole ForgePort in memory, answering at once. A benchmark device, not a
 * test double for correctness: it lets the benchmarks measure the bot (parsing, rules, the
 * reconciler's real reads and writes, the runner) without a forge's latency hiding it. It keeps
 * the port's contracts (conflict on a stale parent, merge commits with two parents, labels and
 * comments per PR, newest PR per head) so the reconciler takes the paths it takes on a forge.
 */
import {
  ForgeError,
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
  type ReviewState,
  type TagInfo,
} from '@forgegate/core';
import { CommitGraph } from './memory-repo/commit-graph.js';
import {
  EMPTY_TREE,
  applyChanges,
  diffTrees,
  listPaths,
  readPath,
} from './memory-repo/file-tree.js';

interface StoredPull extends Omit<PullRequest, 'labels'> {
  labels: string[];
  comments: Comment[];
  reviews: Review[];
}

/** Everything the forge holds, shared by the views of every account (see `asUser`). */
interface ForgeState {
  graph: CommitGraph;
  branches: Map<string, string>;
  tags: Map<string, TagInfo>;
  pulls: Map<number, StoredPull>;
  /** head branch → PR numbers, newest last. */
  pullsByHead: Map<string, number[]>;
  comments: Map<number, { pull: number; comment: Comment }>;
  statuses: Map<string, Map<string, CommitStatus>>;
  lastPull: number;
  lastComment: number;
}

export class InstantForge implements ForgePort {
  readonly #state: ForgeState;

  constructor(
    readonly login = 'forgegate',
    state?: ForgeState,
  ) {
    this.#state = state ?? {
      graph: new CommitGraph(),
      branches: new Map(),
      tags: new Map(),
      pulls: new Map(),
      pullsByHead: new Map(),
      comments: new Map(),
      statuses: new Map(),
      lastPull: 0,
      lastComment: 0,
    };
  }

  /** The same forge acting as another account (a tester's comment, a packager's push). */
  asUser(login: string): InstantForge {
    return new InstantForge(login, this.#state);
  }

  /** A review by `login` on a PR: the port only reads reviews, people write them. */
  async addReview(login: string, pull: number, state: ReviewState, body: string): Promise<void> {
    this.#requirePull(pull).reviews.push({ user: login, state, body });
  }

  async whoami(): Promise<string> {
    return this.login;
  }

  // --- repository content -------------------------------------------------------------------------

  async getBranch(name: string): Promise<BranchRef | null> {
    const sha = this.#state.branches.get(name);
    return sha === undefined ? null : { name, sha };
  }

  async listBranches(): Promise<BranchRef[]> {
    return [...this.#state.branches]
      .map(([name, sha]) => ({ name, sha }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async setBranch(name: string, sha: string): Promise<void> {
    this.#state.graph.require(sha);
    this.#state.branches.set(name, sha);
  }

  async deleteBranch(name: string): Promise<void> {
    if (!this.#state.branches.delete(name)) throw new ForgeError('not_found', `no branch ${name}`);
  }

  async getCommit(sha: string): Promise<CommitInfo> {
    const { parents, message } = this.#resolve(sha);
    return { sha: this.#resolve(sha).sha, parents: [...parents], message };
  }

  async compare(base: string, head: string): Promise<Comparison> {
    return this.#state.graph.compare(this.#resolve(base).sha, this.#resolve(head).sha);
  }

  async readFile(ref: string, path: string): Promise<string | null> {
    return readPath(this.#resolve(ref).tree, path);
  }

  async listFiles(ref: string, prefix: string): Promise<string[]> {
    return listPaths(this.#resolve(ref).tree, prefix);
  }

  async commitFiles(request: CommitRequest): Promise<string> {
    const tip = this.#state.branches.get(request.branch);
    if (request.parentSha === '' && tip !== undefined) {
      throw new ForgeError('conflict', `branch ${request.branch} already exists`);
    }
    if (request.parentSha !== '' && tip === undefined) {
      throw new ForgeError('not_found', `no branch ${request.branch}`);
    }
    if (request.parentSha !== '' && tip !== request.parentSha) {
      throw new ForgeError(
        'conflict',
        `branch ${request.branch} is at ${tip}, not at ${request.parentSha}`,
      );
    }
    const parent = tip === undefined ? undefined : this.#state.graph.require(tip);
    const tree = applyChanges(parent?.tree ?? EMPTY_TREE, request.files);
    const commit = this.#state.graph.add(parent ? [parent.sha] : [], request.message, tree);
    this.#state.branches.set(request.branch, commit.sha);
    return commit.sha;
  }

  // --- pull requests ------------------------------------------------------------------------------

  async findPullByHead(head: string): Promise<PullRequest | null> {
    const number = this.#state.pullsByHead.get(head)?.at(-1);
    return number === undefined ? null : this.#present(this.#requirePull(number));
  }

  async listPulls(state: 'open' | 'all'): Promise<PullRequest[]> {
    return [...this.#state.pulls.values()]
      .filter((pull) => state === 'all' || pull.state === 'open')
      .map((pull) => this.#present(pull));
  }

  async createPull(pull: NewPull): Promise<PullRequest> {
    const headSha = this.#state.branches.get(pull.head);
    if (headSha === undefined) throw new ForgeError('not_found', `no head branch ${pull.head}`);
    if (!this.#state.branches.has(pull.base))
      throw new ForgeError('not_found', `no base branch ${pull.base}`);
    const numbers = this.#state.pullsByHead.get(pull.head) ?? [];
    if (numbers.some((n) => this.#requirePull(n).state === 'open')) {
      throw new ForgeError('conflict', `a pull is already open for ${pull.head}`);
    }
    const stored: StoredPull = {
      number: ++this.#state.lastPull,
      title: pull.title,
      body: pull.body,
      head: pull.head,
      base: pull.base,
      headSha,
      state: 'open',
      labels: [...new Set(pull.labels)].sort(),
      author: this.login,
      comments: [],
      reviews: [],
    };
    this.#state.pulls.set(stored.number, stored);
    this.#state.pullsByHead.set(pull.head, [...numbers, stored.number]);
    return this.#present(stored);
  }

  async updatePull(number: number, patch: PullPatch): Promise<void> {
    const pull = this.#requirePull(number);
    if (patch.state !== undefined && patch.state !== pull.state && pull.state === 'merged') {
      throw new ForgeError('permanent', `pull #${number} is merged: its state cannot change`);
    }
    if (patch.title !== undefined) pull.title = patch.title;
    if (patch.body !== undefined) pull.body = patch.body;
    if (patch.state !== undefined) pull.state = patch.state;
  }

  async setPullLabels(number: number, labels: string[]): Promise<void> {
    this.#requirePull(number).labels = [...new Set(labels)].sort();
  }

  async mergePull(number: number, message: string): Promise<void> {
    const pull = this.#requirePull(number);
    if (pull.state !== 'open')
      throw new ForgeError('not_mergeable', `pull #${number} is ${pull.state}`);
    const headSha = this.#state.branches.get(pull.head);
    const baseSha = this.#state.branches.get(pull.base);
    if (headSha === undefined || baseSha === undefined) {
      throw new ForgeError('not_mergeable', `pull #${number}: a branch is gone`);
    }
    const base = this.#state.graph.require(baseSha);
    const head = this.#state.graph.require(headSha);
    // A three-way merge: the head's changes since the merge base, on the base's tip.
    const ancestor = this.#state.graph.mergeBaseTree(baseSha, headSha);
    const theirs = diffTrees(ancestor, head.tree);
    // Only the head's paths can clash: the base's other changes (the base moves by many merges
    // while a PR is open) need not be listed.
    const clashes = [...theirs].filter(([path, content]) => {
      const ours = readPath(base.tree, path);
      return ours !== readPath(ancestor, path) && ours !== content;
    });
    if (clashes.length > 0) {
      throw new ForgeError(
        'not_mergeable',
        `${pull.head} conflicts with ${pull.base}: ${clashes.map(([p]) => p).join(', ')}`,
      );
    }
    const tree = applyChanges(
      base.tree,
      [...theirs].map(([path, content]) => ({ path, content })),
    );
    const merge = this.#state.graph.add([baseSha, headSha], message, tree);
    this.#state.branches.set(pull.base, merge.sha);
    pull.state = 'merged';
    pull.headSha = headSha;
  }

  // --- conversation -------------------------------------------------------------------------------

  async listComments(pull: number): Promise<Comment[]> {
    return this.#requirePull(pull).comments.map((comment) => ({ ...comment }));
  }

  async createComment(pull: number, body: string): Promise<Comment> {
    const comment = { id: ++this.#state.lastComment, body, author: this.login };
    this.#requirePull(pull).comments.push(comment);
    this.#state.comments.set(comment.id, { pull, comment });
    return { ...comment };
  }

  async updateComment(id: number, body: string): Promise<void> {
    const found = this.#state.comments.get(id);
    if (!found) throw new ForgeError('not_found', `no comment ${id}`);
    found.comment.body = body;
  }

  async listReviews(pull: number): Promise<Review[]> {
    return this.#requirePull(pull).reviews.map((review) => ({ ...review }));
  }

  // --- statuses and tags --------------------------------------------------------------------------

  async listStatuses(sha: string): Promise<CommitStatus[]> {
    const statuses = this.#state.statuses.get(this.#resolve(sha).sha);
    return statuses ? [...statuses.values()].map((status) => ({ ...status })) : [];
  }

  async setStatus(sha: string, status: CommitStatus): Promise<void> {
    const oid = this.#resolve(sha).sha;
    const statuses = this.#state.statuses.get(oid) ?? new Map<string, CommitStatus>();
    statuses.set(status.context, { ...status });
    this.#state.statuses.set(oid, statuses);
  }

  async getTag(name: string): Promise<TagInfo | null> {
    const tag = this.#state.tags.get(name);
    return tag ? { ...tag } : null;
  }

  async listTags(): Promise<TagInfo[]> {
    return [...this.#state.tags.values()]
      .map((tag) => ({ ...tag }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async createTag(name: string, sha: string, message: string): Promise<void> {
    if (this.#state.tags.has(name)) throw new ForgeError('conflict', `tag ${name} already exists`);
    this.#state.tags.set(name, { name, sha: this.#resolve(sha).sha, message });
  }

  // --- benchmark housekeeping ---------------------------------------------------------------------

  /** How much the forge holds, so a memory figure can say what is the forge's and not the bot's. */
  get size(): { commits: number; pulls: number; comments: number } {
    return {
      commits: this.#state.graph.size,
      pulls: this.#state.pulls.size,
      comments: this.#state.comments.size,
    };
  }

  /** PRs merged or closed so far: a benchmark knows its stream is done when all are. */
  get finishedPulls(): number {
    let finished = 0;
    for (const pull of this.#state.pulls.values()) if (pull.state !== 'open') finished += 1;
    return finished;
  }

  /**
   * Forgets every finished PR (merged or closed), its comments, statuses and head branch, and the
   * history behind the branch tips, keeping the tips' files. A forge keeps these on its own disk;
   * in the benchmark they would sit in the measured process and the memory figure would measure
   * the stand-in instead of the bot. Only safe when the stream never comes back to those PRs and
   * no open PR's head forked from the forgotten history: the memory benchmark calls it between
   * rounds of updates that all finish.
   */
  compact(): void {
    for (const [number, pull] of this.#state.pulls) {
      if (pull.state === 'open') {
        throw new ForgeError('permanent', `compact: pull #${number} is still open`);
      }
      for (const comment of pull.comments) this.#state.comments.delete(comment.id);
      this.#state.pulls.delete(number);
      this.#state.pullsByHead.delete(pull.head);
      this.#state.branches.delete(pull.head);
    }
    this.#state.statuses.clear();
    const tips = new Set([
      ...this.#state.branches.values(),
      ...[...this.#state.tags.values()].map((tag) => tag.sha),
    ]);
    this.#state.graph.retainOnly(tips);
  }

  // --- internals ----------------------------------------------------------------------------------

  /** A branch name, a tag name or a commit sha, like a forge's `ref` parameter. */
  #resolve(ref: string) {
    const sha = this.#state.branches.get(ref) ?? this.#state.tags.get(ref)?.sha ?? ref;
    const commit = this.#state.graph.get(sha);
    if (!commit) throw new ForgeError('not_found', `no branch, tag or commit ${ref}`);
    return commit;
  }

  #requirePull(number: number): StoredPull {
    const pull = this.#state.pulls.get(number);
    if (!pull) throw new ForgeError('not_found', `no pull request #${number}`);
    return pull;
  }

  /** The port's view: the head's sha follows the branch until the PR is merged. */
  #present(pull: StoredPull): PullRequest {
    const headSha =
      pull.state === 'merged'
        ? pull.headSha
        : (this.#state.branches.get(pull.head) ?? pull.headSha);
    const { number, title, body, head, base, state, author } = pull;
    return { number, title, body, head, base, headSha, state, labels: [...pull.labels], author };
  }
}
