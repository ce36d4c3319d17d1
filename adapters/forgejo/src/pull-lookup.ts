import type { PullRequest as PortPull } from '@forgegate/core';

/**
 * Which bases to ask about when looking a PR up by its head.
 *
 * Forgejo finds a PR by head only together with its base (`GET /repos/{o}/{r}/pulls/{base}/{head}`;
 * the PR list has no head filter: FACTS.md), but the port's `findPullByHead` gets the head alone.
 * Listing PRs to search is what the design forbids (Gitea takes minutes on 3,000 PRs), so the
 * adapter keeps a small cache, rebuildable from the forge at any time:
 * - head -> base for every PR it has seen (open PRs, listed once; PRs it created or found);
 * - the set of bases ever seen, plus the repository's default branch.
 * A lookup asks the caller's base hint first, then the head's cached base, then every other known
 * base, and stops at the first hit. Its cost is bounded by the number of release branches that
 * take PRs (a handful), never by the number of PRs: a repository with 5,000 closed PRs costs the
 * same as one with 5. A PR whose base the cache has never seen (opened by hand on a base no open
 * PR uses) is not found until a lookup passes that base as the hint.
 */
export class PullBaseIndex {
  private readonly baseOfHead = new Map<string, string>();
  private readonly bases = new Set<string>();
  private loaded = false;

  get isLoaded(): boolean {
    return this.loaded;
  }

  /** Seeds the cache from the open PRs and the default branch (once per adapter). */
  load(openPulls: PortPull[], defaultBranch: string | undefined): void {
    if (defaultBranch !== undefined && defaultBranch !== '') this.bases.add(defaultBranch);
    for (const pull of openPulls) this.remember(pull);
    this.loaded = true;
  }

  remember(pull: Pick<PortPull, 'head' | 'base'>): void {
    this.baseOfHead.set(pull.head, pull.base);
    this.bases.add(pull.base);
  }

  /** The bases to try for `head`, most likely first, each once. */
  candidates(head: string, hint?: string): string[] {
    const ordered = [hint, this.baseOfHead.get(head), ...this.bases];
    return [
      ...new Set(ordered.filter((base): base is string => base !== undefined && base !== '')),
    ];
  }
}
