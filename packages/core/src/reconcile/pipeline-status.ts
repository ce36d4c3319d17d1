/**
 * Writing decision and result statuses where they belong:
 * - `build:<nvr>` / `update:<alias>`: the head commit of every open update PR the index names;
 * - `compose:<id>`: the commit the compose's tag points to.
 * Each result is kept in the store first; one with nowhere to go yet waits there and is written
 * when its PR opens (`afterUpdateApplied`) or its compose tag is created (./compose-tag.ts).
 * A status is written only when it changes something (../rules/status-write.ts).
 */
import type { BodhiUpdateEvent } from '../events/types.js';
import type { CommitStatus, ForgePort } from '../port.js';
import { keysOfPull } from '../nvr-index.js';
import { headBranchOf } from '../rules/desired-update.js';
import { karmaStatus } from '../rules/karma-status.js';
import { shouldWriteStatus } from '../rules/status-write.js';
import { readUpdateMemory } from '../rules/update-memory.js';
import type { PipelineState } from './pipeline-state.js';

export interface PipelineOutcome {
  outcome: 'applied' | 'ignored';
  reason?: string;
}

/** Writes those of `statuses` that change what `sha` shows; one read, then only needed writes. */
export async function writeStatuses(
  port: ForgePort,
  sha: string,
  statuses: CommitStatus[],
): Promise<number> {
  if (statuses.length === 0) return 0;
  const current = new Map((await port.listStatuses(sha)).map((status) => [status.context, status]));
  let written = 0;
  for (const status of statuses) {
    if (!shouldWriteStatus(current.get(status.context), status)) continue;
    await port.setStatus(sha, status);
    current.set(status.context, status);
    written += 1;
  }
  return written;
}

/** A decision or result about `key`: kept, then written on the PRs or compose tag it names. */
export async function applySubjectStatus(
  port: ForgePort,
  state: PipelineState,
  botLogin: string,
  key: string,
  status: CommitStatus,
): Promise<PipelineOutcome> {
  if (key.startsWith('compose:')) {
    const id = key.slice('compose:'.length);
    if (!state.results.put(key, status)) return staleOutcome(status);
    const tag = await port.getTag(id);
    if (tag === null)
      return {
        outcome: 'ignored',
        reason: `no tag for compose ${id} yet: kept until it is tagged`,
      };
    await writeStatuses(port, tag.sha, [status]);
    return { outcome: 'applied' };
  }
  await state.ready(port, botLogin);
  // One synchronous step: keep, then look up (see ../nvr-index.ts on ordering).
  if (!state.results.put(key, status)) return staleOutcome(status);
  const pulls = state.index.pullsFor(key);
  if (pulls.length === 0) {
    return { outcome: 'ignored', reason: `no open update PR for ${key}: kept until one opens` };
  }
  for (const pull of pulls) await writeStatuses(port, pull.headSha, [status]);
  return { outcome: 'applied' };
}

function staleOutcome(status: CommitStatus): PipelineOutcome {
  return { outcome: 'ignored', reason: `stale: a newer ${status.context} result is already known` };
}

/**
 * After a Bodhi event was applied to the update's PR: keep the index current, and write on the
 * PR's head what belongs there: the karma status (from this snapshot, unless it was stale; merged
 * and closed PRs too, so the end state does not depend on message order) and, when the PR is open,
 * every result kept for the update and its builds. Kept results are offered on every event, not
 * only when the PR is new to the index: a process killed between opening the PR and writing them
 * leaves a PR the next process indexes at start, and only the forge's statuses say what is missing.
 * `writeStatuses` reads them once and writes only what changes, so a replay writes nothing.
 * One PR lookup by head branch; no listing.
 */
export async function afterUpdateApplied(
  port: ForgePort,
  state: PipelineState,
  botLogin: string,
  event: BodhiUpdateEvent,
  snapshotApplied: boolean,
): Promise<void> {
  await state.ready(port, botLogin);
  const { alias } = event.update;
  const pull = await port.findPullByHead(headBranchOf(alias));
  if (pull === null) return;
  // The karma of the snapshot the PR shows, whatever the order the snapshots came in.
  const karma = snapshotApplied ? karmaStatus(event.update) : undefined;
  if (pull.state !== 'open') {
    state.index.remove(alias);
    await writeStatuses(port, pull.headSha, karma === undefined ? [] : [karma]);
    return;
  }
  const nvrs =
    readUpdateMemory(pull, botLogin)?.builds ?? event.update.builds.map((build) => build.nvr);
  const indexed = { alias, number: pull.number, headSha: pull.headSha, nvrs };
  // One synchronous step: index, then read the store (see ../nvr-index.ts on ordering).
  state.index.upsert(indexed);
  const kept = keysOfPull(indexed).flatMap((key) => state.results.get(key));
  await writeStatuses(port, pull.headSha, karma === undefined ? kept : [...kept, karma]);
}
