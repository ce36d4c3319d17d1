import type { PullRequest as PortPull } from '@forgegate/core';

/**
 * What the adapter remembers to find a PR by its head without listing PRs.
 *
 * Forgejo finds a PR by head only together with its base (`GET /repos/{o}/{r}/pulls/{base}/{head}`;
 * the PR list has no head filter: forges/FACTS.md), and when a head has had several PRs on one base
 * it returns the *oldest* (models/issues/pull.go GetPullRequestByBaseHeadInfo: an unordered `Get`).
 * The port's `findPullByHead` gets the head alone and wants the newest. Listing PRs to search is
 * what the design forbids (Gitea takes minutes on 3,000 PRs), so the adapter keeps a small cache,
 * rebuildable from the forge at any time:
 * - head -> newest PR number, for every PR it has seen (the open PRs, listed once per process;
 *   PRs it created or found): a known head costs one `GET pulls/{index}`;
 * - head -> base, and the set of bases ever seen plus the repository's default branch: an unknown
 *   head is asked about on its cached base, the caller's hint, then every known base.
 * The cost per lookup is bounded by the number of release branches taking PRs (a handful), never
 * by the number of PRs: a repository with 5,000 closed PRs costs the same as one with 5.
 * Limits: a PR whose base no open PR uses and no caller named is not found; a head whose newer PR
 * was opened by someone else after the cache was built resolves to the older one until restart.
 */
export class PullIndex {
  private readonly numberOfHead = new Map<string, number>();
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

  remember(pull: Pick<PortPull, 'number' | 'head' | 'base'>): void {
    if ((this.numberOfHead.get(pull.head) ?? 0) < pull.number) {
      this.numberOfHead.set(pull.head, pull.number);
    }
    this.baseOfHead.set(pull.head, pull.base);
    this.bases.add(pull.base);
  }

  forget(head: string): void {
    this.numberOfHead.delete(head);
  }

  numberOf(head: string): number | undefined {
    return this.numberOfHead.get(head);
  }

  /** The bases to try for `head`, most likely first, each once, never the head itself. */
  candidates(head: string, hint?: string): string[] {
    const ordered = [hint, this.baseOfHead.get(head), ...this.bases];
    return [...new Set(ordered)].filter(
      (base): base is string => base !== undefined && base !== '' && base !== head,
    );
  }
}
