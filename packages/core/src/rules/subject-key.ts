/**
 * Which forge object a decision or result is about, as a key shared by the NVR index, the result
 * store and the runner's per-entity queue:
 * - `koji_build` → `build:<nvr>`: every open update PR containing that build;
 * - `bodhi_update` → `update:<alias>`: that update's PR (the same key as its Bodhi messages, so a
 *   decision about an update runs in order with the update's own events);
 * - `compose` → `compose:<id>`: the commit the compose's tag points to (the same key as the
 *   compose's status messages, so a decision waits behind the tag it needs).
 * Anything else (Red Hat's `brew-build`, `redhat-module`, ...) names nothing on this forge.
 */
import type { Subject } from '../events/pipeline-types.js';

export function subjectKey(subject: Subject): string | undefined {
  switch (subject.type) {
    case 'koji_build':
      return `build:${subject.identifier}`;
    case 'bodhi_update':
      return `update:${subject.identifier}`;
    case 'compose':
      return `compose:${subject.identifier}`;
    default:
      return undefined;
  }
}

export function buildKey(nvr: string): string {
  return `build:${nvr}`;
}

export function updateKey(alias: string): string {
  return `update:${alias}`;
}

export function composeKey(id: string): string {
  return `compose:${id}`;
}
