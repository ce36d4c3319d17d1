import { describe, expect, it } from '@jest/globals';
import {
  baseAndHead,
  commitOnTip,
  expectForgeError,
  packageFile,
  seedBranch,
  type SuiteContext,
} from './harness.js';

/** Branches, multi-file commits, reading files, comparing. */
export function describeRepositoryContent(context: SuiteContext): void {
  describe('branches', () => {
    it("creates a missing branch from a root commit with parentSha ''", async () => {
      const port = context.port();
      const branch = context.name('f41');
      const sha = await seedBranch(port, branch, [packageFile('bash', 'bash-5.2.26-3.fc41')]);
      expect(await port.getBranch(branch)).toEqual({ name: branch, sha });
      expect((await port.getCommit(sha)).parents).toEqual([]);
      expect(await port.listFiles(branch, 'rpms/')).toEqual(['rpms/b/bash']);
      await expectForgeError(seedBranch(port, branch, []), 'conflict');
    });

    it('sets a branch at a commit, moves it, lists it and deletes it', async () => {
      const port = context.port();
      const base = context.name('f41');
      const other = context.name('f42');
      const first = await seedBranch(port, base, [packageFile('bash', 'bash-5.2.26-3.fc41')]);
      const second = await commitOnTip(port, base, [packageFile('zsh', 'zsh-5.9-4.fc41')]);
      await port.setBranch(other, first);
      expect(await port.getBranch(other)).toEqual({ name: other, sha: first });
      await port.setBranch(other, second);
      expect(await port.getBranch(other)).toEqual({ name: other, sha: second });
      const listed = await port.listBranches();
      expect(listed).toEqual(
        expect.arrayContaining([
          { name: base, sha: second },
          { name: other, sha: second },
        ]),
      );
      await port.deleteBranch(other);
      expect(await port.getBranch(other)).toBeNull();
      expect((await port.listBranches()).map((branch) => branch.name)).not.toContain(other);
    });

    it('answers a missing branch with null on reads and not_found on writes', async () => {
      const port = context.port();
      const missing = context.name('missing');
      const sha = await seedBranch(port, context.name('f41'), [
        packageFile('bash', 'bash-5.2-1.fc41'),
      ]);
      expect(await port.getBranch(missing)).toBeNull();
      await expectForgeError(port.deleteBranch(missing), 'not_found');
      await expectForgeError(
        port.commitFiles({
          branch: missing,
          parentSha: sha,
          message: 'x',
          files: [packageFile('a', 'a-1-1')],
        }),
        'not_found',
      );
      await expectForgeError(port.setBranch(missing, 'f'.repeat(40)), 'not_found');
      await expectForgeError(port.readFile(missing, 'rpms/b/bash'), 'not_found');
      await expectForgeError(port.listFiles(missing, 'rpms/'), 'not_found');
      await expectForgeError(port.getCommit('f'.repeat(40)), 'not_found');
    });
  });

  describe('commits', () => {
    it('creates, updates and deletes several files in one commit on the parent', async () => {
      const port = context.port();
      const branch = context.name('f41');
      const first = await seedBranch(port, branch, [
        packageFile('bash', 'bash-5.2.26-3.fc41'),
        packageFile('zsh', 'zsh-5.9-4.fc41'),
        { path: 'containers/f/flatpak-runtime', content: 'nvr: flatpak-runtime-41-1\n' },
      ]);
      const second = await port.commitFiles({
        branch,
        parentSha: first,
        message: 'FEDORA-2024-1\n\nsubmitter: alice',
        files: [
          packageFile('bash', 'bash-5.2.32-1.fc41'),
          { path: 'rpms/z/zsh', content: null },
          packageFile('zlib-ng', 'zlib-ng-2.2.2-1.fc41'),
        ],
      });
      expect(await port.getBranch(branch)).toEqual({ name: branch, sha: second });
      const commit = await port.getCommit(second);
      expect(commit.sha).toBe(second);
      expect(commit.parents).toEqual([first]);
      expect(commit.message.trim()).toBe('FEDORA-2024-1\n\nsubmitter: alice');
      expect(await port.readFile(branch, 'rpms/b/bash')).toBe('nvr: bash-5.2.32-1.fc41\n');
      expect(await port.readFile(branch, 'rpms/z/zsh')).toBeNull();
      expect(await port.readFile(branch, 'rpms/z/zlib-ng')).toBe('nvr: zlib-ng-2.2.2-1.fc41\n');
      expect(await port.listFiles(branch, 'rpms/')).toEqual(['rpms/b/bash', 'rpms/z/zlib-ng']);
      expect(await port.listFiles(branch, 'containers/')).toEqual(['containers/f/flatpak-runtime']);
      // The parent commit still reads as it was.
      expect(await port.readFile(first, 'rpms/b/bash')).toBe('nvr: bash-5.2.26-3.fc41\n');
      expect(await port.readFile(first, 'rpms/z/zsh')).toBe('nvr: zsh-5.9-4.fc41\n');
    });

    it('refuses a stale parent with conflict and keeps the concurrent change; a retry on the new tip succeeds', async () => {
      const port = context.port();
      const branch = context.name('f41');
      const seeded = await seedBranch(port, branch, [packageFile('bash', 'bash-5.2.26-3.fc41')]);
      const moved = await context
        .control()
        .moveBranchBehindBack(branch, [packageFile('bash', 'bash-5.2.32-1.fc41')]);
      await expectForgeError(
        port.commitFiles({
          branch,
          parentSha: seeded,
          message: 'stale',
          files: [packageFile('bash', 'bash-5.3-1.fc41')],
        }),
        'conflict',
      );
      expect(await port.getBranch(branch)).toEqual({ name: branch, sha: moved });
      expect(await port.readFile(branch, 'rpms/b/bash')).toBe('nvr: bash-5.2.32-1.fc41\n');
      const retried = await port.commitFiles({
        branch,
        parentSha: moved,
        message: 'retry',
        files: [packageFile('bash', 'bash-5.3-1.fc41')],
      });
      expect((await port.getCommit(retried)).parents).toEqual([moved]);
      expect(await port.readFile(branch, 'rpms/b/bash')).toBe('nvr: bash-5.3-1.fc41\n');
    });

    it('lets only one of two commits racing on the same parent win', async () => {
      const port = context.port();
      const branch = context.name('f41');
      const seeded = await seedBranch(port, branch, [packageFile('bash', 'bash-5.2.26-3.fc41')]);
      const attempt = (nvr: string) =>
        port
          .commitFiles({
            branch,
            parentSha: seeded,
            message: nvr,
            files: [packageFile('bash', nvr)],
          })
          .then(
            (sha) => ({ sha, nvr }),
            (error: unknown) => error,
          );
      const results = await Promise.all([attempt('bash-5.3-1.fc41'), attempt('bash-5.3-2.fc41')]);
      const winners = results.filter(
        (result): result is { sha: string; nvr: string } => 'sha' in (result as object),
      );
      expect(winners).toHaveLength(1);
      expect(results.find((result) => !winners.includes(result as never))).toMatchObject({
        kind: 'conflict',
      });
      expect(await port.getBranch(branch)).toEqual({ name: branch, sha: winners[0]?.sha });
      expect(await port.readFile(branch, 'rpms/b/bash')).toBe(`nvr: ${winners[0]?.nvr}\n`);
    });
  });

  describe('files', () => {
    it('reads files at a branch or a commit and lists a prefix sorted', async () => {
      const port = context.port();
      const branch = context.name('f41');
      const first = await seedBranch(port, branch, [
        packageFile('python3', 'python3-3.13.1-1.fc41'),
        packageFile('bash', 'bash-5.2.26-3.fc41'),
        packageFile('perl', 'perl-5.40.0-1.fc41'),
        { path: 'modules/n/nodejs', content: 'nvr: nodejs-20-1\n' },
      ]);
      await commitOnTip(port, branch, [packageFile('pam', 'pam-1.6.1-1.fc41')]);
      expect(await port.listFiles(branch, 'rpms/')).toEqual([
        'rpms/b/bash',
        'rpms/p/pam',
        'rpms/p/perl',
        'rpms/p/python3',
      ]);
      expect(await port.listFiles(branch, 'rpms/p/')).toEqual([
        'rpms/p/pam',
        'rpms/p/perl',
        'rpms/p/python3',
      ]);
      expect(await port.listFiles(branch, 'flatpaks/')).toEqual([]);
      expect(await port.listFiles(first, 'rpms/p/')).toEqual(['rpms/p/perl', 'rpms/p/python3']);
      expect(await port.readFile(branch, 'rpms/p/pam')).toBe('nvr: pam-1.6.1-1.fc41\n');
      expect(await port.readFile(first, 'rpms/p/pam')).toBeNull();
      expect(await port.readFile(branch, 'modules/n/nodejs')).toBe('nvr: nodejs-20-1\n');
      expect(await port.readFile(branch, 'rpms/n/nothing')).toBeNull();
    });

    it('compares a head with its base: ahead, then behind once the base moves', async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context);
      expect(await port.compare(base, head)).toEqual({ aheadBy: 1, behindBy: 0 });
      await commitOnTip(port, base, [packageFile('bash', 'bash-5.2.32-1.fc41')]);
      await commitOnTip(port, base, [packageFile('curl', 'curl-8.9.1-2.fc41')]);
      expect(await port.compare(base, head)).toEqual({ aheadBy: 1, behindBy: 2 });
      expect(await port.compare(head, base)).toEqual({ aheadBy: 2, behindBy: 1 });
    });
  });
}
