import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TOPIC_PREFIXES, parseMessage } from '@forgegate/core';
import { fixturesRoot } from '@forgegate/testkit';
import ajvDraft04, { type ValidateFunction } from 'ajv-draft-04';

// A CommonJS module: under NodeNext its default import is module.exports, the class is `.default`.
const Ajv = ajvDraft04.default;

const demoDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'demo');
const demoText = readFileSync(join(demoDir, 'fedora-week.jsonl'), 'utf8');
const envelopes = demoText
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line) as Envelope);

interface Envelope {
  id: string;
  topic: string;
  headers: Record<string, unknown>;
  body: Record<string, unknown>;
}

interface UpdateObject {
  alias: string;
  status: string;
  request: string | null;
  release: { name: string; branch: string };
  builds: { nvr: string }[];
  comments?: unknown[];
}

const PREFIX = 'org.fedoraproject.prod.';

function updateOf(envelope: Envelope): UpdateObject {
  const body = envelope.body as { update?: UpdateObject; comment?: { update: UpdateObject } };
  return (body.update ?? body.comment?.update) as UpdateObject;
}

/** Bodhi's message schemas are draft-04 (`id`, not `$id`); each file is one topic's current version. */
function schemaValidators(): Map<string, ValidateFunction> {
  const folder = join(fixturesRoot(), 'schemas', 'bodhi');
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map<string, ValidateFunction>();
  for (const name of readdirSync(folder)) {
    const match = /^(bodhi\..+?)\.schema\.json$/.exec(name);
    // `<topic>.v1.schema.json` are superseded versions (same id); Bodhi publishes the unversioned one.
    if (!match || /\.v\d+$/.test(match[1]!)) continue;
    validators.set(match[1]!, ajv.compile(JSON.parse(readFileSync(join(folder, name), 'utf8'))));
  }
  return validators;
}

describe('demo/fedora-week.jsonl', () => {
  it('is exactly what demo/generate.mjs writes', () => {
    const generated = execFileSync(process.execPath, [join(demoDir, 'generate.mjs')], {
      encoding: 'utf8',
    });
    expect(generated).toBe(demoText);
  });

  it('validates every body against the Bodhi schema of its topic', () => {
    const validators = schemaValidators();
    const failures: string[] = [];
    envelopes.forEach((envelope, index) => {
      const topic = envelope.topic.slice(PREFIX.length);
      const validate = validators.get(topic);
      if (!validate) failures.push(`line ${index + 1}: no schema for ${topic}`);
      else if (!validate(envelope.body)) {
        failures.push(`line ${index + 1} (${topic}): ${JSON.stringify(validate.errors)}`);
      }
    });
    expect(failures).toEqual([]);
    expect(validators.size).toBeGreaterThan(20);
    // The validators do reject: a comment message without its comment fails.
    expect(validators.get('bodhi.update.comment')!({ agent: 'x' })).toBe(false);
  });

  it('is fedora-messaging envelopes: unique ids, prod topics, sent-at in time order', () => {
    const sentAt = envelopes.map((envelope) => envelope.headers['sent-at'] as string);
    expect(new Set(envelopes.map((envelope) => envelope.id)).size).toBe(envelopes.length);
    expect(envelopes.every((envelope) => envelope.topic.startsWith(`${PREFIX}bodhi.update.`))).toBe(
      true,
    );
    expect(sentAt.every((time) => /^2025-06-0[2-8]T\d\d:\d\d:\d\d\+00:00$/.test(time))).toBe(true);
    expect([...sentAt].sort()).toEqual(sentAt);
  });

  it('parses into an event per message with the default configuration', () => {
    const outcomes = envelopes.map((envelope) =>
      parseMessage(JSON.stringify(envelope), { topicPrefixes: DEFAULT_TOPIC_PREFIXES }),
    );
    expect(outcomes.filter((outcome) => outcome.outcome !== 'event')).toEqual([]);
  });

  it('tells the story the README promises: releases, karma, obsolete, revoke, stable, multi-build', () => {
    const updates = new Map<string, UpdateObject>();
    for (const envelope of envelopes) updates.set(updateOf(envelope).alias, updateOf(envelope));
    const topics = envelopes.map((envelope) => envelope.topic.slice(PREFIX.length));
    const count = (topic: string) => topics.filter((name) => name === topic).length;
    const branches = new Set([...updates.values()].map((update) => update.release.branch));
    const karmaComments = envelopes.filter(
      (envelope) =>
        envelope.topic.endsWith('.comment') &&
        (envelope.body as { comment: { karma: number } }).comment.karma !== 0,
    );

    expect(updates.size).toBeGreaterThanOrEqual(25);
    expect([...branches].sort()).toEqual(['epel9', 'f41', 'f42', 'rawhide']);
    expect(karmaComments.length).toBeGreaterThanOrEqual(15);
    expect(
      karmaComments.some((envelope) => JSON.stringify(envelope.body).includes('"karma":-1')),
    ).toBe(true);
    expect(count('bodhi.update.request.obsolete')).toBe(1);
    expect(count('bodhi.update.request.revoke')).toBe(1);
    expect(count('bodhi.update.complete.stable')).toBeGreaterThanOrEqual(8);
    expect([...updates.values()].some((update) => update.builds.length >= 3)).toBe(true);
  });
});
