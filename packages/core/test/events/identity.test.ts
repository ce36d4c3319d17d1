import { parseMessage, type ParseResult } from '@forgegate/core';
import { readFixture } from '@forgegate/testkit';
import { BODHI_MESSAGES, CAPTURE_PREFIXES, bodhiFixtureJson } from './fixture-messages.js';

const REQUEST_TESTING = 'bodhi.update.request.testing__FEDORA-2019-f1ca3c00e5.schema-example.json';
const TOPIC = 'bodhi.update.request.testing';
const options = { topicPrefixes: CAPTURE_PREFIXES };

function idOf(result: ParseResult): string | undefined {
  return result.outcome === 'event' ? result.event.id : result.id;
}

/** The same object with its keys in reverse order, at every level. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversedKeys(item)]),
  );
}

describe('core/events: message identity', () => {
  it('uses the envelope id: datagrepper msg_id, fedora-messaging id', () => {
    const capture = readFixture(
      `${BODHI_MESSAGES}/bodhi.update.complete.testing__FEDORA-2019-02cd019281.json`,
    );
    expect(idOf(parseMessage(capture, options))).toBe('2019-92fe5e1a-2c84-4251-ba4b-e06ccea43204');
    const body = bodhiFixtureJson(REQUEST_TESTING);
    const message = { id: 'a1b2c3', topic: `org.fedoraproject.prod.${TOPIC}`, headers: {}, body };
    expect(idOf(parseMessage(JSON.stringify(message), options))).toBe('a1b2c3');
  });

  it('hashes topic and canonical body where the form has no id, the same however it is written', () => {
    const body = bodhiFixtureJson(REQUEST_TESTING);
    const bare = parseMessage(readFixture(`${BODHI_MESSAGES}/${REQUEST_TESTING}`), {
      ...options,
      fileTopic: TOPIC,
    });
    const id = idOf(bare);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The same message again, re-serialised with other key order and spacing, and as {topic, body}.
    const reordered = JSON.stringify(reversedKeys(body), null, 4);
    expect(idOf(parseMessage(reordered, { ...options, fileTopic: TOPIC }))).toBe(id);
    const wrapped = JSON.stringify({ topic: `org.fedoraproject.prod.${TOPIC}`, body });
    expect(idOf(parseMessage(wrapped, options))).toBe(id);
  });

  it('gives different messages different ids', () => {
    const body = bodhiFixtureJson(REQUEST_TESTING);
    const same = parseMessage(JSON.stringify(body), { ...options, fileTopic: TOPIC });
    (body.update as Record<string, unknown>).request = 'stable';
    const changed = parseMessage(JSON.stringify(body), { ...options, fileTopic: TOPIC });
    expect(idOf(changed)).not.toBe(idOf(same));
    const otherTopic = parseMessage(JSON.stringify(body), {
      ...options,
      fileTopic: 'bodhi.update.request.stable',
    });
    expect(idOf(otherTopic)).not.toBe(idOf(changed));
  });

  it('names ignored and rejected records too: a fedmsg-era capture without msg_id gets the hash', () => {
    const bodhi1 = readFixture(
      `${BODHI_MESSAGES}/bodhi.update.request.testing__gnome-settings-daemon-3.6.1-1.fc18.json`,
    );
    const first = parseMessage(bodhi1, options);
    expect(first.outcome).toBe('rejected');
    expect(idOf(first)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(idOf(parseMessage(bodhi1, options))).toBe(idOf(first));
  });
});
