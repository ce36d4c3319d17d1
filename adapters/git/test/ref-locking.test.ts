import { describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GitForge } from '@forgegate/adapter-git';
import { commitOn, freshPath, git, open, startF41, tipOf } from './repositories.js';

/**
 * A real `git update-ref --stdin` transaction: after `prepare` git holds the refs' lock files
 * until it is told to `commit` or `abort`, as any git process does while it updates a ref.
 */
class GitTransaction {
  private readonly child: ChildProcessWithoutNullStreams;
  private output = '';

  constructor(path: string) {
    this.child = spawn('git', ['update-ref', '--stdin'], {
      env: { ...process.env, GIT_DIR: path, GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    this.child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
  }

  /** Sends `commands` and waits until git has answered `expected`. */
  async send(commands: string, expected: string): Promise<void> {
    this.child.stdin.write(commands);
    while (!this.output.includes(expected)) {
      const event = await Promise.race([
        once(this.child.stdout, 'data').then(() => 'data'),
        once(this.child, 'close').then(() => 'close'),
      ]);
      if (event === 'close' && !this.output.includes(expected)) {
        throw new Error(`git update-ref --stdin ended without ${expected}: ${this.output}`);
      }
    }
  }

  async end(): Promise<void> {
    const closed = once(this.child, 'close');
    this.child.stdin.end();
    await closed;
  }
}

async function startedBranch(forge: GitForge): Promise<string> {
  return startF41(forge, [{ path: 'rpms/b/bash', content: 'nvr: bash-5.2.26-3.fc41\n' }]);
}

describe("adapters/git ref updates under git's lock protocol", () => {
  it('answers conflict while a git process holds the ref lock, and writes once it lets go', async () => {
    const path = freshPath();
    const forge = await open(path);
    const root = await startedBranch(forge);
    const tip = await commitOn(forge, 'f41', { 'rpms/k/kernel': 'nvr: kernel-6.11.4\n' });

    const transaction = new GitTransaction(path);
    await transaction.send(`start\nupdate refs/heads/f41 ${root} ${tip}\nprepare\n`, 'prepare: ok');
    expect(existsSync(join(path, 'refs/heads/f41.lock'))).toBe(true);
    const attempt = { branch: 'f41', parentSha: tip, message: 'x', files: [] };
    await expect(forge.commitFiles(attempt)).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('refs/heads/f41.lock'),
    });
    await expect(forge.setBranch('f41', root)).rejects.toMatchObject({ kind: 'conflict' });

    await transaction.send('abort\n', 'abort: ok');
    await transaction.end();
    const written = await forge.commitFiles(attempt);
    expect(git(path, 'rev-parse', 'f41')).toBe(written);
  });

  it('sees a ref git moved under its lock: the stale parent is a conflict, the re-read one is not', async () => {
    const path = freshPath();
    const forge = await open(path);
    const root = await startedBranch(forge);
    const tip = await commitOn(forge, 'f41', { 'rpms/k/kernel': 'nvr: kernel-6.11.4\n' });

    const transaction = new GitTransaction(path);
    await transaction.send(
      `start\nupdate refs/heads/f41 ${root} ${tip}\nprepare\ncommit\n`,
      'commit: ok',
    );
    await transaction.end();
    const files = [{ path: 'rpms/c/coreutils', content: 'nvr: coreutils-9.5\n' }];
    await expect(
      forge.commitFiles({ branch: 'f41', parentSha: tip, message: 'stale', files }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(await tipOf(forge, 'f41')).toBe(root);
    await forge.commitFiles({ branch: 'f41', parentSha: root, message: 'fresh', files });
    expect(git(path, 'log', '--format=%s', 'f41')).toBe('fresh\nStart branch f41');
  });

  it('leaves no lock file behind when an update fails, and keeps git able to write after it', async () => {
    const path = freshPath();
    const forge = await open(path);
    const root = await startedBranch(forge);
    await commitOn(forge, 'f41', { 'rpms/k/kernel': 'nvr: kernel-6.11.4\n' });
    await expect(
      forge.commitFiles({ branch: 'f41', parentSha: root, message: 'stale', files: [] }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    await expect(forge.deleteBranch('f40')).rejects.toMatchObject({ kind: 'not_found' });
    expect(readdirSync(join(path, 'refs/heads'))).toEqual(['f41']);
    git(path, 'update-ref', 'refs/heads/f41', root);
    expect(await tipOf(forge, 'f41')).toBe(root);
  });

  it('names a stale lock file left by a crashed process, and writes once it is removed', async () => {
    const path = freshPath();
    const forge = await open(path);
    const root = await startedBranch(forge);
    writeFileSync(join(path, 'refs/heads/f41.lock'), '');
    await expect(commitOn(forge, 'f41', { 'rpms/b/bash': 'nvr: bash-5.2.32\n' })).rejects.toThrow(
      /refs\/heads\/f41\.lock exists; remove it if no git process is running/,
    );
    expect(git(path, 'rev-parse', 'f41')).toBe(root);
    unlinkSync(join(path, 'refs/heads/f41.lock'));
    const tip = await commitOn(forge, 'f41', { 'rpms/b/bash': 'nvr: bash-5.2.32\n' });
    expect(git(path, 'rev-parse', 'f41')).toBe(tip);
  });
});
