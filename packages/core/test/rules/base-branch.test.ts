import {
  baseBranchOf,
  DEFAULT_CORE_CONFIG,
  deriveBranch,
  type BodhiRelease,
} from '@forgegate/core';
import { readFixture } from '@forgegate/testkit';

interface ApiRelease {
  name: string;
  branch: string;
  dist_tag: string;
  stable_tag: string;
}

const RELEASE_PAGES = [
  'releases.f40-branch-window.json',
  'releases.f42-post-branch-window.json',
  'releases.epel10-post-10.0-branch-window.upstream-edited.json',
  'releases.page-1-of-2.upstream-edited.json',
  'releases.page-2-of-2.upstream-edited.json',
];

const apiReleases: ApiRelease[] = RELEASE_PAGES.flatMap(
  (page) => (JSON.parse(readFixture(`bodhi-api/${page}`)) as { releases: ApiRelease[] }).releases,
);

/** Where no tag can tell the branch (see base-branch.ts): Rawhide, and EPEL 10 minors on `epel10`. */
function derivable(release: ApiRelease): boolean {
  return (
    release.branch !== 'rawhide' && !(release.branch === 'epel10' && release.dist_tag !== 'epel10')
  );
}

describe('core/rules/base-branch', () => {
  it('has real releases to check against', () => {
    expect(apiReleases.filter(derivable).length).toBeGreaterThan(40);
  });

  it.each(
    apiReleases
      .filter(derivable)
      .map((r): [string, string, string, string] => [r.name, r.dist_tag, r.stable_tag, r.branch]),
  )(
    '%s: from dist_tag %s, stable_tag %s or the name alone gives Bodhi branch %s',
    (name, distTag, stableTag, branch) => {
      expect(deriveBranch({ name, distTag, stableTag })).toBe(branch);
      expect(deriveBranch({ name, stableTag })).toBe(branch);
      expect(deriveBranch({ name })).toBe(branch);
    },
  );

  it('derives the eject message release (dist_tag fc30, no branch) and bare EL dist tags', () => {
    expect(deriveBranch({ name: 'F30', distTag: 'fc30' })).toBe('f30');
    expect(deriveBranch({ name: 'X', distTag: 'el9' })).toBe('epel9');
    expect(deriveBranch({ name: 'X', stableTag: 'f41-updates' })).toBe('f41');
  });

  it('prefers the config map, then release.branch, then the derivation', () => {
    const release: BodhiRelease = { name: 'F40', branch: 'rawhide', distTag: 'f40' };
    expect(baseBranchOf(release, DEFAULT_CORE_CONFIG)).toBe('rawhide');
    expect(baseBranchOf(release, { ...DEFAULT_CORE_CONFIG, releases: { F40: 'f40' } })).toBe('f40');
    expect(baseBranchOf({ name: 'F40', distTag: 'f40' }, DEFAULT_CORE_CONFIG)).toBe('f40');
  });

  it('names the release and the fix when nothing gives a branch', () => {
    expect(() => baseBranchOf({ name: 'Mystery' }, DEFAULT_CORE_CONFIG)).toThrow(
      `release "Mystery" has no branch: add it to the config's releases map`,
    );
  });
});
