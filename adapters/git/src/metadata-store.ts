import Database from 'better-sqlite3';
import type { Comment, CommitStatus, PullState, Review, ReviewState } from '@forgegate/core';

/** A pull request as stored; the head's current sha comes from git. */
export interface StoredPull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: PullState;
  author: string;
  /** The head's tip when the PR was opened, merged or closed: kept for when the branch is gone. */
  headSha: string;
}

/**
 * The schema of `<repo>/forgegate.sqlite`, the conversation beside the git objects. Numbers are
 * forge-style: PRs count from 1, comment ids are unique across the repository.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS pulls (
  number     INTEGER PRIMARY KEY AUTOINCREMENT,
  head       TEXT NOT NULL,
  base       TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('open', 'merged', 'closed')),
  author     TEXT NOT NULL,
  head_sha   TEXT NOT NULL,
  merge_sha  TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pulls_by_head ON pulls (head, number);
CREATE INDEX IF NOT EXISTS pulls_by_state ON pulls (state, number);
CREATE TABLE IF NOT EXISTS labels (
  name       TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pull_labels (
  pull  INTEGER NOT NULL REFERENCES pulls (number),
  label TEXT NOT NULL REFERENCES labels (name),
  PRIMARY KEY (pull, label)
);
CREATE TABLE IF NOT EXISTS comments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  pull       INTEGER NOT NULL REFERENCES pulls (number),
  author     TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_by_pull ON comments (pull, id);
CREATE TABLE IF NOT EXISTS reviews (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  pull       INTEGER NOT NULL REFERENCES pulls (number),
  author     TEXT NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('approved', 'changes_requested', 'commented')),
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS statuses (
  sha         TEXT NOT NULL,
  context     TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'success', 'failure', 'error')),
  description TEXT NOT NULL,
  url         TEXT,
  author      TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (sha, context)
);
`;

interface PullRow {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: PullState;
  author: string;
  head_sha: string;
}

const PULL_COLUMNS = 'number, head, base, title, body, state, author, head_sha';

function toPull(row: PullRow): StoredPull {
  return { ...row, headSha: row.head_sha };
}

/** Pull requests, labels, comments, reviews and statuses, in SQLite (WAL, so readers never block). */
export class MetadataStore {
  private readonly db: Database.Database;
  /** Each statement is compiled once: preparing costs more than running most of them. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut may lose the last
    // transactions but never corrupts the file. That is git's own bargain for loose objects and
    // refs (its default core.fsync hardens neither), so the two halves stay equally durable.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
  }

  close(): void {
    this.db.close();
  }

  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  getPull(number: number): StoredPull | undefined {
    const row = this.sql(`SELECT ${PULL_COLUMNS} FROM pulls WHERE number = ?`).get(number) as
      PullRow | undefined;
    return row && toPull(row);
  }

  newestPullByHead(head: string): StoredPull | undefined {
    const row = this.sql(
      `SELECT ${PULL_COLUMNS} FROM pulls WHERE head = ? ORDER BY number DESC LIMIT 1`,
    ).get(head) as PullRow | undefined;
    return row && toPull(row);
  }

  openPullFor(head: string, base: string): StoredPull | undefined {
    const row = this.sql(
      `SELECT ${PULL_COLUMNS} FROM pulls WHERE head = ? AND base = ? AND state = 'open'`,
    ).get(head, base) as PullRow | undefined;
    return row && toPull(row);
  }

  listPulls(state: 'open' | 'all'): StoredPull[] {
    const where = state === 'open' ? "WHERE state = 'open'" : '';
    const rows = this.sql(
      `SELECT ${PULL_COLUMNS} FROM pulls ${where} ORDER BY number`,
    ).all() as PullRow[];
    return rows.map(toPull);
  }

  insertPull(pull: Omit<StoredPull, 'number' | 'state'>, now: string): number {
    const result = this.sql(
      `INSERT INTO pulls (head, base, title, body, state, author, head_sha, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
    ).run(pull.head, pull.base, pull.title, pull.body, pull.author, pull.headSha, now, now);
    return Number(result.lastInsertRowid);
  }

  /** Changes the given fields of a PR in one statement (the others keep their stored value). */
  updatePull(
    number: number,
    fields: {
      title?: string;
      body?: string;
      state?: PullState;
      headSha?: string;
      mergeSha?: string;
    },
    now: string,
  ): void {
    this.sql(
      `UPDATE pulls SET title = COALESCE(?, title), body = COALESCE(?, body),
       state = COALESCE(?, state), head_sha = COALESCE(?, head_sha),
       merge_sha = COALESCE(?, merge_sha), updated_at = ? WHERE number = ?`,
    ).run(
      fields.title ?? null,
      fields.body ?? null,
      fields.state ?? null,
      fields.headSha ?? null,
      fields.mergeSha ?? null,
      now,
      number,
    );
  }

  labelsOf(number: number): string[] {
    const rows = this.sql('SELECT label FROM pull_labels WHERE pull = ? ORDER BY label').all(
      number,
    ) as {
      label: string;
    }[];
    return rows.map((row) => row.label);
  }

  /** Replaces the PR's labels, creating the ones the repository does not have yet. */
  setLabels(number: number, labels: readonly string[], now: string): void {
    this.transaction(() => {
      const create = this.sql('INSERT OR IGNORE INTO labels (name, created_at) VALUES (?, ?)');
      const attach = this.sql('INSERT OR IGNORE INTO pull_labels (pull, label) VALUES (?, ?)');
      this.sql('DELETE FROM pull_labels WHERE pull = ?').run(number);
      for (const label of labels) {
        create.run(label, now);
        attach.run(number, label);
      }
    });
  }

  comments(pull: number): Comment[] {
    return this.sql('SELECT id, body, author FROM comments WHERE pull = ? ORDER BY id').all(
      pull,
    ) as Comment[];
  }

  getComment(id: number): Comment | undefined {
    return this.sql('SELECT id, body, author FROM comments WHERE id = ?').get(id) as
      Comment | undefined;
  }

  insertComment(pull: number, author: string, body: string, now: string): Comment {
    const result = this.sql(
      'INSERT INTO comments (pull, author, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ).run(pull, author, body, now, now);
    return { id: Number(result.lastInsertRowid), body, author };
  }

  updateComment(id: number, body: string, now: string): void {
    this.sql('UPDATE comments SET body = ?, updated_at = ? WHERE id = ?').run(body, now, id);
  }

  reviews(pull: number): Review[] {
    return this.sql(
      'SELECT author AS user, state, body FROM reviews WHERE pull = ? ORDER BY id',
    ).all(pull) as Review[];
  }

  insertReview(pull: number, author: string, state: ReviewState, body: string, now: string): void {
    this.sql(
      'INSERT INTO reviews (pull, author, state, body, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(pull, author, state, body, now);
  }

  statuses(sha: string): CommitStatus[] {
    const rows = this.sql(
      'SELECT context, state, description, url FROM statuses WHERE sha = ? ORDER BY context',
    ).all(sha) as (CommitStatus & { url: string | null })[];
    return rows.map(({ url, ...status }) => (url === null ? status : { ...status, url }));
  }

  /** A commit keeps one status per context: the latest replaces the one before. */
  setStatus(sha: string, status: CommitStatus, author: string, now: string): void {
    this.sql(
      `INSERT INTO statuses (sha, context, state, description, url, author, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sha, context) DO UPDATE SET state = excluded.state, description = excluded.description,
         url = excluded.url, author = excluded.author, updated_at = excluded.updated_at`,
    ).run(sha, status.context, status.state, status.description, status.url ?? null, author, now);
  }
}
