import { existsSync } from 'node:fs';
import {
  ForgeError,
  type BranchRef,
  type Comparison,
  type FileChange,
  type TagInfo,
} from '@forgegate/core';
import { CommitHistory } from './commit-history.js';
import { parseTag, type ParsedCommit } from './commit-object.js';
import { GitCommandError, runGit } from './git-command.js';
import { ObjectStore } from './object-store.js';
import { branchRef, checkedPath, tagRef } from './ref-names.js';
import { RefStore } from './ref-store.js';
import { readRepositorySettings, type RepositorySettings } from './repository-settings.js';
import { FILE_MODE, TREE_MODE, type TreeEntry } from './tree.js';
import { ASK_GIT, mergeTrees } from './tree-merge.js';

/** Who a commit or tag is by, and when. */
export interface Identity {
  login: string;
  date: Date;
}

const FULL_OID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function identityEnv(identity: Identity): Record<string, string> {
  const date = `@${Math.floor(identity.date.getTime() / 1000)} +0000`;
  const email = `${identity.login}@forgegate.invalid`;
  return {
    GIT_AUTHOR_NAME: identity.login,
    GIT_AUTHOR_EMAIL: email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: identity.login,
    GIT_COMMITTER_EMAIL: email,
    GIT_COMMITTER_DATE: date,
  };
}

/** A directory of pending changes: a file's new content (null: delete) or a nested directory. */
type ChangeTree = Map<string, string | null | ChangeTree>;

function changeTree(files: readonly FileChange[]): ChangeTree {
  const root: ChangeTree = new Map();
  for (const file of files) {
    const segments = checkedPath(file.path).split('/');
    const name = segments.pop() as string;
    let directory = root;
    for (const segment of segments) {
      let next = directory.get(segment);
      if (!(next instanceof Map)) {
        if (next !== undefined)
          throw new ForgeError('permanent', `${file.path}: a parent is also written as a file`);
        next = new Map();
        directory.set(segment, next);
      }
      directory = next;
    }
    if (directory.get(name) instanceof Map)
      throw new ForgeError('permanent', `${file.path} is also a directory`);
    directory.set(name, file.content);
  }
  return root;
}

/**
 * The git side of the embedded forge: a bare repository on disk, read and written in-process in
 * git's own formats (loose objects, trees in git's order, refs updated under git's lock files
 * with the expected old value, so a concurrent change fails instead of being lost). Git itself
 * runs only where its rules are the point: reading packed objects, merges the in-process merge
 * cannot decide, annotated tags, listing refs, and creating the repository.
 */
export class GitRepository {
  private readonly objects: ObjectStore;
  private readonly refs: RefStore;
  private readonly history: CommitHistory;

  private constructor(
    readonly gitDir: string,
    settings: RepositorySettings,
  ) {
    this.objects = new ObjectStore(gitDir, settings.looseCompression);
    this.refs = new RefStore(gitDir, settings.reflogs);
    this.history = new CommitHistory(this.objects);
  }

  /** Opens the bare repository at `gitDir`, creating it (empty, no branch) when absent. */
  static async open(gitDir: string): Promise<GitRepository> {
    if (!existsSync(`${gitDir}/HEAD`)) {
      await runGit(gitDir, ['init', '--quiet', '--bare', '--initial-branch=main']);
    }
    return new GitRepository(gitDir, await readRepositorySettings(gitDir));
  }

  close(): void {
    this.objects.close();
  }

  // --- reading ---------------------------------------------------------------------------------

  async branchTip(name: string): Promise<string | null> {
    const oid = this.refs.resolve(branchRef(name));
    return oid && this.peelToCommit(oid);
  }

  /** The commit a branch name, tag name or full oid names, or null. */
  async resolveCommit(ref: string): Promise<string | null> {
    if (FULL_OID.test(ref)) {
      const commit = await this.peelToCommit(ref);
      if (commit) return commit;
    }
    for (const candidate of [branchRef(ref), tagRef(ref)]) {
      const oid = this.refs.resolve(candidate);
      const commit = oid && (await this.peelToCommit(oid));
      if (commit) return commit;
    }
    return null;
  }

  async requireCommit(ref: string): Promise<string> {
    const oid = await this.resolveCommit(ref);
    if (!oid) throw new ForgeError('not_found', `no branch, tag or commit ${JSON.stringify(ref)}`);
    return oid;
  }

  async readCommit(ref: string): Promise<ParsedCommit> {
    const oid = await this.requireCommit(ref);
    const commit = await this.objects.commit(oid);
    if (!commit) throw new ForgeError('not_found', `commit ${oid} vanished`);
    return commit;
  }

  async listBranches(): Promise<BranchRef[]> {
    const { stdout } = await runGit(this.gitDir, [
      'for-each-ref',
      '--format=%(objectname) %(refname:lstrip=2)',
      'refs/heads',
    ]);
    return lines(stdout).map((line) => {
      const space = line.indexOf(' ');
      return { sha: line.slice(0, space), name: line.slice(space + 1) };
    });
  }

  async readFile(ref: string, path: string): Promise<string | null> {
    const file = checkedPath(path);
    const { tree } = await this.readCommit(ref);
    const entry = await this.entryAt(tree, file);
    if (entry?.type !== 'blob') return null;
    const blob = await this.objects.read(entry.oid);
    return blob ? blob.content.toString('utf8') : null;
  }

  async listFiles(ref: string, prefix: string): Promise<string[]> {
    const { tree } = await this.readCommit(ref);
    const directory = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const start = directory
      ? await this.entryAt(tree, directory.slice(0, -1))
      : ({ type: 'tree', oid: tree } as const);
    if (start?.type !== 'tree') return [];
    const paths: string[] = [];
    const walk = async (oid: string, base: string): Promise<void> => {
      const subtrees: Promise<void>[] = [];
      for (const entry of (await this.readTree(oid)).values()) {
        const path = base + entry.name;
        if (entry.type === 'tree') {
          if (prefix.startsWith(path + '/') || (path + '/').startsWith(prefix)) {
            subtrees.push(walk(entry.oid, path + '/'));
          }
        } else if (path.startsWith(prefix)) {
          paths.push(path);
        }
      }
      await Promise.all(subtrees);
    };
    await walk(start.oid, directory);
    return paths.sort();
  }

  async compare(base: string, head: string): Promise<Comparison> {
    const [baseOid, headOid] = await Promise.all([
      this.requireCommit(base),
      this.requireCommit(head),
    ]);
    const { leftOnly, rightOnly } = await this.history.distance(baseOid, headOid);
    return { aheadBy: rightOnly, behindBy: leftOnly };
  }

  // --- writing branches and commits -------------------------------------------------------------

  async setBranch(name: string, sha: string): Promise<void> {
    const ref = branchRef(name);
    const oid = await this.requireCommit(sha);
    await this.refs.update(ref, oid, undefined);
  }

  async deleteBranch(name: string): Promise<void> {
    const tip = await this.branchTip(name);
    if (!tip) throw new ForgeError('not_found', `no branch ${JSON.stringify(name)}`);
    await this.refs.update(branchRef(name), null, tip);
  }

  /**
   * Commits `files` on `branch` on top of `parentSha` ('' creates the branch with a root commit)
   * and moves the branch there only if it still points at `parentSha`.
   */
  async commitFiles(
    branch: string,
    parentSha: string,
    message: string,
    files: readonly FileChange[],
    identity: Identity,
  ): Promise<string> {
    const ref = branchRef(branch);
    const changes = changeTree(files);
    const tip = await this.branchTip(branch);
    if (parentSha === '' && tip)
      throw new ForgeError('conflict', `branch ${branch} already exists`);
    if (parentSha !== '' && !tip)
      throw new ForgeError('not_found', `no branch ${JSON.stringify(branch)}`);
    if (parentSha !== '' && tip !== parentSha) {
      throw new ForgeError('conflict', `branch ${branch} is at ${tip}, not at ${parentSha}`);
    }
    const baseTree = tip ? (await this.readCommit(tip)).tree : null;
    const tree = (await this.applyChanges(baseTree, changes)) ?? this.objects.writeTree([]);
    const commit = this.writeCommit(tree, tip ? [tip] : [], message, identity);
    await this.refs.update(ref, commit, tip);
    if (!tip) await this.adoptAsHead(ref);
    return commit;
  }

  /**
   * Merges `head` into the branch `base` with a real merge commit (two parents). The tree is
   * merged in-process from the single merge base when every path was changed on at most one side
   * (or alike on both); otherwise `git merge-tree --write-tree` decides, and a conflict there is
   * `not_mergeable`.
   */
  async merge(base: string, head: string, message: string, identity: Identity): Promise<string> {
    const baseTip = await this.branchTip(base);
    if (!baseTip) throw new ForgeError('not_found', `no branch ${JSON.stringify(base)}`);
    const headTip = await this.requireCommit(head);
    const bases = await this.history.mergeBases(baseTip, headTip);
    let tree: string | typeof ASK_GIT = ASK_GIT;
    if (bases.length === 1) {
      const [from, ours, theirs] = await Promise.all(
        [bases[0] as string, baseTip, headTip].map(
          async (oid) => (await this.readCommit(oid)).tree,
        ),
      );
      tree = await mergeTrees(this.objects, from as string, ours as string, theirs as string);
    }
    if (tree === ASK_GIT) tree = await this.mergeWithGit(base, baseTip, head, headTip);
    const commit = this.writeCommit(tree, [baseTip, headTip], message, identity);
    await this.refs.update(branchRef(base), commit, baseTip);
    return commit;
  }

  // --- tags ---------------------------------------------------------------------------------------

  async getTag(name: string): Promise<TagInfo | null> {
    const oid = this.refs.resolve(tagRef(name));
    const object = oid && (await this.objects.read(oid));
    if (!object) return null;
    const commit = await this.peelToCommit(object.oid);
    const message = object.type === 'tag' ? parseTag(object.content).message : '';
    return { name, sha: commit ?? object.oid, message: message.replace(/\n$/, '') };
  }

  async listTags(): Promise<TagInfo[]> {
    const { stdout } = await runGit(this.gitDir, [
      'for-each-ref',
      '--format=%(refname:lstrip=2)',
      'refs/tags',
    ]);
    const tags = await Promise.all(lines(stdout).map((name) => this.getTag(name)));
    return tags.filter((tag): tag is TagInfo => tag !== null);
  }

  /** An annotated tag; a tag of that name that exists already is a `conflict`. */
  async createTag(name: string, sha: string, message: string, identity: Identity): Promise<void> {
    const ref = tagRef(name);
    const commit = await this.requireCommit(sha);
    if (this.refs.resolve(ref)) throw new ForgeError('conflict', `tag ${name} already exists`);
    try {
      await runGit(
        this.gitDir,
        ['tag', '--annotate', '--cleanup=verbatim', '--file=-', name, commit],
        {
          input: message.endsWith('\n') ? message : `${message}\n`,
          env: identityEnv(identity),
        },
      );
    } catch (error) {
      if (error instanceof GitCommandError && /already exists/.test(error.stderr)) {
        throw new ForgeError('conflict', `tag ${name} already exists`);
      }
      throw error;
    }
  }

  // --- internals ----------------------------------------------------------------------------------

  /** The commit `oid` is or (through annotated tags) points at; null for anything else. */
  private async peelToCommit(oid: string): Promise<string | null> {
    let object = await this.objects.read(oid);
    while (object?.type === 'tag')
      object = await this.objects.read(parseTag(object.content).object);
    return object?.type === 'commit' ? object.oid : null;
  }

  private async readTree(oid: string) {
    const tree = await this.objects.tree(oid);
    if (!tree) throw new ForgeError('transient', `tree ${oid} unreadable`);
    return tree;
  }

  /** The entry at `path` (slash-separated) under the tree `oid`, or null. */
  private async entryAt(oid: string, path: string): Promise<TreeEntry | null> {
    let entry: TreeEntry | undefined = { mode: TREE_MODE, type: 'tree', oid, name: '' };
    for (const segment of path.split('/')) {
      if (entry?.type !== 'tree') return null;
      entry = (await this.readTree(entry.oid)).get(segment);
    }
    return entry ?? null;
  }

  /**
   * The tree `changes` make of `treeOid` (null when nothing is left in it), its new objects
   * written. Only the trees on changed paths are read and rewritten.
   */
  private async applyChanges(treeOid: string | null, changes: ChangeTree): Promise<string | null> {
    const entries = new Map(treeOid ? await this.readTree(treeOid) : undefined);
    for (const [name, change] of changes) {
      const existing = entries.get(name);
      if (change instanceof Map) {
        if (existing && existing.type !== 'tree') {
          throw new ForgeError('permanent', `${name} is a file, not a directory`);
        }
        const oid = await this.applyChanges(existing?.oid ?? null, change);
        if (oid) entries.set(name, { mode: TREE_MODE, type: 'tree', oid, name });
        else entries.delete(name);
        continue;
      }
      if (existing?.type === 'tree') {
        throw new ForgeError('permanent', `${name} is a directory, not a file`);
      }
      if (change === null) entries.delete(name);
      else {
        const mode = existing?.type === 'blob' ? existing.mode : FILE_MODE;
        const oid = this.objects.write('blob', Buffer.from(change, 'utf8'));
        entries.set(name, { mode, type: 'blob', oid, name });
      }
    }
    return entries.size ? this.objects.writeTree([...entries.values()]) : null;
  }

  /** `git merge-tree --write-tree` for the merges the in-process one leaves to git. */
  private async mergeWithGit(
    base: string,
    baseTip: string,
    head: string,
    headTip: string,
  ): Promise<string> {
    let result;
    try {
      result = await runGit(
        this.gitDir,
        ['merge-tree', '--write-tree', '--no-messages', baseTip, headTip],
        { okCodes: [1] },
      );
    } catch (error) {
      if (error instanceof GitCommandError) {
        throw new ForgeError(
          'not_mergeable',
          `${head} cannot be merged into ${base}: ${error.stderr.trim()}`,
        );
      }
      throw error;
    }
    if (result.code === 1) {
      throw new ForgeError(
        'not_mergeable',
        `${head} conflicts with ${base}: ${lines(result.stdout).slice(1).join(', ')}`,
      );
    }
    return lines(result.stdout)[0] as string;
  }

  /**
   * Points HEAD at the first branch the repository gets (`git init` leaves it on an unborn
   * `main`), so `git log` with no argument and `git clone` have something to show.
   */
  private async adoptAsHead(ref: string): Promise<void> {
    if (this.refs.resolve('HEAD')) return;
    await runGit(this.gitDir, ['symbolic-ref', 'HEAD', ref]);
  }

  private writeCommit(
    tree: string,
    parents: string[],
    message: string,
    identity: Identity,
  ): string {
    const person = `${identity.login} <${identity.login}@forgegate.invalid> ${Math.floor(identity.date.getTime() / 1000)} +0000`;
    const headers = [`tree ${tree}`, ...parents.map((parent) => `parent ${parent}`)];
    return this.objects.write(
      'commit',
      Buffer.from(
        `${headers.join('\n')}\nauthor ${person}\ncommitter ${person}\n\n${message}`,
        'utf8',
      ),
    );
  }
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}
