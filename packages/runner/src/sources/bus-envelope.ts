import { isUtf8 } from 'node:buffer';

/**
 * A message as a broker delivers it (topic in the routing key or destination, id and headers in
 * the transport's properties, the body as bytes) turned back into the fedora-messaging envelope
 * the parser reads: `{id, topic, headers, body}`. Headers matter: `sent-at` orders snapshots.
 *
 * A body that is not UTF-8 JSON is passed on as it came, so the parser rejects it with its own
 * reason (binary, not JSON, too big) instead of a reason about an envelope built here.
 */
export function busEnvelope(delivery: {
  topic: string;
  id: string | undefined;
  headers: Record<string, unknown>;
  content: Buffer;
}): string | Uint8Array {
  const { content } = delivery;
  if (!isUtf8(content)) return content;
  const text = content.toString('utf8');
  // A body that looks like a JSON object (every bus message) is spliced in as it is: parsing it
  // here only to serialise it again cost as much as the parser's own reading. The body comes
  // first, so the fields written after it win over any a body could smuggle in by ending early
  // (`{...},"topic":...`); a body that is not JSON inside its braces makes the whole envelope
  // fail to parse, and the parser rejects it as not JSON.
  if (text.trimStart().startsWith('{') && text.trimEnd().endsWith('}')) {
    return `{"body":${text},"topic":${JSON.stringify(delivery.topic)},"headers":${JSON.stringify(delivery.headers)},"id":${JSON.stringify(delivery.id ?? null)}}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return content;
  }
  const envelope: Record<string, unknown> = {
    topic: delivery.topic,
    headers: delivery.headers,
    body,
  };
  if (delivery.id) envelope.id = delivery.id;
  return JSON.stringify(envelope);
}
