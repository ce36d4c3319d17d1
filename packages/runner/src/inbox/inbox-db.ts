import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The inbox's SQLite file: the one place a message lives between the broker's ack and the forge.
 *
 * - `messages`: every accepted message, deduplicated by message id. `state` is `pending` until a
 *   worker finishes it (`done`, `ignored`), or it goes to dead letters (`dead`, with a row in
 *   `dead_letters`) or is dropped from there (`dropped`). Finished rows keep their id (and lose
 *   their text) so a redelivery is recognised as a duplicate.
 * - `rejected`: records that never became a message (bad JSON, wrong shape, too big, binary).
 * - `cursors`: where a resumable source (datagrepper) stopped.
 * - `source_activity`: the last message each source delivered, for `forgegate status`.
 * - `held_results`: CI and gating results kept per subject and context (./held-results.ts), so
 *   one that arrives before its update's PR is still applied after a restart.
 */
export type InboxDatabase = Database.Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  source       TEXT NOT NULL,
  origin       TEXT NOT NULL,
  topic        TEXT NOT NULL,
  entity       TEXT,
  text         TEXT,
  file_topic   TEXT,
  received_at  INTEGER NOT NULL,
  state        TEXT NOT NULL,
  reason       TEXT,
  attempts     INTEGER NOT NULL DEFAULT 0,
  not_before   INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT,
  finished_at  INTEGER
);
CREATE INDEX IF NOT EXISTS messages_pending ON messages (state, entity, seq);
CREATE TABLE IF NOT EXISTS dead_letters (
  seq       INTEGER PRIMARY KEY REFERENCES messages (seq),
  reason    TEXT NOT NULL,
  attempts  INTEGER NOT NULL,
  died_at   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
  rowid        INTEGER PRIMARY KEY AUTOINCREMENT,
  source       TEXT NOT NULL,
  origin       TEXT NOT NULL,
  id           TEXT,
  topic        TEXT,
  bytes        INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  received_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS cursors (
  source      TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS held_results (
  key      TEXT NOT NULL,
  context  TEXT NOT NULL,
  status   TEXT NOT NULL,
  written  INTEGER NOT NULL,
  PRIMARY KEY (key, context)
);
CREATE INDEX IF NOT EXISTS held_results_written ON held_results (written);
CREATE TABLE IF NOT EXISTS source_activity (
  source       TEXT PRIMARY KEY,
  last_id      TEXT,
  last_topic   TEXT,
  last_at      INTEGER NOT NULL,
  received     INTEGER NOT NULL DEFAULT 0
);
`;

export function openInboxDatabase(path: string): InboxDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL: the consumer commits while workers read; NORMAL sync is durable across a process crash
  // (the case the ack-after-commit rule guards), and only a power loss may drop the last commits.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Message texts (~20 KB each) pass through the WAL: checkpointing every 40 MB instead of SQLite's
  // 4 MB default syncs ten times less often; the file is cut back to 64 MB after a checkpoint.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `${path}: inbox schema version ${version} is newer than this forgegate knows (${SCHEMA_VERSION})`,
    );
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
}
