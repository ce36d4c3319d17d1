/**
 * A Koji tag listing (`koji list-tagged --latest --quiet TAG`: one build a line, whitespace-separated
 * `NVR TAG OWNER`) as the package files of one branch, and the commit that makes a branch hold
 * exactly those (DESIGN.md: one file per package, content a function of the build alone).
 *
 * The listing has no epochs and no build types: every build is an RPM with epoch 0, like Koji's
 * tag messages (./koji-tag-commit.ts), so a seeded file and a tag event's file are the same bytes.
 */
import type { Build } from '../events/types.js';
import type { FileChange } from '../port.js';
import { packageFileContent, packageFilePath, sourceName } from './package-file.js';
import { UnmappableError } from './unmappable.js';

export interface ListedBuild {
  build: Build;
  tag: string;
  owner: string;
  /** 1-based, for error messages. */
  line: number;
}

/** A listing line that is not `NVR TAG OWNER`, or a package listed twice. */
export class TagListingError extends Error {
  override readonly name = 'TagListingError';
}

export function parseTagListing(text: string, source: string): ListedBuild[] {
  const builds: ListedBuild[] = [];
  const lineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const fields = raw.trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) return;
    if (fields.length !== 3) {
      throw new TagListingError(
        `${source}:${line}: expected "NVR TAG OWNER" (koji list-tagged --latest --quiet), got ${fields.length} field(s)`,
      );
    }
    const [nvr, tag, owner] = fields as [string, string, string];
    const build: Build = { nvr, epoch: 0, type: 'rpm' };
    let name: string;
    try {
      name = sourceName(build);
    } catch (error) {
      if (error instanceof UnmappableError)
        throw new TagListingError(`${source}:${line}: ${error.message}`);
      throw error;
    }
    const earlier = lineOf.get(name);
    if (earlier !== undefined) {
      throw new TagListingError(
        `${source}:${line}: package ${name} is listed twice (line ${earlier}); list with --latest`,
      );
    }
    lineOf.set(name, line);
    builds.push({ build, tag, owner, line });
  });
  return builds;
}

/** The folder a branch's RPM package files live in (packageFilePath's top folder for `rpm`). */
export const RPM_FOLDER = 'rpms/';

/** Where each listed build's package file goes, and what it holds. */
function listedFiles(builds: ListedBuild[], layout: 'sharded' | 'flat'): Map<string, string> {
  return new Map(
    builds.map(({ build }) => [packageFilePath(build, 'rpm', layout), packageFileContent(build)]),
  );
}

/**
 * A branch's RPM package files: every path under `rpms/` (`paths`), and the content of those the
 * listing also has (`content`). Only those are compared; the others are deleted whatever they hold.
 */
export interface BranchPackageFiles {
  paths: readonly string[];
  content: ReadonlyMap<string, string>;
}

/**
 * Which of the branch's `paths` seedChanges needs the content of: those the listing has. On a
 * hosted forge each is a request, so a branch's files the listing drops are never read.
 */
export function seedReads(
  builds: ListedBuild[],
  paths: readonly string[],
  layout: 'sharded' | 'flat',
): string[] {
  const wanted = listedFiles(builds, layout);
  return paths.filter((path) => wanted.has(path));
}

/**
 * The changes that make a branch's RPM package files exactly the listing's: each build's file
 * where it differs, and deletions of package files the listing does not have. `current` is empty
 * for a new branch.
 */
export function seedChanges(
  builds: ListedBuild[],
  current: BranchPackageFiles,
  layout: 'sharded' | 'flat',
): FileChange[] {
  const wanted = listedFiles(builds, layout);
  const changes: FileChange[] = [];
  for (const [path, content] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (current.content.get(path) !== content) changes.push({ path, content });
  }
  for (const path of [...current.paths].sort()) {
    if (path.startsWith(RPM_FOLDER) && !wanted.has(path)) changes.push({ path, content: null });
  }
  return changes;
}

/** `Seed f30 from Koji tag f30-kde: 2 builds`, then who owns what, as `git log` shows it. */
export function seedCommitMessage(branch: string, builds: ListedBuild[], source: string): string {
  const tags = [...new Set(builds.map((entry) => entry.tag))].sort();
  const lines = [
    `Seed ${branch} from Koji tag ${tags.join(', ') || '(empty listing)'}: ${builds.length} build(s)`,
    '',
    `From the listing ${source} (koji list-tagged --latest --quiet).`,
    '',
    ...builds.map((entry) => `- ${entry.build.nvr} (${entry.tag}, owner ${entry.owner})`),
  ];
  return `${lines.join('\n')}\n`;
}
