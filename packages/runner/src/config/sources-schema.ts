import { z } from 'zod';

/**
 * The `sources:` list: where `forgegate run` reads messages from (docs/operations.md has examples).
 * Each entry has a `type`; `name` (default: the type) identifies it in logs, `status` and the
 * inbox, so two sources of one type need distinct names.
 */

const nonEmpty = z.string().min(1, 'must not be empty');
const positiveInt = z.number().int().positive();

const tlsSchema = z.strictObject({
  /** CA bundle that signed the broker's certificate. */
  ca_cert: nonEmpty.optional(),
  /** Client certificate and key: the broker logs the client in by certificate (SASL EXTERNAL). */
  certfile: nonEmpty.optional(),
  keyfile: nonEmpty.optional(),
});

const reconnectSchema = z
  .strictObject({
    initial_delay_ms: positiveInt.default(500),
    max_delay_ms: positiveInt.default(30_000),
  })
  .default({ initial_delay_ms: 500, max_delay_ms: 30_000 });

const bindingSchema = z.strictObject({
  exchange: nonEmpty.default('amq.topic'),
  routing_keys: z.array(nonEmpty).min(1, 'needs at least one routing key'),
});

const amqpSchema = z
  .strictObject({
    type: z.literal('amqp'),
    name: nonEmpty.optional(),
    /** A fedora-messaging TOML file, used as it is; the keys below then override nothing. */
    fedora_messaging_config: nonEmpty.optional(),
    url: nonEmpty.optional(),
    queue: nonEmpty.default('forgegate'),
    bindings: z.array(bindingSchema).default([]),
    prefetch: positiveInt.default(25),
    tls: tlsSchema.optional(),
    reconnect: reconnectSchema,
  })
  .superRefine((source, context) => {
    if (source.fedora_messaging_config === undefined && source.url === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'an amqp source needs url (or fedora_messaging_config)',
      });
    }
    if (source.fedora_messaging_config === undefined && source.bindings.length === 0) {
      context.addIssue({
        code: 'custom',
        path: ['bindings'],
        message: 'an amqp source needs at least one binding (or fedora_messaging_config)',
      });
    }
  });

const stompSchema = z.strictObject({
  type: z.literal('stomp'),
  name: nonEmpty.optional(),
  /** host:port pairs tried in turn (failover). */
  servers: z
    .array(
      z.strictObject({
        host: nonEmpty,
        port: positiveInt.default(61613),
        tls: z.boolean().default(false),
      }),
    )
    .min(1, 'needs at least one server'),
  login: nonEmpty.optional(),
  /** Environment variable holding the STOMP passcode (never the passcode itself). */
  passcode_env: nonEmpty.optional(),
  vhost: nonEmpty.default('/'),
  /** The durable queue RabbitMQ creates for the subscription and keeps while the runner is away. */
  queue: nonEmpty.default('forgegate'),
  /** Binding keys on amq.topic (`org.fedoraproject.prod.bodhi.#`), one subscription each. */
  topics: z.array(nonEmpty).min(1, 'needs at least one topic'),
  prefetch: positiveInt.default(25),
  heartbeat_ms: positiveInt.default(10_000),
  tls: tlsSchema.optional(),
  reconnect: reconnectSchema,
});

const fileSchema = z.strictObject({
  type: z.literal('file'),
  name: nonEmpty.optional(),
  /** JSONL files, .json message files or directories, as `forgegate replay` reads them. */
  paths: z.array(nonEmpty).min(1, 'needs at least one path'),
});

const datagrepperSchema = z.strictObject({
  type: z.literal('datagrepper'),
  name: nonEmpty.optional(),
  url: z.url({ message: 'expected a URL' }).default('https://apps.fedoraproject.org/datagrepper'),
  topics: z.array(nonEmpty).default([]),
  categories: z.array(nonEmpty).default([]),
  rows_per_page: positiveInt.max(100).default(100),
  /** Retries of one page before the backfill stops (it resumes from that page next time). */
  page_attempts: positiveInt.default(5),
});

const bodhiSchema = z.strictObject({
  type: z.literal('bodhi'),
  name: nonEmpty.optional(),
  url: z.url({ message: 'expected a URL' }).default('https://bodhi.fedoraproject.org'),
  /** How often the open PRs' updates are fetched again (Bodhi's own comments never reach the bus). */
  refresh_interval_s: positiveInt.default(3600),
});

export const sourceSchema = z.discriminatedUnion('type', [
  amqpSchema,
  stompSchema,
  fileSchema,
  datagrepperSchema,
  bodhiSchema,
]);

export const sourcesSchema = z.array(sourceSchema).superRefine((sources, context) => {
  const seen = new Set<string>();
  sources.forEach((source, index) => {
    const name = source.name ?? source.type;
    if (seen.has(name)) {
      context.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `two sources are named ${name}: give each a distinct name`,
      });
    }
    seen.add(name);
  });
});

export type SourceConfig = z.infer<typeof sourceSchema>;
export type AmqpSourceConfig = z.infer<typeof amqpSchema>;
export type StompSourceConfig = z.infer<typeof stompSchema>;
export type FileSourceConfig = z.infer<typeof fileSchema>;
export type DatagrepperSourceConfig = z.infer<typeof datagrepperSchema>;
export type BodhiSourceConfig = z.infer<typeof bodhiSchema>;
export type TlsFiles = z.infer<typeof tlsSchema>;

/** A source's name in logs, `status` and the inbox. */
export function sourceName(source: SourceConfig): string {
  return source.name ?? source.type;
}
