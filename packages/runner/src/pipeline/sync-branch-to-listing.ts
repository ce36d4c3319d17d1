import {
  parseTagListing,
  RPM_FOLDER,
  seedChanges,
  seedCommitMessage,
  seedReads,
  type CoreConfig,
  type ForgePort,
} from '@forgegate/core';
import pLimit from 'p-limit';

/**
 * Reads in flight at once: a Fedora branch has ~23,000 package files, one GET each on a hosted
 * forge; one at a time that is minutes, all at once it trips the forge's rate limit.
 */
const READ_CONCURRENCY = 16;

/** What one sync did (`seed-branch --json` prints it). */
export interface SeedResult {
  branch: string;
  builds: number;
  written: number;
  removed: number;
  /** The new commit, or null when the branch already held exactly the listing. */
  commit: string | null;
}

/**
 * One commit making the branch's RPM package files exactly the listing's: created from a root
 * commit when the branch does not exist, on its tip otherwise (then a re-seed from a fresh listing
 * repairs what lost or untag-only messages left behind). No commit when nothing differs. The
 * branch is listed once and only the files the listing also has are read (a deletion needs no
 * content), a bounded number at a time.
 */
export async function syncBranchToListing(
  port: ForgePort,
  branch: string,
  listing: string,
  source: string,
  config: Pick<CoreConfig, 'layout'>,
): Promise<SeedResult> {
  const builds = parseTagListing(listing, source);
  const tip = await port.getBranch(branch);
  const paths = tip ? await port.listFiles(tip.sha, RPM_FOLDER) : [];
  const content = tip
    ? await readFiles(port, tip.sha, seedReads(builds, paths, config.layout))
    : new Map<string, string>();
  const changes = seedChanges(builds, { paths, content }, config.layout);
  const removed = changes.filter((change) => change.content === null).length;
  const result = { branch, builds: builds.length, written: changes.length - removed, removed };
  if (changes.length === 0) return { ...result, commit: null };
  const commit = await port.commitFiles({
    branch,
    parentSha: tip?.sha ?? '',
    message: seedCommitMessage(branch, builds, source),
    files: changes,
  });
  return { ...result, commit };
}

/** The content of `paths` at `sha`, READ_CONCURRENCY reads at a time. */
async function readFiles(
  port: ForgePort,
  sha: string,
  paths: readonly string[],
): Promise<Map<string, string>> {
  const limit = pLimit(READ_CONCURRENCY);
  const read = await Promise.all(
    paths.map((path) => limit(async () => [path, (await port.readFile(sha, path)) ?? ''] as const)),
  );
  return new Map(read);
}
