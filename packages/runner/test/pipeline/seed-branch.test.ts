import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge } from '@forgegate/adapter-git';
import { dumpForgeState } from '@forgegate/testkit';
import { cli, git } from '../helpers/run-cli.js';
import { tagListingText, tempFile } from './tag-listings.js';

const KDE_ONE = 'koji.listTagged.f30-kde.event-38576329.latest.json';
const KDE_TWO = 'koji.listTagged.f30-kde.event-38576896.latest.json';

describe('forgegate seed-branch', () => {
  const repo = join(mkdtempSync(join(tmpdir(), 'forgegate-seed-')), 'distribution.git');
  const seed = (branch: string, listing: string, ...extra: string[]) =>
    cli(['seed-branch', branch, '--tag-listing', listing, '--repo', repo, ...extra]);

  it('fills a new branch with one package file per listed build, in one commit', async () => {
    const listing = tempFile('f30-kde.txt', tagListingText(KDE_TWO));
    const result = await seed('f30-kde', listing, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      branch: 'f30-kde',
      builds: 2,
      written: 2,
      removed: 0,
    });
    const forge = await openGitForge({ path: repo });
    try {
      expect((await dumpForgeState(forge)).branches['f30-kde']).toEqual({
        'rpms/q/qt5-qtbase': 'nvr: qt5-qtbase-5.11.3-1.fc30\n',
        'rpms/q/qt5-qtimageformats': 'nvr: qt5-qtimageformats-5.11.3-1.fc30\n',
      });
    } finally {
      forge.close();
    }
    expect(git(repo, 'rev-list', '--count', 'f30-kde')).toBe('1');
    expect(git(repo, 'log', '-1', '--format=%s', 'f30-kde')).toBe(
      'Seed f30-kde from Koji tag f30-kde: 2 build(s)',
    );
  });

  it('changes nothing when seeded again from the same listing', async () => {
    const listing = tempFile('f30-kde.txt', tagListingText(KDE_TWO));
    const before = git(repo, 'rev-parse', 'f30-kde');
    const result = await seed('f30-kde', listing, '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 0, removed: 0, commit: null });
    expect(git(repo, 'rev-parse', 'f30-kde')).toBe(before);
  });

  it('lets `git diff` between two seeded branches list the packages that differ', async () => {
    await seed('f30-kde-earlier', tempFile('earlier.txt', tagListingText(KDE_ONE)));
    expect(git(repo, 'diff', '--name-status', 'f30-kde-earlier', 'f30-kde')).toBe(
      'A\trpms/q/qt5-qtimageformats',
    );
    await seed(
      'f29-build',
      tempFile('f29.txt', tagListingText('koji.listTagged.f29-build.inherit-latest.json')),
    );
    const differing = git(repo, 'diff', '--name-only', 'f29-build', 'f30-kde').split('\n');
    expect(differing).toEqual([
      'rpms/e/eclipse',
      'rpms/g/guava',
      'rpms/l/lbzip2',
      'rpms/l/log4j',
      'rpms/m/maven',
      'rpms/q/qt5-qtbase',
      'rpms/q/qt5-qtimageformats',
      'rpms/r/rnv',
      'rpms/s/slf4j',
    ]);
  });

  it('brings an existing branch in line with a newer listing: dropped packages are deleted', async () => {
    const result = await seed('f30-kde', tempFile('one.txt', tagListingText(KDE_ONE)), '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ builds: 1, written: 0, removed: 1 });
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'f30-kde')).toBe('rpms/q/qt5-qtbase');
  });

  it('refuses a line that is not NVR TAG OWNER, naming the file and line, and writes nothing', async () => {
    const listing = tempFile(
      'bad.txt',
      `${tagListingText(KDE_ONE)}qt5-qtsvg-5.11.3-1.fc30 f30-kde\n`,
    );
    const before = git(repo, 'for-each-ref');
    const result = await seed('f30-bad', listing);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `forgegate: ${listing}:2: expected "NVR TAG OWNER" (koji list-tagged --latest --quiet), got 2 field(s)\n`,
    );
    expect(git(repo, 'for-each-ref')).toBe(before);
  });

  it('says in one line which listing it cannot read, and exits 2', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'forgegate-seed-missing-')), 'absent.txt');
    const result = await seed('f30-missing', missing);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`forgegate: ${missing}: cannot read: ENOENT\n`);
  });
});
