/**
 * The common case of ./schemas.ts without zod: a body that is plainly valid, read into exactly the
 * value zod's `safeParse(...).data` would give, or `undefined` at the first doubt. zod stays the
 * authority: a body read here is one zod accepts as it is, and every other body goes through zod,
 * which says what is wrong with it. Why a second reader: zod allocates a result per field checked,
 * and an update message has hundreds of them (every comment, build and bug), which made the
 * schemas cost a fifth of JSON.parse's time and most of the garbage of the core (benchmark figure
 * 1, docs/performance.md). Keep the two in step: a field added to a schema is added here, and
 * test/events/bodhi-fast-read.test.ts compares both on every fixture and on damaged copies.
 */
import { toIsoUtc } from '../dates.js';
import type { z } from 'zod';
import type { BodhiCommentBody, BodhiUpdateBody } from './schemas.js';
import type { commentMessageSchema, updateMessageSchema } from './schemas.js';

type UpdateMessageBody = z.output<typeof updateMessageSchema>;
type CommentMessageBody = z.output<typeof commentMessageSchema>;
type Fields = Record<string, unknown>;

/** Thrown (never an Error: no stack to build) at the first value the reader is not sure of. */
const DOUBT = Symbol('not plainly valid');

/** `{agent, update}` (request.*, complete.*, requirements_met.stable). */
export function readUpdateMessage(body: unknown): UpdateMessageBody | undefined {
  return attempt(() => {
    const fields = object(body);
    return { agent: optional(fields.agent, text), update: update(fields.update) };
  });
}

/** bodhi.update.comment: `{agent, comment: {...comment, update}}`. */
export function readCommentMessage(body: unknown): CommentMessageBody | undefined {
  return attempt(() => {
    const fields = object(body);
    const inner = object(fields.comment);
    return {
      agent: optional(fields.agent, text),
      comment: { ...comment(inner), update: update(inner.update) },
    };
  });
}

function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if (error === DOUBT) return undefined;
    throw error;
  }
}

function update(value: unknown): BodhiUpdateBody {
  const fields = object(value);
  const request = fields.request;
  return {
    alias: text(fields.alias),
    builds: array(fields.builds, build),
    release: release(fields.release),
    request: request === null ? null : text(request),
    status: text(fields.status),
    user: user(fields.user),
    title: optional(fields.title, text),
    notes: optional(fields.notes, text),
    type: optional(fields.type, text),
    severity: optional(fields.severity, text),
    content_type: optional(fields.content_type, text),
    bugs: optional(fields.bugs, (bugs) => array(bugs, bug)),
    karma: optional(fields.karma, count),
    stable_karma: optional(fields.stable_karma, count),
    unstable_karma: optional(fields.unstable_karma, count),
    url: optional(fields.url, text),
    comments: optional(fields.comments, (comments) =>
      array(comments, (item) => comment(object(item))),
    ),
    date_submitted: optional(fields.date_submitted, time),
    date_modified: optional(fields.date_modified, time),
    date_testing: optional(fields.date_testing, time),
    date_stable: optional(fields.date_stable, time),
    date_pushed: optional(fields.date_pushed, time),
  };
}

function comment(fields: Fields): BodhiCommentBody {
  return {
    id: integer(fields.id),
    text: text(fields.text),
    karma: integer(fields.karma),
    timestamp: time(fields.timestamp),
    user: optional(fields.user, user),
    author: optional(fields.author, text),
  };
}

function build(value: unknown): BodhiUpdateBody['builds'][number] {
  const fields = object(value);
  return {
    nvr: text(fields.nvr),
    epoch: optional(fields.epoch, integer),
    type: optional(fields.type, text),
  };
}

function release(value: unknown): BodhiUpdateBody['release'] {
  const fields = object(value);
  return {
    name: text(fields.name),
    branch: optional(fields.branch, text),
    dist_tag: optional(fields.dist_tag, text),
    stable_tag: optional(fields.stable_tag, text),
    long_name: optional(fields.long_name, text),
  };
}

function bug(value: unknown): NonNullable<BodhiUpdateBody['bugs']>[number] {
  const fields = object(value);
  return { bug_id: integer(fields.bug_id), title: optional(fields.title, text) };
}

function user(value: unknown): { name: string } {
  return { name: text(object(value).name) };
}

// --- one value each, as zod checks it -----------------------------------------------------------

/** zod's `.nullish()`: null and undefined pass through as they are. */
function optional<T>(value: unknown, read: (value: unknown) => T): T | null | undefined {
  return value === null || value === undefined ? value : read(value);
}

function object(value: unknown): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw DOUBT;
  return value as Fields;
}

function array<T>(value: unknown, read: (item: unknown) => T): T[] {
  if (!Array.isArray(value)) throw DOUBT;
  const result: T[] = new Array<T>(value.length);
  for (let i = 0; i < value.length; i += 1) result[i] = read(value[i]);
  return result;
}

function text(value: unknown): string {
  if (typeof value !== 'string') throw DOUBT;
  return value;
}

/** `z.number()`: finite. */
function count(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw DOUBT;
  return value;
}

/** `z.number().int()`: a safe integer. */
function integer(value: unknown): number {
  if (!Number.isSafeInteger(value)) throw DOUBT;
  return value as number;
}

/** The schemas' `bodhiTime`: a string or a finite number that toIsoUtc reads. */
function time(value: unknown): string {
  if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw DOUBT;
  }
  const iso = toIsoUtc(value);
  if (iso === undefined) throw DOUBT;
  return iso;
}
