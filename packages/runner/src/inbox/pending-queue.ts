import TinyQueue from 'tinyqueue';

/** What the inbox keeps in memory about a pending message; its text stays on disk. */
export interface PendingEntry {
  seq: number;
  id: string;
  source: string;
  origin: string;
  topic: string;
  entity: string;
  fileTopic?: string;
  /** Attempts already made (0 the first time). */
  attempts: number;
  receivedAt: number;
  /** Not to be tried before this time (ms since the epoch): a scheduled retry. */
  notBefore: number;
}

/** One entity's pending messages, oldest first. */
interface Line {
  entity: string;
  entries: PendingEntry[];
  /** Index of the head in `entries` (shifting a long array on every message would be quadratic). */
  start: number;
  /** The entry a worker holds: the entity is not served again until it is released. */
  taken?: PendingEntry;
}

const head = (line: Line): PendingEntry => line.entries[line.start] as PendingEntry;
const byHeadSeq = (a: Line, b: Line): number => head(a).seq - head(b).seq;

/**
 * The inbox's pending messages indexed per entity, in memory, so a worker finds the next message
 * without a query over the whole backlog. SQLite stays the truth: the queue is built from it at
 * start (and again when another process changes the file), and every change to it here follows a
 * committed change there.
 *
 * An entity is ready when its oldest message is due and no worker holds it; ready entities are
 * served oldest head first (a message waiting for a retry holds back only its entity).
 */
export class PendingQueue {
  readonly #lines = new Map<string, Line>();
  #ready = new TinyQueue<Line>([], byHeadSeq);
  /** Entities whose head waits for a retry time. Few (only failed attempts), so scanned. */
  readonly #waiting = new Set<Line>();
  #size = 0;

  /** Pending messages, taken ones included. */
  get size(): number {
    return this.#size;
  }

  /** A message newer than every one of its entity (messages are added in `seq` order). */
  add(entry: PendingEntry): void {
    const line = this.#push(entry);
    if (line.entries.length - line.start === 1 && line.taken === undefined) this.#schedule(line);
  }

  /** Up to `limit` heads of ready entities, oldest first; each entity is held until `release`. */
  take(limit: number, now: number): PendingEntry[] {
    for (const line of this.#waiting) {
      if (head(line).notBefore <= now) {
        this.#waiting.delete(line);
        this.#ready.push(line);
      }
    }
    const taken: PendingEntry[] = [];
    while (taken.length < limit) {
      const line = this.#ready.pop();
      if (line === undefined) break;
      line.taken = head(line);
      taken.push(line.taken);
    }
    return taken;
  }

  /**
   * The worker is done with `entry`: `finished` drops it (applied, ignored or dead), otherwise it
   * stays the entity's head with its new retry time and attempt count.
   */
  release(entry: PendingEntry, finished: boolean): void {
    const line = this.#lines.get(entry.entity);
    if (line === undefined) return;
    line.taken = undefined;
    if (finished) {
      const index = line.entries.indexOf(entry, line.start);
      if (index >= 0) {
        if (index === line.start) line.start += 1;
        else line.entries.splice(index, 1);
        this.#size -= 1;
      }
      if (line.start === line.entries.length) {
        this.#lines.delete(line.entity);
        return;
      }
      if (line.start > 32 && line.start * 2 > line.entries.length) {
        line.entries.splice(0, line.start);
        line.start = 0;
      }
    }
    this.#schedule(line);
  }

  /** When the earliest waiting retry is due, if any entity waits for one. */
  nextDueAt(): number | undefined {
    let due: number | undefined;
    for (const line of this.#waiting) {
      const at = head(line).notBefore;
      if (due === undefined || at < due) due = at;
    }
    return due;
  }

  /**
   * Replaces the contents with `entries` (every pending message, in `seq` order), keeping the
   * entities a worker holds held, with the very entry objects the workers have.
   */
  reset(entries: Iterable<PendingEntry>): void {
    const taken = new Map<string, PendingEntry>();
    for (const line of this.#lines.values()) if (line.taken) taken.set(line.entity, line.taken);
    this.#lines.clear();
    this.#waiting.clear();
    this.#ready = new TinyQueue<Line>([], byHeadSeq);
    this.#size = 0;
    for (const entry of entries) {
      const own = taken.get(entry.entity);
      this.#push(own?.seq === entry.seq ? own : entry);
    }
    for (const line of this.#lines.values()) {
      line.taken = taken.get(line.entity);
      if (line.taken === undefined) this.#schedule(line);
    }
  }

  #push(entry: PendingEntry): Line {
    let line = this.#lines.get(entry.entity);
    if (line === undefined) {
      line = { entity: entry.entity, entries: [], start: 0 };
      this.#lines.set(entry.entity, line);
    }
    line.entries.push(entry);
    this.#size += 1;
    return line;
  }

  #schedule(line: Line): void {
    if (head(line).notBefore > 0) this.#waiting.add(line);
    else this.#ready.push(line);
  }
}
