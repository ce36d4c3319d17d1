import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineProcess } from './line-process.js';
import { mktreeInput, type TreeEntry } from './tree.js';

/**
 * Writes blobs and trees into the repository through two long-lived git processes:
 * `hash-object -w --stdin-paths` (it reads content from files, so each blob passes through a
 * short-lived temporary file) and `mktree --batch`. A commit of a few files then spawns no process
 * for its objects.
 */
export class ObjectWriter {
  private readonly blobs: LineProcess;
  private readonly trees: LineProcess;
  private scratch: string | undefined;
  private sequence = 0;

  constructor(gitDir: string) {
    this.blobs = new LineProcess(gitDir, ['hash-object', '-w', '--no-filters', '--stdin-paths']);
    this.trees = new LineProcess(gitDir, ['mktree', '--batch']);
  }

  async writeBlob(content: string): Promise<string> {
    this.scratch ??= mkdtempSync(join(tmpdir(), 'forgegate-blobs-'));
    const file = join(this.scratch, String(this.sequence++));
    writeFileSync(file, content, 'utf8');
    try {
      return await this.blobs.request(`${file}\n`);
    } finally {
      await unlink(file);
    }
  }

  /** Writes a tree of `entries` (empty: the empty tree) and returns its oid. */
  writeTree(entries: readonly TreeEntry[]): Promise<string> {
    return this.trees.request(mktreeInput(entries));
  }

  close(): void {
    this.blobs.close();
    this.trees.close();
    if (this.scratch) rmSync(this.scratch, { recursive: true, force: true });
    this.scratch = undefined;
  }
}
