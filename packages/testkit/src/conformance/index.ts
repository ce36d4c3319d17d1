import { describe } from '@jest/globals';
import { describeConversation } from './conversation.js';
import { suiteContext } from './harness.js';
import { describePagination } from './pagination.js';
import { describePullRequests } from './pull-requests.js';
import { describeRepositoryContent } from './repository-content.js';
import { describeStatusesAndTags } from './statuses-and-tags.js';
import { describeUpdateLifecycle } from './update-lifecycle.js';
import type { ConformanceFactory } from './subject.js';

export { commitOnTip, packageFile, seedBranch } from './harness.js';
export type { ConformanceControl, ConformanceFactory, ConformanceSubject } from './subject.js';

/**
 * Declares the adapter conformance suite (jest `describe`/`it`) for the adapter `factory` makes:
 * every port operation, its errors, and what the bot relies on (conflict on a stale parent, edit in
 * place, labels created when missing, pages past the first), then a real Bodhi update's lifecycle
 * through the core's reconciler and a replay that must not write. Each test gets a fresh subject.
 */
export function runConformanceSuite(name: string, factory: ConformanceFactory): void {
  describe(`${name} conforms to the forge port`, () => {
    const context = suiteContext(factory);
    describeRepositoryContent(context);
    describePullRequests(context);
    describeConversation(context);
    describeStatusesAndTags(context);
    describePagination(context);
    describeUpdateLifecycle(context);
  });
}
export {
  lifecycleEvents,
  lifecycleSpecs,
  LIFECYCLE_ALIAS,
  LIFECYCLE_BASE,
} from './bodhi-lifecycle.js';
