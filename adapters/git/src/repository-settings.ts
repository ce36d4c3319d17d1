import { ForgeError } from '@forgegate/core';
import { runGit } from './git-command.js';

/** The repository's own settings that change how its files must be written. */
export interface RepositorySettings {
  /** `core.logAllRefUpdates`: reflogs wanted, so ref updates go through `git update-ref`. */
  reflogs: boolean;
  /** zlib level for loose objects: `core.looseCompression`, else `core.compression`, else 1. */
  looseCompression: number;
}

const KEYS = [
  'core.logallrefupdates',
  'core.loosecompression',
  'core.compression',
  'extensions.objectformat',
];

const TRUE = new Set(['true', 'yes', 'on', '1', 'always']);

/**
 * Reads the settings once, at open, with git itself (its config syntax has includes, quoting and
 * case rules not worth re-implementing). The adapter's git never reads user or system
 * configuration (see git-command.ts), so the repository's `config` is the whole answer.
 */
export async function readRepositorySettings(gitDir: string): Promise<RepositorySettings> {
  const pattern = `^(${KEYS.map((key) => key.replace('.', '\\.')).join('|')})$`;
  const { stdout } = await runGit(gitDir, ['config', '--local', '--get-regexp', pattern], {
    okCodes: [1], // none of them set
  });
  const settings = new Map<string, string>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const space = line.indexOf(' ');
    // A key with no value (`[core] logAllRefUpdates`) is a boolean true.
    if (space < 0) settings.set(line, 'true');
    else settings.set(line.slice(0, space), line.slice(space + 1));
  }
  const format = settings.get('extensions.objectformat') ?? 'sha1';
  if (format !== 'sha1') {
    throw new ForgeError('permanent', `${gitDir}: ${format} repositories are not supported`);
  }
  const level = Number(
    settings.get('core.loosecompression') ?? settings.get('core.compression') ?? '1',
  );
  return {
    reflogs: TRUE.has((settings.get('core.logallrefupdates') ?? 'false').toLowerCase()),
    looseCompression: Number.isInteger(level) && level >= -1 && level <= 9 ? level : 1,
  };
}
