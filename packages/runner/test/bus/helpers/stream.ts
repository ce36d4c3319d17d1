import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot } from '@forgegate/testkit';

/** A fedora-messaging envelope as a producer publishes it. */
export interface BusMessage {
  id: string;
  topic: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Real 2023 update objects from Bodhi's API (../shared/fixtures/bodhi-api/). */
const SAMPLES = [
  'updates.FEDORA-2023-5911638116.list-item.json',
  'updates.FEDORA-2023-91e69ea326.list-item.json',
  'updates.FEDORA-2023-bb021a4854.list-item.json',
  'updates.FEDORA-2023-bd14c83780.list-item.json',
];

type UpdateObject = Record<string, unknown> & {
  alias: string;
  builds: { nvr: string }[];
  comments: Record<string, unknown>[];
};

function sample(index: number): UpdateObject {
  const file = join(fixturesRoot(), 'bodhi-api', SAMPLES[index % SAMPLES.length] as string);
  return JSON.parse(readFileSync(file, 'utf8')) as UpdateObject;
}

/**
 * `updates` distinct updates, each with the lifecycle Bodhi publishes (request.testing, two
 * comments, complete.testing, complete.stable: five messages), built from a real update object by
 * changing only what the producer changes between messages: alias, builds' package names (so updates
 * do not touch one another's files), status, request, comments, dates and the send time.
 * Messages of different updates interleave, as on the bus.
 */
export function updateStream(updates: number, prefix = 'org.fedoraproject.prod.'): BusMessage[] {
  const lifecycles = Array.from({ length: updates }, (_, index) => lifecycle(index, prefix));
  const stream: BusMessage[] = [];
  for (let step = 0; step < 5; step += 1)
    for (const messages of lifecycles) stream.push(messages[step] as BusMessage);
  return stream;
}

function lifecycle(index: number, prefix: string): BusMessage[] {
  const base = sample(index);
  const alias = `FEDORA-2023-${(0xa000000000 + index).toString(16)}`;
  const builds = base.builds.map((build) => ({
    ...build,
    // `name-version-release`: a distinct name per update keeps every update on its own files.
    nvr: build.nvr.replace(/^(.+)-([^-]+)-([^-]+)$/, `$1-fg${index}-$2-$3`),
  }));
  const at = (step: number) =>
    new Date(Date.UTC(2023, 5, 1, 0, 0, 0) + index * 1000 + step * 3_600_000).toISOString();
  const stamp = (step: number) => at(step).replace('T', ' ').slice(0, 19);
  const comment = (n: number, step: number, karma: number) => ({
    id: 9_000_000 + index * 10 + n,
    karma,
    karma_critpath: 0,
    text: `Works for me (${n}) on ${alias}`,
    timestamp: stamp(step),
    update_id: 1,
    user: {
      id: 100 + n,
      name: `tester${n}`,
      openid: `tester${n}.id.fedoraproject.org`,
      groups: [],
      avatar: null,
      email: null,
    },
  });
  const comments: Record<string, unknown>[] = [];
  const update = (step: number, status: string, request: string | null): UpdateObject => ({
    ...base,
    alias,
    title: builds.map((build) => build.nvr).join(' '),
    url: `https://bodhi.fedoraproject.org/updates/${alias}`,
    builds,
    status,
    request,
    comments: [...comments],
    date_submitted: stamp(0),
    date_modified: stamp(step),
    date_testing: step >= 3 ? stamp(3) : null,
    date_stable: step >= 4 ? stamp(4) : null,
  });
  const message = (step: number, topic: string, body: Record<string, unknown>): BusMessage => ({
    id: `2023-fg${index}-${step}`,
    topic: `${prefix}${topic}`,
    headers: { 'sent-at': at(step), fedora_messaging_schema: topic },
    body,
  });
  const messages: BusMessage[] = [];
  messages.push(
    message(0, 'bodhi.update.request.testing', {
      update: update(0, 'pending', 'testing'),
      agent: 'packager',
    }),
  );
  for (const step of [1, 2]) {
    const added = comment(step, step, step === 1 ? 0 : 1);
    const snapshot = update(step, 'pending', 'testing');
    comments.push(added);
    messages.push(
      message(step, 'bodhi.update.comment', {
        comment: { ...added, update: snapshot },
        agent: `tester${step}`,
      }),
    );
  }
  messages.push(
    message(3, 'bodhi.update.complete.testing', {
      update: update(3, 'testing', null),
      agent: 'bodhi',
    }),
  );
  messages.push(
    message(4, 'bodhi.update.complete.stable', {
      update: update(4, 'stable', null),
      agent: 'bodhi',
    }),
  );
  return messages;
}

/** As `forgegate replay` reads them. */
export function toJsonl(messages: BusMessage[]): string {
  return messages.map((message) => JSON.stringify(message)).join('\n') + '\n';
}
