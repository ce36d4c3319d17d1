import type { BodhiComment, BodhiUpdateEvent, ForgegateEvent } from './types.js';

/**
 * Whether an event's update should have its comments fetched from Bodhi before it is applied:
 * a whole update snapshot (not a partial build message) whose message carried no comments, as
 * Bodhi's messages often do.
 */
export function needsBodhiComments(event: ForgegateEvent): event is BodhiUpdateEvent {
  return event.kind === 'bodhi.update' && !event.partial && event.update.comments.length === 0;
}

/**
 * The event with the comments Bodhi returned. Only the comments: the message's own snapshot (and
 * its send time, its version) still decides everything else.
 */
export function withBodhiComments(
  event: BodhiUpdateEvent,
  comments: BodhiComment[],
): BodhiUpdateEvent {
  return { ...event, update: { ...event.update, comments } };
}
