/**
 * The update's karma as a `bodhi/karma` commit status: "+2 of +3 to push". Success once karma
 * reaches the stable threshold, failure once it falls to the unstable one (Bodhi then unpushes
 * or blocks the update), pending in between.
 */
import type { UpdateSnapshot } from '../events/types.js';
import type { CommitStatus } from '../port.js';
import { signed, updateUrl } from './pull-body.js';

export const KARMA_CONTEXT = 'bodhi/karma';

/** The status, or undefined when the snapshot does not carry the update's karma. */
export function karmaStatus(update: UpdateSnapshot): CommitStatus | undefined {
  if (update.karma === undefined) return undefined;
  const karma = update.karma;
  const stable = update.stableKarma ?? undefined;
  const unstable = update.unstableKarma ?? undefined;
  const url = updateUrl(update);
  if (unstable !== undefined && karma <= unstable) {
    return {
      context: KARMA_CONTEXT,
      state: 'failure',
      description: `${signed(karma)}: reached the unstable threshold (${signed(unstable)})`,
      url,
    };
  }
  if (stable === undefined) {
    return {
      context: KARMA_CONTEXT,
      state: 'pending',
      description: `${signed(karma)} (no karma threshold to push)`,
      url,
    };
  }
  return {
    context: KARMA_CONTEXT,
    state: karma >= stable ? 'success' : 'pending',
    description: `${signed(karma)} of ${signed(stable)} to push`,
    url,
  };
}
