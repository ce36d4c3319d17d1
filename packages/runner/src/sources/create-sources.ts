import { dirname, resolve } from 'node:path';
import type { ForgePort } from '@forgegate/core';
import type { Config } from '../config/config.js';
import { sourceName, type SourceConfig } from '../config/sources-schema.js';
import { amqpSettings } from './amqp-settings.js';
import { AmqpSource } from './amqp.js';
import { BodhiClient } from './bodhi-client.js';
import { BodhiRefreshSource } from './bodhi-refresh.js';
import { FileSource } from './file.js';
import type { Source } from './source.js';
import { StompSource, stompSettings } from './stomp.js';

export interface SourceEnvironment {
  env: Record<string, string | undefined>;
  cwd: string;
  port: ForgePort;
  /** Called with every secret a source's settings hold (a broker password), to redact from logs. */
  addSecret: (secret: string) => void;
}

/**
 * The sources `forgegate run` reads, one per `sources:` entry. `datagrepper` entries are for
 * `forgegate backfill`, which needs a time window; `run` skips them.
 */
export function createRunSources(config: Config, environment: SourceEnvironment): Source[] {
  const base = config.file === undefined ? environment.cwd : dirname(config.file);
  return config.sources.flatMap((source): Source[] => {
    const name = sourceName(source);
    switch (source.type) {
      case 'amqp': {
        const settings = amqpSettings(source, base);
        const password = safeUrl(settings.url)?.password;
        if (password) environment.addSecret(decodeURIComponent(password));
        return [new AmqpSource(name, settings)];
      }
      case 'stomp': {
        const passcode =
          source.passcode_env === undefined ? undefined : environment.env[source.passcode_env];
        if (passcode) environment.addSecret(passcode);
        return [new StompSource(name, stompSettings(source, base), environment.env)];
      }
      case 'file':
        return [
          new FileSource(
            name,
            source.paths.map((path) => resolve(base, path)),
          ),
        ];
      case 'bodhi':
        return [
          new BodhiRefreshSource(name, {
            client: new BodhiClient(source.url),
            openHeads: async () =>
              (await environment.port.listPulls('open')).map((pull) => pull.head),
            intervalMs: source.refresh_interval_s * 1000,
            topicPrefix: config.core.topicPrefixes[0] ?? '',
          }),
        ];
      case 'datagrepper':
        return [];
    }
  });
}

/** The Bodhi API configured by a `bodhi` source, for filling in comments before applying. */
export function bodhiOf(config: Config): { client: BodhiClient; topicPrefix: string } | undefined {
  const source = config.sources.find(
    (entry): entry is Extract<SourceConfig, { type: 'bodhi' }> => entry.type === 'bodhi',
  );
  if (!source) return undefined;
  return { client: new BodhiClient(source.url), topicPrefix: config.core.topicPrefixes[0] ?? '' };
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
