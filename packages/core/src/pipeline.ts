/** The distribution pipeline's public surface: gating, CI, karma, Koji tags, composes. */
export type {
  ComposeStatusEvent,
  GatingDecisionEvent,
  KojiTagEvent,
  PipelineEvent,
  Subject,
  TestOutcome,
  TestResultEvent,
} from './events/pipeline-types.js';
export {
  DEFAULT_MAX_SUBJECTS,
  MemoryResultStore,
  NvrIndex,
  keysOfPull,
  readOpenUpdatePulls,
  type IndexedPull,
  type ResultStore,
} from './nvr-index.js';
export { PipelineState, pipelineStateFor } from './reconcile/pipeline-state.js';
export { applyPipelineEvent, type PipelineContext } from './reconcile/pipeline.js';
export { afterUpdateApplied, type PipelineOutcome } from './reconcile/pipeline-status.js';
export { KARMA_CONTEXT, karmaStatus } from './rules/karma-status.js';
export { isOlderStatus } from './rules/status-write.js';
export { nvrInPackageFile } from './rules/koji-tag-commit.js';
export { compareNvrVersions, rpmvercmp } from './rules/rpm-version.js';
export {
  parseTagListing,
  RPM_FOLDER,
  seedChanges,
  seedCommitMessage,
  seedReads,
  TagListingError,
  type BranchPackageFiles,
  type ListedBuild,
} from './rules/tag-listing.js';
