import type { ForgegateEvent } from './types.js';

/**
 * The entity an event is about: work for one entity runs in order, one message at a time
 * (DESIGN.md "Reliability"). Later event kinds add `branch:<name>` and `compose:<id>`.
 */
export function entityKeyOf(event: ForgegateEvent): string {
  return `update:${event.update.alias}`;
}
