import type { InboxDatabase } from './inbox-db.js';

export interface SourceActivity {
  source: string;
  lastMessageId: string | null;
  lastTopic: string | null;
  lastMessageAt: string;
  received: number;
}

export interface InboxStatus {
  /** Messages waiting for a worker (including those waiting for a retry). */
  pending: number;
  /** Of those, how many have failed at least once. */
  retrying: number;
  /** When the oldest pending message arrived. */
  oldestPendingAt: string | null;
  done: number;
  ignored: number;
  dead: number;
  rejected: number;
  sources: SourceActivity[];
}

/** What `forgegate status` prints: read-only, safe while `run` works on the same file. */
export function inboxStatus(db: InboxDatabase): InboxStatus {
  const counts = db
    .prepare(
      `SELECT
         COALESCE(SUM(state = 'pending'), 0) AS pending,
         COALESCE(SUM(state = 'pending' AND attempts > 0), 0) AS retrying,
         MIN(CASE WHEN state = 'pending' THEN received_at END) AS oldest,
         COALESCE(SUM(state = 'done'), 0) AS done,
         COALESCE(SUM(state = 'ignored'), 0) AS ignored
       FROM messages`,
    )
    .get() as {
    pending: number;
    retrying: number;
    oldest: number | null;
    done: number;
    ignored: number;
  };
  const dead = (db.prepare(`SELECT COUNT(*) AS n FROM dead_letters`).get() as { n: number }).n;
  const rejected = (db.prepare(`SELECT COUNT(*) AS n FROM rejected`).get() as { n: number }).n;
  const sources = db
    .prepare(
      `SELECT source, last_id, last_topic, last_at, received FROM source_activity ORDER BY source`,
    )
    .all() as {
    source: string;
    last_id: string | null;
    last_topic: string | null;
    last_at: number;
    received: number;
  }[];
  return {
    pending: counts.pending,
    retrying: counts.retrying,
    oldestPendingAt: counts.oldest === null ? null : new Date(counts.oldest).toISOString(),
    done: counts.done,
    ignored: counts.ignored,
    dead,
    rejected,
    sources: sources.map((row) => ({
      source: row.source,
      lastMessageId: row.last_id,
      lastTopic: row.last_topic,
      lastMessageAt: new Date(row.last_at).toISOString(),
      received: row.received,
    })),
  };
}

export interface RejectedRecord {
  source: string;
  origin: string;
  id: string | null;
  topic: string | null;
  bytes: number;
  reason: string;
}

/** The records that never became messages, newest last. */
export function rejectedRecords(db: InboxDatabase, limit = 100): RejectedRecord[] {
  return (
    db
      .prepare(
        `SELECT source, origin, id, topic, bytes, reason FROM rejected ORDER BY rowid DESC LIMIT ?`,
      )
      .all(limit) as RejectedRecord[]
  ).reverse();
}
