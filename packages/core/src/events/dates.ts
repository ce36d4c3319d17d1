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
      const iso = `${bodhi[1]}T${bodhi[2]}${fraction}Z`;
      if (isPlainIso(iso)) return iso;
      millis = Date.parse(iso);
    } else if (PLAIN_ISO.test(value) && isPlainIso(value)) {
      return value;
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

/** Already the form toISOString writes (what sent-at headers and our own versions look like). */
const PLAIN_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * True when `iso` (in PLAIN_ISO's form) is a time Date keeps as written, so parsing it and
 * writing it back would give the same string: the core converts every date of every message, and
 * this spares it a Date each time. Days past the 28th and hour 24 are left to Date, which
 * carries them into the next month or day.
 */
function isPlainIso(iso: string): boolean {
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 28 &&
    Number(iso.slice(11, 13)) <= 23 &&
    Number(iso.slice(14, 16)) <= 59 &&
    Number(iso.slice(17, 19)) <= 59
  );
}

/** The newest of some ISO UTC times (they compare as strings), or undefined when there are none. */
export function newest(times: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const time of times) {
    if (time !== undefined && (best === undefined || time > best)) best = time;
  }
  return best;
}
