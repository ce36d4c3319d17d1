import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileTopicOf } from '@forgegate/core';

/**
 * The shared fixtures (real bus captures, Bodhi's schemas, API responses) live beside the
 * repository in `../shared/fixtures`, never copied into it; `FORGEGATE_FIXTURES` points elsewhere.
 */
export const FIXTURES_ENV = 'FORGEGATE_FIXTURES';

/** The fixtures folder; throws, naming FORGEGATE_FIXTURES, when it is not there. */
export function fixturesRoot(): string {
  const fromEnv = process.env[FIXTURES_ENV];
  const root =
    fromEnv !== undefined && fromEnv !== ''
      ? resolve(fromEnv)
      : resolve(repositoryRoot(), '..', 'shared', 'fixtures');
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`fixtures not found at ${root}: set ${FIXTURES_ENV} to the fixtures folder`);
  }
  return root;
}

/** A fixture's text, by its path inside the fixtures folder (`messages/bodhi/<file>.json`). */
export function readFixture(relPath: string): string {
  const path = join(fixturesRoot(), relPath);
  if (!existsSync(path)) throw new Error(`fixture ${relPath} not found in ${fixturesRoot()}`);
  return readFileSync(path, 'utf8');
}

/**
 * The topic a fixture's file name gives (`bodhi.update.comment__FEDORA-2019-46910daf41.json` →
 * `bodhi.update.comment`), for bare bodies that carry none themselves; undefined without `__`.
 */
export function fixtureTopic(fileName: string): string | undefined {
  return fileTopicOf(basename(fileName));
}

/** The workspace root: the nearest folder above this module holding pnpm-workspace.yaml. */
function repositoryRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) {
      throw new Error(
        `fixtures not found: no pnpm-workspace.yaml above ${start}: set ${FIXTURES_ENV} to the fixtures folder`,
      );
    }
  }
}
