import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage } from '@forgegate/core';
import { fixturesRoot, readFixture } from '@forgegate/testkit';
import { bodhiFixtureJson, expectEvent, parseBodhiFixture } from './fixture-messages.js';

const PROD = ['org.fedoraproject.prod.'];
const READY = 'bodhi.update.status.testing.koji-build-group.build.complete';

interface ApiUpdate {
  alias: string;
  builds: { nvr: string }[];
  comments: unknown[];
  bugs: unknown[];
  user: { name: string };
}

/** A 2023 update object from Bodhi's API: the same serialisation Bodhi puts in its messages. */
function apiUpdate(alias: string): ApiUpdate {
  return JSON.parse(readFixture(`bodhi-api/updates.${alias}.list-item.json`)) as ApiUpdate;
}

/** A request.testing message around a real update object, as fedora-messaging delivers it. */
function requestTesting(update: ApiUpdate, envelope: Record<string, unknown> = {}): string {
  return JSON.stringify({
    topic: 'org.fedoraproject.prod.bodhi.update.request.testing',
    body: { agent: update.user.name, update },
    ...envelope,
  });
}

describe('core/events: Bodhi update normalisation', () => {
  it('reads the 2019 complete.testing capture of FEDORA-2019-02cd019281', () => {
    const event = expectEvent(
      parseBodhiFixture('bodhi.update.complete.testing__FEDORA-2019-02cd019281.json'),
    );
    const bodhi = (comment: number, text: string, timestamp: string) => ({
      id: comment,
      author: 'bodhi',
      karma: 0,
      text,
      timestamp,
    });
    expect(event).toEqual({
      kind: 'bodhi.update',
      id: '2019-92fe5e1a-2c84-4251-ba4b-e06ccea43204',
      topic: 'bodhi.update.complete.testing',
      action: 'complete.testing',
      // datagrepper's `timestamp` 1559791912: sent 8 s after the push (date_pushed 03:31:44).
      version: '2019-06-06T03:31:52.000Z',
      agent: 'composer',
      partial: false,
      update: {
        alias: 'FEDORA-2019-02cd019281',
        title: 'nfs-ganesha-2.7.4-1.fc29',
        notes: 'nfs-ganesha 2.7.4 GA',
        type: 'bugfix',
        severity: 'unspecified',
        status: 'testing',
        request: 'testing',
        release: {
          name: 'F29',
          branch: 'f29',
          distTag: 'f29',
          stableTag: 'f29-updates',
          longName: 'Fedora 29',
        },
        builds: [{ nvr: 'nfs-ganesha-2.7.4-1.fc29', epoch: 0, type: 'rpm' }],
        contentType: 'rpm',
        bugs: [],
        submitter: 'kkeithle',
        karma: 0,
        stableKarma: 3,
        unstableKarma: -3,
        url: 'https://bodhi.fedoraproject.org/updates/FEDORA-2019-02cd019281',
        comments: [
          bodhi(
            955821,
            'This update has been submitted for testing by kkeithle. ',
            '2019-06-05T22:27:12.000Z',
          ),
          bodhi(
            955822,
            "This update test gating status has been changed to 'waiting'.",
            '2019-06-05T22:27:12.000Z',
          ),
          bodhi(
            955823,
            "This update test gating status has been changed to 'ignored'.",
            '2019-06-05T22:27:14.000Z',
          ),
        ],
        dates: {
          submitted: '2019-06-05T22:27:12.000Z',
          testing: '2019-06-06T03:31:44.000Z',
          pushed: '2019-06-06T03:31:44.000Z',
        },
      },
    });
  });

  it("adds a comment message's own comment to the update's comments (2019 form)", () => {
    const event = expectEvent(
      parseBodhiFixture('bodhi.update.comment__FEDORA-2019-46910daf41.json'),
    );
    const comment = {
      id: 952088,
      author: 'kalev',
      karma: 0,
      text: expect.stringContaining('depends on pipewire-0.2.6-1.fc30') as unknown as string,
      timestamp: '2019-05-28T16:54:22.000Z',
    };
    expect(event.comment).toEqual(comment);
    expect(event.update.comments).toEqual([comment]);
    expect(event.update).toMatchObject({
      status: 'pending',
      request: 'testing',
      submitter: 'kalev',
    });
    expect(event.update.release).toMatchObject({ name: 'F30', branch: 'f30' });
  });

  it('takes a comment author from `user.name` where Bodhi 2 left `author` null (2017)', () => {
    const event = expectEvent(
      parseBodhiFixture('bodhi.update.complete.stable__FEDORA-2017-fe6e14dcf9.json'),
    );
    expect(event.update.comments.map((c) => c.author)).toEqual(['bodhi']);
    // content_type null in 2017: the default content type, and the build's epoch as given.
    expect(event.update.contentType).toBe('rpm');
    expect(event.update.builds).toEqual([
      { nvr: 'community-mysql-5.7.18-2.fc25', epoch: 0, type: 'rpm' },
    ]);
    expect(event.update.bugs.map((b) => b.id)).toEqual([1414386, 1443407, 1441001]);
    expect(event.update.dates.stable).toBe('2017-04-28T19:59:31.000Z');
  });

  it('reads the edit, karma threshold and eject extras', () => {
    const edit = expectEvent(
      parseBodhiFixture('bodhi.update.edit__FEDORA-2019-7dbbb74a13.schema-example.json'),
    );
    expect(edit).toMatchObject({
      newBuilds: ['tzdata-2014i-1.fc19'],
      removedBuilds: ['tzdata-2014h-1.fc19'],
    });
    const karma = expectEvent(
      parseBodhiFixture('bodhi.update.karma.threshold__FEDORA-EPEL-2015-0238.json'),
    );
    expect(karma.karmaThreshold).toBe('stable');
    // release.branch is null on that 2015 development bus: absent, not guessed.
    expect(karma.update.release).toEqual({
      name: 'F19',
      distTag: 'f19',
      stableTag: 'f19-updates',
      longName: 'Fedora 19',
    });
    const eject = expectEvent(
      parseBodhiFixture('bodhi.update.eject__FEDORA-2019-2b055f8870.schema-example.json'),
    );
    expect(eject.ejectReason).toBe('some reason');
  });

  describe('2023 update objects from the API, wrapped as {update: obj} in request.testing', () => {
    const files = readdirSync(join(fixturesRoot(), 'bodhi-api')).filter((f) =>
      /^updates\..*\.list-item\.json$/.test(f),
    );
    const aliases = files.map((f) => f.replace(/^updates\.(.*)\.list-item\.json$/, '$1'));

    it('finds the seven objects', () => {
      expect(aliases).toHaveLength(7);
    });

    it.each(aliases)('%s keeps its builds, comments and bugs', (alias) => {
      const update = apiUpdate(alias);
      const event = expectEvent(parseMessage(requestTesting(update), { topicPrefixes: PROD }));
      expect(event.update.alias).toBe(alias);
      expect(event.update.builds.map((b) => b.nvr)).toEqual(update.builds.map((b) => b.nvr));
      expect(event.update.comments).toHaveLength(update.comments.length);
      expect(event.update.bugs).toHaveLength(update.bugs.length);
      expect(event.update.submitter).toBe(update.user.name);
    });

    it('reads the multi-build kernel update with karma from testers', () => {
      const event = expectEvent(
        parseMessage(requestTesting(apiUpdate('FEDORA-2023-bd14c83780')), { topicPrefixes: PROD }),
      );
      expect(event.update.builds).toEqual([
        { nvr: 'kernel-6.6.2-101.fc38', epoch: 0, type: 'rpm' },
        { nvr: 'kernel-headers-6.6.2-101.fc38', epoch: 0, type: 'rpm' },
        { nvr: 'kernel-tools-6.6.2-100.fc38', epoch: 0, type: 'rpm' },
      ]);
      expect(event.update.comments.filter((c) => c.karma > 0).map((c) => c.author)).toEqual([
        'bretth',
        'pbrobinson',
        'macemoneta',
        'johnh99',
      ]);
      expect(event.update).toMatchObject({
        karma: 4,
        stableKarma: 3,
        status: 'testing',
        request: null,
      });
      expect(event.update.release).toMatchObject({ name: 'F38', branch: 'f38' });
      // No envelope time: the newest of its own times, here the last comment (22:39:02).
      expect(event.version).toBe('2023-11-24T22:39:02.000Z');
    });

    it.each([
      ['FEDORA-CONTAINER-2019-8b04b1c212', 'container', 'golang-1.11-6.fc29'],
      ['FEDORA-FLATPAK-2023-91f636af1c', 'flatpak', 'firefox-stable-3820231006182118.1'],
      ['FEDORA-MODULAR-2023-5b8a7bde59', 'module', 'mysql-8.0-3820230907003352.75741a8b'],
    ])('%s has content type %s and a build without epoch gets 0', (alias, contentType, nvr) => {
      const event = expectEvent(
        parseMessage(requestTesting(apiUpdate(alias)), { topicPrefixes: PROD }),
      );
      expect(event.update.contentType).toBe(contentType);
      expect(event.update.builds).toEqual([{ nvr, epoch: 0, type: contentType }]);
    });

    it('takes the version from headers["sent-at"] in the fedora-messaging form', () => {
      const message = requestTesting(apiUpdate('FEDORA-2023-bb021a4854'), {
        id: '3c1b5c7c-6d1e-4a8e-9a63-3f0d1b0e1a11',
        headers: { 'sent-at': '2023-11-25T01:49:13+00:00' },
      });
      const event = expectEvent(parseMessage(message, { topicPrefixes: PROD }));
      expect(event.id).toBe('3c1b5c7c-6d1e-4a8e-9a63-3f0d1b0e1a11');
      expect(event.version).toBe('2023-11-25T01:49:13.000Z');
    });
  });

  describe('the three versions of the ready-for-testing message', () => {
    it('V1 (2021 capture, no update): partial, alias from the artifact, release by dist tag', () => {
      const event = expectEvent(parseBodhiFixture(`${READY}__FEDORA-2021-53a7dfa185.json`));
      expect(event).toMatchObject({
        action: 'ready-for-testing',
        partial: true,
        agent: 'adamwill',
        // generated_at, the only time the message has.
        version: '2021-11-12T22:25:12.966Z',
      });
      expect(event.update).toEqual({
        alias: 'FEDORA-2021-53a7dfa185',
        release: { name: '', distTag: 'f34' },
        builds: [{ nvr: 'gdb-11.1-5.fc34', epoch: 0, type: 'rpm' }],
        contentType: 'rpm',
        bugs: [],
        comments: [],
        dates: {},
      });
    });

    it('V2 (schema example, with update): a whole snapshot', () => {
      const event = expectEvent(
        parseBodhiFixture(`${READY}__FEDORA-2019-d64d0caab3.v2.schema-example.json`),
      );
      expect(event.partial).toBe(false);
      expect(event.update).toMatchObject({
        status: 'testing',
        request: null,
        submitter: 'plautrba',
      });
      expect(event.version).toBe('2019-10-22T13:08:10.222Z');
    });

    it('V3 (schema example): a whole snapshot; with no time at all its version is the oldest', () => {
      const event = expectEvent(
        parseBodhiFixture(`${READY}__FEDORA-2019-d64d0caab3.v3.schema-example.json`),
      );
      expect(event.partial).toBe(false);
      expect(event.update.builds.map((b) => b.nvr)).toEqual([
        'libselinux-2.8-6.fc29.x86_64',
        'libsepol-2.8-3.fc29.x86_64',
      ]);
      expect(event.version).toBe('1970-01-01T00:00:00.000Z');
    });

    it('V3 around a real 2023 update object: the whole snapshot', () => {
      const update = apiUpdate('FEDORA-2023-bb021a4854');
      // The API object has no Koji build and task ids: these stand in, the parser does not read them.
      const artifact = {
        type: 'koji-build-group',
        builds: [
          { type: 'koji-build', id: 2336498, task_id: 109651245, nvr: update.builds[0]!.nvr },
        ],
      };
      const message = JSON.stringify({
        topic: `org.fedoraproject.prod.${READY}`,
        body: { agent: 'bodhi', artifact, 're-trigger': false, update },
      });
      const event = expectEvent(parseMessage(message, { topicPrefixes: PROD }));
      expect(event.partial).toBe(false);
      expect(event.update).toMatchObject({
        alias: 'FEDORA-2023-bb021a4854',
        submitter: 'erack',
        status: 'testing',
      });
      expect(event.update.comments).toHaveLength(4);
    });

    it('V3 capture trimmed upstream to alias and release: partial, with the release', () => {
      const event = expectEvent(
        parseBodhiFixture(`${READY}__FEDORA-2024-32f9547504.upstream-edited.json`),
      );
      expect(event.partial).toBe(true);
      expect(event.update.release).toEqual({
        name: 'ELN',
        branch: 'eln',
        distTag: 'eln',
        longName: 'Fedora ELN',
      });
      expect(event.update.builds).toEqual([
        { nvr: 'python-cryptography-43.0.0-3.eln142', epoch: 0, type: 'rpm' },
      ]);
    });

    it('V3 whose update has builds of the wrong shape is rejected, naming the field', () => {
      const message = bodhiFixtureJson(`${READY}__FEDORA-2019-d64d0caab3.v3.schema-example.json`);
      const update = message.update as { builds: unknown[] };
      update.builds = [{ nvr: 42 }];
      const result = parseMessage(JSON.stringify(message), { topicPrefixes: [], fileTopic: READY });
      expect(result).toMatchObject({
        outcome: 'rejected',
        reason: `${READY}: update.builds[0].nvr: expected string, received number`,
      });
    });
  });
});
