/**
 * The package file (DESIGN.md "The package file"): where a build lives in the distribution
 * repository and what its file holds. Both are functions of the build alone, so every event that
 * writes the same build writes the same bytes at the same path.
 */
import type { Build } from '../events/types.js';
import { UnmappableError } from './unmappable.js';

/** Top folder per Bodhi content type, like Fedora's dist-git namespaces. */
const TOP_FOLDERS: Record<string, string> = {
  rpm: 'rpms',
  container: 'containers',
  flatpak: 'flatpaks',
  module: 'modules',
};

/**
 * The source name a build is filed under, from its NVR.
 *
 * Koji's NVR is `name-version-release`; version and release contain no `-`, so the name is
 * everything before the last two `-` fields (`kernel-headers-6.6.2-101.fc38` → `kernel-headers`,
 * flatpak `firefox-stable-3820231006182118.1` → `firefox`, Koji's name for it).
 *
 * Modules are the exception: Bodhi's module NVR is `name-stream-version.context`
 * (`mysql-8.0-3820230907003352.75741a8b`), and a modular release ships several streams of one
 * module side by side. Filing them all under `mysql` would make the streams overwrite each other,
 * so a module is filed under `name-stream` (`mysql-8.0`): everything before the last `-` field.
 */
export function sourceName(build: Build): string {
  // RPM's NVR alphabet; anything else would reach a path, a commit message and Markdown.
  if (!/^[A-Za-z0-9._+~^-]+$/.test(build.nvr)) {
    throw new UnmappableError(
      `build nvr ${JSON.stringify(build.nvr.slice(0, 100))} has characters an NVR cannot have`,
    );
  }
  const fields = build.nvr.split('-');
  const kept = build.type === 'module' ? fields.length - 1 : fields.length - 2;
  if (kept < 1 || fields.slice(0, kept).some((field) => field === '')) {
    throw new UnmappableError(`build nvr ${JSON.stringify(build.nvr)} is not name-version-release`);
  }
  return fields.slice(0, kept).join('-');
}

/**
 * `rpms/<first letter, lowercase>/<name>` (sharded) or `rpms/<name>` (flat); the top folder
 * follows the update's content type. An unknown content type is refused rather than guessed.
 */
export function packageFilePath(
  build: Build,
  contentType: string,
  layout: 'sharded' | 'flat',
): string {
  const top = TOP_FOLDERS[contentType];
  if (!top)
    throw new UnmappableError(
      `content_type ${JSON.stringify(contentType.slice(0, 100))} has no package folder`,
    );
  const name = sourceName(build);
  return layout === 'flat' ? `${top}/${name}` : `${top}/${name.charAt(0).toLowerCase()}/${name}`;
}

/** `nvr: <nvr>` first, then `epoch: N` when the epoch is not 0. */
export function packageFileContent(build: Build): string {
  return build.epoch === 0 ? `nvr: ${build.nvr}\n` : `nvr: ${build.nvr}\nepoch: ${build.epoch}\n`;
}
