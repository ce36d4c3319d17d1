import { Writable } from 'node:stream';
import type winston from 'winston';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/create-logger.js';
import { SecretList } from '../logging/redact.js';

/** The process's streams and environment, injected so tests run the CLI in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Options every command accepts, before or after its name. */
export interface GlobalOptions {
  config?: string;
  repo?: string;
  logLevel?: string;
}

/**
 * What a command needs from the CLI: the streams, the configuration, a logger that redacts the
 * configured token, and the exit status it leaves. One per run.
 */
export class CliContext {
  /** 0 unless a command says otherwise: 1 when records were rejected or failed. */
  exitCode = 0;
  readonly secrets = new SecretList();
  /** stderr for logs; a progress bar takes it over while it is drawn (see ./progress.ts). */
  readonly logSink: LogSink;

  constructor(readonly io: CliIo) {
    this.logSink = new LogSink(io.stderr);
  }

  get interactive(): boolean {
    return this.io.stderr.isTTY === true;
  }

  loadConfig(options: GlobalOptions): Config {
    const config = loadConfig(
      options.config,
      options.repo === undefined ? {} : { repo: options.repo },
      { env: this.io.env, cwd: this.io.cwd },
    );
    if (config.forge.token) this.secrets.add(config.forge.token.reveal());
    return config;
  }

  createLogger(options: GlobalOptions): winston.Logger {
    return createLogger({
      json: !this.interactive,
      level: options.logLevel ?? 'info',
      stream: this.logSink,
      secrets: this.secrets,
    });
  }
}

/** Forwards log lines to stderr, or to whoever draws on it (a progress bar) while they do. */
export class LogSink extends Writable {
  divert: ((line: string) => void) | undefined;

  constructor(private readonly target: Writable) {
    super();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    const text = chunk.toString('utf8');
    if (this.divert) {
      this.divert(text);
      done();
    } else {
      this.target.write(text, done);
    }
  }
}
