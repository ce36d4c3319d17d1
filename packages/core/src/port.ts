/**
 * The adapter port: the one interface every forge adapter implements.
 *
 * Operations are named in the forges' own words where they agree. An adapter maps each onto its
 * client library and translates the forge's answers into the port's types and errors
 * (see ./forge-error.ts); every rule about Bodhi, Koji or composes lives in core, never here.
 *
 * Contracts every implementation keeps (docs/adapters.md has the long form):
 * - Reads never write. Writes are the methods listed in WRITE_OPERATIONS; the runner counts them.
 * - `findPullByHead` looks the PR up by its head branch, never by listing every PR.
 * - `commitFiles` is atomic (several files, one commit) and fails with a `conflict` ForgeError when
 *   the branch tip is no longer `parentSha`, so a concurrent change is never overwritten.
 * - `setPullLabels` creates labels that do not exist yet.
 * - Text comes back exactly as the forge stores it (hidden HTML comments included).
 */

export type StatusState = 'pending' | 'success' | 'failure' | 'error';
export type PullState = 'open' | 'merged' | 'closed';

export interface BranchRef {
  name: string;
  sha: string;
}

export interface CommitInfo {
  sha: string;
  parents: string[];
  message: string;
}

/** A file to write in a commit; `content: null` deletes it. */
export interface FileChange {
  path: string;
  content: string | null;
}

export interface CommitRequest {
  branch: string;
  /**
   * The tip the caller built this commit on; a different tip is a `conflict`. `''` creates the
   * branch with a root commit (no parent) and is a `conflict` when the branch exists: that is how
   * the reconciler makes a missing base branch (a release the repository has no branch for yet).
   */
  parentSha: string;
  message: string;
  files: FileChange[];
}

export interface PullRequest {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  headSha: string;
  state: PullState;
  labels: string[];
  /** Login of the account that opened it: markers are trusted only in the bot's own text. */
  author: string;
}

export interface NewPull {
  head: string;
  base: string;
  title: string;
  body: string;
  labels: string[];
}

export interface PullPatch {
  title?: string;
  body?: string;
  /** Only 'open' (reopen) and 'closed' (close without merge); merging is `mergePull`. */
  state?: 'open' | 'closed';
}

export interface Comment {
  id: number;
  body: string;
  author: string;
}

export interface CommitStatus {
  context: string;
  state: StatusState;
  description: string;
  url?: string;
}

export interface TagInfo {
  name: string;
  sha: string;
  message: string;
}

export type ReviewState = 'approved' | 'changes_requested' | 'commented';

export interface Review {
  user: string;
  state: ReviewState;
  body: string;
}

export interface Comparison {
  /** Commits on `head` that `base` does not have. */
  aheadBy: number;
  /** Commits on `base` that `head` does not have: > 0 means the head is not on the base's tip. */
  behindBy: number;
}

export interface ForgePort {
  /** The login the adapter writes as; markers in text by anyone else are ignored. */
  whoami(): Promise<string>;

  // Repository content
  getBranch(name: string): Promise<BranchRef | null>;
  listBranches(): Promise<BranchRef[]>;
  /** Create the branch at `sha`, or move it there (force) when it exists. */
  setBranch(name: string, sha: string): Promise<void>;
  deleteBranch(name: string): Promise<void>;
  getCommit(sha: string): Promise<CommitInfo>;
  compare(base: string, head: string): Promise<Comparison>;
  /** Content of `path` at `ref` (branch or sha), or null when absent. */
  readFile(ref: string, path: string): Promise<string | null>;
  /** Every file path under `prefix` at `ref`, sorted. */
  listFiles(ref: string, prefix: string): Promise<string[]>;
  /** Several files in one commit on a branch; returns the new commit's sha. */
  commitFiles(request: CommitRequest): Promise<string>;

  // Pull requests
  /**
   * The newest PR whose head is `head`, any state. `base`, when the caller knows it, is a hint a
   * forge that looks PRs up by base and head (Forgejo) uses to answer in one request.
   */
  findPullByHead(head: string, base?: string): Promise<PullRequest | null>;
  /** 'open' is cheap and used once at start; 'all' is for tools and state dumps only. */
  listPulls(state: 'open' | 'all'): Promise<PullRequest[]>;
  createPull(pull: NewPull): Promise<PullRequest>;
  updatePull(number: number, patch: PullPatch): Promise<void>;
  setPullLabels(number: number, labels: string[]): Promise<void>;
  /** Merge with a merge commit; `not_mergeable` or `conflict` ForgeError when the forge refuses. */
  mergePull(number: number, message: string): Promise<void>;

  // Conversation
  listComments(pull: number): Promise<Comment[]>;
  createComment(pull: number, body: string): Promise<Comment>;
  updateComment(id: number, body: string): Promise<void>;
  listReviews(pull: number): Promise<Review[]>;

  // Statuses and tags
  /** The latest status per context on `sha`. */
  listStatuses(sha: string): Promise<CommitStatus[]>;
  setStatus(sha: string, status: CommitStatus): Promise<void>;
  getTag(name: string): Promise<TagInfo | null>;
  listTags(): Promise<TagInfo[]>;
  createTag(name: string, sha: string, message: string): Promise<void>;
}

/** The methods that change the forge: the runner counts and budgets these. */
export const WRITE_OPERATIONS = [
  'setBranch',
  'deleteBranch',
  'commitFiles',
  'createPull',
  'updatePull',
  'setPullLabels',
  'mergePull',
  'createComment',
  'updateComment',
  'setStatus',
  'createTag',
] as const satisfies readonly (keyof ForgePort)[];

export type WriteOperation = (typeof WRITE_OPERATIONS)[number];
