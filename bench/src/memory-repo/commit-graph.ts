/**
 * Commits in memory, each with a generation number (1 + its parents' highest), so ancestry
 * questions walk only the commits between two tips, newest first, as git's own
 * `paint_down_to_common` does: comparing a head with a base that moved by m commits costs O(m),
 * however long the history.
 */
import { ForgeError } from '@forgegate/core';
import { EMPTY_TREE, type FileTree } from './file-tree.js';

export interface StoredCommit {
  sha: string;
  parents: string[];
  message: string;
  tree: FileTree;
  generation: number;
}

const BASE = 1;
const HEAD = 2;

export class CommitGraph {
  readonly #commits = new Map<string, StoredCommit>();
  #next = 0;

  get size(): number {
    return this.#commits.size;
  }

  get(sha: string): StoredCommit | undefined {
    return this.#commits.get(sha);
  }

  require(sha: string): StoredCommit {
    const commit = this.#commits.get(sha);
    if (!commit) throw new ForgeError('not_found', `no commit ${sha}`);
    return commit;
  }

  add(parents: string[], message: string, tree: FileTree): StoredCommit {
    const generation = 1 + Math.max(0, ...parents.map((sha) => this.require(sha).generation));
    // A counter, not a content hash: shas only have to be unique and stable within a run.
    const sha = (++this.#next).toString(16).padStart(40, '0');
    const commit = { sha, parents, message, tree, generation };
    this.#commits.set(sha, commit);
    return commit;
  }

  /** Commits reachable from `head` but not `base` (ahead) and the reverse (behind). */
  compare(base: string, head: string): { aheadBy: number; behindBy: number } {
    const { marks } = this.#paint(base, head);
    let aheadBy = 0;
    let behindBy = 0;
    for (const mark of marks.values()) {
      if (mark === HEAD) aheadBy += 1;
      else if (mark === BASE) behindBy += 1;
    }
    return { aheadBy, behindBy };
  }

  /** The newest common ancestor's tree (the empty tree for unrelated histories). */
  mergeBaseTree(a: string, b: string): FileTree {
    const { common } = this.#paint(a, b);
    return common ? this.require(common).tree : EMPTY_TREE;
  }

  /** Keeps only `keep` (and forgets their parents): see InstantForge.compact. */
  retainOnly(keep: ReadonlySet<string>): void {
    for (const [sha, commit] of this.#commits) {
      if (!keep.has(sha)) this.#commits.delete(sha);
      else {
        commit.parents = [];
        commit.generation = 1;
      }
    }
  }

  /**
   * Walks down from both tips in generation order, marking each commit with the sides that
   * reach it, until every commit still queued is reached from both (nothing below can be
   * one-sided).
   */
  #paint(base: string, head: string): { marks: Map<string, number>; common?: string } {
    const marks = new Map<string, number>([[base, BASE]]);
    marks.set(head, (marks.get(head) ?? 0) | HEAD);
    const queue = new GenerationQueue();
    for (const sha of new Set([base, head])) queue.push(this.require(sha));
    let common: string | undefined;
    while (queue.size > 0 && queue.some((c) => marks.get(c.sha) !== (BASE | HEAD))) {
      const commit = queue.pop();
      const mark = marks.get(commit.sha) ?? 0;
      if (mark === (BASE | HEAD)) common ??= commit.sha;
      for (const parent of commit.parents) {
        const before = marks.get(parent);
        const after = (before ?? 0) | mark;
        if (before === after) continue;
        marks.set(parent, after);
        if (before === undefined) queue.push(this.require(parent));
      }
    }
    if (common === undefined) {
      common = queue.items
        .filter((c) => marks.get(c.sha) === (BASE | HEAD))
        .sort((x, y) => y.generation - x.generation)[0]?.sha;
    }
    // Commits reached from both sides are shared history, not ahead or behind.
    return common === undefined ? { marks } : { marks, common };
  }
}

/** A max-heap of commits by generation. */
class GenerationQueue {
  readonly items: StoredCommit[] = [];

  get size(): number {
    return this.items.length;
  }

  some(test: (commit: StoredCommit) => boolean): boolean {
    return this.items.some(test);
  }

  push(commit: StoredCommit): void {
    const items = this.items;
    items.push(commit);
    let i = items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if ((items[up] as StoredCommit).generation >= commit.generation) break;
      items[i] = items[up] as StoredCommit;
      i = up;
    }
    items[i] = commit;
  }

  pop(): StoredCommit {
    const items = this.items;
    const top = items[0] as StoredCommit;
    const last = items.pop() as StoredCommit;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child =
          right < items.length &&
          (items[right] as StoredCommit).generation > (items[left] as StoredCommit).generation
            ? right
            : left;
        if ((items[child] as StoredCommit).generation <= last.generation) break;
        items[i] = items[child] as StoredCommit;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
