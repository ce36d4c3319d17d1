/**
 * Hidden markers: what the bot must remember, stored on the forge itself (DESIGN.md: the forge is
 * the source of truth). A marker is one HTML comment at the very end of a PR body or comment:
 *
 *     <!-- forgegate:update {"alias":"FEDORA-2023-bb021a4854","version":"2023-11-25T01:49:11.000Z",...} -->
 *
 * Forges render it as nothing. Two rules keep it trustworthy:
 * - only text whose author is the bot's own login is read for markers (callers pass the author);
 * - untrusted text never contains `<` once sanitized (./sanitize.ts), so no input can close the
 *   text early or produce a marker. `<` and `>` inside the JSON are written as \u003c / \u003e for
 *   the same reason: a value can never end the HTML comment.
 */

export type MarkerKind = 'update' | 'comment' | 'notice';

const MARKER_START = '<!-- forgegate:';
/** Tried only where MARKER_START is (sticky): every marker starts there. */
const MARKER = /<!-- forgegate:([a-z]+) (\{[^\n]*?\}) -->/y;

/** The marker line for `data`, to append to a body. */
export function renderMarker(kind: MarkerKind, data: Record<string, unknown>): string {
  let json = JSON.stringify(data);
  if (json.includes('<')) json = json.replace(/</g, '\\u003c');
  if (json.includes('>')) json = json.replace(/>/g, '\\u003e');
  return `<!-- forgegate:${kind} ${json} -->`;
}

/**
 * The last marker of `kind` in `text`, when `author` is the bot; undefined otherwise (another
 * author, no marker of that kind, or JSON that does not parse: a damaged marker is no marker).
 * Text after it (someone with rights on the bot's comment added a line) does not hide it.
 */
export function readMarker(
  text: string,
  author: string,
  botLogin: string,
  kind: MarkerKind,
): Record<string, unknown> | undefined {
  if (author !== botLogin) return undefined;
  return markerData(lastMarkers(text)[kind]);
}

/** readMarker of every kind at once: one pass over the text (a PR's comments are read per message). */
export function readMarkers(
  text: string,
  author: string,
  botLogin: string,
): Partial<Record<MarkerKind, Record<string, unknown>>> {
  if (author !== botLogin) return {};
  const found = lastMarkers(text);
  const data: Partial<Record<MarkerKind, Record<string, unknown>>> = {};
  for (const kind of MARKER_KINDS) {
    const value = markerData(found[kind]);
    if (value !== undefined) data[kind] = value;
  }
  return data;
}

const MARKER_KINDS: readonly MarkerKind[] = ['update', 'comment', 'notice'];

function markerData(json: string | undefined): Record<string, unknown> | undefined {
  if (json === undefined) return undefined;
  try {
    const data: unknown = JSON.parse(json);
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The JSON of the last marker of each kind, scanning left to right as a global match of MARKER
 * would (markers do not overlap), but jumping from one MARKER_START to the next with indexOf: the
 * core reads the markers of every comment on a PR for every message, and most text has none.
 */
function lastMarkers(text: string): Partial<Record<MarkerKind, string>> {
  const found: Partial<Record<MarkerKind, string>> = {};
  let from = text.indexOf(MARKER_START);
  while (from !== -1) {
    MARKER.lastIndex = from;
    const match = MARKER.exec(text);
    if (match) {
      const kind = match[1];
      if (kind === 'update' || kind === 'comment' || kind === 'notice') found[kind] = match[2];
      from = text.indexOf(MARKER_START, from + match[0].length);
    } else {
      from = text.indexOf(MARKER_START, from + 1);
    }
  }
  return found;
}
