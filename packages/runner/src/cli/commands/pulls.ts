import type { CommitStatus, ForgePort, PullState } from '@forgegate/core';
import type { Command } from 'commander';
import { openForge } from '../../forge/open-forge.js';
import type { CliContext, GlobalOptions } from '../context.js';

/** One element of `forgegate pulls --json` (docs/cli.md). */
export interface PullListing {
  number: number;
  title: string;
  head: string;
  base: string;
  state: PullState;
  labels: string[];
  statuses: {
    context: string;
    state: CommitStatus['state'];
    description: string;
    url: string | null;
  }[];
  comments: { author: string; body: string }[];
}

interface PullsOptions extends GlobalOptions {
  json?: boolean;
}

export function registerPulls(program: Command, context: CliContext): void {
  program
    .command('pulls')
    .description('list the pull requests on the forge, with labels, statuses and comments')
    .option('--json', 'print them as a JSON array on stdout, sorted by number')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<PullsOptions>();
      const config = context.loadConfig(options);
      const forge = await openForge(config);
      try {
        const pulls = await listPulls(forge.port);
        context.io.stdout.write(
          options.json ? `${JSON.stringify(pulls, null, 2)}\n` : formatTable(pulls),
        );
      } finally {
        await forge.close();
      }
    });
}

/** Every PR with its statuses and comments; a tool's view, so listing all of them is fine here. */
export async function listPulls(port: ForgePort): Promise<PullListing[]> {
  const pulls = (await port.listPulls('all')).sort((a, b) => a.number - b.number);
  const listings: PullListing[] = [];
  for (const pull of pulls) {
    const [statuses, comments] = await Promise.all([
      port.listStatuses(pull.headSha),
      port.listComments(pull.number),
    ]);
    listings.push({
      number: pull.number,
      title: pull.title,
      head: pull.head,
      base: pull.base,
      state: pull.state,
      labels: [...pull.labels].sort(),
      statuses: statuses.map(({ context: name, state, description, url }) => ({
        context: name,
        state,
        description,
        url: url ?? null,
      })),
      comments: comments.map(({ author, body }) => ({ author, body })),
    });
  }
  return listings;
}

/** `#12  open    f41  updates/FEDORA-2025-…  title  [labels]`, one PR a line. */
function formatTable(pulls: PullListing[]): string {
  if (pulls.length === 0) return 'no pull requests\n';
  const rows = pulls.map((pull) => [
    `#${pull.number}`,
    pull.state,
    pull.base,
    pull.head,
    pull.comments.length === 1 ? '1 comment' : `${pull.comments.length} comments`,
    pull.title,
  ]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return `${rows
    .map((row, index) => {
      const cells = row.map((cell, column) =>
        column === row.length - 1 ? cell : cell.padEnd(widths[column]!),
      );
      const labels = pulls[index]!.labels.join(', ');
      return `${cells.join('  ')}${labels ? `  [${labels}]` : ''}`;
    })
    .join('\n')}\n`;
}
