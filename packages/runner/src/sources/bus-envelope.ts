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
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
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
