import type { Command } from 'commander';
import { openForge } from '../../forge/open-forge.js';
import { createRunSources } from '../../sources/create-sources.js';
import { configureServiceProcess } from '../../service-process.js';
import { BusRunner } from '../../worker/bus-runner.js';
import type { CliContext, GlobalOptions } from '../context.js';
import { workerOptions, type WorkerFlags } from './worker-flags.js';

export function registerRun(program: Command, context: CliContext): void {
  const command = program
    .command('run')
    .description(
      'the service: read the configured sources into the inbox and apply them to the forge until ' +
        'SIGTERM or SIGINT, then finish the work in flight and exit 0',
    );
  workerOptions.register(command).action(async (_options: unknown, self: Command) => {
    configureServiceProcess();
    const options = self.optsWithGlobals<GlobalOptions & WorkerFlags>();
    const config = context.loadConfig(options);
    const logger = context.createLogger(options);
    const forge = await openForge(config);
    const stop = new AbortController();
    const onSignal = (name: string) => () => {
      logger.info(`${name}: stopping`);
      stop.abort();
    };
    const onTerm = onSignal('SIGTERM');
    const onInt = onSignal('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    try {
      const sources = createRunSources(config, {
        env: context.io.env,
        cwd: context.io.cwd,
        port: forge.port,
        addSecret: (secret) => context.secrets.add(secret),
      });
      if (sources.length === 0)
        logger.warn('no sources configured (sources: in the config): only the inbox is worked');
      const runner = await BusRunner.open({
        config,
        port: forge.port,
        logger,
        secrets: context.secrets,
        ...workerOptions.read(options),
      });
      // Dead letters retried from the CLI, or messages another process queued, are noticed here.
      const poll = setInterval(() => runner.pool.wake(), 5000);
      try {
        await runner.run(sources, stop.signal);
      } finally {
        clearInterval(poll);
      }
      logger.info('stopped');
    } finally {
      process.removeListener('SIGTERM', onTerm);
      process.removeListener('SIGINT', onInt);
      await forge.close();
    }
  });
}
