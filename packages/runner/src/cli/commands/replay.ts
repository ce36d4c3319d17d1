import type { Command } from 'commander';
import { openForge } from '../../forge/open-forge.js';
import { SqliteResultStore } from '../../inbox/held-results.js';
import { openInboxDatabase, type InboxDatabase } from '../../inbox/inbox-db.js';
import { RecordProcessor } from '../../pipeline/record-processor.js';
import { listInputs, readInput } from '../../replay/inputs.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { formatSummary } from '../format-summary.js';
import { startProgress } from '../progress.js';

interface ReplayOptions extends GlobalOptions {
  json?: boolean;
}

export function registerReplay(program: Command, context: CliContext): void {
  program
    .command('replay')
    .description(
      'apply recorded messages to the forge, in order: JSONL files (one envelope a line), ' +
        '.json message files, directories of .json files (in file-name order)',
    )
    .argument('<files...>', 'JSONL files, .json files or directories')
    .option('--json', 'print the summary as one JSON object on the last line of stdout')
    .action(async (files: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<ReplayOptions>();
      const config = context.loadConfig(options);
      const logger = context.createLogger(options);
      const inputs = await listInputs(files);
      const forge = await openForge(config);
      // With a configuration file, results waiting for their update's PR are kept in its inbox
      // file, as `run` keeps them, so a later replay (or `run`) applies them; without one they
      // live in memory only, and a replay leaves no file behind.
      let held: InboxDatabase | undefined;
      try {
        if (options.config !== undefined) held = openInboxDatabase(config.inbox.path);
        const processor = new RecordProcessor({
          port: forge.port,
          config,
          logger,
          ...(held ? { results: new SqliteResultStore(held) } : {}),
        });
        await processor.init();
        const progress = startProgress(
          context,
          inputs.reduce((sum, input) => sum + input.bytes, 0),
        );
        try {
          for (const input of inputs) {
            for await (const { record, bytes } of readInput(input)) {
              await processor.process(record);
              progress.advance(bytes, processor.tally);
            }
          }
        } finally {
          progress.stop();
        }
        const summary = processor.tally.summary();
        // Ignored reasons quote topics and fields from the input, which could carry a token.
        context.io.stderr.write(context.secrets.redact(formatSummary(summary)));
        if (options.json) {
          context.io.stdout.write(`${context.secrets.redact(JSON.stringify(summary))}\n`);
        }
        if (summary.rejected > 0 || summary.failed > 0) context.exitCode = 1;
      } finally {
        held?.close();
        await forge.close();
      }
    });
}
