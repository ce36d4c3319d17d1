import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFixture } from '@forgegate/testkit';

interface ListedBuildJson {
  nvr: string;
  tag_name: string;
  owner_name: string;
}

/**
 * `koji list-tagged --latest --quiet` output for a recorded `listTagged` call
 * (../shared/fixtures/bodhi-api/koji.listTagged.*.json): Koji's CLI prints each build as
 * `%-40s %-20s %s` of nvr, tag_name and owner_name.
 */
export function tagListingText(fixture: string): string {
  const call = JSON.parse(readFixture(`bodhi-api/${fixture}`)) as { result: ListedBuildJson[] };
  return call.result
    .map((build) => `${build.nvr.padEnd(40)} ${build.tag_name.padEnd(20)} ${build.owner_name}\n`)
    .join('');
}

/** Writes `text` to a new temp file and returns its path. */
export function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'forgegate-listing-')), name);
  writeFileSync(path, text);
  return path;
}
