/**
 * A Koji tag/untag as a direct commit on the mapped branch (../rules/koji-tag-commit.ts), read
 * from the branch's actual content each time. A concurrent change of the branch (an update's merge)
 * makes `commitFiles` fail with `conflict`; the runner retries, and the retry re-reads the file, so
 * a tag event for the build a merge just brought in finds it there and writes nothing.
 */
import type { CoreConfig } from '../config.js';
import type { KojiTagEvent } from '../events/pipeline-types.js';
import type { ForgePort } from '../port.js';
import { tagCommitMessage, tagFileChange, tagTarget } from '../rules/koji-tag-commit.js';
import type { PipelineOutcome } from './pipeline-status.js';

export async function applyKojiTag(
  port: ForgePort,
  event: KojiTagEvent,
  config: CoreConfig,
): Promise<PipelineOutcome> {
  const target = tagTarget(event, config);
  if (target === undefined)
    return { outcome: 'ignored', reason: `Koji tag ${event.tag} is mapped to no branch` };
  const branch = await port.getBranch(target.branch);
  if (branch === null) {
    return {
      outcome: 'ignored',
      reason: `branch ${target.branch} does not exist (seed it with seed-branch)`,
    };
  }
  const current = await port.readFile(branch.sha, target.path);
  const plan = tagFileChange(event, target.path, current);
  if ('unchanged' in plan) return { outcome: 'applied', reason: plan.unchanged };
  await port.commitFiles({
    branch: target.branch,
    parentSha: branch.sha,
    message: tagCommitMessage(event, target.branch),
    files: [plan.change],
  });
  return { outcome: 'applied' };
}
