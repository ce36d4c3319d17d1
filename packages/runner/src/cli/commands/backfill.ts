import { SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import {
  sourceName,
  sourceSchema,
  type DatagrepperSourceConfig,
} from '../../config/sources-schema.js';
import { ConfigError } from '../../config/config-error.js';
import { openForge } from '../../forge/open-forge.js';
import { DatagrepperSource, type BackfillProgress } from '../../sources/datagrepper.js';
import { BusRunner } from '../../worker/bus-runner.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { workerOptions, type WorkerFlags } from './worker-flags.js';

interface BackfillOptions extends GlobalOptions, WorkerFlags {
  since: Date;
  until: Date;
  source?: string;
  apply: boolean;
}

function time(value: string): Date {
  const date = /^\d+(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError(
      'expected an ISO 8601 time (2025-01-31T12:00Z) or seconds since the epoch',
    );
  }
  return date;
}

export function registerBackfill(program: Command, context: CliContext): void {
  const command = program
    .command('backfill')
    .description(
      'read a time window of messages from datagrepper into the inbox, then apply them; a backfill ' +
        'that stops (killed, server down) resumes at its page when run again with the same window',
    )
    .requiredOption('--since <time>', 'start of the window (ISO 8601 or epoch seconds)', time)
    .option(
      '--until <time>',
      'end of the window (default: now, or where the backfill being resumed stopped)',
      time,
    )
    .option('--source <name>', 'which datagrepper source of the config (default: the first one)')
    .option('--no-apply', 'only queue the messages, for a running `forgegate run` to apply');
  workerOptions.register(command).action(async (_options: unknown, self: Command) => {
    const options = self.optsWithGlobals<BackfillOptions>();
    const config = context.loadConfig(options);
    const logger = context.createLogger(options);
    const datagrepper = pickSource(config.sources, options.source, config.file);
    const bar = progressBar(context);
    const source = new DatagrepperSource(
      sourceName(datagrepper),
      datagrepper,
      options.until ? { since: options.since, until: options.until } : { since: options.since },
      { onProgress: bar.update },
    );
    const forge = await openForge(config);
    try {
      const runner = await BusRunner.open({
        config,
        port: forge.port,
        logger,
        secrets: context.secrets,
        ...workerOptions.read(options),
      });
      try {
        await source.run(runner.intake, new AbortController().signal);
        bar.stop();
        if (options.apply) await runner.pool.runUntilEmpty();
      } finally {
        bar.stop();
        runner.close();
      }
    } finally {
      await forge.close();
    }
  });
}

function pickSource(
  sources: { type: string; name?: string }[],
  wanted: string | undefined,
  file: string | undefined,
): DatagrepperSourceConfig {
  const candidates = sources.filter(
    (source): source is DatagrepperSourceConfig => source.type === 'datagrepper',
  );
  if (wanted !== undefined) {
    const found = candidates.find((source) => sourceName(source) === wanted);
    if (!found)
      throw new ConfigError(
        `${file ?? 'configuration'}: sources: no datagrepper source named ${wanted}`,
      );
    return found;
  }
  // Without one configured, Fedora's public datagrepper with its defaults.
  return candidates[0] ?? (sourceSchema.parse({ type: 'datagrepper' }) as DatagrepperSourceConfig);
}

/** Pages and messages read, on stderr when it is a terminal. */
function progressBar(context: CliContext): {
  update: (progress: BackfillProgress) => void;
  stop: () => void;
} {
  if (!context.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    stream: context.io.stderr,
    format: 'datagrepper {bar} page {value}/{total} | {messages} messages, {queued} new',
    hideCursor: true,
  });
  let started = false;
  let queued = 0;
  context.logSink.divert = (line) => context.io.stderr.write(`\r\x1b[K${line}`);
  return {
    update: (progress) => {
      queued += progress.queued;
      if (!started) bar.start(progress.pages, 0, { messages: 0, queued: 0 });
      started = true;
      bar.setTotal(progress.pages);
      bar.update(progress.page, { messages: progress.messages, queued });
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
      context.logSink.divert = undefined;
    },
  };
}
