import { z } from 'zod';
import type { MessageContext } from './bodhi/update-message.js';
import { describeIssues } from './issues.js';
import type { PipelineParse, Subject } from './pipeline-types.js';

/**
 * Greenwave's `greenwave.decision.update`, in every form the captures show:
 * - 2019+: `subject_type` + `subject_identifier` (koji_build, bodhi_update, compose, redhat-module);
 * - Greenwave <= 0.9: only `subject: [{item, type}]`, and for composes `[{"productmd.compose.id": id}]`;
 * - Greenwave <= 0.7.1: `policies_satisified` (sic) instead of `policies_satisfied`.
 * Requirement lists and `previous` are not read: the status shows the decision's own summary.
 */

export const GREENWAVE_DECISION_TOPIC = 'greenwave.decision.update';

const subjectEntry = z.union([
  z.object({ item: z.string().min(1), type: z.string().min(1) }),
  z.object({ 'productmd.compose.id': z.string().min(1) }),
]);

const decisionSchema = z
  .object({
    decision_context: z.string().min(1),
    product_version: z.string().nullish(),
    summary: z.string(),
    policies_satisfied: z.boolean().optional(),
    policies_satisified: z.boolean().optional(),
    subject_type: z.string().min(1).optional(),
    subject_identifier: z.string().min(1).optional(),
    subject: z.array(subjectEntry).optional(),
  })
  .refine(
    (body) => body.policies_satisfied !== undefined || body.policies_satisified !== undefined,
    {
      message: 'missing (expected boolean)',
      path: ['policies_satisfied'],
    },
  );

type DecisionBody = z.output<typeof decisionSchema>;

export function parseGreenwaveDecision(context: MessageContext, body: unknown): PipelineParse {
  const result = decisionSchema.safeParse(body);
  if (!result.success) return { outcome: 'rejected', reason: describeIssues(result.error) };
  const decision = result.data;
  const subject = subjectOf(decision);
  if (subject === undefined) {
    return {
      outcome: 'rejected',
      reason: 'subject_identifier: missing (no subject_type/subject_identifier and no subject[])',
    };
  }
  return {
    outcome: 'event',
    event: {
      kind: 'greenwave.decision',
      id: context.id,
      topic: context.topic,
      subject,
      decisionContext: decision.decision_context,
      ...(decision.product_version ? { productVersion: decision.product_version } : {}),
      satisfied: (decision.policies_satisfied ?? decision.policies_satisified) === true,
      summary: decision.summary,
      ...(context.sentAt !== undefined ? { time: context.sentAt } : {}),
    },
  };
}

/**
 * The decision's subject. The explicit pair wins; in the old list form an update's decision listed
 * the update and its builds, so a `bodhi_update` entry wins over the first entry.
 */
function subjectOf(decision: DecisionBody): Subject | undefined {
  if (decision.subject_type !== undefined && decision.subject_identifier !== undefined) {
    return { type: decision.subject_type, identifier: decision.subject_identifier };
  }
  const entries = (decision.subject ?? []).map((entry): Subject =>
    'item' in entry
      ? { type: entry.type, identifier: entry.item }
      : { type: 'compose', identifier: entry['productmd.compose.id'] },
  );
  return entries.find((entry) => entry.type === 'bodhi_update') ?? entries[0];
}
