import { readFixture, realUpdate } from '@forgegate/testkit';
import { counting, freshForge } from '../reconcile/forge-harness.js';
import {
  applyFixture,
  applyText,
  completeTesting,
  pullStatuses,
  updateFromQueryPage,
  updateWithBuild,
} from './pipeline-harness.js';

const GREENWAVE = 'messages/greenwave/greenwave.decision.update__';
const CI = 'messages/ci/ci.pipeline.allpackages-build.package.test.functional.';
const FUNCTIONAL = 'ci.pipeline.allpackages-build.package.test.functional';
const NMSTATE_RUN =
  'https://jenkins-continuous-infra.apps.ci.centos.org/blue/organizations/jenkins/fedora-f28-build-pipeline/detail/fedora-f28-build-pipeline/384/pipeline/';

/** An F30 update in testing (GraphicsMagick, karma 0, stable at +2), carrying another build. */
const F30_ALIAS = 'FEDORA-2019-f12cb1ddab';
function f30UpdateWith(nvr: string) {
  return updateWithBuild(updateFromQueryPage(F30_ALIAS), nvr);
}

describe('gating decisions on update PRs', () => {
  it('puts the 2019 koji_build decision on the PR of the update holding the build', async () => {
    const { forge, close } = await freshForge();
    try {
      await applyText(
        forge,
        completeTesting(f30UpdateWith('bodhi-3.13.3-1.fc30'), '2019-03-29T12:00:00.000Z'),
      );
      const outcome = await applyFixture(
        forge,
        `${GREENWAVE}2019-09aceb45-bodhi-3.13.3-1.fc30.json`,
      );
      expect(outcome.outcome).toBe('applied');
      expect(await pullStatuses(forge, F30_ALIAS)).toEqual({
        'gating/bodhi_update_push_testing': {
          context: 'gating/bodhi_update_push_testing',
          state: 'success',
          description: 'All required tests passed · 2019-03-29 13:21:31Z',
          url: 'https://apps.fedoraproject.org/datagrepper/v2/id?is_raw=true&id=2019-09aceb45-3360-4f83-9975-32ae6439c41c',
        },
        'bodhi/karma': {
          context: 'bodhi/karma',
          state: 'pending',
          description: '0 of +2 to push',
          url: `https://bodhi.fedoraproject.org/updates/${F30_ALIAS}`,
        },
      });
    } finally {
      close();
    }
  });

  it('reads the 2017 form (subject list, policies_satisified) as the same kind of status', async () => {
    const { forge, close } = await freshForge();
    try {
      await applyText(
        forge,
        completeTesting(f30UpdateWith('libmtp-1.1.14-1.fc27'), '2017-10-24T12:00:00.000Z'),
      );
      await applyFixture(forge, `${GREENWAVE}2017-5ee197f3-libmtp-fc27-old-format.json`);
      expect((await pullStatuses(forge, F30_ALIAS))['gating/bodhi_update_push_stable']).toEqual({
        context: 'gating/bodhi_update_push_stable',
        state: 'success',
        description: 'all required tests passed · 2017-10-24 19:16:16Z',
        url: 'https://apps.fedoraproject.org/datagrepper/v2/id?is_raw=true&id=2017-5ee197f3-dcc7-4cd6-af54-c5c448e0fe94',
      });
    } finally {
      close();
    }
  });

  it('puts a bodhi_update decision on that update’s PR (no time, no archive link for a bare body)', async () => {
    const { forge, close } = await freshForge();
    try {
      const update = { ...updateFromQueryPage(F30_ALIAS), alias: 'FEDORA-2019-9244c8b209' };
      await applyText(forge, completeTesting(update, '2019-06-01T00:00:00.000Z'));
      await applyFixture(forge, `${GREENWAVE}unittest-bodhi-update-FEDORA-2019-9244c8b209.json`);
      expect((await pullStatuses(forge, 'FEDORA-2019-9244c8b209'))['gating/test_context']).toEqual({
        context: 'gating/test_context',
        state: 'success',
        description: 'All required tests passed',
      });
    } finally {
      close();
    }
  });

  it('counts decisions about subjects the forge has no object for as ignored, writing nothing', async () => {
    const { forge, close } = await freshForge();
    try {
      const { port, writes } = counting(forge);
      const outcome = await applyFixture(
        port,
        `${GREENWAVE}docs-example-redhat-module-nodejs-12.json`,
      );
      expect(outcome).toMatchObject({
        outcome: 'ignored',
        reason: 'subject type redhat-module names nothing on the forge',
      });
      expect(writes).toEqual([]);
    } finally {
      close();
    }
  });
});

describe('CI results on update PRs', () => {
  async function withNmstateUpdate(
    run: (forge: Awaited<ReturnType<typeof freshForge>>['forge']) => Promise<void>,
  ) {
    const { forge, close } = await freshForge();
    try {
      await applyText(
        forge,
        completeTesting(f30UpdateWith('nmstate-0.0.5-2.fc28'), '2019-04-12T12:00:00.000Z'),
      );
      await run(forge);
    } finally {
      close();
    }
  }

  it('shows queued and running as pending, then the result, linking the run', async () => {
    await withNmstateUpdate(async (forge) => {
      await applyFixture(forge, `${CI}queued__2019-27d3db55.json`);
      expect((await pullStatuses(forge, F30_ALIAS))[FUNCTIONAL]).toEqual({
        context: FUNCTIONAL,
        state: 'pending',
        description: 'Test queued · 2019-04-12 13:07:43Z',
        url: NMSTATE_RUN,
      });
      await applyFixture(forge, `${CI}running__2019-72d436cb.json`);
      expect((await pullStatuses(forge, F30_ALIAS))[FUNCTIONAL]).toMatchObject({
        state: 'pending',
        description: 'Test running · 2019-04-12 13:07:50Z',
      });
      await applyFixture(forge, `${CI}complete__2019-9762bda3.json`);
      expect((await pullStatuses(forge, F30_ALIAS))[FUNCTIONAL]).toEqual({
        context: FUNCTIONAL,
        state: 'success',
        description: 'Test passed · 2019-04-12 13:10:28Z',
        url: NMSTATE_RUN,
      });
    });
  });

  it('writes nothing when the messages are replayed, or a late running follows the result', async () => {
    await withNmstateUpdate(async (forge) => {
      const files = [
        `${CI}queued__2019-27d3db55.json`,
        `${CI}running__2019-72d436cb.json`,
        `${CI}complete__2019-9762bda3.json`,
      ];
      for (const file of files) await applyFixture(forge, file);
      const { port, writes } = counting(forge);
      for (const file of [...files, files[1] as string]) {
        expect((await applyFixture(port, file)).outcome).toMatch(/applied|ignored/);
      }
      expect(writes).toEqual([]);
      expect((await pullStatuses(forge, F30_ALIAS))[FUNCTIONAL]).toMatchObject({
        state: 'success',
      });
    });
  });

  it('writes nothing on replay in a fresh process either: the forge’s status carries the time', async () => {
    await withNmstateUpdate(async (forge) => {
      for (const file of ['queued__2019-27d3db55.json', 'complete__2019-9762bda3.json']) {
        await applyFixture(forge, `${CI}${file}`);
      }
      // Another account's view of the same repository is another port: a fresh, empty memory.
      const { port, writes } = counting(forge.asUser('forgegate'));
      await applyFixture(port, `${CI}queued__2019-27d3db55.json`);
      await applyFixture(port, `${CI}running__2019-72d436cb.json`);
      expect(writes).toEqual([]);
    });
  });

  it('counts a result for a build in no open update as ignored and changes nothing', async () => {
    await withNmstateUpdate(async (forge) => {
      const { port, writes } = counting(forge);
      const outcome = await applyFixture(
        port,
        'messages/ci/ci.brew-build.test.complete__umb-libvirt-4.5.0-1.el7.json',
      );
      expect(outcome).toMatchObject({
        outcome: 'ignored',
        reason: 'no open update PR for build:libvirt-4.5.0-1.el7: kept until one opens',
      });
      expect(writes).toEqual([]);
    });
  });

  it('applies a result that arrived before its update’s PR once the PR opens', async () => {
    const { forge, close } = await freshForge();
    try {
      const early = await applyFixture(forge, `${CI}complete__2019-9762bda3.json`);
      expect(early.outcome).toBe('ignored');
      await applyText(
        forge,
        completeTesting(f30UpdateWith('nmstate-0.0.5-2.fc28'), '2019-04-12T14:00:00.000Z'),
      );
      expect((await pullStatuses(forge, F30_ALIAS))[FUNCTIONAL]).toEqual({
        context: FUNCTIONAL,
        state: 'success',
        description: 'Test passed · 2019-04-12 13:10:28Z',
        url: NMSTATE_RUN,
      });
    } finally {
      close();
    }
  });

  it('puts a ResultsDB (Taskotron) result about an update on its PR', async () => {
    const { forge, close } = await freshForge();
    try {
      const update = { ...updateFromQueryPage(F30_ALIAS), alias: 'FEDORA-2015-2f6c7508b7' };
      await applyText(forge, completeTesting(update, '2015-12-16T12:00:00.000Z'));
      await applyFixture(
        forge,
        'messages/resultsdb/taskotron.result.new__2015-2ff9d8af-upgradepath-bodhi-update.json',
      );
      expect((await pullStatuses(forge, 'FEDORA-2015-2f6c7508b7')).upgradepath).toEqual({
        context: 'upgradepath',
        state: 'success',
        description: 'Test passed · 2015-12-16 17:14:21Z',
        url: 'https://taskotron.fedoraproject.org/execdb//jobs/64981220-a418-11e5-91ee-52540053ee00',
      });
    } finally {
      close();
    }
  });
});

describe('current-format Fedora CI messages (publisher templates, spec 1.1.14)', () => {
  const THUNDERBIRD = 'FEDORA-2023-bb021a4854';
  const NVR = 'thunderbird-115.5.0-1.fc38';
  const BUILD_URL =
    'https://osci-jenkins-1.ci.fedoraproject.org/job/fedora-ci/job/rpminspect-pipeline/job/master/4242/';
  const CONTEXT = 'fedora-ci.koji-build.tier0.functional';

  /**
   * A message as fedora-ci/jenkins-pipeline-library's RpmBuildMessageBuilder and MessageBuilder
   * fill the template: contact from the pipeline metadata, run from BUILD_URL, artifact from
   * Koji's task info, test from the metadata (namespace `<maintainer>.<artifact type>`), the result
   * or error reason, the pipeline section, `generated_at`, and `version` 1.1.14. Nothing else.
   */
  function ciMessage(state: 'queued' | 'complete' | 'error', generatedAt: string): string {
    const body = JSON.parse(
      readFixture(`schemas/fedora-ci/templates/koji-build.test.${state}-template.json`),
    ) as Record<string, Record<string, unknown>>;
    Object.assign(body.contact as object, {
      name: 'Fedora CI',
      team: 'Fedora CI',
      url: 'https://docs.fedoraproject.org/en-US/ci/',
      docs: 'https://docs.fedoraproject.org/en-US/ci/',
    });
    Object.assign(body.run as object, {
      url: BUILD_URL,
      log: `${BUILD_URL}console`,
      log_raw: `${BUILD_URL}consoleText`,
      log_stream: `${BUILD_URL}console`,
    });
    Object.assign(body.artifact as object, {
      type: 'koji-build',
      id: 109876543,
      issuer: 'erack',
      component: 'thunderbird',
      nvr: NVR,
      scratch: false,
    });
    Object.assign(body.test as object, {
      type: 'tier0',
      category: 'functional',
      namespace: 'fedora-ci.koji-build',
    });
    if (state === 'complete') {
      Object.assign(body.artifact as object, {
        baseline: NVR,
        source: 'git+https://src.fedoraproject.org/rpms/thunderbird.git#4f1c2a9',
      });
      Object.assign(body.test as object, { note: '', result: 'passed', xunit: '' });
      Object.assign(body.run as object, {
        debug: `${BUILD_URL}console`,
        rebuild: `${BUILD_URL}rebuild`,
      });
    }
    if (state === 'error') {
      Object.assign(body.test as object, { result: 'failed' });
      Object.assign(body.error as object, {
        reason: 'Infrastructure Failure',
        url: `${BUILD_URL}console`,
      });
    }
    const message = {
      ...body,
      pipeline: { id: 'c7b3f9c2e6d0a1b4', name: 'Fedora CI', build: '4242' },
      generated_at: generatedAt,
      version: '1.1.14',
    };
    return JSON.stringify({
      id: `ci-${state}-${generatedAt}`,
      topic: `org.fedoraproject.prod.ci.koji-build.test.${state}`,
      headers: { 'sent-at': generatedAt },
      body: message,
    });
  }

  it('lands queued as pending, complete as the result, error as error with the reason', async () => {
    const { forge, close } = await freshForge();
    try {
      await applyText(forge, completeTesting(realUpdate(THUNDERBIRD), '2023-11-25T01:49:11.000Z'));
      await applyText(forge, ciMessage('queued', '2023-11-25T02:00:00.000Z'));
      expect((await pullStatuses(forge, THUNDERBIRD))[CONTEXT]).toEqual({
        context: CONTEXT,
        state: 'pending',
        description: 'Test queued · 2023-11-25 02:00:00Z',
        url: BUILD_URL,
      });
      await applyText(forge, ciMessage('complete', '2023-11-25T02:20:00.000Z'));
      expect((await pullStatuses(forge, THUNDERBIRD))[CONTEXT]).toEqual({
        context: CONTEXT,
        state: 'success',
        description: 'Test passed · 2023-11-25 02:20:00Z',
        url: BUILD_URL,
      });
      await applyText(forge, ciMessage('error', '2023-11-25T03:00:00.000Z'));
      expect((await pullStatuses(forge, THUNDERBIRD))[CONTEXT]).toEqual({
        context: CONTEXT,
        state: 'error',
        description: 'Test could not run: Infrastructure Failure · 2023-11-25 03:00:00Z',
        url: BUILD_URL,
      });
    } finally {
      close();
    }
  });
});
