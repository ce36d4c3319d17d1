import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge, type GitForge } from '@forgegate/adapter-git';
import { dumpForgeState } from '@forgegate/testkit';

const opened: { forge: GitForge; dir: string }[] = [];

async function freshForge(now?: () => Date): Promise<GitForge> {
  const dir = mkdtempSync(join(tmpdir(), 'forgegate-dump-'));
  const forge = await openGitForge({ path: join(dir, 'repo.git'), ...(now && { now }) });
  opened.push({ forge, dir });
  return forge;
}

afterEach(() => {
  for (const { forge, dir } of opened.splice(0)) {
    forge.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** One update's PR on f41, built in either order of its two writes. */
async function buildUpdate(forge: GitForge, commentFirst: boolean): Promise<void> {
  const base = await forge.commitFiles({
    branch: 'f41',
    parentSha: '',
    message: 'f41',
    files: [{ path: 'rpms/b/bash', content: 'nvr: bash-5.2.26-3.fc41\n' }],
  });
  await forge.setBranch('updates/FEDORA-2024-1', base);
  const head = await forge.commitFiles({
    branch: 'updates/FEDORA-2024-1',
    parentSha: base,
    message: 'FEDORA-2024-1',
    files: [{ path: 'rpms/z/zsh', content: 'nvr: zsh-5.9-1.fc41\n' }],
  });
  const pull = await forge.createPull({
    head: 'updates/FEDORA-2024-1',
    base: 'f41',
    title: 'FEDORA-2024-1: zsh',
    body: 'body',
    labels: ['type:bugfix', 'status:testing'],
  });
  const comment = () => forge.asUser('alice').createComment(pull.number, 'works for me');
  const status = () =>
    forge.setStatus(head, { context: 'greenwave', state: 'success', description: 'passed' });
  if (commentFirst) await comment().then(status);
  else await status().then(comment);
  await forge.createTag('Fedora-41-20250101.n.0', base, 'compose');
}

describe('dumpForgeState', () => {
  it('holds the PRs, package files and tags without any sha', async () => {
    const forge = await freshForge();
    await buildUpdate(forge, true);
    const state = await dumpForgeState(forge);
    expect(state).toEqual({
      pulls: [
        {
          head: 'updates/FEDORA-2024-1',
          base: 'f41',
          state: 'open',
          title: 'FEDORA-2024-1: zsh',
          body: 'body',
          labels: ['status:testing', 'type:bugfix'],
          statuses: [{ context: 'greenwave', state: 'success', description: 'passed' }],
          comments: [{ author: 'alice', body: 'works for me' }],
          reviews: [],
        },
      ],
      branches: {
        f41: { 'rpms/b/bash': 'nvr: bash-5.2.26-3.fc41\n' },
        'updates/FEDORA-2024-1': {
          'rpms/b/bash': 'nvr: bash-5.2.26-3.fc41\n',
          'rpms/z/zsh': 'nvr: zsh-5.9-1.fc41\n',
        },
      },
      tags: [
        {
          name: 'Fedora-41-20250101.n.0',
          message: 'compose',
          files: { 'rpms/b/bash': 'nvr: bash-5.2.26-3.fc41\n' },
        },
      ],
    });
    expect(JSON.stringify(state)).not.toMatch(/[0-9a-f]{40}/);
  });

  it('is equal for two forges that reached the same state in different orders and at different times', async () => {
    const first = await freshForge();
    const second = await freshForge(() => new Date('2031-05-06T07:08:09Z'));
    await buildUpdate(first, true);
    await buildUpdate(second, false);
    expect((await second.getBranch('f41'))?.sha).not.toEqual((await first.getBranch('f41'))?.sha);
    expect(await dumpForgeState(second)).toEqual(await dumpForgeState(first));
  });

  it('tells apart forges whose package files differ', async () => {
    const first = await freshForge();
    const second = await freshForge();
    await buildUpdate(first, true);
    await buildUpdate(second, true);
    const tip = await second.getBranch('f41');
    await second.commitFiles({
      branch: 'f41',
      parentSha: tip?.sha ?? '',
      message: 'untag bash',
      files: [{ path: 'rpms/b/bash', content: null }],
    });
    expect(await dumpForgeState(second)).not.toEqual(await dumpForgeState(first));
  });
});
