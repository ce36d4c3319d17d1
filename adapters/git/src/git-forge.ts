import { join } from 'node:path';
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
import { MetadataStore, type StoredPull } from './metadata-store.js';
import { GitRepository, type Identity } from './repository.js';

export interface GitForgeOptions {
  /** The bare repository's directory; created (empty, no branch) when absent. */
  path: string;
  /** The account the forge acts as; default `forgegate`. */
  login?: string;
  /** The clock for commit, tag and metadata dates (tests pin it). */
  now?: () => Date;
}

/** The embedded forge: the whole port, plus what a test or a tool needs beyond it. */
export interface GitForge extends ForgePort {
  readonly path: string;
  /** The same repository acting as another account (someone else's comment, review or commit). */
  asUser(login: string): GitForge;
  /** A review by this forge's account: the port only reads reviews, people write them. */
  addReview(pull: number, state: ReviewState, body: string): Promise<void>;
  /** Stops the git processes and closes the metadata database (for every account's view). */
  close(): void;
}

/** A login goes into commit headers (`name <login@forgegate.invalid>`): no spaces, brackets or newlines. */
function checkedLogin(login: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(login)) {
    throw new ForgeError('permanent', `invalid login ${JSON.stringify(login)}`);
  }
  return login;
}

/** What every account's view of one repository shares. */
interface Shared {
  repo: GitRepository;
  store: MetadataStore;
  now: () => Date;
}

/** Opens (creating when needed) the embedded forge at `options.path`. */
export async function openGitForge(options: GitForgeOptions): Promise<GitForge> {
  const repo = await GitRepository.open(options.path);
  const store = new MetadataStore(join(options.path, 'forgegate.sqlite'));
  return new EmbeddedForge(
    { repo, store, now: options.now ?? (() => new Date()) },
    options.path,
    checkedLogin(options.login ?? 'forgegate'),
  );
}

class EmbeddedForge implements GitForge {
  constructor(
    private readonly shared: Shared,
    readonly path: string,
    private readonly login: string,
  ) {}

  asUser(login: string): GitForge {
    return new EmbeddedForge(this.shared, this.path, checkedLogin(login));
  }

  close(): void {
    this.shared.repo.close();
    this.shared.store.close();
  }

  async whoami(): Promise<string> {
    return this.login;
  }

  // --- repository content -------------------------------------------------------------------------

  async getBranch(name: string): Promise<BranchRef | null> {
    const sha = await this.repo.branchTip(name);
    return sha ? { name, sha } : null;
  }

  listBranches(): Promise<BranchRef[]> {
    return this.repo.listBranches();
  }

  setBranch(name: string, sha: string): Promise<void> {
    return this.repo.setBranch(name, sha);
  }

  deleteBranch(name: string): Promise<void> {
    return this.repo.deleteBranch(name);
  }

  async getCommit(sha: string): Promise<CommitInfo> {
    const { sha: oid, parents, message } = await this.repo.readCommit(sha);
    return { sha: oid, parents, message };
  }

  compare(base: string, head: string): Promise<Comparison> {
    return this.repo.compare(base, head);
  }

  readFile(ref: string, path: string): Promise<string | null> {
    return this.repo.readFile(ref, path);
  }

  listFiles(ref: string, prefix: string): Promise<string[]> {
    return this.repo.listFiles(ref, prefix);
  }

  commitFiles(request: CommitRequest): Promise<string> {
    return this.repo.commitFiles(
      request.branch,
      request.parentSha,
      request.message,
      request.files,
      this.identity(),
    );
  }

  // --- pull requests ------------------------------------------------------------------------------

  async findPullByHead(head: string): Promise<PullRequest | null> {
    const stored = this.store.newestPullByHead(head);
    return stored ? this.present(stored) : null;
  }

  listPulls(state: 'open' | 'all'): Promise<PullRequest[]> {
    return Promise.all(this.store.listPulls(state).map((pull) => this.present(pull)));
  }

  async createPull(pull: NewPull): Promise<PullRequest> {
    const [headSha, baseSha] = await Promise.all([
      this.repo.branchTip(pull.head),
      this.repo.branchTip(pull.base),
    ]);
    if (!headSha) throw new ForgeError('not_found', `no head branch ${JSON.stringify(pull.head)}`);
    if (!baseSha) throw new ForgeError('not_found', `no base branch ${JSON.stringify(pull.base)}`);
    const now = this.timestamp();
    const number = this.store.transaction(() => {
      const existing = this.store.openPullFor(pull.head, pull.base);
      if (existing)
        throw new ForgeError(
          'conflict',
          `pull #${existing.number} is already open for ${pull.head}`,
        );
      const created = this.store.insertPull(
        {
          head: pull.head,
          base: pull.base,
          title: pull.title,
          body: pull.body,
          author: this.login,
          headSha,
        },
        now,
      );
      this.store.setLabels(created, pull.labels, now);
      return created;
    });
    return this.present(this.requirePull(number));
  }

  async updatePull(number: number, patch: PullPatch): Promise<void> {
    const pull = this.requirePull(number);
    if (patch.state && patch.state !== pull.state && pull.state === 'merged') {
      throw new ForgeError('permanent', `pull #${number} is merged: its state cannot change`);
    }
    if (
      patch.state === 'open' &&
      pull.state === 'closed' &&
      this.store.openPullFor(pull.head, pull.base)
    ) {
      throw new ForgeError('conflict', `another pull is open for ${pull.head}`);
    }
    const headSha = patch.state
      ? ((await this.repo.branchTip(pull.head)) ?? pull.headSha)
      : undefined;
    this.store.updatePull(number, { ...patch, headSha }, this.timestamp());
  }

  async setPullLabels(number: number, labels: string[]): Promise<void> {
    this.requirePull(number);
    this.store.setLabels(number, labels, this.timestamp());
  }

  async mergePull(number: number, message: string): Promise<void> {
    const pull = this.requirePull(number);
    if (pull.state !== 'open')
      throw new ForgeError('not_mergeable', `pull #${number} is ${pull.state}`);
    const headSha = await this.repo.branchTip(pull.head);
    if (!headSha)
      throw new ForgeError('not_mergeable', `pull #${number}: head branch ${pull.head} is gone`);
    const mergeSha = await this.repo.merge(pull.base, headSha, message, this.identity());
    this.store.updatePull(number, { state: 'merged', headSha, mergeSha }, this.timestamp());
  }

  // --- conversation -------------------------------------------------------------------------------

  async listComments(pull: number): Promise<Comment[]> {
    this.requirePull(pull);
    return this.store.comments(pull);
  }

  async createComment(pull: number, body: string): Promise<Comment> {
    this.requirePull(pull);
    return this.store.insertComment(pull, this.login, body, this.timestamp());
  }

  async updateComment(id: number, body: string): Promise<void> {
    if (!this.store.getComment(id)) throw new ForgeError('not_found', `no comment ${id}`);
    this.store.updateComment(id, body, this.timestamp());
  }

  async listReviews(pull: number): Promise<Review[]> {
    this.requirePull(pull);
    return this.store.reviews(pull);
  }

  async addReview(pull: number, state: ReviewState, body: string): Promise<void> {
    this.requirePull(pull);
    this.store.insertReview(pull, this.login, state, body, this.timestamp());
  }

  // --- statuses and tags --------------------------------------------------------------------------

  async listStatuses(sha: string): Promise<CommitStatus[]> {
    return this.store.statuses(await this.repo.requireCommit(sha));
  }

  async setStatus(sha: string, status: CommitStatus): Promise<void> {
    this.store.setStatus(await this.repo.requireCommit(sha), status, this.login, this.timestamp());
  }

  getTag(name: string): Promise<TagInfo | null> {
    return this.repo.getTag(name);
  }

  listTags(): Promise<TagInfo[]> {
    return this.repo.listTags();
  }

  createTag(name: string, sha: string, message: string): Promise<void> {
    return this.repo.createTag(name, sha, message, this.identity());
  }

  // --- internals ----------------------------------------------------------------------------------

  private get repo(): GitRepository {
    return this.shared.repo;
  }

  private get store(): MetadataStore {
    return this.shared.store;
  }

  private identity(): Identity {
    return { login: this.login, date: this.shared.now() };
  }

  private timestamp(): string {
    return this.shared.now().toISOString();
  }

  private requirePull(number: number): StoredPull {
    const pull = this.store.getPull(number);
    if (!pull) throw new ForgeError('not_found', `no pull request #${number}`);
    return pull;
  }

  /** The port's view of a stored PR: the head's sha is the branch's tip until the PR is merged. */
  private async present(pull: StoredPull): Promise<PullRequest> {
    const headSha =
      pull.state === 'merged'
        ? pull.headSha
        : ((await this.repo.branchTip(pull.head)) ?? pull.headSha);
    return {
      number: pull.number,
      title: pull.title,
      body: pull.body,
      head: pull.head,
      base: pull.base,
      headSha,
      state: pull.state,
      labels: this.store.labelsOf(pull.number),
      author: pull.author,
    };
  }
}
