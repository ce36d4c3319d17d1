/**
 * What the bot keeps in memory to put gating decisions and test results on the right pull
 * requests without asking the forge per message (DESIGN.md: the forge stays the truth; this is a
 * cache rebuilt from it):
 *
 * - `NvrIndex`: build NVR and update alias → the open update PRs (number, head commit, builds).
 *   Rebuilt at start from the open PRs' update markers (one `listPulls('open')`), then kept current
 *   by every Bodhi event the bot applies.
 * - `ResultStore`: the latest status per subject (`build:<nvr>`, `update:<alias>`,
 *   `compose:<id>`) and context. A result whose PR does not exist yet waits here and is written
 *   when the PR opens; a PR whose head is rebuilt gets its builds' results again. The in-memory
 *   store loses what it holds on restart: the runner passes a durable one (docs/event-mapping.md).
 *
 * Ordering without locks: an event for a build (`build:<nvr>`) and the event opening its update's
 * PR (`update:<alias>`) may run at the same time. Each side does its index and store work in one
 * synchronous step (the result: store, then look up PRs; the update: index the PR, then read the
 * store), so whichever runs second sees the other's work and no result falls between them.
 */
import type { CommitStatus, ForgePort } from './port.js';
import { aliasOfHead } from './rules/desired-update.js';
import { readUpdateMemory } from './rules/update-memory.js';
import { isOlderStatus } from './rules/status-write.js';
import { buildKey, updateKey } from './rules/subject-key.js';

/** One open update PR, as the index knows it. */
export interface IndexedPull {
  alias: string;
  number: number;
  headSha: string;
  /** The NVRs its head was built from (the update marker's `builds`). */
  nvrs: string[];
}

export class NvrIndex {
  readonly #byAlias = new Map<string, IndexedPull>();
  readonly #aliasesByNvr = new Map<string, Set<string>>();

  /** Adds the PR or replaces what the index had for its update. */
  upsert(pull: IndexedPull): void {
    // Every message of an open update upserts its PR, nearly always as the index has it already.
    const known = this.#byAlias.get(pull.alias);
    if (
      known !== undefined &&
      known.number === pull.number &&
      known.headSha === pull.headSha &&
      known.nvrs.length === pull.nvrs.length &&
      known.nvrs.every((nvr, i) => nvr === pull.nvrs[i])
    ) {
      return;
    }
    this.remove(pull.alias);
    this.#byAlias.set(pull.alias, { ...pull, nvrs: [...pull.nvrs] });
    for (const nvr of pull.nvrs) {
      const aliases = this.#aliasesByNvr.get(nvr) ?? new Set<string>();
      aliases.add(pull.alias);
      this.#aliasesByNvr.set(nvr, aliases);
    }
  }

  /** Forgets the update's PR (merged, closed). */
  remove(alias: string): void {
    const known = this.#byAlias.get(alias);
    if (known === undefined) return;
    this.#byAlias.delete(alias);
    for (const nvr of known.nvrs) {
      const aliases = this.#aliasesByNvr.get(nvr);
      aliases?.delete(alias);
      if (aliases?.size === 0) this.#aliasesByNvr.delete(nvr);
    }
  }

  /** The open PRs a subject key names: every update containing a build, or one update. */
  pullsFor(key: string): IndexedPull[] {
    if (key.startsWith('update:')) {
      const pull = this.#byAlias.get(key.slice('update:'.length));
      return pull === undefined ? [] : [pull];
    }
    if (key.startsWith('build:')) {
      const aliases = this.#aliasesByNvr.get(key.slice('build:'.length)) ?? new Set<string>();
      return [...aliases].sort().map((alias) => this.#byAlias.get(alias) as IndexedPull);
    }
    return [];
  }

  get size(): number {
    return this.#byAlias.size;
  }
}

/** The subject keys whose results belong on an update's PR. */
export function keysOfPull(pull: IndexedPull): string[] {
  return [updateKey(pull.alias), ...pull.nvrs.map(buildKey)];
}

/**
 * The open update PRs, from the forge: the ones the bot opened from `updates/<alias>` whose body
 * ends with a whole update marker. One listing of the open PRs, done once at start.
 */
export async function readOpenUpdatePulls(
  port: ForgePort,
  botLogin: string,
): Promise<IndexedPull[]> {
  const pulls = await port.listPulls('open');
  const indexed: IndexedPull[] = [];
  for (const pull of pulls) {
    if (aliasOfHead(pull.head) === undefined) continue;
    const memory = readUpdateMemory(pull, botLogin);
    if (memory === undefined) continue;
    indexed.push({
      alias: memory.alias,
      number: pull.number,
      headSha: pull.headSha,
      nvrs: memory.builds,
    });
  }
  return indexed;
}

/**
 * Where results wait and are remembered. Synchronous on purpose (see the ordering note above):
 * a durable implementation uses a synchronous database (the runner's SQLite inbox).
 */
export interface ResultStore {
  /**
   * Keeps `status` as the latest of its context for `key`. False when the status kept is newer
   * (by the time its description ends with): then nothing changes.
   */
  put(key: string, status: CommitStatus): boolean;
  /** The statuses kept for `key`, one per context. */
  get(key: string): CommitStatus[];
}

/** Default bound: a week of Fedora CI results is in the tens of thousands of builds. */
export const DEFAULT_MAX_SUBJECTS = 50_000;

/** The in-memory store: bounded, the least recently written subjects are dropped first. */
export class MemoryResultStore implements ResultStore {
  readonly #bySubject = new Map<string, Map<string, CommitStatus>>();

  constructor(private readonly maxSubjects: number = DEFAULT_MAX_SUBJECTS) {}

  put(key: string, status: CommitStatus): boolean {
    const statuses = this.#bySubject.get(key) ?? new Map<string, CommitStatus>();
    const kept = statuses.get(status.context);
    if (kept !== undefined && isOlderStatus(status, kept)) return false;
    statuses.set(status.context, { ...status });
    // Re-insert so that Map order is least recently written first.
    this.#bySubject.delete(key);
    this.#bySubject.set(key, statuses);
    while (this.#bySubject.size > this.maxSubjects) {
      const oldest = this.#bySubject.keys().next().value as string;
      this.#bySubject.delete(oldest);
    }
    return true;
  }

  get(key: string): CommitStatus[] {
    return [...(this.#bySubject.get(key)?.values() ?? [])].map((status) => ({ ...status }));
  }
}
