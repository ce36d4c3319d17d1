/**
 * A test result (Fedora CI or ResultsDB) as a commit status: the testcase name as the context
 * (`fedora-ci.koji-build.tier0.functional`), pending while queued or running, then the result, and
 * a link to the run. Fedora CI and ResultsDB report the same result under the same testcase with
 * the same words, so the second report changes nothing (./status-write.ts).
 */
import type { TestOutcome, TestResultEvent } from '../events/pipeline-types.js';
import type { CommitStatus, StatusState } from '../port.js';
import { statusContextPart } from './gating-status.js';
import { timedDescription } from './status-write.js';

const STATE: Readonly<Record<TestOutcome, StatusState>> = {
  queued: 'pending',
  running: 'pending',
  passed: 'success',
  info: 'success',
  not_applicable: 'success',
  failed: 'failure',
  needs_inspection: 'failure',
  error: 'error',
};

const WORDS: Readonly<Record<TestOutcome, string>> = {
  queued: 'Test queued',
  running: 'Test running',
  passed: 'Test passed',
  info: 'Test passed (informational)',
  not_applicable: 'Test not applicable',
  failed: 'Test failed',
  needs_inspection: 'Test needs inspection',
  error: 'Test could not run',
};

const SAFE_URL = /^https?:\/\/[^\s<>"'`]+$/;

export function ciStatus(event: TestResultEvent): CommitStatus {
  const words =
    event.outcome === 'error' && event.note
      ? `${WORDS.error}: ${event.note}`
      : WORDS[event.outcome];
  const status: CommitStatus = {
    context: statusContextPart(event.testcase),
    state: STATE[event.outcome],
    description: timedDescription(words, event.time),
  };
  if (event.url !== undefined && SAFE_URL.test(event.url)) status.url = event.url;
  return status;
}
