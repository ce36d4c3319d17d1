import type { InboxDatabase } from './inbox-db.js';

export interface DeadLetter {
  /** The inbox's number for the message: what `dead retry ID` and `dead drop ID` take. */
  seq: number;
  id: string;
  source: string;
  topic: string;
  entity: string;
  reason: string;
  attempts: number;
  diedAt: string;
}

/**
 * The dead letters: messages the workers gave up on (a permanent forge error, or retries used up).
 * Each keeps its text, so `retry` puts it back in the queue as it was received.
 */
export class DeadLetters {
  constructor(private readonly db: InboxDatabase) {}

  list(): DeadLetter[] {
    const rows = this.db
      .prepare(
        `SELECT d.seq, m.id, m.source, m.topic, m.entity, d.reason, d.attempts, d.died_at
         FROM dead_letters d JOIN messages m ON m.seq = d.seq ORDER BY d.seq`,
      )
      .all() as {
      seq: number;
      id: string;
      source: string;
      topic: string;
      entity: string;
      reason: string;
      attempts: number;
      died_at: number;
    }[];
    return rows.map((row) => ({
      seq: row.seq,
      id: row.id,
      source: row.source,
      topic: row.topic,
      entity: row.entity,
      reason: row.reason,
      attempts: row.attempts,
      diedAt: new Date(row.died_at).toISOString(),
    }));
  }

  /** Back to pending with fresh attempts; false when `seq` is not a dead letter. */
  retry(seq: number): boolean {
    return this.db.transaction(() => {
      const removed = this.db.prepare(`DELETE FROM dead_letters WHERE seq = ?`).run(seq);
      if (removed.changes === 0) return false;
      this.db
        .prepare(
          `UPDATE messages SET state = 'pending', attempts = 0, not_before = 0, last_error = NULL WHERE seq = ?`,
        )
        .run(seq);
      return true;
    })();
  }

  /** Forgets the message for good (its id stays known, so a redelivery is still a duplicate). */
  drop(seq: number): boolean {
    return this.db.transaction(() => {
      const removed = this.db.prepare(`DELETE FROM dead_letters WHERE seq = ?`).run(seq);
      if (removed.changes === 0) return false;
      this.db
        .prepare(
          `UPDATE messages SET state = 'dropped', text = NULL, finished_at = ? WHERE seq = ?`,
        )
        .run(Date.now(), seq);
      return true;
    })();
  }
}
