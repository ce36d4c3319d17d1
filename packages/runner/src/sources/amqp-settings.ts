import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { AmqpSourceConfig, TlsFiles } from '../config/sources-schema.js';
import { ConfigError } from '../config/config-error.js';
import { resolveTlsFiles } from './tls-files.js';

/** Everything the AMQP source needs, whether it came from forgegate's YAML or a fedora-messaging TOML file. */
export interface AmqpSettings {
  url: string;
  tls?: TlsFiles;
  queues: {
    name: string;
    durable: boolean;
    autoDelete: boolean;
    exclusive: boolean;
    arguments: Record<string, unknown>;
  }[];
  bindings: { queue: string; exchange: string; routingKeys: string[] }[];
  prefetch: number;
  clientProperties: Record<string, unknown>;
  reconnect: { initialDelayMs: number; maxDelayMs: number };
}

/** `base`: the directory relative paths in the YAML are relative to (the config file's). */
export function amqpSettings(source: AmqpSourceConfig, base: string): AmqpSettings {
  const reconnect = {
    initialDelayMs: source.reconnect.initial_delay_ms,
    maxDelayMs: source.reconnect.max_delay_ms,
  };
  if (source.fedora_messaging_config !== undefined) {
    return {
      ...readFedoraMessagingConfig(resolve(base, source.fedora_messaging_config)),
      reconnect,
    };
  }
  const settings: AmqpSettings = {
    url: source.url as string,
    queues: [
      { name: source.queue, durable: true, autoDelete: false, exclusive: false, arguments: {} },
    ],
    bindings: source.bindings.map((binding) => ({
      queue: source.queue,
      exchange: binding.exchange,
      routingKeys: binding.routing_keys,
    })),
    prefetch: source.prefetch,
    clientProperties: { app: 'forgegate' },
    reconnect,
  };
  if (source.tls) settings.tls = resolveTlsFiles(source.tls, base);
  return settings;
}

/**
 * Reads a fedora-messaging configuration file as fedora-messaging itself does, so an operator
 * reuses the file they have: `amqp_url`, `[tls]`, `[[bindings]]`, `[queues.<name>]`, `[qos]`,
 * `[client_properties]`. Keys forgegate has no use for (`callback`, `[consumer_config]`,
 * `[log_config]`, `publish_exchange`, ...) are left alone. Relative paths are relative to the file.
 */
export function readFedoraMessagingConfig(path: string): Omit<AmqpSettings, 'reconnect'> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${path}: cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${path}: not valid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  const where = (key: string) => `${path}: ${key}`;
  const url = typeof toml.amqp_url === 'string' ? toml.amqp_url : 'amqp://';
  const queuesTable = table(toml.queues, where('queues'));
  const queues = Object.entries(queuesTable).map(([name, value]) => {
    const queue = table(value, where(`queues.${name}`));
    return {
      name,
      durable: queue.durable !== false,
      autoDelete: queue.auto_delete === true,
      exclusive: queue.exclusive === true,
      arguments: table(queue.arguments, where(`queues.${name}.arguments`)),
    };
  });
  const bindingsList = toml.bindings === undefined ? [] : toml.bindings;
  if (!Array.isArray(bindingsList))
    throw new ConfigError(`${where('bindings')}: expected [[bindings]] tables`);
  const bindings = bindingsList.map((value, index) => {
    const binding = table(value, where(`bindings[${index}]`));
    const keys = binding.routing_keys;
    if (typeof binding.queue !== 'string')
      throw new ConfigError(`${where(`bindings[${index}].queue`)}: expected a queue name`);
    if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string')) {
      throw new ConfigError(
        `${where(`bindings[${index}].routing_keys`)}: expected a list of strings`,
      );
    }
    return {
      queue: binding.queue,
      exchange: typeof binding.exchange === 'string' ? binding.exchange : 'amq.topic',
      routingKeys: keys as string[],
    };
  });
  if (queues.length === 0)
    throw new ConfigError(`${where('queues')}: no [queues.<name>] table: nothing to consume`);
  for (const binding of bindings) {
    if (!queues.some((queue) => queue.name === binding.queue)) {
      throw new ConfigError(
        `${where('bindings')}: queue ${binding.queue} has no [queues.${binding.queue}] table`,
      );
    }
  }
  const qos = table(toml.qos, where('qos'));
  const settings: Omit<AmqpSettings, 'reconnect'> = {
    url,
    queues,
    bindings,
    prefetch:
      typeof qos.prefetch_count === 'number' && qos.prefetch_count > 0 ? qos.prefetch_count : 10,
    clientProperties: {
      app: 'forgegate',
      ...table(toml.client_properties, where('client_properties')),
    },
  };
  const tls = table(toml.tls, where('tls'));
  const files: TlsFiles = {};
  for (const key of ['ca_cert', 'certfile', 'keyfile'] as const) {
    const value = tls[key];
    if (typeof value === 'string' && value !== '') files[key] = value;
  }
  if (Object.keys(files).length > 0) settings.tls = resolveTlsFiles(files, dirname(path));
  return settings;
}

function table(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where}: expected a table`);
  }
  return value as Record<string, unknown>;
}
