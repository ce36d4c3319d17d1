/**
 * Topic → parser for the pipeline's producers, and their entity keys. `parseMessage` asks here
 * after the Bodhi topics.
 */
import type { MessageContext } from './bodhi/update-message.js';
import { isFedoraCiTopic, parseFedoraCiMessage } from './fedora-ci.js';
import { GREENWAVE_DECISION_TOPIC, parseGreenwaveDecision } from './greenwave.js';
import { isKojiTagTopic, parseKojiTagMessage } from './koji-tag.js';
import type { PipelineEvent, PipelineParse } from './pipeline-types.js';
import type { ParseResult } from './types.js';
import { PUNGI_STATUS_TOPIC, parsePungiStatusMessage } from './pungi.js';
import { RESULTSDB_TOPICS, parseResultsDbMessage } from './resultsdb.js';
import { subjectKey } from '../rules/subject-key.js';

/** The parse of a pipeline topic's body, or undefined when the topic is not a pipeline one. */
export function parsePipelineMessage(
  context: MessageContext,
  body: unknown,
): PipelineParse | undefined {
  const { topic } = context;
  if (topic === GREENWAVE_DECISION_TOPIC) return parseGreenwaveDecision(context, body);
  if (RESULTSDB_TOPICS.includes(topic)) return parseResultsDbMessage(context, body);
  if (isFedoraCiTopic(topic)) return parseFedoraCiMessage(context, body);
  if (isKojiTagTopic(topic)) return parseKojiTagMessage(context, body);
  if (topic === PUNGI_STATUS_TOPIC) return parsePungiStatusMessage(context, body);
  return undefined;
}

/**
 * Entity keys (docs/event-mapping.md): a decision or result runs in order with everything about
 * its subject (`build:<nvr>`, `update:<alias>`, `compose:<id>`); Koji tag events for one branch
 * run one at a time (`branch:<name>`, from `koji_tags`; `koji-tag:<tag>` when the caller has no
 * mapping), so their commits on the branch do not race each other; a compose's status messages
 * and its decisions share `compose:<id>`.
 */
export function pipelineEntityKey(
  event: PipelineEvent,
  kojiTags: Record<string, string> = {},
): string {
  switch (event.kind) {
    case 'greenwave.decision':
    case 'test.result':
      return (
        subjectKey(event.subject) ?? `subject:${event.subject.type}:${event.subject.identifier}`
      );
    case 'koji.tag': {
      const branch = kojiTags[event.tag];
      return branch === undefined ? `koji-tag:${event.tag}` : `branch:${branch}`;
    }
    case 'pungi.compose':
      return `compose:${event.composeId}`;
  }
}

/** A pipeline parse as `parseMessage`'s result: its id and topic, the topic leading a reason. */
export function pipelineParseResult(parse: PipelineParse, id: string, topic: string): ParseResult {
  if (parse.outcome === 'event') return parse;
  return { outcome: parse.outcome, id, topic, reason: `${topic}: ${parse.reason}` };
}
