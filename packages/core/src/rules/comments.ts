/**
 * PR comments the bot writes: one mirror per Bodhi comment (author, karma, text), keyed by the
 * Bodhi comment id in its marker so it is never posted twice and is edited in place when its text
 * changes; and notices (why a PR was closed, an eject), keyed by what they announce.
 */
import type { BodhiComment } from '../events/types.js';
import type { Comment } from '../port.js';
import { readMarker, renderMarker } from '../markers.js';
import { TEXT_BOUNDS, sanitizeText } from '../sanitize.js';
import { signed } from './pull-body.js';

export function bodhiCommentBody(comment: BodhiComment): string {
  const author = sanitizeText(comment.author, { maxChars: TEXT_BOUNDS.name, inline: true });
  const when = sanitizeText(comment.timestamp, { maxChars: TEXT_BOUNDS.name, inline: true });
  const text = comment.text.trim()
    ? sanitizeText(comment.text.trim(), { maxChars: TEXT_BOUNDS.comment })
    : '_(no text)_';
  return [
    `**${author}** commented on Bodhi · karma ${signed(comment.karma)} · ${when}`,
    text,
    renderMarker('comment', { bodhiComment: comment.id }),
  ].join('\n\n');
}

/** The Bodhi comment id a PR comment mirrors, when the bot wrote it. */
export function mirroredCommentId(comment: Comment, botLogin: string): number | undefined {
  const data = readMarker(comment.body, comment.author, botLogin, 'comment');
  return typeof data?.bodhiComment === 'number' ? data.bodhiComment : undefined;
}

/** A notice: `text` is the bot's own Markdown, with any Bodhi text in it already sanitized. */
export function noticeBody(key: string, text: string): string {
  return `${text}\n\n${renderMarker('notice', { notice: key })}`;
}

/** The key of a notice the bot wrote; undefined for any other comment. */
export function noticeKey(comment: Comment, botLogin: string): string | undefined {
  const data = readMarker(comment.body, comment.author, botLogin, 'notice');
  return typeof data?.notice === 'string' ? data.notice : undefined;
}
