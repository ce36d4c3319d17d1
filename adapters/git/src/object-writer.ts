import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { LineProcess } from './line-process.js';
import { mktreeInput, treeContent, type TreeEntry } from './tree.js';

/** The id git gives an object: SHA-1 of `<type> <size>\0<content>` (the repository's format). */
export function objectId(type: 'blob' | 'tree' | 'commit', content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/**
 * Objects written together (a commit's blobs and trees). Their ids are computed here, so the
 * writes are sent to git at once instead of one round trip after another (a tree needs its
 * children's ids); `done` waits for git and checks it computed the same ids.
 */
export interface ObjectBatch {
  blob(content: string): string;
  tree(entries: readonly TreeEntry[]): string;
  done(): Promise<void>;
}

/**
 * Writes objects into the repository through long-lived git processes:
 * `hash-object -w --stdin-paths` for blobs and commits (it reads content from files, so each
 * passes through a short-lived file in `<repo>/forgegate-scratch/`) and `mktree --batch --missing` for trees (its
 * children may still be on their way through the blob process). Writing objects spawns nothing.
 */
export class ObjectWriter {
  private readonly blobs: LineProcess;
  private readonly commits: LineProcess;
  private readonly trees: LineProcess;
  /**
   * Temporary files live in the repository (git ignores unknown entries there), so a process that
   * dies mid-write leaves nothing behind in /tmp; names are unique to this writer.
   */
  private readonly scratch: string;
  private readonly prefix = randomBytes(6).toString('hex');
  private sequence = 0;

  constructor(gitDir: string) {
    this.scratch = join(gitDir, 'forgegate-scratch');
    this.blobs = new LineProcess(gitDir, ['hash-object', '-w', '--no-filters', '--stdin-paths']);
    this.commits = new LineProcess(gitDir, ['hash-object', '-w', '-t', 'commit', '--stdin-paths']);
    this.trees = new LineProcess(gitDir, ['mktree', '--batch', '--missing']);
  }

  batch(): ObjectBatch {
    const writes: Promise<void>[] = [];
    const expect = (oid: string, written: Promise<string>) =>
      writes.push(
        written.then((actual) => {
          if (actual !== oid) throw new Error(`git wrote ${actual} where ${oid} was expected`);
        }),
      );
    return {
      blob: (content) => {
        const bytes = Buffer.from(content, 'utf8');
        const oid = objectId('blob', bytes);
        expect(oid, this.viaFile(this.blobs, bytes));
        return oid;
      },
      tree: (entries) => {
        const oid = objectId('tree', treeContent(entries));
        expect(oid, this.trees.request(mktreeInput(entries)));
        return oid;
      },
      done: async () => {
        await Promise.all(writes);
      },
    };
  }

  /** Writes a commit object (`tree`, `parent`s, `author`, `committer`, a blank line, the message). */
  writeCommit(text: string): Promise<string> {
    return this.viaFile(this.commits, Buffer.from(text, 'utf8'));
  }

  close(): void {
    this.blobs.close();
    this.commits.close();
    this.trees.close();
  }

  private async viaFile(process: LineProcess, content: Buffer): Promise<string> {
    if (this.sequence === 0) mkdirSync(this.scratch, { recursive: true });
    const file = join(this.scratch, `${this.prefix}-${this.sequence++}`);
    writeFileSync(file, content);
    try {
      return await process.request(`${file}\n`);
    } finally {
      await unlink(file);
    }
  }
}
