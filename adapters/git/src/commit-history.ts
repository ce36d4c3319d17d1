import { ForgeError } from '@forgegate/core';
import { LRUCache } from 'lru-cache';
import type { ObjectStore } from './object-store.js';

/**
 * Generation numbers remembered (1 for a root commit, else 1 + the largest of the parents').
 * A new commit's generation needs only its parents', which are recent, so evicting old ones
 * costs a walk only when an old commit is asked about again.
 */
const GENERATIONS = 200_000;

const LEFT = 1;
const RIGHT = 2;
const BOTH = LEFT | RIGHT;
const STALE = 4;

/** Commits waiting to be visited, the highest generation first. */
class GenerationQueue {
  private readonly items: { oid: string; generation: number }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(oid: string, generation: number): void {
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.items[middle] as { generation: number }).generation <= generation) low = middle + 1;
      else high = middle;
    }
    this.items.splice(low, 0, { oid, generation });
  }

  pop(): string {
    return (this.items.pop() as { oid: string }).oid;
  }
}

/**
 * Questions about the commit graph answered from the objects: how far two commits are apart
 * (what `git rev-list --left-right --count a...b` says) and their merge bases (what
 * `git merge-base --all` says). Both walk from the two commits down, highest generation first,
 * and stop once everything left to visit is reachable from both; so a branch that moved by a few
 * merges costs a few commits read, however long the history.
 */
export class CommitHistory {
  private readonly generations = new LRUCache<string, number>({ max: GENERATIONS });

  constructor(private readonly objects: ObjectStore) {}

  /** Commits only `left` reaches (`behind`) and only `right` reaches (`ahead`). */
  async distance(left: string, right: string): Promise<{ leftOnly: number; rightOnly: number }> {
    let leftOnly = 0;
    let rightOnly = 0;
    await this.paint(left, right, BOTH, (_oid, flags) => {
      if ((flags & BOTH) === LEFT) leftOnly += 1;
      else if ((flags & BOTH) === RIGHT) rightOnly += 1;
      return flags;
    });
    return { leftOnly, rightOnly };
  }

  /** The best common ancestors of `left` and `right` (none for unrelated histories). */
  async mergeBases(left: string, right: string): Promise<string[]> {
    if (left === right) return [left];
    const bases: string[] = [];
    await this.paint(left, right, STALE, (oid, flags) => {
      if ((flags & BOTH) !== BOTH || flags & STALE) return flags;
      bases.push(oid);
      // Its ancestors are common too, but not the best: they no longer count as candidates.
      return flags | STALE;
    });
    return bases;
  }

  /**
   * Visits the commits reachable from `left` or `right` but not from every still-pending commit's
   * common ancestors, in decreasing generation, so a commit's flags are final when it is visited
   * (its children, all of higher generation, came first). `visit` may add flags to pass down.
   * Stops when every commit still queued has all the `done` flags (BOTH: reachable from both, for
   * distances; STALE: below a merge base, for merge bases), as its ancestors then have them too.
   */
  private async paint(
    left: string,
    right: string,
    done: number,
    visit: (oid: string, flags: number) => number,
  ): Promise<void> {
    const flags = new Map<string, number>();
    const queue = new GenerationQueue();
    let pending = 0; // queued commits without the `done` flags
    const settled = (value: number) => (value & done) === done;
    const mark = async (oid: string, add: number) => {
      const before = flags.get(oid);
      const after = (before ?? 0) | add;
      if (before === after) return;
      flags.set(oid, after);
      if (before === undefined) {
        queue.push(oid, await this.generation(oid));
        if (!settled(after)) pending += 1;
      } else if (!settled(before) && settled(after)) pending -= 1;
    };
    await mark(left, LEFT);
    await mark(right, RIGHT);
    while (pending > 0 && queue.size > 0) {
      const oid = queue.pop();
      const current = flags.get(oid) as number;
      if (!settled(current)) pending -= 1;
      const passed = visit(oid, current);
      for (const parent of (await this.requireCommit(oid)).parents) await mark(parent, passed);
    }
  }

  /** The commit's generation, computed (iteratively: histories are deep) from its ancestors'. */
  async generation(oid: string): Promise<number> {
    const known = this.generations.get(oid);
    if (known !== undefined) return known;
    const stack = [oid];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as string;
      if (this.generations.has(top)) {
        stack.pop();
        continue;
      }
      const parents = (await this.requireCommit(top)).parents;
      const missing = parents.filter((parent) => !this.generations.has(parent));
      if (missing.length > 0) {
        stack.push(...missing);
        continue;
      }
      stack.pop();
      const highest = Math.max(0, ...parents.map((parent) => this.generations.get(parent) ?? 0));
      this.generations.set(top, highest + 1);
    }
    return this.generations.get(oid) as number;
  }

  private async requireCommit(oid: string) {
    const commit = await this.objects.commit(oid);
    if (!commit) throw new ForgeError('not_found', `commit ${oid} is missing from the repository`);
    return commit;
  }
}
