import { z } from 'zod';
import type { MessageContext } from './bodhi/update-message.js';
import { toIsoUtc } from './dates.js';
import { describeIssues } from './issues.js';
import type { PipelineParse, TestOutcome } from './pipeline-types.js';
import { testResult } from './test-result.js';

/**
 * ResultsDB's `result.new` (and Taskotron's `taskotron.result.new`, the same legacy body):
 * - API v2 form: `{testcase: {name}, outcome, ref_url, submit_time, data: {item: [..], type: [..]}}`,
 *   every `data` value a list;
 * - legacy form: `{task: {item, type, name}, result: {outcome, log_url, job_url, submit_time}}`.
 * The subject is `data.item`/`data.type` (or `task.item`/`task.type`): koji_build, brew-build,
 * bodhi_update, ...; the rules decide which ones name something on the forge.
 */

export const RESULTSDB_TOPICS: readonly string[] = ['resultsdb.result.new', 'taskotron.result.new'];

const OUTCOMES: Readonly<Record<string, TestOutcome>> = {
  PASSED: 'passed',
  FAILED: 'failed',
  INFO: 'info',
  NEEDS_INSPECTION: 'needs_inspection',
  NOT_APPLICABLE: 'not_applicable',
  ERROR: 'error',
  QUEUED: 'queued',
  RUNNING: 'running',
};

const firstOf = z.array(z.string()).min(1);

const currentForm = z.object({
  testcase: z.object({ name: z.string().min(1) }),
  outcome: z.string(),
  ref_url: z.string().nullish(),
  note: z.string().nullish(),
  submit_time: z.string().nullish(),
  data: z.object({ item: firstOf, type: firstOf }),
});

const legacyForm = z.object({
  task: z.object({ item: z.string().min(1), type: z.string().min(1), name: z.string().min(1) }),
  result: z.object({
    outcome: z.string(),
    log_url: z.string().nullish(),
    job_url: z.string().nullish(),
    submit_time: z.string().nullish(),
  }),
});

export function parseResultsDbMessage(context: MessageContext, body: unknown): PipelineParse {
  const isLegacy = typeof body === 'object' && body !== null && 'task' in body;
  if (isLegacy) {
    const parsed = legacyForm.safeParse(body);
    if (!parsed.success) return { outcome: 'rejected', reason: describeIssues(parsed.error) };
    const { task, result } = parsed.data;
    return build(context, {
      item: task.item,
      type: task.type,
      testcase: task.name,
      outcome: result.outcome,
      url: result.job_url ?? result.log_url,
      submitTime: result.submit_time,
    });
  }
  const parsed = currentForm.safeParse(body);
  if (!parsed.success) return { outcome: 'rejected', reason: describeIssues(parsed.error) };
  const result = parsed.data;
  return build(context, {
    item: result.data.item[0] as string,
    type: result.data.type[0] as string,
    testcase: result.testcase.name,
    outcome: result.outcome,
    url: result.ref_url,
    submitTime: result.submit_time,
  });
}

interface Fields {
  item: string;
  type: string;
  testcase: string;
  outcome: string;
  url: string | null | undefined;
  submitTime: string | null | undefined;
}

function build(context: MessageContext, fields: Fields): PipelineParse {
  const outcome = OUTCOMES[fields.outcome.toUpperCase()];
  if (outcome === undefined) {
    return {
      outcome: 'rejected',
      reason: `outcome: unknown outcome ${JSON.stringify(fields.outcome)}`,
    };
  }
  return testResult(context, 'resultsdb', {
    subject: { type: fields.type, identifier: fields.item },
    testcase: fields.testcase,
    outcome,
    url: fields.url ?? undefined,
    time: submitTime(fields.submitTime) ?? context.sentAt,
  });
}

/** ResultsDB writes UTC without a zone (`2018-06-18T20:03:08.233992`), Taskotron adds ` UTC`. */
function submitTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  return toIsoUtc(value.replace(/ UTC$/, ''));
}
