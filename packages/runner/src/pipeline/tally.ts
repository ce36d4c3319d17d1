import { noEffects, type Effects } from '@forgegate/core';

/** What a run did, as the replay summary and `--json` print it. */
export interface TallySummary extends Effects {
  read: number;
  applied: number;
  ignored: number;
  rejected: number;
  /** Records whose forge writes failed (a forge error the retries could not get past). */
  failed: number;
  /** Forge write calls made. */
  writes: number;
  /** How many records were ignored for each reason. */
  ignoredReasons: Record<string, number>;
}

/** The core's effect counters, read from its zero value so a new one is added up here too. */
const EFFECT_KEYS = Object.keys(noEffects()) as (keyof Effects)[];

/**
 * Counts every record read exactly once: applied, ignored (with its reason), rejected, or failed
 * (DESIGN.md "Message identity"), and adds up what the applied ones did on the forge.
 */
export class Tally {
  read = 0;
  applied = 0;
  ignored = 0;
  rejected = 0;
  failed = 0;
  readonly effects: Effects = noEffects();
  readonly #ignoredReasons = new Map<string, number>();

  constructor(private readonly writeCount: () => number) {}

  countApplied(effects: Effects): void {
    this.read += 1;
    this.applied += 1;
    for (const key of EFFECT_KEYS) this.effects[key] += effects[key];
  }

  countIgnored(reason: string, effects?: Effects): void {
    this.read += 1;
    this.ignored += 1;
    this.#ignoredReasons.set(reason, (this.#ignoredReasons.get(reason) ?? 0) + 1);
    // A stale snapshot is ignored for its state yet may still add comments.
    if (effects) for (const key of EFFECT_KEYS) this.effects[key] += effects[key];
  }

  countRejected(): void {
    this.read += 1;
    this.rejected += 1;
  }

  countFailed(): void {
    this.read += 1;
    this.failed += 1;
  }

  get writes(): number {
    return this.writeCount();
  }

  summary(): TallySummary {
    return {
      read: this.read,
      applied: this.applied,
      ignored: this.ignored,
      rejected: this.rejected,
      failed: this.failed,
      ...this.effects,
      writes: this.writes,
      ignoredReasons: Object.fromEntries(
        [...this.#ignoredReasons].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ),
    };
  }
}
