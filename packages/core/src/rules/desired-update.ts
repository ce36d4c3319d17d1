/**
 * The desired forge state of one Bodhi update's PR, computed from one snapshot (the event) and
 * what the PR's marker remembers. Pure: the reconciler (../reconcile/) compares it with the forge.
 */
import type { BodhiComment, BodhiUpdateEvent, UpdateSnapshot } from '../events/types.js';
import type { CoreConfig } from '../config.js';
import type { FileChange } from '../port.js';
import { TEXT_BOUNDS, sanitizeText } from '../sanitize.js';
import { baseBranchOf } from './base-branch.js';
import { bodhiCommentBody, noticeBody } from './comments.js';
import { type ManagedLabels, managedLabels } from './labels.js';
import { packageFileContent, packageFilePath } from './package-file.js';
import { pullBody, pullTitle, updateUrl } from './pull-body.js';
import { UnmappableError } from './unmappable.js';
import type { UpdateMemory } from './update-memory.js';

/**
 * `undefined`: the snapshot does not say (a trimmed message without `status`); the PR keeps its
 * state, and a new PR opens.
 */
export type DesiredPullState = 'open' | 'merged' | 'closed' | undefined;

export interface Notice {
  key: string;
  body: string;
}

export interface DesiredUpdate {
  alias: string;
  head: string;
  base: string;
  title: string;
  body: string;
  labels: ManagedLabels;
  state: DesiredPullState;
  /** The package files the head commit sets. */
  files: FileChange[];
  commitMessage: string;
  /** Mirrors of the Bodhi comments, by Bodhi comment id, oldest first. */
  comments: { id: number; body: string }[];
  /** Notices to post once each (why the PR closed, an eject). */
  notices: Notice[];
  memory: UpdateMemory;
}

const SAFE_ALIAS = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** DESIGN.md: an update's PR comes from `updates/<ALIAS>`. */
const HEAD_PREFIX = 'updates/';

export function headBranchOf(alias: string): string {
  if (!SAFE_ALIAS.test(alias)) {
    throw new UnmappableError(
      `update alias ${JSON.stringify(alias.slice(0, 100))} cannot name a branch`,
    );
  }
  return `${HEAD_PREFIX}${alias}`;
}

/** The update alias a head branch names (the inverse of headBranchOf), or undefined for others. */
export function aliasOfHead(head: string): string | undefined {
  const alias = head.startsWith(HEAD_PREFIX) ? head.slice(HEAD_PREFIX.length) : undefined;
  return alias !== undefined && SAFE_ALIAS.test(alias) ? alias : undefined;
}

/** Why the PR closes without merging, or undefined when it does not. */
function closingReason(event: BodhiUpdateEvent): 'obsolete' | 'unpushed' | undefined {
  const { status } = event.update;
  // Bodhi's trimmed request.obsolete/unpush examples keep the old status: the topic says it.
  if (status === 'obsolete' || event.action === 'request.obsolete') return 'obsolete';
  if (status === 'unpushed' || event.action === 'request.unpush') return 'unpushed';
  return undefined;
}

function desiredState(event: BodhiUpdateEvent): DesiredPullState {
  if (closingReason(event)) return 'closed';
  if (event.update.status === 'stable') return 'merged';
  return event.update.status === undefined ? undefined : 'open';
}

const CLOSING_TEXT = {
  obsolete: 'was marked **obsolete** in Bodhi (a newer update of its packages replaces it)',
  unpushed: 'was **unpushed** in Bodhi: its builds were taken back out of the repositories',
} as const;

function notices(event: BodhiUpdateEvent, url: string, ejected: string | undefined): Notice[] {
  const link = `[${event.update.alias}](${url})`;
  const reason = closingReason(event);
  const result: Notice[] = [];
  if (reason) {
    const text = `${link} ${CLOSING_TEXT[reason]}, so this pull request is closed without merging.`;
    result.push({ key: `closed:${reason}`, body: noticeBody(`closed:${reason}`, text) });
  }
  if (event.action === 'eject' && ejected !== undefined) {
    const key = `ejected:${event.version}`;
    const why = sanitizeText(ejected, { maxChars: TEXT_BOUNDS.reason, inline: true });
    result.push({ key, body: noticeBody(key, `Bodhi ejected ${link} from the push: ${why}`) });
  }
  return result;
}

/** An eject lasts until the update is pushed or gets a new request. */
function ejectedReason(
  event: BodhiUpdateEvent,
  previous: UpdateMemory | undefined,
): string | undefined {
  if (event.action === 'eject')
    return (event.ejectReason ?? 'no reason given').slice(0, TEXT_BOUNDS.reason);
  if (event.action.startsWith('complete.') || event.action.startsWith('request.')) return undefined;
  return previous?.ejected;
}

function allComments(event: BodhiUpdateEvent): BodhiComment[] {
  // Bodhi lists an update's comments oldest first, each once, and a comment message's own
  // comment is among them: then the list is already the answer.
  const { comments } = event.update;
  const extra = event.comment;
  if (
    comments.every((comment, i) => i === 0 || (comments[i - 1] as BodhiComment).id < comment.id) &&
    (extra === undefined || comments.some((comment) => comment.id === extra.id))
  ) {
    return comments;
  }
  const byId = new Map(event.update.comments.map((comment) => [comment.id, comment]));
  if (event.comment && !byId.has(event.comment.id)) byId.set(event.comment.id, event.comment);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** The mirrors of every Bodhi comment the event knows, oldest first. */
export function desiredComments(event: BodhiUpdateEvent): { id: number; body: string }[] {
  return allComments(event).map((comment) => ({ id: comment.id, body: bodhiCommentBody(comment) }));
}

function commitMessage(update: UpdateSnapshot, title: string, url: string): string {
  const submitter = update.submitter
    ? `Submitter: ${sanitizeText(update.submitter, { maxChars: TEXT_BOUNDS.name, inline: true })}\n`
    : '';
  const builds = update.builds.map((build) => `- ${build.nvr}`).join('\n');
  return `${title}\n\nBodhi update: ${url}\n${submitter}Builds:\n${builds}\n`;
}

export function desiredUpdate(
  event: BodhiUpdateEvent,
  config: CoreConfig,
  previous: UpdateMemory | undefined,
): DesiredUpdate {
  const { update } = event;
  const head = headBranchOf(update.alias);
  if (update.builds.length === 0) throw new UnmappableError(`update ${update.alias} has no builds`);
  const base = baseBranchOf(update.release, config);
  const placed = update.builds.map((build) => ({
    build,
    path: packageFilePath(build, update.contentType, config.layout),
  }));
  const ejected = ejectedReason(event, previous);
  const memory: UpdateMemory = {
    alias: update.alias,
    version: event.version,
    id: event.id,
    builds: update.builds.map((build) => build.nvr),
    ...(ejected !== undefined ? { ejected } : {}),
  };
  const title = pullTitle(update);
  const url = updateUrl(update);
  return {
    alias: update.alias,
    head,
    base,
    title,
    body: pullBody({ update, files: placed, memory }),
    labels: managedLabels(update, ejected !== undefined),
    state: desiredState(event),
    files: placed.map(({ build, path }) => ({ path, content: packageFileContent(build) })),
    commitMessage: commitMessage(update, title, url),
    comments: desiredComments(event),
    notices: notices(event, url, ejected),
    memory,
  };
}
