import { entityKeyOf, type ParseResult } from '@forgegate/core';
import type { Clock } from '../worker/clock.js';
import { openInboxDatabase, type InboxDatabase } from './inbox-db.js';

/** One record a source read, before anything is known about it. */
export interface InboxRecord {
  /** The source's name from the config (`fedora-amqp`), or its type. */
  source: string;
  text: string | Uint8Array;
  /** Where it came from, for messages about it: `amqp`, `stomp`, `file.jsonl:12`, `datagrepper page 3`. */
  origin: string;
  /** A bare body's topic, from its file name. */
  fileTopic?: string;
}

export type AcceptResult =
  | { status: 'queued'; id: string; topic: string; entity: string }
  | { status: 'duplicate'; id: string; topic: string }
  | { status: 'ignored'; id: string; topic: string; reason: string }
  | { status: 'rejected'; id?: string; topic?: string; reason: string };

/** A message waiting for (or being worked on by) a worker. */
export interface PendingMessage {
  seq: number;
  id: string;
  source: string;
  origin: string;
  topic: string;
  entity: string;
  text: string;
  fileTopic?: string;
  /** Attempts already made (0 the first time). */
  attempts: number;
  receivedAt: number;
}

export interface InboxOptions {
  /** Parses a record exactly as the workers will (the runner's RecordProcessor.parse). */
  parse: (record: { text: string | Uint8Array; origin: string; fileTopic?: string }) => ParseResult;
  clock: Pick<Clock, 'now'>;
}

interface MessageRow {
  seq: number;
  id: string;
  source: string;
  origin: string;
  topic: string;
  entity: string;
  text: string;
  file_topic: string | null;
  attempts: number;
  received_at: number;
}

/**
 * The durable inbox (DESIGN.md "Reliability"). `accept` commits before it returns, so a source
 * acknowledges the broker only after the message is safe on disk; a crash at any point then
 * loses nothing, and a redelivery is a duplicate. Workers take one message per entity at a time,
 * the oldest first, so one update's messages apply in the order they arrived.
 */
export class Inbox {
  readonly db: InboxDatabase;
  private readonly options: InboxOptions;
  private readonly statements;

  private constructor(db: InboxDatabase, options: InboxOptions) {
    this.db = db;
    this.options = options;
    this.statements = {
      insert: db.prepare(
        `INSERT INTO messages (id, source, origin, topic, entity, text, file_topic, received_at, state, reason, finished_at)
         VALUES (@id, @source, @origin, @topic, @entity, @text, @fileTopic, @now, @state, @reason, @finishedAt)
         ON CONFLICT (id) DO NOTHING`,
      ),
      reject: db.prepare(
        `INSERT INTO rejected (source, origin, id, topic, bytes, reason, received_at)
         VALUES (@source, @origin, @id, @topic, @bytes, @reason, @now)`,
      ),
      activity: db.prepare(
        `INSERT INTO source_activity (source, last_id, last_topic, last_at, received) VALUES (@source, @id, @topic, @now, 1)
         ON CONFLICT (source) DO UPDATE SET last_id = @id, last_topic = @topic, last_at = @now, received = received + 1`,
      ),
      heads: db.prepare(
        `SELECT m.seq, m.id, m.source, m.origin, m.topic, m.entity, m.text, m.file_topic, m.attempts, m.received_at
         FROM messages m
         JOIN (SELECT MIN(seq) AS seq FROM messages WHERE state = 'pending' GROUP BY entity) h ON m.seq = h.seq
         WHERE m.not_before <= ? ORDER BY m.seq LIMIT ?`,
      ),
      nextDue: db.prepare(
        `SELECT m.entity, m.not_before FROM messages m
         JOIN (SELECT MIN(seq) AS seq FROM messages WHERE state = 'pending' GROUP BY entity) h ON m.seq = h.seq
         WHERE m.not_before > ? ORDER BY m.not_before`,
      ),
      finish: db.prepare(
        `UPDATE messages SET state = @state, reason = @reason, text = NULL, finished_at = @now, last_error = NULL
         WHERE seq = @seq AND state = 'pending'`,
      ),
      retry: db.prepare(
        `UPDATE messages SET attempts = attempts + 1, not_before = @notBefore, last_error = @error
         WHERE seq = @seq AND state = 'pending'`,
      ),
      kill: db.prepare(`UPDATE messages SET state = 'dead', attempts = attempts + 1, last_error = @reason
         WHERE seq = @seq AND state = 'pending'`),
      dead: db.prepare(
        `INSERT INTO dead_letters (seq, reason, attempts, died_at)
         SELECT seq, @reason, attempts, @now FROM messages WHERE seq = @seq`,
      ),
      getCursor: db.prepare(`SELECT value FROM cursors WHERE source = ?`),
      setCursor: db.prepare(
        `INSERT INTO cursors (source, value, updated_at) VALUES (@source, @value, @now)
         ON CONFLICT (source) DO UPDATE SET value = @value, updated_at = @now`,
      ),
      deleteCursor: db.prepare(`DELETE FROM cursors WHERE source = ?`),
    };
  }

  static open(path: string, options: InboxOptions): Inbox {
    return new Inbox(openInboxDatabase(path), options);
  }

  /** Parses, deduplicates and commits one record; the caller may ack the broker once it returns. */
  accept(record: InboxRecord): AcceptResult {
    return this.db.transaction(() => this.acceptOne(record))();
  }

  /**
   * Several records and the source's new cursor in one transaction: a datagrepper page and "the
   * next page to read" become durable together, so a kill never skips or half-reads a page.
   */
  acceptPage(records: InboxRecord[], cursor: { source: string; value: string }): AcceptResult[] {
    return this.db.transaction(() => {
      const results = records.map((record) => this.acceptOne(record));
      this.statements.setCursor.run({ ...cursor, now: this.options.clock.now() });
      return results;
    })();
  }

  private acceptOne(record: InboxRecord): AcceptResult {
    const now = this.options.clock.now();
    const parsed = this.options.parse(record);
    const base = { source: record.source, origin: record.origin, now };
    if (parsed.outcome === 'rejected') {
      const bytes =
        typeof record.text === 'string' ? Buffer.byteLength(record.text) : record.text.byteLength;
      this.statements.reject.run({
        ...base,
        id: parsed.id ?? null,
        topic: parsed.topic ?? null,
        bytes,
        reason: parsed.reason,
      });
      this.statements.activity.run({ ...base, id: parsed.id ?? null, topic: parsed.topic ?? null });
      return { status: 'rejected', reason: parsed.reason, ...idAndTopic(parsed) };
    }
    const id = parsed.outcome === 'event' ? parsed.event.id : parsed.id;
    const topic = parsed.outcome === 'event' ? parsed.event.topic : parsed.topic;
    this.statements.activity.run({ ...base, id, topic });
    const ignored = parsed.outcome === 'ignored';
    const entity = ignored ? null : entityKeyOf(parsed.event);
    const inserted = this.statements.insert.run({
      ...base,
      id,
      topic,
      entity,
      // An ignored message is only remembered, so a redelivery stays a duplicate.
      text: ignored ? null : textOf(record.text),
      fileTopic: record.fileTopic ?? null,
      state: ignored ? 'ignored' : 'pending',
      reason: ignored ? parsed.reason : null,
      finishedAt: ignored ? now : null,
    });
    if (inserted.changes === 0) return { status: 'duplicate', id, topic };
    if (ignored) return { status: 'ignored', id, topic, reason: parsed.reason };
    return { status: 'queued', id, topic, entity: entity as string };
  }

  /**
   * The oldest pending message of each entity that is due and not `busy` (an entity a worker holds),
   * oldest first. A message waiting for its retry holds back the later messages of its entity.
   */
  ready(limit: number, busy: ReadonlySet<string>): PendingMessage[] {
    if (limit <= 0) return [];
    const rows = this.statements.heads.all(
      this.options.clock.now(),
      limit + busy.size,
    ) as MessageRow[];
    return rows
      .filter((row) => !busy.has(row.entity))
      .slice(0, limit)
      .map(toPending);
  }

  /** When the next waiting retry of an entity not in `busy` is due, if any. */
  nextDueAt(busy: ReadonlySet<string>): number | undefined {
    const rows = this.statements.nextDue.all(this.options.clock.now()) as {
      entity: string;
      not_before: number;
    }[];
    return rows.find((row) => !busy.has(row.entity))?.not_before;
  }

  /** Applied or ignored by the rules: the message is finished; its text is no longer needed. */
  finish(seq: number, state: 'done' | 'ignored', reason?: string): void {
    this.statements.finish.run({
      seq,
      state,
      reason: reason ?? null,
      now: this.options.clock.now(),
    });
  }

  /** A failed attempt to try again at `notBefore` (ms since the epoch). */
  retryAt(seq: number, notBefore: number, error: string): void {
    this.statements.retry.run({ seq, notBefore, error });
  }

  /** Gives up on a message: it moves to the dead letters with its reason. */
  deadLetter(seq: number, reason: string): void {
    this.db.transaction(() => {
      const killed = this.statements.kill.run({ seq, reason });
      if (killed.changes > 0)
        this.statements.dead.run({ seq, reason, now: this.options.clock.now() });
    })();
  }

  cursor(source: string): string | undefined {
    const row = this.statements.getCursor.get(source) as { value: string } | undefined;
    return row?.value;
  }

  setCursor(source: string, value: string | undefined): void {
    if (value === undefined) this.statements.deleteCursor.run(source);
    else this.statements.setCursor.run({ source, value, now: this.options.clock.now() });
  }

  close(): void {
    this.db.close();
  }
}

function idAndTopic(parsed: { id?: string; topic?: string }): { id?: string; topic?: string } {
  const result: { id?: string; topic?: string } = {};
  if (parsed.id !== undefined) result.id = parsed.id;
  if (parsed.topic !== undefined) result.topic = parsed.topic;
  return result;
}

function textOf(text: string | Uint8Array): string {
  // Only records that parsed are stored, so the bytes are valid UTF-8.
  return typeof text === 'string' ? text : Buffer.from(text).toString('utf8');
}

function toPending(row: MessageRow): PendingMessage {
  const message: PendingMessage = {
    seq: row.seq,
    id: row.id,
    source: row.source,
    origin: row.origin,
    topic: row.topic,
    entity: row.entity,
    text: row.text,
    attempts: row.attempts,
    receivedAt: row.received_at,
  };
  if (row.file_topic !== null) message.fileTopic = row.file_topic;
  return message;
}
