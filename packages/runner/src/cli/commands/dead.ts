import type { Command } from 'commander';
import { DeadLetters } from '../../inbox/dead-letters.js';
import { openInboxDatabase } from '../../inbox/inbox-db.js';
import type { CliContext, GlobalOptions } from '../context.js';

interface DeadOptions extends GlobalOptions {
  json?: boolean;
}

export function registerDead(program: Command, context: CliContext): void {
  const dead = program
    .command('dead')
    .description('the dead letters: messages the workers gave up on, with why');

  const withDeadLetters = <T>(
    command: Command,
    body: (letters: DeadLetters, options: DeadOptions) => T,
  ): T => {
    const options = command.optsWithGlobals<DeadOptions>();
    const config = context.loadConfig(options);
    const db = openInboxDatabase(config.inbox.path);
    try {
      return body(new DeadLetters(db), options);
    } finally {
      db.close();
    }
  };

  dead
    .command('list')
    .description('list the dead letters (ID, message id, entity, reason)')
    .option('--json', 'print them as one JSON array on stdout')
    .action((_options: unknown, command: Command) =>
      withDeadLetters(command, (letters, options) => {
        const list = letters.list();
        if (options.json) {
          context.io.stdout.write(`${JSON.stringify(list)}\n`);
          return;
        }
        if (list.length === 0) context.io.stdout.write('no dead letters\n');
        for (const letter of list) {
          context.io.stdout.write(
            `${letter.seq}\t${letter.diedAt}\t${letter.entity}\t${letter.topic}\t${letter.id}\n\t${letter.reason} (${letter.attempts} attempts)\n`,
          );
        }
      }),
    );

  const change = (name: 'retry' | 'drop', description: string, done: string) =>
    dead
      .command(`${name} <id>`)
      .description(description)
      .action((id: string, _options: unknown, command: Command) =>
        withDeadLetters(command, (letters) => {
          const seq = Number(id);
          if (!Number.isInteger(seq) || !letters[name](seq)) {
            context.io.stderr.write(
              `forgegate: dead ${name}: ${id} is not a dead letter (see: forgegate dead list)\n`,
            );
            context.exitCode = 1;
            return;
          }
          context.io.stderr.write(`${id}: ${done}\n`);
        }),
      );
  change(
    'retry',
    'put a dead letter back in the queue, with fresh attempts',
    'queued again; `forgegate run` applies it',
  );
  change('drop', 'forget a dead letter for good', 'dropped');
}
