/**
 * The pipeline events' entry point, called by `applyEvent` for every kind but Bodhi's.
 */
import type { CoreConfig } from '../config.js';
import type { PipelineEvent } from '../events/pipeline-types.js';
import type { ForgePort } from '../port.js';
import { ciStatus } from '../rules/ci-status.js';
import { gatingStatus } from '../rules/gating-status.js';
import { subjectKey } from '../rules/subject-key.js';
import { applyComposeStatus } from './compose-tag.js';
import { applyKojiTag } from './koji-tag.js';
import { pipelineStateFor, type PipelineState } from './pipeline-state.js';
import { applySubjectStatus, type PipelineOutcome } from './pipeline-status.js';

export interface PipelineContext {
  config: CoreConfig;
  botLogin: string;
  /** The index and result store; default: one in-memory state per port. */
  pipeline?: PipelineState;
}

export async function applyPipelineEvent(
  port: ForgePort,
  event: PipelineEvent,
  context: PipelineContext,
): Promise<PipelineOutcome> {
  const state = pipelineStateFor(port, context.pipeline);
  switch (event.kind) {
    case 'greenwave.decision':
    case 'test.result': {
      const key = subjectKey(event.subject);
      if (key === undefined) {
        return {
          outcome: 'ignored',
          reason: `subject type ${event.subject.type} names nothing on the forge`,
        };
      }
      const status = event.kind === 'greenwave.decision' ? gatingStatus(event) : ciStatus(event);
      return applySubjectStatus(port, state, context.botLogin, key, status);
    }
    case 'koji.tag':
      return applyKojiTag(port, event, context.config);
    case 'pungi.compose':
      return applyComposeStatus(port, state, event, context.config);
  }
}
