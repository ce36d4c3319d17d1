import type { z } from 'zod';
import type {
  BodhiComment,
  BodhiUpdateAction,
  BodhiUpdateEvent,
  UpdateSnapshot,
} from '../types.js';
import { newest } from '../dates.js';
import { describeIssues } from '../issues.js';
import {
  commentMessageSchema,
  editMessageSchema,
  ejectMessageSchema,
  karmaThresholdMessageSchema,
  readyForTestingMessageSchema,
  updateMessageSchema,
  withUpdateReferenceSchema,
  withUpdateSchema,
  type ReadyForTestingBody,
} from './schemas.js';
import { newestOwnTime, toBuild, toComment, toRelease, toSnapshot } from './snapshot.js';
import { readCommentMessage, readUpdateMessage } from './fast-read.js';

/** The Bodhi update topics forgegate maps to a pull request, and the action each one is. */
const UPDATE_TOPICS: ReadonlyMap<string, BodhiUpdateAction> = new Map([
  ['bodhi.update.request.testing', 'request.testing'],
  ['bodhi.update.request.stable', 'request.stable'],
  ['bodhi.update.request.obsolete', 'request.obsolete'],
  ['bodhi.update.request.revoke', 'request.revoke'],
  ['bodhi.update.request.unpush', 'request.unpush'],
  ['bodhi.update.edit', 'edit'],
  ['bodhi.update.comment', 'comment'],
  ['bodhi.update.complete.testing', 'complete.testing'],
  ['bodhi.update.complete.stable', 'complete.stable'],
  ['bodhi.update.status.testing.koji-build-group.build.complete', 'ready-for-testing'],
  ['bodhi.update.karma.threshold.reach', 'karma.threshold.reach'],
  // The fedmsg-era name of the same message (2015 captures).
  ['bodhi.update.karma.threshold', 'karma.threshold.reach'],
  ['bodhi.update.requirements_met.stable', 'requirements_met.stable'],
  ['bodhi.update.eject', 'eject'],
]);

/** Oldest possible version: a message with no time at all never overrides a timed one. */
const NO_TIME = new Date(0).toISOString();

export const BODHI_1_REASON = 'Bodhi 1 message (no update alias): unsupported';

export interface MessageContext {
  id: string;
  /** Without its bus prefix. */
  topic: string;
  /** When the envelope says it was sent (ISO UTC), if it does. */
  sentAt?: string;
}

export type BodhiParse = { ok: true; event: BodhiUpdateEvent } | { ok: false; reason: string };

/** The action a topic (without prefix) is, when it is a Bodhi update topic. */
export function bodhiUpdateAction(topic: string): BodhiUpdateAction | undefined {
  return UPDATE_TOPICS.get(topic);
}

/** A Bodhi update message body as a typed event, or why it cannot be one. */
export function parseBodhiUpdateMessage(
  action: BodhiUpdateAction,
  context: MessageContext,
  body: unknown,
): BodhiParse {
  if (isBodhi1(body)) return { ok: false, reason: BODHI_1_REASON };
  try {
    return { ok: true, event: buildEvent(action, context, body) };
  } catch (error) {
    if (error instanceof BodyMismatch) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Thrown inside this module only, to leave the per-action code straight-line. */
class BodyMismatch extends Error {}

function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BodyMismatch(describeIssues(result.error));
  return result.data;
}

function buildEvent(
  action: BodhiUpdateAction,
  context: MessageContext,
  body: unknown,
): BodhiUpdateEvent {
  switch (action) {
    case 'comment': {
      const message = readCommentMessage(body) ?? validate(commentMessageSchema, body);
      const comment = toComment(message.comment);
      const update = toSnapshot(message.comment.update);
      // The 2019 form's embedded update has no `comments`: the message's own comment joins them.
      if (!update.comments.some((c) => c.id === comment.id)) update.comments.push(comment);
      return event(action, context, update, { agent: message.agent ?? undefined, comment });
    }
    case 'edit': {
      const message = validate(editMessageSchema, body);
      return event(action, context, toSnapshot(message.update), {
        agent: message.agent ?? undefined,
        newBuilds: message.new_builds ?? undefined,
        removedBuilds: message.removed_builds ?? undefined,
      });
    }
    case 'karma.threshold.reach': {
      const message = validate(karmaThresholdMessageSchema, body);
      return event(action, context, toSnapshot(message.update), {
        agent: message.agent ?? undefined,
        karmaThreshold: message.status,
      });
    }
    case 'eject': {
      const message = validate(ejectMessageSchema, body);
      return event(action, context, toSnapshot(message.update), {
        agent: message.agent ?? undefined,
        ejectReason: message.reason,
      });
    }
    case 'ready-for-testing':
      return readyForTesting(context, body, validate(readyForTestingMessageSchema, body));
    default: {
      const message = readUpdateMessage(body) ?? validate(updateMessageSchema, body);
      return event(action, context, toSnapshot(message.update), {
        agent: message.agent ?? undefined,
      });
    }
  }
}

/**
 * The three versions of the ready-for-testing message. With a whole `update` (V2, V3) it is an
 * ordinary snapshot. Without one (V1, and captures whose `update` was trimmed to a reference) it is
 * partial: the alias and the artifact's builds, enough to annotate a PR but not to create one.
 */
function readyForTesting(
  context: MessageContext,
  body: unknown,
  message: ReadyForTestingBody,
): BodhiUpdateEvent {
  const agent = message.agent ?? undefined;
  const extraTimes = [message.generated_at ?? undefined];
  if (isObject(message.update) && 'builds' in message.update) {
    const update = toSnapshot(validate(withUpdateSchema, body).update);
    return event('ready-for-testing', context, update, { agent }, extraTimes);
  }
  const reference =
    message.update === undefined ? undefined : validate(withUpdateReferenceSchema, body).update;
  const alias = reference?.alias ?? aliasFromArtifact(message.artifact);
  if (alias === undefined) {
    throw new BodyMismatch(
      'artifact: no update alias (no `update`, and no alias in artifact.repository or artifact.id)',
    );
  }
  const builds = message.artifact.builds.map((b) => toBuild(b.nvr, undefined, 'rpm'));
  const release = reference?.release;
  const update: UpdateSnapshot = {
    alias,
    // V1 names the release only by its dist tag (`f34`, `epel8`, `eln`).
    release: release
      ? toRelease(release)
      : { name: '', distTag: message.artifact.release ?? undefined },
    builds,
    // Koji build groups tested through this message are always RPM builds.
    contentType: 'rpm',
    bugs: [],
    comments: [],
    dates: {},
  };
  return { ...event('ready-for-testing', context, update, { agent }, extraTimes), partial: true };
}

const ALIAS = /^FEDORA(-[A-Z]+)?-\d{4}-[0-9a-f]{10}$/;

function aliasFromArtifact(artifact: ReadyForTestingBody['artifact']): string | undefined {
  const fromRepository = artifact.repository?.split('/').filter(Boolean).pop();
  if (fromRepository !== undefined && ALIAS.test(fromRepository)) return fromRepository;
  const fromId = artifact.id?.replace(/-[0-9a-f]{40}$/, '');
  return fromId !== undefined && ALIAS.test(fromId) ? fromId : undefined;
}

interface EventExtras {
  agent?: string;
  comment?: BodhiComment;
  ejectReason?: string;
  newBuilds?: string[];
  removedBuilds?: string[];
  karmaThreshold?: 'stable' | 'unstable';
}

function event(
  action: BodhiUpdateAction,
  context: MessageContext,
  update: UpdateSnapshot,
  extras: EventExtras,
  extraTimes: (string | undefined)[] = [],
): BodhiUpdateEvent {
  const version = context.sentAt ?? newest([newestOwnTime(update), ...extraTimes]) ?? NO_TIME;
  // Only the extras the message has, so equal messages give deeply equal events.
  const present = Object.fromEntries(
    Object.entries(extras).filter(([, value]) => value !== undefined),
  );
  return {
    kind: 'bodhi.update',
    id: context.id,
    topic: context.topic,
    action,
    version,
    update,
    partial: false,
    ...present,
  };
}

/**
 * Bodhi 1 (2012–2014) had no update aliases and no `user` object (a `submitter` string instead);
 * its comments carry `update_title` instead of the update. Nothing in them identifies an update
 * the way every later message does, so they are rejected as a whole rather than field by field.
 */
function isBodhi1(body: unknown): boolean {
  if (!isObject(body)) return false;
  const { update, comment } = body;
  if (isObject(comment) && comment.update === undefined && 'update_title' in comment) return true;
  return isObject(update) && update.alias == null && !isObject(update.user);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
