/**
 * What the bot remembers about an update, in the hidden marker ending its PR body
 * (`<!-- forgegate:update {...} -->`): the snapshot last applied and the facts a later message
 * needs but may not carry.
 */
import type { BodhiUpdateEvent } from '../events/types.js';
import type { PullRequest } from '../port.js';
import { readMarker } from '../markers.js';

export interface UpdateMemory {
  alias: string;
  /** The applied snapshot's version (DESIGN.md "Which snapshot is newer"). */
  version: string;
  /** The applied message's id: breaks ties between two snapshots with the same version. */
  id: string;
  /** The NVRs the head was built from: a different set means the head is rebuilt. */
  builds: string[];
  /** Set by an eject, until the update is pushed or gets a new request: the eject reason. */
  ejected?: string;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The memory in `pull`'s body, when the bot wrote it and it is whole; undefined otherwise. */
export function readUpdateMemory(pull: PullRequest, botLogin: string): UpdateMemory | undefined {
  const data = readMarker(pull.body, pull.author, botLogin, 'update');
  if (
    !data ||
    typeof data.alias !== 'string' ||
    typeof data.version !== 'string' ||
    typeof data.id !== 'string' ||
    !isStringArray(data.builds)
  ) {
    return undefined;
  }
  return {
    alias: data.alias,
    version: data.version,
    id: data.id,
    builds: data.builds,
    ...(typeof data.ejected === 'string' ? { ejected: data.ejected } : {}),
  };
}

/**
 * True when `event` is older than the snapshot `memory` records. Versions are ISO 8601 UTC strings
 * (they compare as strings); equal versions are ordered by message id, so two different messages
 * with one version settle on the same winner whatever order they arrive in, and a replay of the
 * winner is not stale (it re-applies, which is how replays repair the forge).
 */
export function isStale(event: BodhiUpdateEvent, memory: UpdateMemory | undefined): boolean {
  if (!memory) return false;
  if (event.version !== memory.version) return event.version < memory.version;
  return event.id < memory.id;
}
