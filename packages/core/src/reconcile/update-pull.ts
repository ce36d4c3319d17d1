/**
 * One Bodhi update event against its PR: read the PR (found by its head branch, never by listing),
 * compute the desired state from the event and the PR's marker, and write only the difference.
 *
 * Reads per event: findPullByHead, listComments, and for an open PR getBranch (base, head),
 * compare and one readFile per build. A replay of messages already applied writes nothing.
 */
import type { BodhiUpdateEvent } from '../events/types.js';
import { isForgeError } from '../forge-error.js';
import type { CoreConfig } from '../config.js';
import type { ForgePort, PullPatch, PullRequest, PullState } from '../port.js';
import {
  desiredComments,
  desiredUpdate,
  headBranchOf,
  type DesiredUpdate,
} from '../rules/desired-update.js';
import { baseBranchOf } from '../rules/base-branch.js';
import { mergeLabels, sameLabels } from '../rules/labels.js';
import { isStale, readUpdateMemory, type UpdateMemory } from '../rules/update-memory.js';
import { syncComments } from './comments.js';
import { noEffects, type Effects } from './effects.js';
import { ensureHead, rebuildHeadOnBase, type HeadPlan } from './head-branch.js';
import { sameText } from './same-text.js';

export interface UpdateOutcome {
  outcome: 'applied' | 'ignored';
  reason?: string;
  effects: Effects;
}

interface Context {
  config: CoreConfig;
  botLogin: string;
}

export async function reconcileUpdate(
  port: ForgePort,
  event: BodhiUpdateEvent,
  context: Context,
): Promise<UpdateOutcome> {
  const effects = noEffects();
  const pull = await port.findPullByHead(
    headBranchOf(event.update.alias),
    baseHint(event, context.config),
  );

  // A partial message (no update object: the V1/V2 ready-for-testing form) only says the
  // update's builds were composed into a test group; the full snapshots carry everything a PR
  // shows, so it never creates a PR and leaves an existing one as it is.
  if (event.partial) {
    return pull
      ? { outcome: 'applied', reason: 'partial message: nothing to change on the PR', effects }
      : { outcome: 'ignored', reason: 'partial message and no PR for the update yet', effects };
  }

  const memory = pull ? readUpdateMemory(pull, context.botLogin) : undefined;
  if (pull && memory && isStale(event, memory)) {
    // Comments only accumulate: an older snapshot may still carry one the PR lacks.
    await syncComments(
      port,
      pull.number,
      { mirrors: desiredComments(event), notices: [] },
      context.botLogin,
      effects,
    );
    return {
      outcome: 'ignored',
      // One reason for every stale snapshot, so the summary counts them together.
      reason: 'stale snapshot: older than the version the PR already shows',
      effects,
    };
  }

  const desired = desiredUpdate(event, context.config, memory);
  if (pull) await converge(port, pull, desired, memory, context.botLogin, effects);
  else await open(port, desired, context.botLogin, effects);
  return { outcome: 'applied', effects };
}

function headPlan(desired: DesiredUpdate): HeadPlan {
  return {
    base: desired.base,
    head: desired.head,
    files: desired.files,
    message: desired.commitMessage,
    builds: desired.memory.builds,
  };
}

function mergeMessage(desired: DesiredUpdate): string {
  return `Merge ${desired.head}: pushed stable\n\n${desired.title}\n`;
}

/** Closing notices belong to closed PRs only; other notices go wherever the PR is. */
function conversation(desired: DesiredUpdate, finalState: PullState) {
  return {
    mirrors: desired.comments,
    notices: desired.notices.filter(
      (notice) => finalState === 'closed' || !notice.key.startsWith('closed:'),
    ),
  };
}

async function open(
  port: ForgePort,
  desired: DesiredUpdate,
  botLogin: string,
  effects: Effects,
): Promise<void> {
  // The head may exist without a PR (a run stopped in between): ensureHead checks it.
  await ensureHead(port, headPlan(desired), 'unknown');
  const pull = await port.createPull({
    head: desired.head,
    base: desired.base,
    title: desired.title,
    body: desired.body,
    labels: mergeLabels([], desired.labels),
  });
  effects.pullsOpened += 1;
  const target = desired.state ?? 'open';
  if (target === 'closed') {
    await port.updatePull(pull.number, { state: 'closed' });
    effects.pullsClosed += 1;
  }
  await syncComments(port, pull.number, conversation(desired, target), botLogin, effects);
  if (target === 'merged') await merge(port, pull.number, desired, effects);
}

async function converge(
  port: ForgePort,
  pull: PullRequest,
  desired: DesiredUpdate,
  memory: UpdateMemory | undefined,
  botLogin: string,
  effects: Effects,
): Promise<void> {
  // A merged PR never reopens and its head is history; a PR the snapshot says nothing about
  // keeps its state.
  const target: PullState = pull.state === 'merged' ? 'merged' : (desired.state ?? pull.state);
  const patch: PullPatch = {};
  if (!sameText(pull.title, desired.title)) patch.title = desired.title;
  if (!sameText(pull.body, desired.body)) patch.body = desired.body;
  if (pull.state === 'open' && target === 'closed') patch.state = 'closed';
  // Reopen before touching the head: some forges refuse to reopen a PR whose head was rewritten.
  if (pull.state === 'closed' && target !== 'closed') patch.state = 'open';
  if (Object.keys(patch).length > 0) {
    await port.updatePull(pull.number, patch);
    if (patch.state === 'closed') effects.pullsClosed += 1;
    if (patch.state === 'open') effects.pullsReopened += 1;
  }

  if (pull.state !== 'merged' && target !== 'closed') {
    const history =
      patch.state === 'open' ? 'stale' : memory ? { builtFrom: memory.builds } : 'unknown';
    await ensureHead(port, headPlan(desired), history);
  }
  const labels = mergeLabels(pull.labels, desired.labels);
  if (!sameLabels(labels, pull.labels)) await port.setPullLabels(pull.number, labels);
  await syncComments(port, pull.number, conversation(desired, target), botLogin, effects);
  if (pull.state !== 'merged' && target === 'merged') {
    await merge(port, pull.number, desired, effects);
  }
}

/**
 * Merges the update's PR. The forge refuses a head that no longer merges cleanly: the base changed
 * one of the update's package files after the head was built (a Koji tag event or another update's
 * merge landing between ensureHead's reads and the merge). The head is then rebuilt on the base's
 * tip and merged once more; a second refusal is passed on (the runner dead-letters it with the
 * forge's reason). Only an open PR's head is rebuilt: one closed or merged meanwhile is not ours.
 */
async function merge(
  port: ForgePort,
  number: number,
  desired: DesiredUpdate,
  effects: Effects,
): Promise<void> {
  try {
    await port.mergePull(number, mergeMessage(desired));
  } catch (error) {
    // Only a refusal on content is worth a rebuild. A `conflict` means the base moved while the
    // forge merged (another update merged into the release at that moment): the runner retries
    // the message, the head still applies, and rebuilding it would only orphan its statuses.
    if (!isForgeError(error, 'not_mergeable')) throw error;
    const pull = await port.findPullByHead(desired.head, desired.base);
    if (pull?.number !== number || pull.state !== 'open') throw error;
    await rebuildHeadOnBase(port, headPlan(desired));
    await port.mergePull(number, mergeMessage(desired));
  }
  effects.pullsMerged += 1;
}

/**
 * The base the update's PR has, passed to `findPullByHead` as a hint: a forge that finds PRs by
 * base and head (Forgejo) then needs one request even for a PR on a release no open PR uses.
 * Absent when the message cannot name it (a partial message, an unmapped release).
 */
function baseHint(event: BodhiUpdateEvent, config: CoreConfig): string | undefined {
  if (event.partial) return undefined;
  try {
    return baseBranchOf(event.update.release, config);
  } catch {
    return undefined;
  }
}
