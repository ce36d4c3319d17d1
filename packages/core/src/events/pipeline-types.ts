import type { Build, MessageMeta } from './types.js';

/**
 * The distribution pipeline's events beyond Bodhi: gating decisions (Greenwave), test results
 * (Fedora CI, ResultsDB), Koji tag changes and compose status (Pungi). Each keeps the producer's
 * facts in the core's words; the rules (../rules/) decide what they mean on the forge.
 *
 * Times are ISO 8601 UTC with milliseconds, like every event time (./types.ts).
 */

/**
 * What a decision or a result is about, in Greenwave's words: `koji_build` (an NVR), `bodhi_update`
 * (an alias), `compose` (a compose id), or something forgegate has no object for (`redhat-module`,
 * `brew-build` from Red Hat's bus, ...), which the rules count as ignored.
 */
export interface Subject {
  type: string;
  identifier: string;
}

export interface GatingDecisionEvent extends MessageMeta {
  kind: 'greenwave.decision';
  subject: Subject;
  /** Greenwave's `decision_context`: names the status (`gating/bodhi_update_push_stable`). */
  decisionContext: string;
  productVersion?: string;
  /** `policies_satisfied` (spelled `policies_satisified` by Greenwave <= 0.7.1). */
  satisfied: boolean;
  summary: string;
  /** When the decision was sent, if the envelope says. */
  time?: string;
}

/**
 * A test's outcome in one vocabulary: the CI messages' `test.result` values and ResultsDB's
 * outcomes, lowercased, plus the two states a run goes through before it has one.
 */
export type TestOutcome =
  | 'queued'
  | 'running'
  | 'passed'
  | 'failed'
  | 'info'
  | 'needs_inspection'
  | 'not_applicable'
  | 'error';

export interface TestResultEvent extends MessageMeta {
  kind: 'test.result';
  /** Which producer said it: the same result often arrives from both. */
  source: 'fedora-ci' | 'resultsdb';
  subject: Subject;
  /** ResultsDB's testcase name, which Greenwave's policies use: `fedora-ci.koji-build.tier0.functional`. */
  testcase: string;
  outcome: TestOutcome;
  /** The producer's reason for an error, untrusted text. */
  note?: string;
  /** The run: its web page, else its log. */
  url?: string;
  /** When the producer made the result (`generated_at`, `submit_time`, else the send time). */
  time?: string;
}

export interface KojiTagEvent extends MessageMeta {
  kind: 'koji.tag';
  action: 'tag' | 'untag';
  tag: string;
  /** Koji's tag messages carry no epoch: `epoch` is 0 (DESIGN.md's package file then has none). */
  build: Build;
  /** The source package's name (`name` in the message). */
  packageName: string;
  /** Who tagged or untagged: Koji's `user` (bodhi, autopen, a packager). */
  user: string;
  /** The build's owner. */
  owner?: string;
  time?: string;
}

export interface ComposeStatusEvent extends MessageMeta {
  kind: 'pungi.compose';
  composeId: string;
  /** STARTED, FINISHED, FINISHED_INCOMPLETE, DOOMED, TERMINATED. */
  status: string;
  location?: string;
  /** `compose_label` (`Beta-1.2`); nightlies have none, and messages before 2017 never say. */
  label?: string;
  /** `release_short`-`release_version` where the message has them (2017+), else undefined. */
  release?: string;
  time?: string;
}

export type PipelineEvent =
  GatingDecisionEvent | TestResultEvent | KojiTagEvent | ComposeStatusEvent;

/**
 * What a pipeline body became: an event, a known message that maps to nothing (counted as ignored
 * with its reason), or a body that does not match its producer's format (rejected, one line).
 */
export type PipelineParse =
  | { outcome: 'event'; event: PipelineEvent }
  | { outcome: 'ignored'; reason: string }
  | { outcome: 'rejected'; reason: string };
