import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMessage } from '@forgegate/core';
import { DeadLetters } from '../../src/inbox/dead-letters.js';
import { openInboxDatabase } from '../../src/inbox/inbox-db.js';
import { Inbox, type InboxOptions, type PendingMessage } from '../../src/inbox/inbox.js';
import { inboxStatus } from '../../src/inbox/inbox-status.js';
import { updateStream, type BusMessage } from '../bus/helpers/stream.js';

let dir: string;
let time: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'forgegate-inbox-'));
  time = Date.UTC(2025, 0, 1);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const options = (extra: Partial<InboxOptions> = {}): InboxOptions => ({
  parse: (record) => parseMessage(record.text, { topicPrefixes: ['org.fedoraproject.prod.'] }),
  clock: { now: () => time },
  ...extra,
});
const open = (extra: Partial<InboxOptions> = {}) =>
  Inbox.open(join(dir, 'inbox.sqlite'), options(extra));
const record = (message: BusMessage) => ({
  source: 'test',
  text: JSON.stringify(message),
  origin: 'test',
});
const ids = (messages: PendingMessage[]) => messages.map((message) => message.id);

/** Three updates, five messages each; on the bus their messages interleave (u0 m0, u1 m0, ...). */
const stream = updateStream(3);
const idOf = (update: number, step: number) => (stream[step * 3 + update] as BusMessage).id;

describe('the inbox', () => {
  it('hands out one message per entity at a time, each entity in the order it arrived', () => {
    const inbox = open();
    expect(inbox.acceptBatch(stream.map(record)).map((result) => result.status)).toEqual(
      stream.map(() => 'queued'),
    );
    const first = inbox.take(10);
    expect(ids(first)).toEqual([idOf(0, 0), idOf(1, 0), idOf(2, 0)]);
    expect(inbox.take(10)).toEqual([]);
    inbox.finish(first[1]!.seq, 'done');
    expect(ids(inbox.take(10))).toEqual([idOf(1, 1)]);
    inbox.close();
  });

  it('counts a redelivery as a duplicate, within one burst too', () => {
    const inbox = open();
    const twice = [record(stream[0]!), record(stream[1]!), record(stream[0]!)];
    expect(inbox.acceptBatch(twice).map((result) => result.status)).toEqual([
      'queued',
      'queued',
      'duplicate',
    ]);
    expect(inbox.accept(record(stream[1]!)).status).toBe('duplicate');
    expect(inbox.pendingCount()).toBe(2);
    inbox.close();
  });

  it('holds back only the entity of a message waiting for its retry', () => {
    const inbox = open();
    inbox.acceptBatch(stream.map(record));
    const [u0, u1, u2] = inbox.take(3);
    inbox.retryAt(u0!.seq, time + 60_000, 'transient: HTTP 503');
    inbox.finish(u1!.seq, 'done');
    inbox.finish(u2!.seq, 'done');
    expect(ids(inbox.take(10))).toEqual([idOf(1, 1), idOf(2, 1)]);
    expect(inbox.nextDueAt()).toBe(time + 60_000);
    time += 60_000;
    const again = inbox.take(10);
    expect(ids(again)).toEqual([idOf(0, 0)]);
    expect(again[0]!.attempts).toBe(1);
    inbox.close();
  });

  it('gives a restarted process what was pending, in order, with its attempts', () => {
    const before = open();
    before.acceptBatch(stream.map(record));
    const [u0, u1] = before.take(2);
    before.finish(u0!.seq, 'done');
    before.retryAt(u1!.seq, time + 1000, 'transient: HTTP 503');
    before.close();

    const after = open();
    expect(after.pendingCount()).toBe(stream.length - 1);
    const heads = after.take(10);
    // Oldest first: the third update's first message came before the first update's second.
    expect(ids(heads)).toEqual([idOf(2, 0), idOf(0, 1)]);
    time += 1000;
    const retried = after.take(10);
    expect(ids(retried)).toEqual([idOf(1, 0)]);
    expect(retried[0]!.attempts).toBe(1);
    // Parsed again from the stored text: this process did not accept it.
    expect(retried[0]!.event).toBeUndefined();
    expect(JSON.parse(retried[0]!.text)).toEqual(stream[1]);
    after.close();
  });

  it('sees what another process wrote: a dead letter retried, messages queued by a backfill', () => {
    const inbox = open();
    inbox.acceptBatch(stream.slice(0, 3).map(record));
    const [u0] = inbox.take(1);
    inbox.deadLetter(u0!.seq, 'permanent (HTTP 422): validation failed');
    expect(ids(inbox.take(10))).toEqual([idOf(1, 0), idOf(2, 0)]);

    const cli = openInboxDatabase(join(dir, 'inbox.sqlite'));
    expect(new DeadLetters(cli).retry(u0!.seq)).toBe(true);
    cli.close();
    const backfill = open();
    backfill.accept(record(stream[3]!));
    backfill.close();

    expect(ids(inbox.take(10))).toEqual([idOf(0, 0)]);
    inbox.finish(u0!.seq, 'done');
    expect(ids(inbox.take(10))).toEqual([idOf(0, 1)]);
    inbox.close();
  });

  it('writes finished messages behind, and all of them by the time it closes', () => {
    const inbox = open();
    inbox.acceptBatch(stream.slice(0, 3).map(record));
    for (const message of inbox.take(3)) inbox.finish(message.seq, 'done');
    inbox.close();
    const db = openInboxDatabase(join(dir, 'inbox.sqlite'));
    expect(inboxStatus(db)).toMatchObject({ pending: 0, done: 3 });
    db.close();
  });

  it('keeps parsed events for the workers up to its memory budget, then rereads the text', () => {
    const bytes = JSON.stringify(stream[0]).length;
    const inbox = open({ heldEventBytes: bytes + 10 });
    inbox.acceptBatch(stream.slice(0, 2).map(record));
    const [first, second] = inbox.take(2);
    expect(first!.event).toMatchObject({ id: idOf(0, 0), kind: 'bodhi.update' });
    expect(second!.event).toBeUndefined();
    expect(JSON.parse(second!.text)).toEqual(stream[1]);
    inbox.close();
  });
});
