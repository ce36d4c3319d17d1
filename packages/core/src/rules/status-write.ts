/**
 * Commit statuses for results that have a time (gating decisions, test results): what the status
 * says, and whether writing it would change anything.
 *
 * The forge is the source of truth, and a status has nowhere to hide a marker, so the result's time
 * is the visible end of its description (`All required tests passed · 2019-03-29 13:21:31Z`). That
 * is what makes statuses level-triggered across restarts: a result older than the one the forge
 * shows is not written, so a replay (or a late `running` after `complete`) changes nothing.
 */
import type { CommitStatus } from '../port.js';
import { sanitizeText } from '../sanitize.js';

/** GitHub's limit on a status description; the other forges allow more. */
export const MAX_DESCRIPTION = 140;

const SEPARATOR = ' · ';
const TIME_AT_END = / · (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})Z$/;

/** `text · 2019-03-29 13:21:31Z` (seconds: a run's states are often seconds apart), bounded. */
export function timedDescription(text: string, time: string | undefined): string {
  const stamp = time === undefined ? '' : `${SEPARATOR}${time.slice(0, 19).replace('T', ' ')}Z`;
  const room = MAX_DESCRIPTION - stamp.length;
  // Leave room for sanitize's escapes and its truncation mark.
  const clean = sanitizeText(text, { maxChars: room - 16, inline: true });
  return `${Array.from(clean).slice(0, room).join('')}${stamp}`;
}

/** The time a description written by `timedDescription` ends with, as `YYYY-MM-DD HH:MM:SS`. */
function timeOf(description: string): string | undefined {
  return TIME_AT_END.exec(description)?.[1];
}

/** True when both statuses carry a time and `status`'s is before `than`'s. */
export function isOlderStatus(status: CommitStatus, than: CommitStatus): boolean {
  const time = timeOf(status.description);
  const other = timeOf(than.description);
  return time !== undefined && other !== undefined && time < other;
}

/**
 * Whether `desired` should replace `current` (the forge's latest status of that context):
 * - nothing there, or a different state or description: write, unless
 * - `desired` is older than `current` (a replay, a late message), or
 * - it is the same final outcome of the same run, newer only because a second producer reported
 *   it (Fedora CI's message, then ResultsDB's), or
 * - it is the same run going back to pending (a `running` that arrives after its `complete`).
 */
export function shouldWriteStatus(
  current: CommitStatus | undefined,
  desired: CommitStatus,
): boolean {
  if (current === undefined) return true;
  if (current.state === desired.state && current.description === desired.description) return false;
  const currentTime = timeOf(current.description);
  const desiredTime = timeOf(desired.description);
  if (currentTime !== undefined && desiredTime !== undefined && desiredTime < currentTime)
    return false;
  const sameRun = current.url !== undefined && current.url === desired.url;
  if (sameRun && current.state === desired.state && desired.state !== 'pending') return false;
  if (sameRun && desired.state === 'pending' && current.state !== 'pending') return false;
  return true;
}
