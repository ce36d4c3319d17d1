import type { MessageContext } from './bodhi/update-message.js';
import type { PipelineParse, Subject, TestOutcome, TestResultEvent } from './pipeline-types.js';

/** What a test message says, before it becomes a `TestResultEvent` (shared by CI and ResultsDB). */
export interface ResultFacts {
  subject: Subject;
  testcase: string;
  outcome: TestOutcome;
  note?: string | undefined;
  url?: string | undefined;
  time?: string | undefined;
}

/** The event, with only the optional fields the message has (events then compare equal). */
export function testResult(
  context: MessageContext,
  source: TestResultEvent['source'],
  facts: ResultFacts,
): PipelineParse {
  const event: TestResultEvent = {
    kind: 'test.result',
    id: context.id,
    topic: context.topic,
    source,
    subject: facts.subject,
    testcase: facts.testcase,
    outcome: facts.outcome,
  };
  if (facts.note) event.note = facts.note;
  if (facts.url) event.url = facts.url;
  if (facts.time) event.time = facts.time;
  return { outcome: 'event', event };
}
