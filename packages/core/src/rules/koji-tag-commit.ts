/**
 * A Koji tag change as a direct commit on the branch its tag maps to (`koji_tags` in the config):
 * tagging sets the build's package file, untagging the build the branch holds deletes it.
 *
 * Ordering: a branch holds the latest build of each package, and Bodhi only ever pushes a build
 * newer than the one in the tag, so a tag event for a build older than the one the file names
 * changes nothing (that is what keeps a replay or a late message from moving the branch back).
 * The same build already there changes nothing either: the file may have come from the update's
 * merge (with its epoch, which Koji's message does not carry), and merge and tag then agree.
 */
import type { CoreConfig } from '../config.js';
import type { KojiTagEvent } from '../events/pipeline-types.js';
import type { FileChange } from '../port.js';
import { TEXT_BOUNDS, sanitizeText } from '../sanitize.js';
import { packageFileContent, packageFilePath } from './package-file.js';
import { compareNvrVersions } from './rpm-version.js';

export interface TagTarget {
  branch: string;
  path: string;
}

/** Where the event lands, or undefined when its Koji tag maps to no branch. */
export function tagTarget(event: KojiTagEvent, config: CoreConfig): TagTarget | undefined {
  const branch = config.kojiTags[event.tag];
  if (branch === undefined) return undefined;
  return { branch, path: packageFilePath(event.build, event.build.type, config.layout) };
}

/** The `nvr:` line of a package file (DESIGN.md's contract: it comes first). */
export function nvrInPackageFile(content: string): string | undefined {
  return /^nvr: (\S+)$/m.exec(content)?.[1];
}

export type TagChange = { change: FileChange } | { unchanged: string };

/** The file change for the event given the file's current content (null: no file). */
export function tagFileChange(
  event: KojiTagEvent,
  path: string,
  current: string | null,
): TagChange {
  const held = current === null ? undefined : nvrInPackageFile(current);
  const { nvr } = event.build;
  if (event.action === 'untag') {
    if (held !== nvr) return { unchanged: `the branch does not hold ${nvr}` };
    return { change: { path, content: null } };
  }
  if (held === nvr) return { unchanged: `the branch already holds ${nvr}` };
  if (held !== undefined && compareNvrVersions(nvr, held) < 0) {
    return { unchanged: `${nvr} is older than ${held}, which the branch holds` };
  }
  return { change: { path, content: packageFileContent(event.build) } };
}

/** Names who tagged, into or out of which tag, and the message it came from (`git log` shows it). */
export function tagCommitMessage(event: KojiTagEvent, branch: string): string {
  const user = sanitizeText(event.user, { maxChars: TEXT_BOUNDS.name, inline: true });
  const owner = event.owner
    ? sanitizeText(event.owner, { maxChars: TEXT_BOUNDS.name, inline: true })
    : undefined;
  const { nvr } = event.build;
  const subject =
    event.action === 'tag' ? `Tag ${nvr} into ${event.tag}` : `Untag ${nvr} from ${event.tag}`;
  const verb = event.action === 'tag' ? 'tagged' : 'untagged';
  const direction = event.action === 'tag' ? 'into' : 'from';
  const lines = [
    subject,
    '',
    `Koji user ${user} ${verb} ${nvr} ${direction} ${event.tag}, the Koji tag of branch ${branch}.`,
  ];
  if (owner) lines.push(`Build owner: ${owner}`);
  lines.push('', `Koji-Tag: ${event.tag}`, `Tagged-By: ${user}`, `Message-Id: ${event.id}`);
  return `${lines.join('\n')}\n`;
}
