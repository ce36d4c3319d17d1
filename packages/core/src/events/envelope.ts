import { toIsoUtc } from './dates.js';

/**
 * The bus's three message forms (DESIGN.md "Messages and fixtures"), reduced to what the parsers
 * need: topic, body, the envelope's id and send time.
 */
export interface Envelope {
  /** As the envelope (or the file name) gives it, prefix included. */
  topic: string;
  body: unknown;
  /** fedora-messaging `id` or datagrepper `msg_id`. */
  id?: string;
  /** fedora-messaging `headers["sent-at"]`, else datagrepper `timestamp`, as ISO UTC. */
  sentAt?: string;
}

export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

const MIB = 1024 * 1024;
export const DEFAULT_MAX_BYTES = 2 * MIB;

/** Bytes, bounded and decoded, then JSON, then one of the three forms. */
export function readEnvelope(
  input: string | Uint8Array,
  maxBytes: number,
  fileTopic: string | undefined,
): EnvelopeResult {
  const size = byteLength(input, maxBytes);
  if (size > maxBytes) {
    return {
      ok: false,
      reason: `message is ${formatSize(size, 1)}, over the ${formatSize(maxBytes)} limit`,
    };
  }
  const text = decode(input);
  if (text === undefined) return { ok: false, reason: 'not text: the bytes are not valid UTF-8' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${oneLine((error as Error).message)}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      reason: `not a message: expected a JSON object, got ${Array.isArray(json) ? 'an array' : String(json === null ? 'null' : typeof json)}`,
    };
  }
  return unwrap(json as Record<string, unknown>, fileTopic);
}

function unwrap(json: Record<string, unknown>, fileTopic: string | undefined): EnvelopeResult {
  const { topic } = json;
  if (typeof topic === 'string' && 'body' in json) {
    // fedora-messaging: {id, topic, headers, body}, or {topic, body} as Message(topic=, body=) builds it.
    return ok(topic, json.body, json.id, sentAtHeader(json.headers));
  }
  if (typeof topic === 'string' && 'msg' in json) {
    // datagrepper raw: {msg_id, topic, timestamp, msg, ...}; fedmsg-era captures may lack msg_id.
    // Messages bridged from fedora-messaging keep its headers, which then say best when it was sent.
    const sentAt = sentAtHeader(json.headers) ?? epochSeconds(json.timestamp);
    return ok(topic, json.msg, json.msg_id, sentAt);
  }
  if (fileTopic !== undefined) {
    // `{msg}` alone is a datagrepper body whose topic was kept elsewhere (here, the file name).
    const body = Object.keys(json).length === 1 && 'msg' in json ? json.msg : json;
    return ok(fileTopic, body, undefined, undefined);
  }
  return {
    ok: false,
    reason:
      'no topic: not an envelope ({topic, body} or {topic, msg}), and no topic from a file name (<topic>__<name>.json)',
  };
}

function ok(topic: string, body: unknown, id: unknown, sentAt: string | undefined): EnvelopeResult {
  const envelope: Envelope = { topic, body };
  if (typeof id === 'string' && id !== '') envelope.id = id;
  if (sentAt !== undefined) envelope.sentAt = sentAt;
  return { ok: true, envelope };
}

function sentAtHeader(headers: unknown): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const sentAt = (headers as Record<string, unknown>)['sent-at'];
  return typeof sentAt === 'string' ? toIsoUtc(sentAt) : undefined;
}

function epochSeconds(timestamp: unknown): string | undefined {
  return typeof timestamp === 'number' ? toIsoUtc(timestamp) : undefined;
}

/** UTF-8 size; a string short enough to fit even at 3 bytes a code unit is not encoded. */
function byteLength(input: string | Uint8Array, maxBytes: number): number {
  if (typeof input !== 'string') return input.byteLength;
  if (input.length * 3 <= maxBytes) return input.length;
  return new TextEncoder().encode(input).byteLength;
}

function decode(input: string | Uint8Array): string | undefined {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return undefined;
  }
}

/** `5.0 MiB`, `2 MiB`, `900 KiB`, `12 bytes`: the limit reads as configured, the size with a decimal. */
export function formatSize(bytes: number, decimals?: number): string {
  for (const [unit, scale] of [
    ['MiB', MIB],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= scale) {
      const value = bytes / scale;
      const digits = decimals ?? (Number.isInteger(value) ? 0 : 1);
      return `${value.toFixed(digits)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/** Parser messages can quote the input: keep the reason on one line and short. */
function oneLine(text: string): string {
  const flat = text.replace(
    /\p{Cc}/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
