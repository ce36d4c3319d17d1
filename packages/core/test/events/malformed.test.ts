import { parseMessage, type ParseResult } from '@forgegate/core';
import { readFixture } from '@forgegate/testkit';
import { BODHI_MESSAGES, CAPTURE_PREFIXES, bodhiFixtureJson } from './fixture-messages.js';

const COMPLETE_TESTING = 'bodhi.update.complete.testing__FEDORA-2019-02cd019281.json';
const COMMENT = 'bodhi.update.comment__FEDORA-2019-46910daf41.json';
const options = { topicPrefixes: CAPTURE_PREFIXES };

/** The real capture, with one change made to its body (datagrepper form: the body is `msg`). */
function capture(fileName: string, change: (body: Record<string, unknown>) => void): string {
  const message = bodhiFixtureJson(fileName);
  change(message.msg as Record<string, unknown>);
  return JSON.stringify(message);
}

function expectRejected(result: ParseResult, reason: string | RegExp): void {
  expect(result.outcome).toBe('rejected');
  if (result.outcome !== 'rejected') return;
  if (typeof reason === 'string') expect(result.reason).toBe(reason);
  else expect(result.reason).toMatch(reason);
  expect(result.reason).not.toMatch(/\n/);
}

describe('core/events: malformed input', () => {
  it('rejects truncated JSON, with the parser’s reason on one line', () => {
    const text = readFixture(`${BODHI_MESSAGES}/${COMPLETE_TESTING}`);
    expectRejected(parseMessage(text.slice(0, text.length / 2), options), /^not JSON: /);
  });

  it('rejects every truncation of a real message and never throws', () => {
    const text = readFixture(`${BODHI_MESSAGES}/${COMMENT}`);
    for (let cut = 0; cut < text.trimEnd().length; cut += 101) {
      expectRejected(parseMessage(text.slice(0, cut), options), /^not JSON: /);
    }
  });

  it('rejects a Bodhi message missing `update`', () => {
    const message = capture(COMPLETE_TESTING, (body) => delete body.update);
    expectRejected(
      parseMessage(message, options),
      'bodhi.update.complete.testing: update: missing (expected object)',
    );
  });

  it('rejects a field of the wrong type, naming its path', () => {
    const message = capture(COMMENT, (body) => {
      ((body.comment as Record<string, unknown>).update as Record<string, unknown>).alias = 140188;
    });
    const result = parseMessage(message, options);
    expectRejected(
      result,
      'bodhi.update.comment: comment.update.alias: expected string, received number',
    );
    // The envelope was read: the record keeps its id and topic for the report.
    expect(result).toMatchObject({
      id: '2019-509f817a-b6d4-4071-909c-a899f8f2002c',
      topic: 'bodhi.update.comment',
    });
  });

  it('rejects a build without an NVR and a date that is not a time', () => {
    const noNvr = capture(COMPLETE_TESTING, (body) => {
      const update = body.update as { builds: Record<string, unknown>[] };
      delete update.builds[0]!.nvr;
    });
    expectRejected(
      parseMessage(noNvr, options),
      'bodhi.update.complete.testing: update.builds[0].nvr: missing (expected string)',
    );
    const badDate = capture(COMPLETE_TESTING, (body) => {
      (body.update as Record<string, unknown>).date_submitted = 'yesterday';
    });
    expectRejected(
      parseMessage(badDate, options),
      'bodhi.update.complete.testing: update.date_submitted: not a time: "yesterday"',
    );
  });

  it('names every type a field may have, and the values an enumerated field may take', () => {
    const nullTime = capture(COMMENT, (body) => {
      (body.comment as Record<string, unknown>).timestamp = null;
    });
    expectRejected(
      parseMessage(nullTime, options),
      'bodhi.update.comment: comment.timestamp: expected string or number, received null',
    );
    const karma = bodhiFixtureJson('bodhi.update.karma.threshold__FEDORA-EPEL-2015-0238.json');
    (karma.msg as Record<string, unknown>).status = 'sideways';
    expectRejected(
      parseMessage(JSON.stringify(karma), options),
      'bodhi.update.karma.threshold: status: Invalid option: expected one of "stable"|"unstable"',
    );
  });

  it('rejects a 5 MB body unread, and obeys a configured limit', () => {
    const huge = capture(COMPLETE_TESTING, (body) => {
      (body.update as Record<string, unknown>).notes = 'x'.repeat(5 * 1024 * 1024);
    });
    expectRejected(parseMessage(huge, options), 'message is 5.0 MiB, over the 2 MiB limit');
    const bytes = new TextEncoder().encode(readFixture(`${BODHI_MESSAGES}/${COMMENT}`));
    expectRejected(
      parseMessage(bytes, { ...options, maxBytes: 1024 }),
      `message is ${(bytes.byteLength / 1024).toFixed(1)} KiB, over the 1 KiB limit`,
    );
    expect(parseMessage(bytes, options).outcome).toBe('event');
  });

  it('counts multi-byte text by its UTF-8 size', () => {
    // 700,000 three-byte characters: 2.0 MiB of UTF-8 in a string of 700,000 code units.
    const message = capture(COMPLETE_TESTING, (body) => {
      (body.update as Record<string, unknown>).notes = '€'.repeat(700_000);
    });
    expectRejected(parseMessage(message, options), /^message is 2\.0 MiB, over the 2 MiB limit$/);
  });

  it('ignores an unknown topic, and a topic outside the configured prefixes', () => {
    // The Fedora wiki's edit notices share the bus; forgegate has no use for them.
    const wiki = JSON.stringify({
      topic: 'org.fedoraproject.prod.wiki.article.edit',
      body: { title: 'Releases/42/Schedule', user: 'someone' },
    });
    expect(parseMessage(wiki, options)).toMatchObject({
      outcome: 'ignored',
      topic: 'wiki.article.edit',
      reason: 'unknown topic wiki.article.edit',
    });
    const devCapture = readFixture(
      `${BODHI_MESSAGES}/bodhi.update.karma.threshold__FEDORA-EPEL-2015-0238.json`,
    );
    expect(parseMessage(devCapture, { topicPrefixes: ['org.fedoraproject.prod.'] })).toMatchObject({
      outcome: 'ignored',
      topic: 'org.fedoraproject.dev.bodhi.update.karma.threshold',
      reason:
        'topic org.fedoraproject.dev.bodhi.update.karma.threshold matches no configured prefix (org.fedoraproject.prod.)',
    });
  });

  it('rejects binary garbage, as bytes and as text', () => {
    const gzipHeader = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x03]);
    expectRejected(parseMessage(gzipHeader, options), 'not text: the bytes are not valid UTF-8');
    const asText = '\u0000\u0001\u0002garbage\r\n\u0007';
    expectRejected(parseMessage(asText, options), /^not JSON: Unexpected token '\\u0000'/);
  });

  it('rejects JSON that is not an object, and a bare body without a topic', () => {
    expectRejected(
      parseMessage('[1, 2]', options),
      'not a message: expected a JSON object, got an array',
    );
    expectRejected(
      parseMessage('42', options),
      'not a message: expected a JSON object, got number',
    );
    expectRejected(
      parseMessage('null', options),
      'not a message: expected a JSON object, got null',
    );
    expectRejected(parseMessage('{"update": {}}', options), /^no topic: /);
  });
});
