/**
 * A finished compose as a tag on its branch's tip (../rules/compose-tag.ts). A tag that exists
 * already is left where it is (a repeated message neither moves nor recreates it); either way the
 * gating decisions kept for the compose are then written on the tagged commit.
 */
import type { CoreConfig } from '../config.js';
import type { ComposeStatusEvent } from '../events/pipeline-types.js';
import type { ForgePort } from '../port.js';
import { composeTagPlan } from '../rules/compose-tag.js';
import { composeKey } from '../rules/subject-key.js';
import type { PipelineState } from './pipeline-state.js';
import { writeStatuses, type PipelineOutcome } from './pipeline-status.js';

export async function applyComposeStatus(
  port: ForgePort,
  state: PipelineState,
  event: ComposeStatusEvent,
  config: CoreConfig,
): Promise<PipelineOutcome> {
  const plan = composeTagPlan(event, config);
  if ('ignored' in plan) return { outcome: 'ignored', reason: plan.ignored };
  let tagged = await port.getTag(plan.tag);
  if (tagged === null) {
    const branch = await port.getBranch(plan.branch);
    if (branch === null)
      return { outcome: 'ignored', reason: `branch ${plan.branch} does not exist` };
    await port.createTag(plan.tag, branch.sha, plan.message);
    tagged = { name: plan.tag, sha: branch.sha, message: plan.message };
  }
  await writeStatuses(port, tagged.sha, state.results.get(composeKey(event.composeId)));
  return { outcome: 'applied' };
}
