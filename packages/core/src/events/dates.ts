/**
 * Bodhi writes times as `2019-06-06 12:03:04` (UTC, no zone), Bodhi 1 as epoch seconds, the CI
 * side as ISO 8601 with a zone. Everything becomes ISO 8601 UTC with milliseconds so that versions
 * compare as plain strings (types.ts).
 */

/** Bodhi's own format: a space instead of `T`, optional fraction, no zone, always UTC. */
const BODHI_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?$/;
/** ISO 8601 with an explicit zone (`Z` or `+00:00`), as fedora-messaging's `sent-at` has it. */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The time as ISO UTC with milliseconds, or undefined when it is not a time we recognise. */
export function toIsoUtc(value: string | number): string | undefined {
  let millis: number;
  if (typeof value === 'number') {
    millis = value * 1000;
  } else {
    const bodhi = BODHI_TIME.exec(value);
    if (bodhi) {
      // Keep only milliseconds of the fraction: Date.parse accepts at most three digits reliably.
      const fraction = (bodhi[3] ?? '.000').slice(0, 4).padEnd(4, '0');
      millis = Date.parse(`${bodhi[1]}T${bodhi[2]}${fraction}Z`);
    } else if (ZONED_TIME.test(value)) {
      millis = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
    } else {
      return undefined;
    }
  }
  if (!Number.isFinite(millis)) return undefined;
  const date = new Date(millis);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The newest of some ISO UTC times (they compare as strings), or undefined when there are none. */
export function newest(times: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const time of times) {
    if (time !== undefined && (best === undefined || time > best)) best = time;
  }
  return best;
}
