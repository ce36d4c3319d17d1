import { z } from 'zod';
import type { MessageContext } from './bodhi/update-message.js';
import { toIsoUtc } from './dates.js';
import { describeIssues } from './issues.js';
import type { PipelineParse, TestOutcome } from './pipeline-types.js';
import { testResult, type ResultFacts } from './test-result.js';

/**
 * Fedora CI's test messages, in the two families the bus has carried:
 *
 * - The CI Messages spec (`ci.<artifact>.test.queued|running|complete|error`). Spec 1.1.14 is what
 *   fedora-ci/jenkins-pipeline-library publishes today: its templates
 *   (`schemas/fedora-ci/templates/`) are filled with `artifact.{nvr,scratch,type}`,
 *   `test.{namespace,type,category}`, `test.result` (complete) or `error.reason` (error), `run.url`
 *   and `generated_at`. Its `test.namespace` already ends with the artifact type
 *   (`fedora-ci.koji-build`); the pre-0.2 captures from Red Hat's bus say only `libvirt-ci`, and the
 *   type then joins it, so both give ResultsDB's testcase name (`<namespace>.<type>.<category>`).
 * - The 2019 CentOS CI "All Packages" pipeline (`ci.pipeline.<pipeline>.<stage>.<state>`): a flat
 *   body with `nvr`, `status` and `build_url`. Its testcase name is the topic without the state,
 *   as Fedora's gating policies of the time named it.
 */

const CI_SPEC_TOPIC = /^ci\.(koji-build|brew-build)\.test\.(queued|running|complete|error)$/;
const CI_PIPELINE_TOPIC = /^(ci\.pipeline\..+)\.(queued|running|complete|error|ignored)$/;

/** Both Kojis' builds are Greenwave's `koji_build` subjects. */
function build(nvr: string): ResultFacts['subject'] {
  return { type: 'koji_build', identifier: nvr };
}

export function isFedoraCiTopic(topic: string): boolean {
  return CI_SPEC_TOPIC.test(topic) || CI_PIPELINE_TOPIC.test(topic);
}

const nonEmpty = z.string().min(1);
/** The pre-0.2 captures write booleans as strings ("false"). */
const looseBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
  .transform((value) => value === true || value === 'true' || value === 'True');

const specTest = z.object({
  namespace: nonEmpty,
  type: nonEmpty,
  category: nonEmpty,
  result: z.string().optional(),
});

const specBody = z.object({
  artifact: z.object({ type: nonEmpty, nvr: nonEmpty, scratch: looseBoolean.optional() }),
  // 1.x nests the test; pre-0.2 has its fields at the top level (read when `test` is absent).
  test: specTest.optional(),
  namespace: z.string().optional(),
  type: z.string().optional(),
  category: z.string().optional(),
  status: z.string().optional(),
  run: z.object({ url: z.string().optional(), log: z.string().optional() }).optional(),
  error: z.object({ reason: z.string().optional() }).optional(),
  generated_at: z.string().optional(),
});

const pipelineBody = z.object({
  nvr: z.string(),
  status: z.string(),
  build_url: z.string().nullish(),
  scratch: looseBoolean.nullish(),
});

export function parseFedoraCiMessage(context: MessageContext, body: unknown): PipelineParse {
  const spec = CI_SPEC_TOPIC.exec(context.topic);
  if (spec) return parseSpecMessage(context, spec[2] as string, body);
  const pipeline = CI_PIPELINE_TOPIC.exec(context.topic);
  if (pipeline)
    return parsePipelineMessage(context, pipeline[1] as string, pipeline[2] as string, body);
  return { outcome: 'rejected', reason: `not a Fedora CI test topic: ${context.topic}` };
}

function parseSpecMessage(context: MessageContext, state: string, body: unknown): PipelineParse {
  const result = specBody.safeParse(body);
  if (!result.success) return { outcome: 'rejected', reason: describeIssues(result.error) };
  const message = result.data;
  const test = message.test ?? topLevelTest(message);
  if (test === undefined)
    return { outcome: 'rejected', reason: 'test.namespace: missing (expected string)' };
  if (message.artifact.scratch === true) {
    return { outcome: 'ignored', reason: 'scratch build: never part of an update' };
  }
  const outcome = specOutcome(state, test.result);
  if (outcome === undefined) {
    return {
      outcome: 'rejected',
      reason: `test.result: unknown result ${JSON.stringify(test.result)}`,
    };
  }
  const namespace = test.namespace.endsWith(`.${message.artifact.type}`)
    ? test.namespace
    : `${test.namespace}.${message.artifact.type}`;
  return testResult(context, 'fedora-ci', {
    subject: build(message.artifact.nvr),
    testcase: `${namespace}.${test.type}.${test.category}`,
    outcome,
    note: state === 'error' ? message.error?.reason : undefined,
    url: message.run?.url || message.run?.log || undefined,
    time: (message.generated_at && toIsoUtc(message.generated_at)) || context.sentAt,
  });
}

function topLevelTest(message: z.output<typeof specBody>): z.output<typeof specTest> | undefined {
  if (!message.namespace || !message.type || !message.category) return undefined;
  return {
    namespace: message.namespace,
    type: message.type,
    category: message.category,
    result: message.status,
  };
}

/** The topic's state decides queued/running/error; a complete message says its result. */
function specOutcome(state: string, result: string | undefined): TestOutcome | undefined {
  if (state === 'queued' || state === 'running' || state === 'error') return state;
  switch (result?.toLowerCase()) {
    case 'passed':
      return 'passed';
    case 'failed':
      return 'failed';
    case 'info':
      return 'info';
    case 'needs_inspection':
      return 'needs_inspection';
    case 'not_applicable':
      return 'not_applicable';
    default:
      return undefined;
  }
}

function parsePipelineMessage(
  context: MessageContext,
  testcase: string,
  state: string,
  body: unknown,
): PipelineParse {
  const result = pipelineBody.safeParse(body);
  if (!result.success) return { outcome: 'rejected', reason: describeIssues(result.error) };
  const message = result.data;
  if (state === 'ignored')
    return { outcome: 'ignored', reason: 'the CI pipeline ignored this build' };
  // PR pipelines test scratch builds of dist-git pull requests (`nvr` then ends in `.pr.<uid>`).
  if (message.scratch === true)
    return { outcome: 'ignored', reason: 'scratch build: never part of an update' };
  if (message.nvr === '')
    return { outcome: 'ignored', reason: 'no build: the pipeline failed before building' };
  const outcome = pipelineOutcome(state, message.status);
  if (outcome === undefined) {
    return {
      outcome: 'rejected',
      reason: `status: unknown pipeline status ${JSON.stringify(message.status)}`,
    };
  }
  return testResult(context, 'fedora-ci', {
    subject: build(message.nvr),
    testcase,
    outcome,
    url: message.build_url ?? undefined,
    time: context.sentAt,
  });
}

/** Jenkins' build results; queued and running messages carry the status so far, not a result. */
function pipelineOutcome(state: string, status: string): TestOutcome | undefined {
  if (state === 'queued' || state === 'running' || state === 'error') return state;
  switch (status.toUpperCase()) {
    case 'SUCCESS':
      return 'passed';
    case 'FAILURE':
      return 'failed';
    case 'UNSTABLE':
      return 'needs_inspection';
    case 'ABORTED':
      return 'error';
    default:
      return undefined;
  }
}
