import { createHash } from 'node:crypto';

/**
 * The repository behind the test server: git's object model kept in memory. Blob and tree ids are
 * computed as git computes them (sha1 over `<type> <size>\0<body>`), so a file's `sha` changes
 * exactly when its content does, which is what Forgejo's per-file guard compares (FACTS.md).
 */

export interface TreeEntry {
  name: string;
  type: 'blob' | 'tree';
  sha: string;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: string;
  /** ISO time; a counter-driven clock keeps runs deterministic. */
  date: string;
}

export interface TagObject {
  name: string;
  commit: string;
  /** The tag object's id for an annotated tag, the commit's for a lightweight one. */
  id: string;
  message: string;
}

function gitHash(type: string, body: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest('hex');
}

export class GitStore {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, TreeEntry[]>();
  readonly commits = new Map<string, CommitObject>();
  readonly branches = new Map<string, string>();
  readonly tags = new Map<string, TagObject>();
  private ticks = 0;

  /** A repository created without auto-init: no commit, no branch, until the first change. */
  constructor(public defaultBranch: string) {}

  get empty(): boolean {
    return this.branches.size === 0;
  }

  /** Seconds from a fixed origin, one per object written. */
  nextDate(): string {
    this.ticks += 1;
    return new Date(Date.UTC(2025, 0, 1) + this.ticks * 1000).toISOString().replace('.000Z', 'Z');
  }

  writeBlob(content: string): string {
    const sha = gitHash('blob', Buffer.from(content, 'utf8'));
    this.blobs.set(sha, content);
    return sha;
  }

  /** Builds the nested trees of a flat path -> blob map; returns the root tree id. */
  writeTree(files: Map<string, string>): string {
    const children = new Map<string, Map<string, string>>();
    const entries: TreeEntry[] = [];
    for (const [path, blob] of files) {
      const slash = path.indexOf('/');
      if (slash < 0) {
        entries.push({ name: path, type: 'blob', sha: blob });
      } else {
        const dir = path.slice(0, slash);
        const rest = children.get(dir) ?? new Map<string, string>();
        rest.set(path.slice(slash + 1), blob);
        children.set(dir, rest);
      }
    }
    for (const [dir, rest] of children)
      entries.push({ name: dir, type: 'tree', sha: this.writeTree(rest) });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const body = Buffer.from(
      entries.map((e) => `${e.type === 'tree' ? '40000' : '100644'} ${e.name}\0${e.sha}`).join(''),
    );
    const sha = gitHash('tree', body);
    this.trees.set(sha, entries);
    return sha;
  }

  commit(parents: string[], files: Map<string, string>, message: string, author: string): string {
    const tree = this.writeTree(files);
    const date = this.nextDate();
    const body = `tree ${tree}\n${parents.map((p) => `parent ${p}\n`).join('')}author ${author} ${date}\n\n${message}`;
    const sha = gitHash('commit', Buffer.from(body));
    this.commits.set(sha, { sha, tree, parents, message, author, date });
    return sha;
  }

  /** Every file of a tree as path -> blob id. */
  filesOfTree(tree: string, prefix = ''): Map<string, string> {
    const out = new Map<string, string>();
    for (const entry of this.trees.get(tree) ?? []) {
      const path = `${prefix}${entry.name}`;
      if (entry.type === 'blob') out.set(path, entry.sha);
      else for (const [sub, blob] of this.filesOfTree(entry.sha, `${path}/`)) out.set(sub, blob);
    }
    return out;
  }

  filesOf(commit: string): Map<string, string> {
    const object = this.commits.get(commit);
    return object === undefined ? new Map() : this.filesOfTree(object.tree);
  }

  /** A branch, a tag or a full commit id, as Forgejo resolves `ref` (branch first). */
  resolve(ref: string): string | undefined {
    return (
      this.branches.get(ref) ??
      this.tags.get(ref)?.commit ??
      (this.commits.has(ref) ? ref : undefined)
    );
  }

  /** The entry (blob or tree) at `path` in a commit, or undefined. */
  entryAt(commit: string, path: string): TreeEntry | undefined {
    let tree = this.commits.get(commit)?.tree;
    const segments = path.split('/').filter((s) => s !== '');
    let entry: TreeEntry | undefined =
      tree === undefined ? undefined : { name: '', type: 'tree', sha: tree };
    for (const segment of segments) {
      if (entry?.type !== 'tree') return undefined;
      tree = entry.sha;
      entry = this.trees.get(tree)?.find((e) => e.name === segment);
    }
    return entry;
  }

  ancestors(commit: string): Set<string> {
    const seen = new Set<string>();
    const queue = [commit];
    while (queue.length > 0) {
      const sha = queue.pop() as string;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(this.commits.get(sha)?.parents ?? []));
    }
    return seen;
  }

  /** Commits reachable from `head` and not from `base`, newest first (git log base..head). */
  commitsBetween(base: string, head: string): CommitObject[] {
    const excluded = this.ancestors(base);
    return [...this.ancestors(head)]
      .filter((sha) => !excluded.has(sha))
      .map((sha) => this.commits.get(sha) as CommitObject)
      .sort((a, b) => (a.date < b.date ? 1 : -1));
  }

  /** The newest common ancestor (enough for the linear histories the tests build). */
  mergeBase(a: string, b: string): string | undefined {
    const ofB = this.ancestors(b);
    return [...this.ancestors(a)]
      .filter((sha) => ofB.has(sha))
      .map((sha) => this.commits.get(sha) as CommitObject)
      .sort((x, y) => (x.date < y.date ? 1 : -1))[0]?.sha;
  }
}
