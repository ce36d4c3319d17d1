import type { Clock } from '../../../src/worker/clock.js';

/** A clock whose sleeps return at once and move its time on: retries are scheduled, never waited for. */
export class VirtualClock implements Clock {
  slept = 0;
  constructor(private time = Date.UTC(2025, 0, 1)) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
    this.slept += ms;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Deterministic randomness (mulberry32), so a failing run can be repeated. */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
