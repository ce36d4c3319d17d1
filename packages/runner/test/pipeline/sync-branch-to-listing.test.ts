import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge, type GitForge } from '@forgegate/adapter-git';
import { countingPort, DEFAULT_CORE_CONFIG, type ForgePort } from '@forgegate/core';
import { syncBranchToListing } from '../../src/pipeline/sync-branch-to-listing.js';
import { tagListingText } from './tag-listings.js';

const F29 = tagListingText('koji.listTagged.f29-build.inherit-latest.json');
/** qt5-qtbase and qt5-qtimageformats; a later event's listing has only qt5-qtbase. */
const KDE_TWO = tagListingText('koji.listTagged.f30-kde.event-38576896.latest.json');
const KDE_ONE = tagListingText('koji.listTagged.f30-kde.event-38576329.latest.json');

describe('syncBranchToListing: what it asks the forge', () => {
  let dir: string;
  let forge: GitForge;
  const sync = (port: ForgePort, listing: string) =>
    syncBranchToListing(port, 'f29', listing, 'listing.txt', DEFAULT_CORE_CONFIG);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'forgegate-sync-listing-'));
    forge = await openGitForge({ path: join(dir, 'distribution.git') });
  });
  afterEach(() => {
    forge.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('re-seeded from the same listing: lists the branch once, reads each listed file once, writes nothing', async () => {
    const first = await sync(forge, F29);
    expect(first.written).toBe(first.builds);
    const counted = countingPort(forge);
    const again = await sync(counted.port, F29);
    expect(again).toMatchObject({ written: 0, removed: 0, commit: null });
    expect(counted.calls()).toEqual({ getBranch: 1, listFiles: 1, readFile: first.builds });
  });

  it('moved to a listing that drops a package: reads only the file both have, deletes the other unread', async () => {
    await sync(forge, KDE_TWO);
    const counted = countingPort(forge);
    const result = await sync(counted.port, KDE_ONE);
    expect(result).toMatchObject({ builds: 1, written: 0, removed: 1 });
    expect(await forge.listFiles('f29', 'rpms/')).toEqual(['rpms/q/qt5-qtbase']);
    expect(counted.calls()).toEqual({ getBranch: 1, listFiles: 1, readFile: 1, commitFiles: 1 });
  });
});
