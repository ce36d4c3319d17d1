import {
  applyEvent,
  countingPort,
  entityKeyOf,
  isForgeError,
  parseMessage,
  PipelineState,
  type ApplyOutcome,
  type ForgegateEvent,
  type ForgePort,
  type ParseResult,
  type ResultStore,
} from '@forgegate/core';
import type winston from 'winston';
import type { Config } from '../config/config.js';
import { Tally } from './tally.js';

/** One record as a source hands it over, before anything is known about it. */
export interface InboundRecord {
  text: string | Uint8Array;
  /** Where it came from, for the user: `demo.jsonl:12`, `messages/x.json`, `amqp`. */
  origin: string;
  /** For a bare body: the topic its file name gives (the part before `__`). */
  fileTopic?: string;
  /** The topic the transport delivered it on, where the body itself may not say. */
  topicHint?: string;
}

export type RecordOutcome =
  | { outcome: 'applied'; origin: string; id: string; topic: string; result: ApplyOutcome }
  | { outcome: 'ignored'; origin: string; id: string; topic: string; reason: string }
  | { outcome: 'rejected'; origin: string; id?: string; topic?: string; reason: string }
  | { outcome: 'failed'; origin: string; id: string; topic: string; reason: string };

export interface RecordProcessorOptions {
  port: ForgePort;
  config: Config;
  logger: winston.Logger;
  /** Largest record accepted, in bytes; larger ones are rejected unread. */
  maxBytes?: number;
  /**
   * Where CI and gating results wait for their update's PR; default: in memory, so results held
   * when the process stops are lost (the runner passes ../inbox/held-results.ts).
   */
  results?: ResultStore;
}

/**
 * Parse, then apply, one record at a time, counting what became of each. Replay uses
 * `process`; the bus runner calls `parse` and `apply` separately, with the inbox and its own
 * retries in between. Every forge call goes through a counting port, so `tally.writes` is exact.
 */
export class RecordProcessor {
  readonly tally: Tally;
  readonly #port: ForgePort;
  readonly #config: Config;
  readonly #logger: winston.Logger;
  readonly #maxBytes: number | undefined;
  readonly #pipeline: PipelineState;
  #botLogin: string | undefined;

  constructor(options: RecordProcessorOptions) {
    const counting = countingPort(options.port);
    this.#port = counting.port;
    this.tally = new Tally(counting.writes);
    this.#config = options.config;
    this.#logger = options.logger;
    this.#maxBytes = options.maxBytes;
    this.#pipeline = new PipelineState(options.results ? { results: options.results } : {});
  }

  /**
   * Learns the bot's login (markers are trusted only in text that account wrote) and reads the
   * open update PRs into the NVR index, so the first CI result or gating decision finds the PRs
   * that are already open without a forge-wide read of its own.
   */
  async init(): Promise<void> {
    this.#botLogin = await this.#port.whoami();
    await this.#pipeline.ready(this.#port, this.#botLogin);
  }

  parse(record: InboundRecord): ParseResult {
    return parseMessage(record.text, {
      topicPrefixes: this.#config.core.topicPrefixes,
      ...(record.fileTopic === undefined ? {} : { fileTopic: record.fileTopic }),
      ...(this.#maxBytes === undefined ? {} : { maxBytes: this.#maxBytes }),
    });
  }

  /** The queue `event` waits in; Koji tag events are keyed by the branch `koji_tags` maps them to. */
  entityKey(event: ForgegateEvent): string {
    return entityKeyOf(event, this.#config.core.kojiTags);
  }

  async apply(event: ForgegateEvent): Promise<ApplyOutcome> {
    if (this.#botLogin === undefined) throw new Error('RecordProcessor.init() was not called');
    return applyEvent(this.#port, event, {
      config: this.#config.core,
      botLogin: this.#botLogin,
      pipeline: this.#pipeline,
    });
  }

  async process(record: InboundRecord): Promise<RecordOutcome> {
    const parsed = this.parse(record);
    const { origin } = record;
    if (parsed.outcome === 'rejected') {
      this.tally.countRejected();
      this.#logger.warn(`${origin}: rejected: ${parsed.reason}`, { origin });
      return { origin, ...parsed };
    }
    if (parsed.outcome === 'ignored') {
      this.tally.countIgnored(parsed.reason);
      this.#logger.debug(`${origin}: ignored: ${parsed.reason}`, { origin, id: parsed.id });
      return { origin, ...parsed };
    }
    const { event } = parsed;
    try {
      const result = await this.#applyWithRetry(event);
      if (result.outcome === 'applied') this.tally.countApplied(result.effects);
      else this.tally.countIgnored(result.reason ?? 'ignored by the rules', result.effects);
      this.#logger.debug(`${origin}: ${result.outcome}`, { origin, id: event.id, ...result });
      return result.outcome === 'applied'
        ? { outcome: 'applied', origin, id: event.id, topic: event.topic, result }
        : {
            outcome: 'ignored',
            origin,
            id: event.id,
            topic: event.topic,
            reason: result.reason ?? 'ignored by the rules',
          };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.tally.countFailed();
      this.#logger.error(`${origin}: forge write failed: ${reason}`, { origin, id: event.id });
      return { outcome: 'failed', origin, id: event.id, topic: event.topic, reason };
    }
  }

  /**
   * A `conflict` means the forge moved under us (a branch tip, a PR state); the rules re-read
   * the actual state on every call, so trying again at once is the fix. Other forge errors are
   * the caller's to handle (the bus runner backs off and retries; replay reports them).
   */
  async #applyWithRetry(event: ForgegateEvent): Promise<ApplyOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.apply(event);
      } catch (error) {
        if (attempt >= CONFLICT_ATTEMPTS || !isForgeError(error, 'conflict')) throw error;
      }
    }
  }
}

const CONFLICT_ATTEMPTS = 3;
