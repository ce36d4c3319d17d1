import { describe, expect, it } from '@jest/globals';
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitOn, freshPath, git, open, startF41 } from './repositories.js';

/**
 * `forgegate run` killed with SIGKILL while the adapter holds a ref's lock (between creating
 * `<ref>.lock` and renaming it over the ref) leaves the lock behind. A ref update holds its lock for
 * a moment, so a lock that old is no one's: after a restart the update takes it over instead of
 * failing with a `conflict` until the message is dead-lettered (issue 5: killed at random points
 * and restarted, the final state is the uninterrupted one).
 */
describe('a ref lock left by a killed writer', () => {
  it('is taken over once it is older than any update holds a lock', async () => {
    const path = freshPath();
    const forge = await open(path);
    const root = await startF41(forge, [
      { path: 'rpms/b/bash', content: 'nvr: bash-5.2.26-3.fc41\n' },
    ]);
    const lock = join(path, 'refs/heads/f41.lock');
    // What the killed process left: the lock with the value it was about to write.
    writeFileSync(lock, `${root}\n`);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);

    const tip = await commitOn(forge, 'f41', { 'rpms/b/bash': 'nvr: bash-5.2.32-1.fc41\n' });
    expect(git(path, 'rev-parse', 'f41')).toBe(tip);
    expect(existsSync(lock)).toBe(false);
    expect(git(path, 'fsck', '--no-progress')).toBe('');
  });

  it('is still a conflict while it is fresh: someone is moving the ref', async () => {
    const path = freshPath();
    const forge = await open(path);
    const root = await startF41(forge, []);
    writeFileSync(join(path, 'refs/heads/f41.lock'), '');
    await expect(
      commitOn(forge, 'f41', { 'rpms/b/bash': 'nvr: bash-5.2.32\n' }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    expect(git(path, 'rev-parse', 'f41')).toBe(root);
  });
});
