/**
 * PR comments the bot writes: one mirror per Bodhi comment (author, karma, text), keyed by the
 * Bodhi comment id in its marker so it is never posted twice and is edited in place when its text
 * changes; and notices (why a PR was closed, an eject), keyed by what they announce.
 */
import type { BodhiComment } from '../events/types.js';
import type { Comment } from '../port.js';
import { BoundedMemo } from '../bounded-memo.js';
import { readMarkers, renderMarker } from '../markers.js';
import { TEXT_BOUNDS, sanitizeText } from '../sanitize.js';
import { signed } from './pull-body.js';

export function bodhiCommentBody(comment: BodhiComment): string {
  const known = rendered.get(comment.id);
  if (known !== undefined && sameComment(known.comment, comment)) return known.body;
  const body = renderCommentBody(comment);
  rendered.set(comment.id, { comment, body }, comment.text.length + body.length);
  return body;
}

/*
 * Mirrors already rendered, by Bodhi comment id. Every message of an update carries all its
 * comments so far, and each is compared with its mirror on the PR, so the same comment is
 * rendered once per later message (benchmark figure 1, docs/performance.md); rendering sanitizes
 * the whole text. About 1 MB at most.
 */
const rendered = new BoundedMemo<number, { comment: BodhiComment; body: string }>(500_000);

function sameComment(a: BodhiComment, b: BodhiComment): boolean {
  return (
    a.text === b.text && a.author === b.author && a.karma === b.karma && a.timestamp === b.timestamp
  );
}

function renderCommentBody(comment: BodhiComment): string {
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

/** What a PR comment's markers say, when the bot wrote it: the Bodhi comment it mirrors, its notice. */
export function commentMarkers(comment: Comment, botLogin: string): CommentMarkers {
  if (comment.author !== botLogin) return NO_MARKERS;
  let markers = markersByBody.get(comment.body);
  if (markers === undefined) {
    markers = readCommentMarkers(comment.body, botLogin);
    markersByBody.set(comment.body, markers, comment.body.length);
  }
  return markers;
}

type CommentMarkers = Readonly<{ bodhiComment?: number; notice?: string }>;

const NO_MARKERS: CommentMarkers = Object.freeze({});

/*
 * The markers of the bot's comments, by text: the reconciler lists a PR's comments for every
 * message, and they rarely change. About 1 MB at most.
 */
const markersByBody = new BoundedMemo<string, CommentMarkers>(500_000);

function readCommentMarkers(body: string, botLogin: string): CommentMarkers {
  const markers = readMarkers(body, botLogin, botLogin);
  const bodhiComment = markers.comment?.bodhiComment;
  const notice = markers.notice?.notice;
  return Object.freeze({
    ...(typeof bodhiComment === 'number' ? { bodhiComment } : {}),
    ...(typeof notice === 'string' ? { notice } : {}),
  });
}

/** The Bodhi comment id a PR comment mirrors, when the bot wrote it. */
export function mirroredCommentId(comment: Comment, botLogin: string): number | undefined {
  return commentMarkers(comment, botLogin).bodhiComment;
}

/** A notice: `text` is the bot's own Markdown, with any Bodhi text in it already sanitized. */
export function noticeBody(key: string, text: string): string {
  return `${text}\n\n${renderMarker('notice', { notice: key })}`;
}

/** The key of a notice the bot wrote; undefined for any other comment. */
export function noticeKey(comment: Comment, botLogin: string): string | undefined {
  return commentMarkers(comment, botLogin).notice;
}
