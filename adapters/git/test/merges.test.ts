import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { isForgeError } from '@forgegate/core';
import type { GitForge } from '@forgegate/adapter-git';
import { commitOn, freshPath, git, mergeBranch, open, startF41, tipOf } from './repositories.js';

type Changes = Record<string, string | null>;

/** A package file with a few lines, so both sides can change different lines of it. */
function packageFile(name: string, version: string): string {
  return [
    `name: ${name}`,
    `summary: the ${name} package`,
    'license: GPL-3.0-or-later',
    `url: https://src.fedoraproject.org/rpms/${name}`,
    'owner: fedora',
    `nvr: ${name}-${version}`,
    '',
  ].join('\n');
}

const START: Changes = {
  'rpms/b/bash': packageFile('bash', '5.2.26-3.fc41'),
  'rpms/c/coreutils': packageFile('coreutils', '9.5-1.fc41'),
  'rpms/k/kernel': packageFile('kernel', '6.11.4-301.fc41'),
  'rpms/k/kexec-tools': packageFile('kexec-tools', '2.0.29-1.fc41'),
};

/** What git itself says of merging `head` into `base`: the merged tree, or that it conflicts. */
function gitMergeTree(path: string, base: string, head: string): string {
  const result = spawnSync(
    'git',
    ['-C', path, 'merge-tree', '--write-tree', '--no-messages', base, head],
    { encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } },
  );
  if (result.status === 1) return 'conflict';
  if (result.status !== 0) throw new Error(`git merge-tree failed: ${result.stderr}`);
  return result.stdout.split('\n')[0] as string;
}

/**
 * f41 starts with START; `updates/x` forks from it and gets `head`'s commits while f41 gets
 * `base`'s; then the PR is merged. Returns git's own answer, taken before the merge, beside ours.
 */
async function mergeAfter(base: Changes[], head: Changes[]) {
  const path = freshPath();
  const forge = await open(path);
  await startF41(
    forge,
    Object.entries(START).map(([file, content]) => ({ path: file, content })),
  );
  await forge.setBranch('updates/x', await tipOf(forge, 'f41'));
  for (const changes of head) await commitOn(forge, 'updates/x', changes);
  for (const changes of base) await commitOn(forge, 'f41', changes);
  const [baseTip, headTip] = [await tipOf(forge, 'f41'), await tipOf(forge, 'updates/x')];
  const expected = gitMergeTree(path, baseTip, headTip);
  const outcome = await mergeBranch(forge, 'updates/x', 'f41').then(
    () => 'merged',
    (error: unknown) => (isForgeError(error) ? error.kind : String(error)),
  );
  return { path, forge, expected, outcome, baseTip, headTip };
}

/** The merge went through as git would have made it: git's tree, both parents, fsck clean. */
function expectMergedAsGit(result: Awaited<ReturnType<typeof mergeAfter>>): void {
  const { path, expected, outcome, baseTip, headTip } = result;
  expect(expected).not.toBe('conflict');
  expect(outcome).toBe('merged');
  expect(git(path, 'rev-parse', 'f41^{tree}')).toBe(expected);
  expect(git(path, 'rev-list', '--parents', '-n', '1', 'f41').split(' ').slice(1)).toEqual([
    baseTip,
    headTip,
  ]);
  expect(git(path, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('');
}

/** Refused as git would refuse it: not_mergeable, the base untouched, the PR still open. */
async function expectRefusedAsGit(result: Awaited<ReturnType<typeof mergeAfter>>) {
  expect(result.expected).toBe('conflict');
  expect(result.outcome).toBe('not_mergeable');
  expect(await tipOf(result.forge, 'f41')).toBe(result.baseTip);
  expect(await result.forge.findPullByHead('updates/x')).toMatchObject({ state: 'open' });
}

describe('adapters/git merges as git merge-tree does', () => {
  it('merges changes to different packages, on a base that moved several times', async () => {
    expectMergedAsGit(
      await mergeAfter(
        [
          { 'rpms/a/acl': packageFile('acl', '2.3.2-2.fc41') },
          { 'rpms/c/coreutils': packageFile('coreutils', '9.5-2.fc41') },
          { 'rpms/k/kernel': null },
        ],
        [{ 'rpms/b/bash': packageFile('bash', '5.2.32-1.fc41'), 'rpms/z/zsh': 'nvr: zsh-5.9\n' }],
      ),
    );
  });

  it('merges the same change made on both sides', async () => {
    const bash = packageFile('bash', '5.2.32-1.fc41');
    expectMergedAsGit(
      await mergeAfter(
        [{ 'rpms/b/bash': bash, 'rpms/a/acl': 'nvr: acl-2.3.2\n' }],
        [{ 'rpms/b/bash': bash }],
      ),
    );
  });

  it('merges different lines of one file changed on each side (git merges the content)', async () => {
    const bash = START['rpms/b/bash'] as string;
    expectMergedAsGit(
      await mergeAfter(
        [{ 'rpms/b/bash': bash.replace('GPL-3.0-or-later', 'GPL-3.0-only') }],
        [{ 'rpms/b/bash': bash.replace('5.2.26-3.fc41', '5.2.32-1.fc41') }],
      ),
    );
  });

  it('carries a change over to a file the other side renamed (git detects the rename)', async () => {
    const kernel = START['rpms/k/kernel'] as string;
    expectMergedAsGit(
      await mergeAfter(
        [{ 'rpms/k/kernel': kernel.replace('GPL-3.0-or-later', 'GPL-2.0-only') }],
        [{ 'rpms/k/kernel': null, 'rpms/k/kernel-core': kernel }],
      ),
    );
  });

  it('merges a head that is already merged (the tree stays the base tree)', async () => {
    const path = freshPath();
    const forge = await open(path);
    await startF41(forge, [{ path: 'rpms/b/bash', content: 'nvr: bash-5.2.26\n' }]);
    await forge.setBranch('updates/x', await tipOf(forge, 'f41'));
    await commitOn(forge, 'updates/x', { 'rpms/b/bash': 'nvr: bash-5.2.32\n' });
    await mergeBranch(forge, 'updates/x', 'f41');
    await commitOn(forge, 'f41', { 'rpms/a/acl': 'nvr: acl-2.3.2\n' });
    const before = git(path, 'rev-parse', 'f41^{tree}');
    await mergeBranch(forge, 'updates/x', 'f41');
    expect(git(path, 'rev-parse', 'f41^{tree}')).toBe(before);
    expect(git(path, 'rev-list', '--count', '--merges', 'f41')).toBe('2');
  });

  it('refuses one line changed differently on each side', async () => {
    const bash = START['rpms/b/bash'] as string;
    await expectRefusedAsGit(
      await mergeAfter(
        [{ 'rpms/b/bash': bash.replace('5.2.26-3.fc41', '5.2.26-4.fc41') }],
        [{ 'rpms/b/bash': bash.replace('5.2.26-3.fc41', '5.2.32-1.fc41') }],
      ),
    );
  });

  it('refuses a file one side deleted and the other changed', async () => {
    await expectRefusedAsGit(
      await mergeAfter(
        [{ 'rpms/k/kernel': null }],
        [{ 'rpms/k/kernel': packageFile('kernel', '6.11.5-300.fc41') }],
      ),
    );
  });

  it('refuses a file one side renamed and the other deleted (git pairs the rename)', async () => {
    const kernel = START['rpms/k/kernel'] as string;
    await expectRefusedAsGit(
      await mergeAfter(
        [{ 'rpms/k/kernel': null }],
        [{ 'rpms/k/kernel': null, 'rpms/k/kernel-core': kernel }],
      ),
    );
  });
});

describe('adapters/git walks history as git rev-list and merge-base do', () => {
  /**
   * A criss-cross: p and q each merge the other's first commit, so they have two merge bases
   * (p1 and q1). Then each side puts back the file the other's first commit changed, which only a
   * merge from both bases (git's virtual base) sees as a change: merging from either base alone
   * keeps one of the two files changed. Returns the branch names.
   */
  async function crissCross(forge: GitForge): Promise<string[]> {
    await startF41(
      forge,
      Object.entries(START).map(([path, content]) => ({ path, content })),
    );
    const root = await tipOf(forge, 'f41');
    for (const branch of ['p', 'q']) await forge.setBranch(branch, root);
    await commitOn(forge, 'p', { 'rpms/b/bash': packageFile('bash', '5.2.32-1.fc41') });
    await commitOn(forge, 'q', { 'rpms/c/coreutils': packageFile('coreutils', '9.5-2.fc41') });
    await forge.setBranch('p1', await tipOf(forge, 'p'));
    await forge.setBranch('q1', await tipOf(forge, 'q'));
    await mergeBranch(forge, 'q1', 'p');
    await mergeBranch(forge, 'p1', 'q');
    await commitOn(forge, 'p', { 'rpms/c/coreutils': START['rpms/c/coreutils'] as string });
    await commitOn(forge, 'q', { 'rpms/b/bash': START['rpms/b/bash'] as string });
    await commitOn(forge, 'q', { 'rpms/z/zsh': 'nvr: zsh-5.9\n' });
    await commitOn(forge, 'f41', { 'rpms/a/acl': 'nvr: acl-2.3.2\n' });
    return ['f41', 'p', 'q', 'p1', 'q1'];
  }

  it('counts ahead and behind as git rev-list --left-right --count, across merges', async () => {
    const path = freshPath();
    const forge = await open(path);
    const branches = await crissCross(forge);
    for (const base of branches) {
      for (const head of branches) {
        const [behind, ahead] = git(
          path,
          'rev-list',
          '--left-right',
          '--count',
          `${base}...${head}`,
        )
          .split(/\s+/)
          .map(Number);
        expect({ base, head, ...(await forge.compare(base, head)) }).toEqual({
          base,
          head,
          aheadBy: ahead,
          behindBy: behind,
        });
      }
    }
  });

  it('merges branches with two merge bases as git does', async () => {
    const path = freshPath();
    const forge = await open(path);
    await crissCross(forge);
    expect(git(path, 'merge-base', '--all', 'p', 'q').split('\n')).toHaveLength(2);
    const [p, q] = [await tipOf(forge, 'p'), await tipOf(forge, 'q')];
    const expected = gitMergeTree(path, p, q);
    await mergeBranch(forge, 'q', 'p');
    expect(git(path, 'rev-parse', 'p^{tree}')).toBe(expected);
    expect(await forge.readFile('p', 'rpms/b/bash')).toBe(START['rpms/b/bash']);
    expect(await forge.readFile('p', 'rpms/c/coreutils')).toBe(START['rpms/c/coreutils']);
    expect(git(path, 'rev-list', '--parents', '-n', '1', 'p').split(' ').slice(1)).toEqual([p, q]);
  });
});
