/**
 * The branch an update's PR targets: the config's `releases` map, else Bodhi's `release.branch`,
 * else derived from the release's tags or name (messages trimmed to `release.name` plus, at most,
 * `dist_tag`: the eject message, Bodhi's schema examples).
 *
 * The derivation reproduces `release.branch` for every release in Bodhi's `/releases/` answers in
 * ../shared/fixtures/bodhi-api (a unit test checks each), with two exceptions nothing in a message
 * can settle, where the `releases` map is the answer:
 * - Rawhide: its release is `F43` with tags `f43`; the branch is `rawhide` until it branches, so a
 *   derivation gives `f43`.
 * - EPEL 10 minor releases (`EPEL-10.1`, tags `epel10.1`): Bodhi has used both `epel10.1` and
 *   `epel10` as their branch; the derivation gives `epel10.1`.
 */
import type { BodhiRelease } from '../events/types.js';
import type { CoreConfig } from '../config.js';
import { UnmappableError } from './unmappable.js';

type Rule = [pattern: RegExp, branch: (match: RegExpExecArray) => string];

/** Koji tags (dist_tag first, then stable_tag): `fc41`/`f41`/`f41-updates` → f41, and so on. */
const TAG_RULES: Rule[] = [
  [/^fc?(\d+)(?:-updates)?$/, (m) => `f${m[1]}`],
  [/^f(\d+)-modular(?:-updates)?$/, (m) => `f${m[1]}m`],
  // Containers and flatpaks live on the release's own branch (Bodhi: F41C and F41F → f41).
  [/^f(\d+)-(?:container|flatpak)(?:-updates)?$/, (m) => `f${m[1]}`],
  [/^epel(\d+(?:\.\d+)?(?:-next)?)$/, (m) => `epel${m[1]}`],
  [/^epel(\d+)-modular(?:-updates)?$/, (m) => `epel${m[1]}m`],
  // A bare `el9` dist tag is EPEL's (Fedora's own tags are fNN).
  [/^el(\d+)$/, (m) => `epel${m[1]}`],
  // EPEL for RHEL 5 and 6 used the old `dist-6E-epel` tags; Bodhi's branch was `el6`.
  [/^dist-(\d+)E-epel$/, (m) => `el${m[1]}`],
  [/^eln$/, () => 'eln'],
];

/** Bodhi release names: `F41`, `F41C`, `F41F`, `F41M`, `EPEL-9`, `EPEL-9N`, `EPEL-8M`, `EL-6`, `ELN`. */
const NAME_RULES: Rule[] = [
  [/^F(\d+)[CF]?$/, (m) => `f${m[1]}`],
  [/^F(\d+)M$/, (m) => `f${m[1]}m`],
  [/^EPEL-(\d+(?:\.\d+)?)$/, (m) => `epel${m[1]}`],
  [/^EPEL-(\d+)N$/, (m) => `epel${m[1]}-next`],
  [/^EPEL-(\d+)M$/, (m) => `epel${m[1]}m`],
  [/^EL-(\d+)$/, (m) => `el${m[1]}`],
  [/^ELN$/, () => 'eln'],
];

function firstMatch(value: string | undefined, rules: Rule[]): string | undefined {
  if (!value) return undefined;
  for (const [pattern, branch] of rules) {
    const match = pattern.exec(value);
    if (match) return branch(match);
  }
  return undefined;
}

/** The branch derived from the release's tags, then its name; undefined when none fits. */
export function deriveBranch(release: BodhiRelease): string | undefined {
  return (
    firstMatch(release.distTag, TAG_RULES) ??
    firstMatch(release.stableTag, TAG_RULES) ??
    firstMatch(release.name, NAME_RULES)
  );
}

export function baseBranchOf(release: BodhiRelease, config: CoreConfig): string {
  const branch = config.releases[release.name] ?? release.branch ?? deriveBranch(release);
  if (!branch) {
    throw new UnmappableError(
      `release "${release.name}" has no branch: add it to the config's releases map`,
    );
  }
  return branch;
}
