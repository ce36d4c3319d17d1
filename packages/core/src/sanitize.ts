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

export function sanitizeText(text: string, options: SanitizeOptions): string {
  // Control characters other than newline and tab have no business in Markdown.
  // eslint-disable-next-line no-control-regex
  let clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  if (options.inline) clean = clean.replace(/[\n\t]+/g, ' ').trim();

  const chars = Array.from(clean);
  const truncated = chars.length > options.maxChars;
  if (truncated) clean = chars.slice(0, options.maxChars).join('');

  clean = clean
    .replace(/</g, '&lt;')
    .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9_])/g, `$1@${ZERO_WIDTH_JOINER}`)
    .replace(/!\[/g, '!\\[');
  if (!options.inline) clean = closeOpenFences(clean);

  if (!truncated) return clean;
  return options.inline ? `${clean}${TRUNCATED}` : `${clean}\n\n${TRUNCATED}`;
}

/** Appends a closing fence for each fence kind left open (an odd number of fence lines). */
function closeOpenFences(text: string): string {
  const lines = text.split('\n');
  let result = text;
  for (const [fence, pattern] of FENCES) {
    if (lines.filter((line) => pattern.test(line)).length % 2 === 1) result += `\n${fence}`;
  }
  return result;
}

const FENCES: [string, RegExp][] = [
  ['```', /^ {0,3}```/],
  ['~~~', /^ {0,3}~~~/],
];
