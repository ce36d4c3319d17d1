import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseTagListing,
  seedChanges,
  seedCommitMessage,
  type CoreConfig,
  type ForgePort,
} from '@forgegate/core';
import type { Command } from 'commander';
import { openForge } from '../../forge/open-forge.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { cannotRead } from '../input-error.js';

interface SeedOptions extends GlobalOptions {
  tagListing: string;
  json?: boolean;
}

/** What `seed-branch --json` prints. */
export interface SeedResult {
  branch: string;
  builds: number;
  written: number;
  removed: number;
  /** The new commit, or null when the branch already held exactly the listing. */
  commit: string | null;
}

export function registerSeedBranch(program: Command, context: CliContext): void {
  program
    .command('seed-branch')
    .description("fill BRANCH from a Koji tag's builds, one package file each, in one commit")
    .argument('<branch>', 'the branch to create or bring in line with the listing')
    .requiredOption(
      '--tag-listing <file>',
      'output of `koji list-tagged --latest --quiet TAG` (NVR TAG OWNER per line)',
    )
    .option('--json', 'print the result as JSON on stdout')
    .action(async (branch: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<SeedOptions>();
      const config = context.loadConfig(options);
      const path = resolve(context.io.cwd, options.tagListing);
      let listing: string;
      try {
        listing = readFileSync(path, 'utf8');
      } catch (error) {
        throw cannotRead(options.tagListing, error);
      }
      const forge = await openForge(config);
      try {
        const result = await seedBranch(
          forge.port,
          branch,
          listing,
          options.tagListing,
          config.core,
        );
        context.io.stdout.write(
          options.json
            ? `${JSON.stringify(result, null, 2)}\n`
            : `${branch}: ${result.builds} build(s); ${result.written} file(s) written, ${result.removed} removed${result.commit ? '' : ' (already up to date)'}\n`,
        );
      } finally {
        await forge.close();
      }
    });
}

/**
 * One commit making the branch's RPM package files exactly the listing's: created from a root
 * commit when the branch does not exist, on its tip otherwise (then a re-seed from a fresh listing
 * repairs what lost or untag-only messages left behind). No commit when nothing differs.
 */
export async function seedBranch(
  port: ForgePort,
  branch: string,
  listing: string,
  source: string,
  config: Pick<CoreConfig, 'layout'>,
): Promise<SeedResult> {
  const builds = parseTagListing(listing, source);
  const tip = await port.getBranch(branch);
  const current = new Map<string, string>();
  if (tip) {
    for (const path of await port.listFiles(tip.sha, 'rpms/')) {
      current.set(path, (await port.readFile(tip.sha, path)) ?? '');
    }
  }
  const changes = seedChanges(builds, current, config.layout);
  const removed = changes.filter((change) => change.content === null).length;
  const result = { branch, builds: builds.length, written: changes.length - removed, removed };
  if (changes.length === 0) return { ...result, commit: null };
  const commit = await port.commitFiles({
    branch,
    parentSha: tip?.sha ?? '',
    message: seedCommitMessage(branch, builds, source),
    files: changes,
  });
  return { ...result, commit };
}
