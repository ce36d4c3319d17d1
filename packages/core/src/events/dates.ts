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
  } else if (BODHI_SECONDS.test(value) && isPlainTime(value)) {
    // Most of Bodhi's times: the fraction below gives `.000`, and Date would give it back as is.
    return `${value.slice(0, 10)}T${value.slice(11)}.000Z`;
  } else {
    const bodhi = BODHI_TIME.exec(value);
    if (bodhi) {
      // Keep only milliseconds of the fraction: Date.parse accepts at most three digits reliably.
      const fraction = (bodhi[3] ?? '.000').slice(0, 4).padEnd(4, '0');
      const iso = `${bodhi[1]}T${bodhi[2]}${fraction}Z`;
      if (isPlainTime(iso)) return iso;
      millis = Date.parse(iso);
    } else if (PLAIN_ISO.test(value) && isPlainTime(value)) {
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

/** Bodhi's format to the second, as nearly all of its times are. */
const BODHI_SECONDS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/** Already the form toISOString writes (what sent-at headers and our own versions look like). */
const PLAIN_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * True when `time` (`YYYY-MM-DD?hh:mm:ss...`, digits checked by the caller) is a time Date keeps as
 * written, so parsing it and writing it back would give the same digits: the core converts every
 * date of every message, and this spares it a Date each time. Days past the 28th and hour 24 are
 * left to Date, which carries them into the next month or day.
 */
function isPlainTime(time: string): boolean {
  const month = twoDigits(time, 5);
  const day = twoDigits(time, 8);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 28 &&
    twoDigits(time, 11) <= 23 &&
    twoDigits(time, 14) <= 59 &&
    twoDigits(time, 17) <= 59
  );
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
}

/** The newest of some ISO UTC times (they compare as strings), or undefined when there are none. */
export function newest(times: Iterable<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const time of times) {
    if (time !== undefined && (best === undefined || time > best)) best = time;
  }
  return best;
}
