import {
  DEFAULT_MAX_SUBJECTS,
  isOlderStatus,
  type CommitStatus,
  type ResultStore,
} from '@forgegate/core';
import type { InboxDatabase } from './inbox-db.js';

/** Puts between two prunings of the least recently written subjects. */
const PRUNE_EVERY = 1000;

/**
 * The core's result store (CI and gating results kept per subject, docs/event-mapping.md) in the
 * inbox's SQLite file, so a result that arrived before its update's PR survives a restart: the
 * next process finds it when the PR opens. Synchronous, as the core's ordering argument needs
 * (better-sqlite3 is). Bounded like the in-memory store: the `maxSubjects` most recently written
 * subjects are kept.
 */
export class SqliteResultStore implements ResultStore {
  private readonly statements;
  private written: number;
  private putsSincePrune = 0;

  constructor(
    db: InboxDatabase,
    private readonly maxSubjects: number = DEFAULT_MAX_SUBJECTS,
  ) {
    this.statements = {
      one: db.prepare(`SELECT status FROM held_results WHERE key = ? AND context = ?`).pluck(),
      all: db.prepare(`SELECT status FROM held_results WHERE key = ? ORDER BY context`).pluck(),
      upsert: db.prepare(
        `INSERT INTO held_results (key, context, status, written) VALUES (@key, @context, @status, @written)
         ON CONFLICT (key, context) DO UPDATE SET status = @status, written = @written`,
      ),
      prune: db.prepare(
        `DELETE FROM held_results WHERE key IN (
           SELECT key FROM held_results GROUP BY key ORDER BY MAX(written) DESC LIMIT -1 OFFSET ?)`,
      ),
    };
    const last = db.prepare(`SELECT MAX(written) FROM held_results`).pluck().get() as number | null;
    this.written = last ?? 0;
  }

  put(key: string, status: CommitStatus): boolean {
    const kept = this.statements.one.get(key, status.context) as string | undefined;
    if (kept !== undefined && isOlderStatus(status, JSON.parse(kept) as CommitStatus)) return false;
    this.written += 1;
    this.statements.upsert.run({
      key,
      context: status.context,
      status: JSON.stringify(status),
      written: this.written,
    });
    this.putsSincePrune += 1;
    if (this.putsSincePrune >= PRUNE_EVERY) {
      this.putsSincePrune = 0;
      this.statements.prune.run(this.maxSubjects);
    }
    return true;
  }

  get(key: string): CommitStatus[] {
    return (this.statements.all.all(key) as string[]).map(
      (status) => JSON.parse(status) as CommitStatus,
    );
  }
}
