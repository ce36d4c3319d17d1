import { existsSync } from 'node:fs';
import {
  ForgeError,
  type BranchRef,
  type Comparison,
  type FileChange,
  type TagInfo,
} from '@forgegate/core';
import { parseCommit, parseTag, type ParsedCommit } from './commit-object.js';
import { GitCommandError, runGit } from './git-command.js';
import { ObjectReader } from './object-reader.js';
import { ObjectWriter, type ObjectBatch } from './object-writer.js';
import { branchRef, checkedPath, tagRef } from './ref-names.js';
import { FILE_MODE, TREE_MODE, parseTree, type TreeEntry } from './tree.js';

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
 * The git side of the embedded forge: a bare repository on disk, read through one
 * `cat-file --batch` process and written with plumbing (`hash-object`, `mktree`, `commit-tree`,
 * `update-ref` with the expected old value, so a concurrent change fails instead of being lost).
 */
export class GitRepository {
  private readonly reader: ObjectReader;
  private readonly writer: ObjectWriter;

  private constructor(readonly gitDir: string) {
    this.reader = new ObjectReader(gitDir);
    this.writer = new ObjectWriter(gitDir);
  }

  /** Opens the bare repository at `gitDir`, creating it (empty, no branch) when absent. */
  static async open(gitDir: string): Promise<GitRepository> {
    if (!existsSync(`${gitDir}/HEAD`)) {
      await runGit(gitDir, ['init', '--quiet', '--bare', '--initial-branch=main']);
    }
    return new GitRepository(gitDir);
  }

  close(): void {
    this.reader.close();
    this.writer.close();
  }

  // --- reading ---------------------------------------------------------------------------------

  async branchTip(name: string): Promise<string | null> {
    const object = await this.reader.read(`${branchRef(name)}^{commit}`);
    return object?.oid ?? null;
  }

  /** The commit a branch name, tag name or full oid names, or null. */
  async resolveCommit(ref: string): Promise<string | null> {
    const candidates = FULL_OID.test(ref) ? [ref] : [];
    candidates.push(branchRef(ref), tagRef(ref));
    for (const candidate of candidates) {
      const object = await this.reader.read(`${candidate}^{commit}`);
      if (object) return object.oid;
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
    const object = await this.reader.read(oid);
    if (!object) throw new ForgeError('not_found', `commit ${oid} vanished`);
    return parseCommit(oid, object.content);
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
    const commit = await this.requireCommit(ref);
    const object = await this.reader.read(`${commit}:${file}`);
    return object?.type === 'blob' ? object.content.toString('utf8') : null;
  }

  async listFiles(ref: string, prefix: string): Promise<string[]> {
    const commit = await this.requireCommit(ref);
    const directory = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    const start = await this.reader.read(
      directory ? `${commit}:${directory.slice(0, -1)}` : `${commit}^{tree}`,
    );
    if (start?.type !== 'tree') return [];
    const paths: string[] = [];
    const walk = async (tree: Buffer, base: string): Promise<void> => {
      const subtrees: Promise<void>[] = [];
      for (const entry of parseTree(tree)) {
        const path = base + entry.name;
        if (entry.type === 'tree') {
          if (prefix.startsWith(path + '/') || (path + '/').startsWith(prefix)) {
            subtrees.push(this.readTree(entry.oid).then((content) => walk(content, path + '/')));
          }
        } else if (path.startsWith(prefix)) {
          paths.push(path);
        }
      }
      await Promise.all(subtrees);
    };
    await walk(start.content, directory);
    return paths.sort();
  }

  async compare(base: string, head: string): Promise<Comparison> {
    const [baseOid, headOid] = await Promise.all([
      this.requireCommit(base),
      this.requireCommit(head),
    ]);
    const { stdout } = await runGit(this.gitDir, [
      'rev-list',
      '--left-right',
      '--count',
      `${baseOid}...${headOid}`,
    ]);
    const [behind, ahead] = stdout.trim().split(/\s+/).map(Number);
    return { aheadBy: ahead ?? 0, behindBy: behind ?? 0 };
  }

  // --- writing branches and commits -------------------------------------------------------------

  async setBranch(name: string, sha: string): Promise<void> {
    const ref = branchRef(name);
    const oid = await this.requireCommit(sha);
    await runGit(this.gitDir, ['update-ref', '-m', 'forgegate: set branch', ref, oid]);
  }

  async deleteBranch(name: string): Promise<void> {
    const tip = await this.branchTip(name);
    if (!tip) throw new ForgeError('not_found', `no branch ${JSON.stringify(name)}`);
    await this.updateRef(branchRef(name), null, tip);
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
    const batch = this.writer.batch();
    const tree = (await this.applyChanges(baseTree, changes, batch)) ?? batch.tree([]);
    await batch.done();
    const commit = await this.commitTree(tree, tip ? [tip] : [], message, identity);
    await this.updateRef(ref, commit, tip);
    if (!tip) await this.adoptAsHead(ref);
    return commit;
  }

  /**
   * Merges `head` into the branch `base` with a real merge commit (two parents), its tree from
   * `git merge-tree --write-tree`. A conflicting merge is `not_mergeable`.
   */
  async merge(base: string, head: string, message: string, identity: Identity): Promise<string> {
    const baseTip = await this.branchTip(base);
    if (!baseTip) throw new ForgeError('not_found', `no branch ${JSON.stringify(base)}`);
    const headTip = await this.requireCommit(head);
    let result;
    try {
      result = await runGit(
        this.gitDir,
        ['merge-tree', '--write-tree', '--no-messages', baseTip, headTip],
        {
          okCodes: [1],
        },
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
    const tree = lines(result.stdout)[0] as string;
    const commit = await this.commitTree(tree, [baseTip, headTip], message, identity);
    await this.updateRef(branchRef(base), commit, baseTip);
    return commit;
  }

  // --- tags ---------------------------------------------------------------------------------------

  async getTag(name: string): Promise<TagInfo | null> {
    const object = await this.reader.read(tagRef(name));
    if (!object) return null;
    const commit = await this.reader.read(`${tagRef(name)}^{commit}`);
    const message = object.type === 'tag' ? parseTag(object.content).message : '';
    return { name, sha: commit?.oid ?? object.oid, message: message.replace(/\n$/, '') };
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
    if (await this.reader.read(ref)) throw new ForgeError('conflict', `tag ${name} already exists`);
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

  private async readTree(oid: string): Promise<Buffer> {
    const object = await this.reader.read(oid);
    if (object?.type !== 'tree') throw new ForgeError('transient', `tree ${oid} unreadable`);
    return object.content;
  }

  /**
   * The tree `changes` make of `treeOid` (null when nothing is left in it), its new objects added
   * to `batch`. Only the trees on changed paths are read and rewritten.
   */
  private async applyChanges(
    treeOid: string | null,
    changes: ChangeTree,
    batch: ObjectBatch,
  ): Promise<string | null> {
    const entries = new Map<string, TreeEntry>();
    if (treeOid) {
      for (const entry of parseTree(await this.readTree(treeOid))) entries.set(entry.name, entry);
    }
    await Promise.all(
      [...changes].map(async ([name, change]) => {
        const existing = entries.get(name);
        if (change instanceof Map) {
          if (existing && existing.type !== 'tree') {
            throw new ForgeError('permanent', `${name} is a file, not a directory`);
          }
          const oid = await this.applyChanges(existing?.oid ?? null, change, batch);
          if (oid) entries.set(name, { mode: TREE_MODE, type: 'tree', oid, name });
          else entries.delete(name);
          return;
        }
        if (existing?.type === 'tree') {
          throw new ForgeError('permanent', `${name} is a directory, not a file`);
        }
        if (change === null) entries.delete(name);
        else {
          const mode = existing?.type === 'blob' ? existing.mode : FILE_MODE;
          entries.set(name, { mode, type: 'blob', oid: batch.blob(change), name });
        }
      }),
    );
    return entries.size ? batch.tree([...entries.values()]) : null;
  }

  /**
   * Points HEAD at the first branch the repository gets (`git init` leaves it on an unborn
   * `main`), so `git log` with no argument and `git clone` have something to show.
   */
  private async adoptAsHead(ref: string): Promise<void> {
    if (await this.reader.read('HEAD')) return;
    await runGit(this.gitDir, ['symbolic-ref', 'HEAD', ref]);
  }

  private commitTree(
    tree: string,
    parents: string[],
    message: string,
    identity: Identity,
  ): Promise<string> {
    const person = `${identity.login} <${identity.login}@forgegate.invalid> ${Math.floor(identity.date.getTime() / 1000)} +0000`;
    const headers = [`tree ${tree}`, ...parents.map((parent) => `parent ${parent}`)];
    return this.writer.writeCommit(
      `${headers.join('\n')}\nauthor ${person}\ncommitter ${person}\n\n${message}`,
    );
  }

  /** Moves `ref` from `expected` (null: must not exist) to `next` (null: delete), or fails with `conflict`. */
  private async updateRef(
    ref: string,
    next: string | null,
    expected: string | null,
  ): Promise<void> {
    const zero = '0'.repeat(40);
    const args =
      next === null
        ? ['update-ref', '-d', ref, expected ?? zero]
        : ['update-ref', ref, next, expected ?? zero];
    try {
      await runGit(this.gitDir, args);
    } catch (error) {
      if (
        error instanceof GitCommandError &&
        /but expected|already exists|unable to resolve/.test(error.stderr)
      ) {
        throw new ForgeError('conflict', `${ref} moved while it was being written`);
      }
      throw error;
    }
  }
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}
