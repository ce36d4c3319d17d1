/**
 * The core's one entry point for the runner: an event in, the forge brought to the state the rules
 * want, and what that changed. Forge failures the reconciler cannot handle itself are thrown as
 * ForgeError (the runner retries those); an event the rules cannot map (a build that is not an
 * NVR, a release with no branch) is ignored with the reason, and nothing is written for it.
 */
import type { CoreConfig } from './config.js';
import type { ForgegateEvent } from './events/types.js';
import type { ForgePort } from './port.js';
import type { Effects } from './reconcile/effects.js';
import { noEffects } from './reconcile/effects.js';
import { reconcileUpdate } from './reconcile/update-pull.js';
import { pipelineStateFor, type PipelineState } from './reconcile/pipeline-state.js';
import { applyPipelineEvent } from './reconcile/pipeline.js';
import { afterUpdateApplied } from './reconcile/pipeline-status.js';
import { UnmappableError } from './rules/unmappable.js';

export interface ApplyContext {
  config: CoreConfig;
  /** The bot's own login (`port.whoami()`): markers are trusted only in its text. */
  botLogin: string;
  /** The pipeline rules' index and result store; default: one in-memory state per port. */
  pipeline?: PipelineState;
}

export interface ApplyOutcome {
  outcome: 'applied' | 'ignored';
  reason?: string;
  effects: Effects;
}

export async function applyEvent(
  port: ForgePort,
  event: ForgegateEvent,
  context: ApplyContext,
): Promise<ApplyOutcome> {
  try {
    // Gating, CI, Koji tag and compose events: ./reconcile/pipeline.ts.
    if (event.kind !== 'bodhi.update') {
      return { ...(await applyPipelineEvent(port, event, context)), effects: noEffects() };
    }
    const outcome = await reconcileUpdate(port, event, context);
    // The NVR index, the karma status and results that waited for this PR.
    const state = pipelineStateFor(port, context.pipeline);
    await afterUpdateApplied(port, state, context.botLogin, event, outcome.outcome === 'applied');
    return outcome;
  } catch (error) {
    if (error instanceof UnmappableError) {
      return { outcome: 'ignored', reason: error.message, effects: noEffects() };
    }
    throw error;
  }
}
