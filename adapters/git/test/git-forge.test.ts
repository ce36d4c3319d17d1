import { describe, expect, it } from '@jest/globals';
import { isForgeError } from '@forgegate/core';
import type { GitForge } from '@forgegate/adapter-git';
import { freshPath, git, open, startF41 } from './repositories.js';

/** An F41 update merged the way the reconciler does it. */
async function mergedUpdate(forge: GitForge): Promise<number> {
  const base = await startF41(forge, [
    { path: 'rpms/b/bash', content: 'nvr: bash-5.2.26-3.fc41\n' },
  ]);
  await forge.setBranch('updates/FEDORA-2024-abc', base);
  await forge.commitFiles({
    branch: 'updates/FEDORA-2024-abc',
    parentSha: base,
    message: 'FEDORA-2024-abc: bash-5.2.32-1.fc41\n\nSubmitter: alice\n',
    files: [{ path: 'rpms/b/bash', content: 'nvr: bash-5.2.32-1.fc41\n' }],
  });
  const pull = await forge.createPull({
    head: 'updates/FEDORA-2024-abc',
    base: 'f41',
    title: 'FEDORA-2024-abc: bash',
    body: '',
    labels: ['status:stable'],
  });
  await forge.mergePull(pull.number, 'Merge FEDORA-2024-abc');
  return pull.number;
}

describe('adapters/git on disk', () => {
  it('is a repository plain git reads: branches, files, a real merge commit, annotated tags', async () => {
    const path = freshPath();
    const forge = await open(path);
    await mergedUpdate(forge);
    await forge.createTag('Fedora-41-20250101.n.0', 'f41', 'Compose Fedora-41-20250101.n.0');

    expect(git(path, 'rev-parse', '--is-bare-repository')).toBe('true');
    expect(git(path, 'for-each-ref', '--format=%(refname)', 'refs/heads')).toBe(
      'refs/heads/f41\nrefs/heads/updates/FEDORA-2024-abc',
    );
    expect(git(path, 'show', 'f41:rpms/b/bash')).toBe('nvr: bash-5.2.32-1.fc41');
    const parents = git(path, 'rev-list', '--parents', '-n', '1', 'f41').split(' ');
    expect(parents.slice(1)).toEqual([
      git(path, 'rev-parse', 'f41^1'),
      git(path, 'rev-parse', 'updates/FEDORA-2024-abc'),
    ]);
    expect(git(path, 'log', '--topo-order', '--format=%s', 'f41')).toBe(
      'Merge FEDORA-2024-abc\nFEDORA-2024-abc: bash-5.2.32-1.fc41\nStart branch f41',
    );
    expect(git(path, 'log', '-1', '--format=%an <%ae>', 'updates/FEDORA-2024-abc')).toBe(
      'forgegate <forgegate@forgegate.invalid>',
    );
    expect(git(path, 'cat-file', '-t', 'Fedora-41-20250101.n.0')).toBe('tag');
    expect(git(path, 'tag', '-n1')).toMatch(
      /^Fedora-41-20250101\.n\.0\s+Compose Fedora-41-20250101\.n\.0$/,
    );
    expect(git(path, 'symbolic-ref', 'HEAD')).toBe('refs/heads/f41');
    expect(git(path, 'fsck', '--strict', '--no-progress')).toBe('');
  });

  it('keeps PRs, comments and statuses for a fresh process, and sees its writes at once', async () => {
    const path = freshPath();
    const first = await open(path);
    const number = await mergedUpdate(first);
    await first.asUser('alice').createComment(number, 'karma +1');
    const head = (await first.findPullByHead('updates/FEDORA-2024-abc'))?.headSha ?? '';
    await first.setStatus(head, { context: 'greenwave', state: 'success', description: 'passed' });

    const second = await open(path, 'another-bot');
    expect(await second.whoami()).toBe('another-bot');
    expect(await second.findPullByHead('updates/FEDORA-2024-abc')).toMatchObject({
      number,
      state: 'merged',
      author: 'forgegate',
      labels: ['status:stable'],
    });
    expect(await second.listComments(number)).toMatchObject([
      { author: 'alice', body: 'karma +1' },
    ]);
    expect(await second.listStatuses(head)).toEqual([
      { context: 'greenwave', state: 'success', description: 'passed' },
    ]);
    // The first forge's long-lived reader sees the second one's commit without reopening.
    const tip = await second.commitFiles({
      branch: 'f41',
      parentSha: (await second.getBranch('f41'))?.sha ?? '',
      message: 'untag bash',
      files: [{ path: 'rpms/b/bash', content: null }],
    });
    expect(await first.getBranch('f41')).toEqual({ name: 'f41', sha: tip });
    expect(await first.readFile('f41', 'rpms/b/bash')).toBeNull();
  });

  it('refuses names that git would take for options or that escape refs/heads, without running git', async () => {
    const forge = await open(freshPath());
    const kinds = await Promise.all(
      [
        forge.getBranch('--output=/tmp/x'),
        forge.setBranch('../../config', 'f'.repeat(40)),
        forge.readFile('main', '../../etc/passwd'),
        forge.createTag('bad tag', 'main', 'x'),
      ].map((attempt) =>
        attempt.then(
          () => 'accepted',
          (error: unknown) => (isForgeError(error) ? error.kind : String(error)),
        ),
      ),
    );
    expect(kinds).toEqual(['permanent', 'permanent', 'permanent', 'permanent']);
    expect(() => forge.asUser('mallory <x@y>\ncommitter forged')).toThrow(/invalid login/);
  });

  it('keeps a merged PR merged and refuses a second open PR for the same head', async () => {
    const forge = await open(freshPath());
    const number = await mergedUpdate(forge);
    await expect(forge.updatePull(number, { state: 'open' })).rejects.toMatchObject({
      kind: 'permanent',
    });
    const reopened = await forge.createPull({
      head: 'updates/FEDORA-2024-abc',
      base: 'f41',
      title: 'again',
      body: '',
      labels: [],
    });
    await expect(
      forge.createPull({
        head: 'updates/FEDORA-2024-abc',
        base: 'f41',
        title: 'twice',
        body: '',
        labels: [],
      }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect((await forge.listPulls('open')).map((pull) => pull.number)).toEqual([reopened.number]);
  });
});
