import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot, readFixture } from '@forgegate/testkit';
import { readCommentMessage, readUpdateMessage } from '../../src/events/bodhi/fast-read.js';
import { commentMessageSchema, updateMessageSchema } from '../../src/events/bodhi/schemas.js';
import { BODHI_MESSAGES, bodhiMessageFiles } from './fixture-messages.js';

/**
 * The fast reader (src/events/bodhi/fast-read.ts) must never change what a message becomes: on
 * any body it either gives up or gives exactly zod's result. Checked on every real update body in
 * the fixtures, and on copies of them with one field damaged at a time.
 */

type Json = Record<string, unknown>;
type Reader = {
  read: (body: unknown) => unknown;
  schema: typeof updateMessageSchema | typeof commentMessageSchema;
};

const UPDATE: Reader = { read: readUpdateMessage, schema: updateMessageSchema };
const COMMENT: Reader = { read: readCommentMessage, schema: commentMessageSchema };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of a capture, whichever envelope it came in. */
function bodyOf(json: Json): unknown {
  if ('body' in json) return json.body;
  if ('msg' in json) return json.msg;
  return json;
}

/** Every update body in the fixtures, with the reader of its form. */
function realBodies(): { name: string; body: Json; reader: Reader }[] {
  const messages = bodhiMessageFiles()
    .filter((name) => name.startsWith('bodhi.update.'))
    .map((name) => ({
      name,
      body: bodyOf(JSON.parse(readFixture(`${BODHI_MESSAGES}/${name}`)) as Json),
    }))
    .filter((entry): entry is { name: string; body: Json } => isObject(entry.body))
    .flatMap(({ name, body }) => {
      if (isObject(body.comment)) return [{ name, body, reader: COMMENT }];
      return isObject(body.update) ? [{ name, body, reader: UPDATE }] : [];
    });
  // Whole updates as Bodhi's API serialises them: the object every update message carries.
  const api = readdirSync(join(fixturesRoot(), 'bodhi-api'))
    .filter((name) => /^updates\..*\.list-item\.json$/.test(name))
    .map((name) => ({
      name,
      body: { agent: 'bodhi', update: JSON.parse(readFixture(`bodhi-api/${name}`)) as unknown },
      reader: UPDATE,
    }));
  return [...messages, ...api];
}

function expectSameAsZod(reader: Reader, body: unknown): 'read' | 'doubted' {
  const fast = reader.read(body);
  const zod = reader.schema.safeParse(body);
  if (fast === undefined) return 'doubted';
  expect(zod.success).toBe(true);
  expect(fast).toEqual(zod.data);
  return 'read';
}

/** Values a damaged field gets: every JSON type, and numbers and times zod refuses. */
const DAMAGE: unknown[] = [
  undefined,
  null,
  true,
  'text',
  '2019-02-30 25:00:00',
  '2019-02-29 12:00:00',
  1.5,
  -3,
  2 ** 60,
  1e300,
  [],
  {},
];

/** Paths to the fields (three levels deep, the first two items of an array). */
function paths(value: unknown, depth = 0): (string | number)[][] {
  if (depth > 3) return [];
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.slice(0, 2).map((item, i) => [i, item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [
    [key],
    ...paths(child, depth + 1).map((rest) => [key, ...rest]),
  ]);
}

function damaged(body: Json, path: (string | number)[], value: unknown): Json {
  const copy = structuredClone(body);
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (value === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = value;
  return copy;
}

describe('the fast reader of Bodhi update bodies', () => {
  it('reads every real update body zod accepts, exactly as zod does', () => {
    const bodies = realBodies();
    expect(bodies.length).toBeGreaterThan(20);
    for (const { name, body, reader } of bodies) {
      const accepted = reader.schema.safeParse(body).success;
      // Bodhi 1 bodies and trimmed examples fail the schema: zod says why, the reader stays out.
      const outcome = expectSameAsZod(reader, body);
      expect({ name, outcome }).toEqual({ name, outcome: accepted ? 'read' : 'doubted' });
    }
  });

  it('on a body with one field damaged, gives up or agrees with zod', () => {
    let read = 0;
    let doubted = 0;
    // Of each form, the accepted real body with the most fields reaches every field of the schemas.
    const accepted = realBodies().filter(
      ({ body, reader }) => reader.schema.safeParse(body).success,
    );
    const richest = (reader: Reader) =>
      accepted
        .filter((sample) => sample.reader === reader)
        .sort((a, b) => paths(b.body).length - paths(a.body).length)[0];
    const forms = [richest(UPDATE), richest(COMMENT)];
    for (const sample of forms) {
      if (sample === undefined) throw new Error('no real body of one of the forms');
      for (const path of paths(sample.body)) {
        for (const value of DAMAGE) {
          if (expectSameAsZod(sample.reader, damaged(sample.body, path, value)) === 'read')
            read += 1;
          else doubted += 1;
        }
      }
    }
    // Both sides happen: fields outside the schemas take any value, fields in them do not.
    expect(read).toBeGreaterThan(100);
    expect(doubted).toBeGreaterThan(100);
  });
});
