import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sourceSchema, type DatagrepperSourceConfig } from '../../src/config/sources-schema.js';
import { Inbox } from '../../src/inbox/inbox.js';
import { inboxStatus } from '../../src/inbox/inbox-status.js';
import { DatagrepperSource } from '../../src/sources/datagrepper.js';
import { Intake } from '../../src/sources/source.js';
import { RecordProcessor } from '../../src/pipeline/record-processor.js';
import { datagrepperServer, type DatagrepperServer } from './helpers/datagrepper-server.js';
import { busConfig, memoryLogger, openForgeAt, scratch } from './helpers/runner.js';
import { updateStream } from './helpers/stream.js';
import { VirtualClock } from './helpers/time.js';

/** Fedora-messaging form, as datagrepper's `/v2/search` lists them. */
const messages = updateStream(9).map(({ id, topic, headers, body }) => ({
  body,
  headers,
  id,
  topic,
}));
const ROWS = 10;
let server: DatagrepperServer;
let url: string;
let requests: URLSearchParams[];
const { dir, cleanup } = scratch();

beforeAll(async () => {
  server = await datagrepperServer(messages);
  url = server.url;
  requests = server.requests;
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe('datagrepper backfill', () => {
  it('pages through a window, retries a server error, and resumes where a stopped backfill left off', async () => {
    const config = busConfig(dir, 'backfill');
    const forge = await openForgeAt(config);
    const { logger, lines } = memoryLogger();
    const processor = new RecordProcessor({ port: forge, config, logger });
    const clock = new VirtualClock();
    const inbox = Inbox.open(config.inbox.path, {
      parse: (record) => processor.parse(record),
      clock,
    });
    const intake = new Intake(inbox, logger, clock);
    const source = (attempts: number) =>
      new DatagrepperSource(
        'datagrepper',
        sourceSchema.parse({
          type: 'datagrepper',
          url,
          topics: ['org.fedoraproject.prod.bodhi.update.comment'],
          rows_per_page: ROWS,
          page_attempts: attempts,
        }) as DatagrepperSourceConfig,
        { since: new Date('2023-06-01T00:00:00Z'), until: new Date('2023-06-02T00:00:00Z') },
      );
    const never = new AbortController().signal;

    // Page 2 fails once: retried after a backoff. Page 4 keeps failing: the backfill stops there.
    server.failPage = { page: 2, times: 1 };
    await source(3).run(intake, never);
    expect(inboxStatus(inbox.db).pending).toBe(messages.length);
    expect(
      lines.some((line) => String(line.message).startsWith('page 2: HTTP 500; retrying in ')),
    ).toBe(true);

    requests.length = 0;
    const again = Inbox.open(config.inbox.path, {
      parse: (record) => processor.parse(record),
      clock,
    });
    inbox.close();
    server.failPage = { page: 4, times: 5 };
    const second = new Intake(again, logger, clock);
    again.setCursor('datagrepper:datagrepper', undefined);
    again.db.prepare(`DELETE FROM messages`).run();
    await expect(source(2).run(second, never)).rejects.toThrow(
      'datagrepper: page 4: HTTP 500; gave up after 2 attempts (the next backfill resumes here)',
    );
    expect(inboxStatus(again.db).pending).toBe(30);
    expect(requests.map((query) => query.get('page'))).toEqual(['1', '2', '3', '4', '4']);
    expect(requests[0]!.get('order')).toBe('asc');
    expect(requests[0]!.getAll('topic')).toEqual(['org.fedoraproject.prod.bodhi.update.comment']);
    expect(requests[0]!.get('start')).toBe(String(Date.parse('2023-06-01T00:00:00Z') / 1000));

    // The server is back: the next run starts at page 4, not 1, and every message is there once.
    requests.length = 0;
    server.failPage = undefined;
    await source(2).run(second, never);
    expect(requests.map((query) => query.get('page'))).toEqual(['4', '5']);
    expect(inboxStatus(again.db)).toMatchObject({ pending: messages.length, rejected: 0 });
    expect(again.cursor('datagrepper:datagrepper')).toBeUndefined();
    again.close();
    forge.close();
  });
});
