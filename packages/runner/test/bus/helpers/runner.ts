import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openGitForge, type GitForge } from '@forgegate/adapter-git';
import { DEFAULT_CORE_CONFIG, type ForgePort } from '@forgegate/core';
import { dumpForgeState, type CanonicalState } from '@forgegate/testkit';
import winston from 'winston';
import type { Config } from '../../../src/config/config.js';
import type { SourceConfig } from '../../../src/config/sources-schema.js';
import { RecordProcessor } from '../../../src/pipeline/record-processor.js';
import type { BusMessage } from './stream.js';

/** A scratch directory removed by `cleanup`. */
export function scratch(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'forgegate-bus-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function busConfig(dir: string, name: string, sources: SourceConfig[] = []): Config {
  return {
    forge: { type: 'git', repo: join(dir, `${name}.git`) },
    core: DEFAULT_CORE_CONFIG,
    sources,
    inbox: { path: join(dir, `${name}.sqlite`) },
  };
}

/** Logs kept in memory: the tests read what a user would see. */
export function memoryLogger(): { logger: winston.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = winston.createLogger({
    level: 'debug',
    format: winston.format.json(),
    transports: [
      new winston.transports.Stream({
        stream: new (class extends Writable {
          override _write(chunk: Buffer, _encoding: string, done: () => void) {
            lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
            done();
          }
        })(),
      }),
    ],
  });
  return { logger, lines };
}

export async function openForgeAt(config: Config): Promise<GitForge> {
  return openGitForge({ path: config.forge.repo });
}

/**
 * The reference: the same messages replayed in order through the same processor, uninterrupted,
 * dumped by `dump` (the canonical state unless the test compares PRs by their changes).
 */
export async function replayState(
  messages: BusMessage[],
  config: Config,
  dump: (port: ForgePort) => Promise<CanonicalState> = dumpForgeState,
): Promise<CanonicalState> {
  const forge = await openForgeAt(config);
  try {
    const processor = new RecordProcessor({
      port: forge,
      config,
      logger: winston.createLogger({ silent: true }),
    });
    await processor.init();
    for (const message of messages) {
      const outcome = await processor.process({
        text: JSON.stringify(message),
        origin: message.id,
      });
      if (outcome.outcome === 'rejected' || outcome.outcome === 'failed') {
        throw new Error(`reference replay: ${message.id} ${outcome.outcome}: ${outcome.reason}`);
      }
    }
    return await dump(forge);
  } finally {
    forge.close();
  }
}

export async function stateOf(port: ForgePort): Promise<CanonicalState> {
  return dumpForgeState(port);
}
