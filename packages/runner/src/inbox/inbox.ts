import { entityKeyOf, type ForgegateEvent, type ParseResult } from '@forgegate/core';
import type { Clock } from '../worker/clock.js';
import { openInboxDatabase, type InboxDatabase } from './inbox-db.js';
import { PendingQueue, type PendingEntry } from './pending-queue.js';

export type { PendingEntry } from './pending-queue.js';

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

/** A message a worker holds: what the inbox keeps of it, and its text read from disk on use. */
export interface PendingMessage extends PendingEntry {
  readonly text: string;
  /** The event parsed when it was accepted, when this process accepted it and kept it. */
  event?: ForgegateEvent;
}

export interface InboxOptions {
  /** Parses a record exactly as the workers will (the runner's RecordProcessor.parse). */
  parse: (record: { text: string | Uint8Array; origin: string; fileTopic?: string }) => ParseResult;
  /** The queue an event waits in (RecordProcessor.entityKey: Koji tags keyed by their branch). */
  entityKey?: (event: ForgegateEvent) => string;
  clock: Pick<Clock, 'now'>;
  /** Bytes of message text whose parsed events are kept for the workers (default 8 MiB). */
  heldEventBytes?: number;
}

interface EntryRow {
  seq: number;
  id: string;
  source: string;
  origin: string;
  topic: string;
  entity: string;
  file_topic: string | null;
  attempts: number;
  received_at: number;
  not_before: number;
}

/** A message inserted by an accept, with the event its parse gave and the size of its text. */
interface Accepted {
  entry: PendingEntry;
  event: ForgegateEvent;
  bytes: number;
}

const DEFAULT_HELD_EVENT_BYTES = 8 * 1024 * 1024;
/** Finishes written behind: at most this many, for at most this long (see the class comment). */
const FINISH_BATCH = 256;
const FINISH_DELAY_MS = 50;

/**
 * The durable inbox (DESIGN.md "Reliability"). `accept` commits before it returns, so a source
 * acknowledges the broker only after the message is safe on disk; a crash at any point then
 * loses nothing, and a redelivery is a duplicate. Workers take one message per entity at a time,
 * the oldest first, so one update's messages apply in the order they arrived.
 *
 * What is pending is also indexed in memory (./pending-queue.ts), so taking the next message costs
 * the same with ten or ten thousand waiting. The index follows SQLite: it is loaded at open, every
 * change to it follows a commit, and it is reloaded when another process (`dead retry`, a
 * `backfill --no-apply`) has written to the file. The events parsed on accepting are kept for the
 * workers within a memory budget, so a message accepted and applied by one process is parsed once.
 *
 * Finishing a message is written behind, in one transaction for many (with the next accepted
 * burst, or after `FINISH_BATCH` finishes or `FINISH_DELAY_MS`): a crash may lose the last few
 * "done" marks, and those messages are applied again after the restart, which the
 * level-triggered rules make harmless.
 */
export class Inbox {
  readonly db: InboxDatabase;
  private readonly options: InboxOptions;
  private readonly statements;
  private readonly queue = new PendingQueue();
  /** The entries workers hold, by seq. */
  private readonly inFlight = new Map<number, PendingEntry>();
  /** Finished messages whose state is not written yet. */
  private finishes: {
    seq: number;
    state: 'done' | 'ignored';
    reason: string | null;
    now: number;
  }[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  /** Messages inserted by the transaction in progress; queued only once it commits. */
  private adding: Accepted[] | undefined;
  /** Events parsed on accepting, by seq, kept for the workers (see `holdEvent`). */
  private readonly held = new Map<number, { event: ForgegateEvent; bytes: number }>();
  private heldBytes = 0;
  private dataVersion: number;
  private stale = false;
  private closed = false;

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
      pending: db.prepare(
        `SELECT seq, id, source, origin, topic, entity, file_topic, attempts, received_at, not_before
         FROM messages WHERE state = 'pending' ORDER BY seq`,
      ),
      text: db.prepare(`SELECT text FROM messages WHERE seq = ?`).pluck(),
      dataVersion: db.prepare(`PRAGMA data_version`).pluck(),
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
    this.dataVersion = this.statements.dataVersion.get() as number;
    this.reload();
  }

  static open(path: string, options: InboxOptions): Inbox {
    return new Inbox(openInboxDatabase(path), options);
  }

  /** The inbox over a file already open (the runner shares it with its result store). */
  static over(db: InboxDatabase, options: InboxOptions): Inbox {
    return new Inbox(db, options);
  }

  /** Parses, deduplicates and commits one record; the caller may ack the broker once it returns. */
  accept(record: InboxRecord): AcceptResult {
    return this.acceptBatch([record])[0] as AcceptResult;
  }

  /**
   * A burst of records (what a broker delivered in one read) in one transaction: one commit
   * instead of one per message. The caller may ack all of them once it returns.
   */
  acceptBatch(records: InboxRecord[]): AcceptResult[] {
    return this.commitAccepted(() => records.map((record) => this.acceptOne(record)));
  }

  /**
   * Several records and the source's new cursor in one transaction: a datagrepper page and "the
   * next page to read" become durable together, so a kill never skips or half-reads a page.
   */
  acceptPage(records: InboxRecord[], cursor: { source: string; value: string }): AcceptResult[] {
    return this.commitAccepted(() => {
      const results = records.map((record) => this.acceptOne(record));
      this.statements.setCursor.run({ ...cursor, now: this.options.clock.now() });
      return results;
    });
  }

  /** Runs `accept` in a transaction (with the finishes written behind), then queues what it added. */
  private commitAccepted(accept: () => AcceptResult[]): AcceptResult[] {
    const added: Accepted[] = [];
    this.adding = added;
    try {
      const results = this.db.transaction(() => {
        this.writeFinishes();
        return accept();
      })();
      this.finishes = [];
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      // Only now that they are committed (a rolled-back seq may be given again to another message).
      for (const { entry, event, bytes } of added) {
        this.queue.add(entry);
        this.holdEvent(entry.seq, event, bytes);
      }
      return results;
    } finally {
      this.adding = undefined;
    }
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
    const row = { ...base, id, topic, fileTopic: record.fileTopic ?? null };
    if (parsed.outcome === 'ignored') {
      // An ignored message is only remembered, so a redelivery stays a duplicate.
      const { reason } = parsed;
      const seq = this.insert({ ...row, entity: null, text: null, state: 'ignored', reason });
      if (seq === undefined) return { status: 'duplicate', id, topic };
      return { status: 'ignored', id, topic, reason };
    }
    const entity = (this.options.entityKey ?? entityKeyOf)(parsed.event);
    const text = textOf(record.text);
    const seq = this.insert({ ...row, entity, text, state: 'pending', reason: null });
    if (seq === undefined) return { status: 'duplicate', id, topic };
    const entry: PendingEntry = {
      seq,
      id,
      source: record.source,
      origin: record.origin,
      topic,
      entity,
      attempts: 0,
      receivedAt: now,
      notBefore: 0,
    };
    if (record.fileTopic !== undefined) entry.fileTopic = record.fileTopic;
    this.adding?.push({ entry, event: parsed.event, bytes: text.length });
    return { status: 'queued', id, topic, entity };
  }

  /** The new row's seq, or undefined for a duplicate. */
  private insert(row: {
    source: string;
    origin: string;
    now: number;
    id: string;
    topic: string;
    fileTopic: string | null;
    entity: string | null;
    text: string | null;
    state: 'pending' | 'ignored';
    reason: string | null;
  }): number | undefined {
    const finishedAt = row.state === 'ignored' ? row.now : null;
    const inserted = this.statements.insert.run({ ...row, finishedAt });
    return inserted.changes === 0 ? undefined : Number(inserted.lastInsertRowid);
  }

  /**
   * Keeps the parsed event for the worker, unless the events kept already stand for `heldEventBytes`
   * of text: past that (a long backlog) the worker parses the stored text again, so memory stays
   * bounded however far the workers fall behind.
   */
  private holdEvent(seq: number, event: ForgegateEvent, bytes: number): void {
    if (this.heldBytes + bytes > (this.options.heldEventBytes ?? DEFAULT_HELD_EVENT_BYTES)) return;
    this.held.set(seq, { event, bytes });
    this.heldBytes += bytes;
  }

  private dropEvent(seq: number): void {
    const held = this.held.get(seq);
    if (held === undefined) return;
    this.heldBytes -= held.bytes;
    this.held.delete(seq);
  }

  /**
   * Up to `limit` messages, the oldest pending one of each entity that is due and that no worker
   * holds, oldest first. Each entity is then held until its message is finished, retried or dead.
   */
  take(limit: number): PendingMessage[] {
    if (limit <= 0) return [];
    this.syncWithFile();
    return this.queue.take(limit, this.options.clock.now()).map((entry) => {
      this.inFlight.set(entry.seq, entry);
      return this.messageOf(entry);
    });
  }

  /** Messages pending (taken ones included), as of the last look at the file. */
  pendingCount(): number {
    this.syncWithFile();
    return this.queue.size;
  }

  /** When the next waiting retry of an entity no worker holds is due, if any. */
  nextDueAt(): number | undefined {
    return this.queue.nextDueAt();
  }

  /** Reads the file again before the next take (it was changed through this connection). */
  invalidate(): void {
    this.stale = true;
  }

  /** Applied or ignored by the rules: the message is finished; its text is no longer needed. */
  finish(seq: number, state: 'done' | 'ignored', reason?: string): void {
    this.finishes.push({ seq, state, reason: reason ?? null, now: this.options.clock.now() });
    this.release(seq, true);
    if (this.finishes.length >= FINISH_BATCH) this.flushQuietly();
    else this.flushTimer ??= setTimeout(() => this.flushQuietly(), FINISH_DELAY_MS).unref();
  }

  private flushQuietly(): void {
    try {
      this.flush();
    } catch {
      // Left queued: the next accept writes them in its transaction, and fails loudly if the
      // file still cannot be written (the source then stops, as for any failed commit).
    }
  }

  /** Writes the finishes that are still behind. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.closed || this.finishes.length === 0) return;
    this.db.transaction(() => this.writeFinishes())();
    this.finishes = [];
  }

  private writeFinishes(): void {
    for (const finish of this.finishes) this.statements.finish.run(finish);
  }

  /** A failed attempt to try again at `notBefore` (ms since the epoch). */
  retryAt(seq: number, notBefore: number, error: string): void {
    this.statements.retry.run({ seq, notBefore, error });
    const entry = this.inFlight.get(seq);
    if (entry !== undefined) {
      entry.attempts += 1;
      entry.notBefore = notBefore;
    }
    this.release(seq, false);
  }

  /** Gives up on a message: it moves to the dead letters with its reason. */
  deadLetter(seq: number, reason: string): void {
    this.db.transaction(() => {
      const killed = this.statements.kill.run({ seq, reason });
      if (killed.changes > 0)
        this.statements.dead.run({ seq, reason, now: this.options.clock.now() });
    })();
    this.release(seq, true);
  }

  private release(seq: number, finished: boolean): void {
    const entry = this.inFlight.get(seq);
    if (entry === undefined) {
      // Not a message a worker took from this inbox: the index learns of it from the file.
      this.stale = true;
      return;
    }
    this.inFlight.delete(seq);
    if (finished) this.dropEvent(seq);
    this.queue.release(entry, finished);
  }

  /** Reloads the index when another connection committed to the file (or `invalidate` asked). */
  private syncWithFile(): void {
    const version = this.statements.dataVersion.get() as number;
    if (version === this.dataVersion && !this.stale) return;
    this.dataVersion = version;
    this.stale = false;
    this.reload();
  }

  private reload(): void {
    // Finishes first: a finished message still marked pending would be applied again.
    this.flush();
    const entries = (this.statements.pending.all() as EntryRow[]).map(toEntry);
    this.queue.reset(entries);
    const pending = new Set(entries.map((entry) => entry.seq));
    for (const seq of this.held.keys()) if (!pending.has(seq)) this.dropEvent(seq);
  }

  /** The worker's view: the entry, the event kept for it if any, the text read only when used. */
  private messageOf(entry: PendingEntry): PendingMessage {
    const { text } = this.statements;
    let stored: string | undefined;
    const message = Object.defineProperty({ ...entry }, 'text', {
      enumerable: true,
      get: () => (stored ??= text.get(entry.seq) as string),
    }) as PendingMessage;
    const held = this.held.get(entry.seq);
    if (held !== undefined) message.event = held.event;
    return message;
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
    if (this.closed) return;
    this.flush();
    this.closed = true;
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

function toEntry(row: EntryRow): PendingEntry {
  const entry: PendingEntry = {
    seq: row.seq,
    id: row.id,
    source: row.source,
    origin: row.origin,
    topic: row.topic,
    entity: row.entity,
    attempts: row.attempts,
    receivedAt: row.received_at,
    notBefore: row.not_before,
  };
  if (row.file_topic !== null) entry.fileTopic = row.file_topic;
  return entry;
}
