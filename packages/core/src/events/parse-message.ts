import type { ParseResult } from './types.js';
import { DEFAULT_MAX_BYTES, readEnvelope } from './envelope.js';
import { contentId } from './identity.js';
import { isUnmappedBodhiTopic, stripPrefix } from './topics.js';
import { bodhiUpdateAction, parseBodhiUpdateMessage } from './bodhi/update-message.js';
import { parsePipelineMessage, pipelineParseResult } from './pipeline-dispatch.js';

export interface ParseOptions {
  /** Bus prefixes to strip (`org.fedoraproject.prod.`); a topic matching none is ignored. */
  topicPrefixes: string[];
  /** For a bare body: its topic, from the file name before `__` (fileTopicOf). */
  fileTopic?: string;
  /** Bigger records are rejected unread; default 2 MiB. */
  maxBytes?: number;
}

/**
 * The topic a bare body's file name gives: everything before `__`
 * (`bodhi.update.comment__FEDORA-2019-46910daf41.json` → `bodhi.update.comment`), or undefined
 * when the name has none. `fileName` is the name alone, without its folder.
 */
export function fileTopicOf(fileName: string): string | undefined {
  const cut = fileName.indexOf('__');
  return cut > 0 ? fileName.slice(0, cut) : undefined;
}

/**
 * One record from a file or the bus, as DESIGN.md counts it: an event to apply, ignored (with the
 * reason), or rejected (with a one-line reason naming the field). Never throws: a bad record must
 * not stop the records after it.
 */
export function parseMessage(input: string | Uint8Array, options: ParseOptions): ParseResult {
  try {
    return parse(input, options);
  } catch (error) {
    // A bug here must still cost one record, not the stream.
    return {
      outcome: 'rejected',
      reason: `internal error while parsing: ${(error as Error).message}`,
    };
  }
}

function parse(input: string | Uint8Array, options: ParseOptions): ParseResult {
  const read = readEnvelope(input, options.maxBytes ?? DEFAULT_MAX_BYTES, options.fileTopic);
  if (!read.ok) return { outcome: 'rejected', reason: read.reason };
  const { envelope } = read;

  // File names carry the topic without a prefix; envelope topics always have one on the bus.
  const topic =
    stripPrefix(envelope.topic, options.topicPrefixes) ??
    (envelope.topic === options.fileTopic ? envelope.topic : undefined);
  const id = envelope.id ?? contentId(topic ?? envelope.topic, envelope.body);
  if (topic === undefined) {
    const known = options.topicPrefixes.join(', ') || 'none configured';
    return {
      outcome: 'ignored',
      id,
      topic: envelope.topic,
      reason: `topic ${envelope.topic} matches no configured prefix (${known})`,
    };
  }

  const action = bodhiUpdateAction(topic);
  if (action !== undefined) {
    const context =
      envelope.sentAt === undefined ? { id, topic } : { id, topic, sentAt: envelope.sentAt };
    const parsed = parseBodhiUpdateMessage(action, context, envelope.body);
    if (parsed.ok) return { outcome: 'event', event: parsed.event };
    return { outcome: 'rejected', id, topic, reason: `${topic}: ${parsed.reason}` };
  }
  const context =
    envelope.sentAt === undefined ? { id, topic } : { id, topic, sentAt: envelope.sentAt };
  const pipeline = parsePipelineMessage(context, envelope.body);
  if (pipeline !== undefined) return pipelineParseResult(pipeline, id, topic);
  if (isUnmappedBodhiTopic(topic)) {
    return { outcome: 'ignored', id, topic, reason: `no forge mapping for ${topic}` };
  }
  return { outcome: 'ignored', id, topic, reason: `unknown topic ${topic}` };
}
