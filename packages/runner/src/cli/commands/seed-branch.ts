import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { openForge } from '../../forge/open-forge.js';
import { syncBranchToListing } from '../../pipeline/sync-branch-to-listing.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { cannotRead } from '../input-error.js';

interface SeedOptions extends GlobalOptions {
  tagListing: string;
  json?: boolean;
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
        const result = await syncBranchToListing(
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
