import { createHash } from 'node:crypto';

/**
 * DESIGN.md "Message identity": a message without an envelope id (a bare body, a `{topic, body}`
 * built by hand, a fedmsg-era capture) is named by a hash of its topic and its body in canonical
 * JSON, so the same message read twice, from any file and with any key order, gets the same id.
 */
export function contentId(topic: string, body: unknown): string {
  const digest = createHash('sha256')
    .update(topic)
    .update('\n')
    .update(canonicalJson(body))
    .digest('hex');
  return `sha256:${digest}`;
}

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const record = item as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}
