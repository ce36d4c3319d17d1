/**
 * A Greenwave decision as a commit status: `gating/<decision_context>`, success when the policies
 * are satisfied and failure otherwise, Greenwave's summary (with the decision's time) as the
 * description, and a link to the decision message in datagrepper when the message has a bus id.
 */
import type { GatingDecisionEvent } from '../events/pipeline-types.js';
import type { CommitStatus } from '../port.js';
import { timedDescription } from './status-write.js';

/** fedora-messaging's archive; a decision has no page of its own in Greenwave. */
const DATAGREPPER = 'https://apps.fedoraproject.org/datagrepper/v2/id?is_raw=true&id=';

/** Ids forgegate made up (a hash of a message without one) are in no archive. */
const HASHED_ID = /^sha256:/;

export function gatingStatus(event: GatingDecisionEvent): CommitStatus {
  const status: CommitStatus = {
    context: `gating/${statusContextPart(event.decisionContext)}`,
    state: event.satisfied ? 'success' : 'failure',
    description: timedDescription(event.summary, event.time),
  };
  if (!HASHED_ID.test(event.id)) status.url = `${DATAGREPPER}${encodeURIComponent(event.id)}`;
  return status;
}

/**
 * A context names a check on every forge; keep it to the characters Greenwave and ResultsDB use
 * (`bodhi_update_push_stable`, `fedora-ci.koji-build.tier0.functional`) and a sane length.
 */
export function statusContextPart(name: string): string {
  return name.replace(/[^A-Za-z0-9._/-]/g, '_').slice(0, 100);
}
