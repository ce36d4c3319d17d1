import type { Command } from 'commander';
import { openInboxDatabase } from '../../inbox/inbox-db.js';
import { rejectedRecords } from '../../inbox/inbox-status.js';
import type { CliContext, GlobalOptions } from '../context.js';

interface RejectedOptions extends GlobalOptions {
  json?: boolean;
  limit: string;
}

/**
 * `forgegate rejected`: what the sources received but could not use (not JSON, wrong shape, too
 * large), acknowledged to the broker and kept with the reason, so nothing is dropped unseen.
 */
export function registerRejected(program: Command, context: CliContext): void {
  program
    .command('rejected')
    .description('list the records the sources rejected (not JSON, wrong shape, too large), why')
    .option('--json', 'print them as one JSON array on stdout')
    .option('--limit <n>', 'the newest N records', '100')
    .action((_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<RejectedOptions>();
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        context.io.stderr.write(`forgegate: rejected: --limit ${options.limit} is not a count\n`);
        context.exitCode = 2;
        return;
      }
      const config = context.loadConfig(options);
      const db = openInboxDatabase(config.inbox.path);
      try {
        const records = rejectedRecords(db, limit);
        if (options.json) {
          context.io.stdout.write(`${JSON.stringify(records)}\n`);
          return;
        }
        if (records.length === 0) context.io.stdout.write('no rejected records\n');
        for (const record of records) {
          context.io.stdout.write(
            `${record.source}\t${record.origin}\t${record.topic ?? '-'}\t${record.bytes} bytes\n\t${record.reason}\n`,
          );
        }
      } finally {
        db.close();
      }
    });
}
