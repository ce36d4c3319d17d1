import type { CommitStatus, ForgePort, PullRequest, PullState, Review } from '@forgegate/core';

/** The top folders that hold package files (DESIGN.md "The package file"). */
export const PACKAGE_FOLDERS = ['rpms/', 'containers/', 'flatpaks/', 'modules/'] as const;

/** Package file path → content. */
export type PackageFiles = Record<string, string>;

export interface CanonicalPull {
  head: string;
  base: string;
  state: PullState;
  title: string;
  body: string;
  labels: string[];
  /** The latest status per context on the PR's head commit, sorted by context. */
  statuses: CommitStatus[];
  comments: { author: string; body: string }[];
  reviews: Review[];
}

export interface CanonicalTag {
  name: string;
  message: string;
  /** The package files of the tagged commit: what the tag points at, without its sha. */
  files: PackageFiles;
}

/**
 * A forge's state with every sha, number and date left out, so that two forges (or one forge after
 * two orders of the same messages) that hold the same things compare equal with `toEqual`.
 */
export interface CanonicalState {
  /** Sorted by head, then by number (numbers themselves depend on the order PRs were opened). */
  pulls: CanonicalPull[];
  /** Branch name → its package files, branches sorted by name. */
  branches: Record<string, PackageFiles>;
  /** Sorted by name. */
  tags: CanonicalTag[];
}

function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

async function packageFiles(port: ForgePort, ref: string): Promise<PackageFiles> {
  const paths = (await Promise.all(PACKAGE_FOLDERS.map((folder) => port.listFiles(ref, folder))))
    .flat()
    .sort();
  const contents = await Promise.all(paths.map((path) => port.readFile(ref, path)));
  return Object.fromEntries(paths.map((path, index) => [path, contents[index] ?? '']));
}

function canonicalStatus({ context, state, description, url }: CommitStatus): CommitStatus {
  return url ? { context, state, description, url } : { context, state, description };
}

async function canonicalPull(port: ForgePort, pull: PullRequest): Promise<CanonicalPull> {
  const [statuses, comments, reviews] = await Promise.all([
    pull.headSha ? port.listStatuses(pull.headSha) : Promise.resolve([]),
    port.listComments(pull.number),
    port.listReviews(pull.number),
  ]);
  return {
    head: pull.head,
    base: pull.base,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    labels: [...pull.labels].sort(),
    statuses: statuses.map(canonicalStatus).sort(byKey((status) => status.context)),
    comments: comments.map(({ author, body }) => ({ author, body })),
    reviews: reviews.map(({ user, state, body }) => ({ user, state, body })),
  };
}

/** Dumps `port`'s pull requests, branches' package files and tags in the canonical form. */
export async function dumpForgeState(port: ForgePort): Promise<CanonicalState> {
  const [pullList, branchList, tagList] = await Promise.all([
    port.listPulls('all'),
    port.listBranches(),
    port.listTags(),
  ]);
  const sortedPulls = [...pullList].sort(
    (a, b) => byKey<PullRequest>((pull) => pull.head)(a, b) || a.number - b.number,
  );
  const pulls = await Promise.all(sortedPulls.map((pull) => canonicalPull(port, pull)));

  const branches: Record<string, PackageFiles> = {};
  const sortedBranches = [...branchList].sort(byKey((branch) => branch.name));
  const branchFiles = await Promise.all(
    sortedBranches.map((branch) => packageFiles(port, branch.sha)),
  );
  sortedBranches.forEach((branch, index) => (branches[branch.name] = branchFiles[index] ?? {}));

  const tags = await Promise.all(
    [...tagList].sort(byKey((tag) => tag.name)).map(async (tag) => ({
      name: tag.name,
      message: tag.message.trimEnd(),
      files: await packageFiles(port, tag.sha),
    })),
  );
  return { pulls, branches, tags };
}
