import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { InputError } from './input-error.js';
import { registerBackfill } from './commands/backfill.js';
import { registerDead } from './commands/dead.js';
import { registerPulls } from './commands/pulls.js';
import { registerRejected } from './commands/rejected.js';
import { registerReplay } from './commands/replay.js';
import { registerRun } from './commands/run.js';
import { registerSeedBranch } from './commands/seed-branch.js';
import { registerStatus } from './commands/status.js';
import { CliContext, type CliIo } from './context.js';

/** Exit status for a bad command line or configuration (1 means rejected or failed records). */
export const EXIT_USAGE = 2;

/** The `forgegate` program. Each command lives in ./commands/ and registers itself here. */
export function buildProgram(context: CliContext): Command {
  const program = new Command('forgegate')
    .description("mirror a Linux distribution's release pipeline as Git forge objects")
    .option('--config <file>', 'YAML configuration (default: the embedded git forge)')
    .option('--repo <dir>', 'the repository to write (default: ./var/distribution.git)')
    .option('--log-level <level>', 'error, warn, info or debug', 'info')
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .exitOverride();
  registerReplay(program, context);
  registerPulls(program, context);
  registerRun(program, context);
  registerBackfill(program, context);
  registerDead(program, context);
  registerStatus(program, context);
  registerRejected(program, context);
  registerSeedBranch(program, context);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs one command line in this process and returns the exit status (the binary and tests). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const context = new CliContext(io);
  try {
    await buildProgram(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end here too, with status 0; commander has printed them already.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof ConfigError || error instanceof InputError) {
      io.stderr.write(`forgegate: ${context.secrets.redact(error.message)}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`forgegate: ${context.secrets.redact(message)}\n`);
    return 1;
  }
}
