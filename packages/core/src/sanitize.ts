/**
 * Untrusted text (Bodhi notes, titles, comments, user names) made harmless before it reaches a
 * forge, where it is rendered as Markdown:
 * - no pings: `@name` gets a zero-width joiner after the `@` (`@\u200dname`), which every forge
 *   shows as `@name` but none resolves to a user; e-mail addresses (`a@b.org`) are left alone;
 * - no raw HTML: `<` becomes `&lt;`, so `<script>`, `<img>` and `<!--` show as text. This is also
 *   what makes forged markers impossible: a marker starts with `<!--` (../markers.ts);
 * - no images (tracking pixels, huge pictures): `![alt](url)` becomes `!\[alt](url)`, shown as text;
 * - an unclosed code fence is closed, so what the bot writes after the text (its marker) stays
 *   out of the code block;
 * - bounded length: at most `maxChars` characters (code points) of the input are kept, then a
 *   visible `… (truncated)`.
 */

export interface SanitizeOptions {
  /** Characters of input kept; the rest is replaced by `… (truncated)`. */
  maxChars: number;
  /** One line (titles, names): newlines and tabs become spaces. */
  inline?: boolean;
}

/** Bounds used for Bodhi text; well under every forge's limit (GitHub: 65,536 per body). */
export const TEXT_BOUNDS = {
  title: 200,
  name: 64,
  bugTitle: 200,
  notes: 16_000,
  comment: 8_000,
  reason: 1_000,
} as const;

export const TRUNCATED = '… (truncated)';

const ZERO_WIDTH_JOINER = '\u200d';

// Control characters other than newline and tab have no business in Markdown (`\r` is one).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Text no step below changes, when it does not start or end with a space: ASCII letters, digits,
 * spaces and punctuation that is neither markup we escape (`<`, `@`, `![`), nor a fence (`` ` ``,
 * `~`), nor whitespace to fold.
 */
const PLAIN = /^[ A-Za-z0-9_.,:;+\-/()#=%&*'"?[\]]*$/;

function isPlain(text: string): boolean {
  return PLAIN.test(text) && text.charCodeAt(0) !== 32 && text.charCodeAt(text.length - 1) !== 32;
}

/*
 * Each step below first checks that its pattern can occur at all: most Bodhi text has nothing to
 * change, and the core sanitizes every comment of every message (benchmark figure 1).
 */
export function sanitizeText(text: string, options: SanitizeOptions): string {
  // Names, statuses, release names, bug titles: most inline text has nothing any step changes.
  if (text.length <= options.maxChars && isPlain(text)) return text;
  let clean = CONTROL.test(text) ? text.replace(/\r\n?/g, '\n').replace(CONTROLS, '') : text;
  if (options.inline) clean = clean.replace(/[\n\t]+/g, ' ').trim();

  // A string of n UTF-16 units holds at most n code points: only a long one can be over.
  let truncated = false;
  if (clean.length > options.maxChars) {
    const chars = Array.from(clean);
    truncated = chars.length > options.maxChars;
    if (truncated) clean = chars.slice(0, options.maxChars).join('');
  }

  if (clean.includes('<')) clean = clean.replace(/</g, '&lt;');
  if (clean.includes('@')) {
    clean = clean.replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9_])/g, `$1@${ZERO_WIDTH_JOINER}`);
  }
  if (clean.includes('![')) clean = clean.replace(/!\[/g, '!\\[');
  if (!options.inline) clean = closeOpenFences(clean);

  if (!truncated) return clean;
  return options.inline ? `${clean}${TRUNCATED}` : `${clean}\n\n${TRUNCATED}`;
}

/** Appends a closing fence for each fence kind left open (an odd number of fence lines). */
function closeOpenFences(text: string): string {
  const kinds = FENCES.filter(([fence]) => text.includes(fence));
  if (kinds.length === 0) return text;
  const lines = text.split('\n');
  let result = text;
  for (const [fence, pattern] of kinds) {
    if (lines.filter((line) => pattern.test(line)).length % 2 === 1) result += `\n${fence}`;
  }
  return result;
}

const FENCES: [string, RegExp][] = [
  ['```', /^ {0,3}```/],
  ['~~~', /^ {0,3}~~~/],
];
