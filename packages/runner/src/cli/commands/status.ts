import type { Command } from 'commander';
import { openInboxDatabase } from '../../inbox/inbox-db.js';
import { inboxStatus, type InboxStatus } from '../../inbox/inbox-status.js';
import type { CliContext, GlobalOptions } from '../context.js';

interface StatusOptions extends GlobalOptions {
  json?: boolean;
}

export function registerStatus(program: Command, context: CliContext): void {
  program
    .command('status')
    .description('the inbox: depth, oldest pending message, dead letters, last message per source')
    .option('--json', 'print it as one JSON object on stdout')
    .action((_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<StatusOptions>();
      const config = context.loadConfig(options);
      const db = openInboxDatabase(config.inbox.path);
      let status: InboxStatus;
      try {
        status = inboxStatus(db);
      } finally {
        db.close();
      }
      context.io.stdout.write(options.json ? `${JSON.stringify(status)}\n` : formatStatus(status));
    });
}

function formatStatus(status: InboxStatus): string {
  const lines = [
    `pending   ${status.pending}${status.retrying > 0 ? ` (${status.retrying} waiting for a retry)` : ''}`,
    `oldest    ${status.oldestPendingAt ?? '-'}`,
    `done      ${status.done}`,
    `ignored   ${status.ignored}`,
    `rejected  ${status.rejected}`,
    `dead      ${status.dead}${status.dead > 0 ? '  (forgegate dead list)' : ''}`,
    'sources:',
    ...(status.sources.length === 0 ? ['  (none has delivered a message yet)'] : []),
    ...status.sources.map((source) =>
      `  ${source.source}: ${source.received} received, last ${source.lastMessageAt} ${source.lastTopic ?? ''} ${source.lastMessageId ?? ''}`.trimEnd(),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
