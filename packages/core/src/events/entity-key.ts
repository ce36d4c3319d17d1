import type { ForgegateEvent } from './types.js';
import { pipelineEntityKey } from './pipeline-dispatch.js';

/**
 * The entity an event is about: work for one entity runs in order, one message at a time
 * (DESIGN.md "Reliability"). Pipeline events have theirs in ./pipeline-dispatch.ts; with the
 * configuration's `koji_tags`, a Koji tag event's key is its branch (`branch:<name>`).
 */
export function entityKeyOf(event: ForgegateEvent, kojiTags?: Record<string, string>): string {
  if (event.kind !== 'bodhi.update') return pipelineEntityKey(event, kojiTags);
  return `update:${event.update.alias}`;
}
