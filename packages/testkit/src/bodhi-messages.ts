import ajvDraft04, { type ValidateFunction } from 'ajv-draft-04';
import { parseMessage, type BodhiUpdateEvent } from '@forgegate/core';
import { readFixture } from './fixtures.js';

/**
 * Messages built from a real Bodhi update object (../shared/fixtures/bodhi-api), the way Bodhi
 * sends them: the object wrapped as `{update: ...}` (the message schemas' shape, DESIGN.md), in a
 * fedora-messaging envelope whose `sent-at` header is the snapshot's version. A test changes only
 * the fields Bodhi changes between two messages about one update, and checks the result against
 * Bodhi's own schema for the topic (checkAgainstBodhiSchemas).
 */
export type BodhiUpdateObject = Record<string, unknown> & {
  alias: string;
  comments: Record<string, unknown>[];
};

/** A real update object as Bodhi's API returned it, by alias. */
export function realUpdate(alias: string): BodhiUpdateObject {
  return JSON.parse(readFixture(`bodhi-api/updates.${alias}.list-item.json`)) as BodhiUpdateObject;
}

export interface MessageSpec {
  /** The topic after `bodhi.update.`: `request.testing`, `comment`, `complete.stable`, ... */
  action: string;
  sentAt: string;
  update: BodhiUpdateObject;
  /** Extra body keys (`comment` is built from the update's last comment for `comment`). */
  extra?: Record<string, unknown>;
}

/** The topic prefix the built envelopes carry (Fedora's production bus). */
export const BODHI_MESSAGE_PREFIXES = ['org.fedoraproject.prod.'];

function messageBody(spec: MessageSpec): Record<string, unknown> {
  return spec.action === 'comment'
    ? { comment: { ...spec.update.comments.at(-1), update: spec.update }, agent: 'bodhi' }
    : { update: spec.update, agent: 'bodhi', ...spec.extra };
}

/** The raw fedora-messaging envelope for `spec`, as the runner reads it off the bus. */
export function envelope(spec: MessageSpec): string {
  return JSON.stringify({
    id: `msg-${spec.action}-${spec.sentAt}`,
    topic: `${BODHI_MESSAGE_PREFIXES[0]}bodhi.update.${spec.action}`,
    headers: { 'sent-at': spec.sentAt },
    body: messageBody(spec),
  });
}

/** `spec`'s envelope parsed by the core as the runner would; throws when it is not an update event. */
export function updateEvent(spec: MessageSpec): BodhiUpdateEvent {
  const result = parseMessage(envelope(spec), { topicPrefixes: BODHI_MESSAGE_PREFIXES });
  if (result.outcome !== 'event') {
    throw new Error(`${spec.action}: expected an event, got ${result.outcome}: ${result.reason}`);
  }
  if (result.event.kind !== 'bodhi.update') throw new Error(`${spec.action}: not a Bodhi update`);
  return result.event;
}

// A CommonJS module: under NodeNext its default import is the module, whose `default` is the class.
const Ajv = ajvDraft04.default;

// Compiled once per topic for the process: the schemas are fixtures and never change under a run.
const validators = new Map<string, ValidateFunction>();

function validatorFor(topic: string): ValidateFunction {
  let validate = validators.get(topic);
  if (!validate) {
    const schema = JSON.parse(readFixture(`schemas/bodhi/${topic}.schema.json`)) as object;
    validate = new Ajv({ strict: false }).compile(schema);
    validators.set(topic, validate);
  }
  return validate;
}

/**
 * Each spec's body against Bodhi's schema for its topic (../shared/fixtures/schemas/bodhi), so a
 * message built for a test is one Bodhi could send; throws naming the first mismatch.
 */
export function checkAgainstBodhiSchemas(specs: MessageSpec[]): void {
  for (const spec of specs) {
    const topic = `bodhi.update.${spec.action}`;
    const validate = validatorFor(topic);
    // What goes on the wire: the JSON round trip drops what JSON cannot carry, as the bus would.
    const body = JSON.parse(JSON.stringify(messageBody(spec))) as unknown;
    if (!validate(body)) {
      throw new Error(`${topic} @ ${spec.sentAt}: ${JSON.stringify(validate.errors?.[0])}`);
    }
  }
}
