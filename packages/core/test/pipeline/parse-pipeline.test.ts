import { entityKeyOf, parseMessage, type ForgegateEvent } from '@forgegate/core';
import { fixtureFiles, fixtureJson, parseFixture, PIPELINE_PREFIXES } from './pipeline-fixtures.js';

type Expected =
  { event: Partial<ForgegateEvent> & Record<string, unknown>; key: string } | { ignored: string };

/**
 * What every gating, result, CI, Koji tag and compose status sample becomes. A sample added to
 * those folders without a row here fails the first test of its folder.
 */
const EXPECTED: Record<string, Expected> = {
  'messages/greenwave/greenwave.decision.update__2017-5ee197f3-libmtp-fc27-old-format.json': {
    event: {
      kind: 'greenwave.decision',
      subject: { type: 'koji_build', identifier: 'libmtp-1.1.14-1.fc27' },
      decisionContext: 'bodhi_update_push_stable',
      productVersion: 'fedora-27',
      satisfied: true,
      summary: 'all required tests passed',
      time: '2017-10-24T19:16:16.000Z',
    },
    key: 'build:libmtp-1.1.14-1.fc27',
  },
  'messages/greenwave/greenwave.decision.update__2018-3f0f22f8-compose-rawhide-vagrant.json': {
    event: {
      kind: 'greenwave.decision',
      subject: {
        type: 'compose',
        identifier: 'Fedora-Cloud-Base-Vagrant-Rawhide-20180726.n.2.x86_64.vagrant-libvirt.box',
      },
      decisionContext: 'rawhide_compose_sync_to_mirrors',
      satisfied: false,
      summary: '1 of 1 required tests failed',
    },
    key: 'compose:Fedora-Cloud-Base-Vagrant-Rawhide-20180726.n.2.x86_64.vagrant-libvirt.box',
  },
  'messages/greenwave/greenwave.decision.update__2019-09aceb45-bodhi-3.13.3-1.fc30.json': {
    event: {
      kind: 'greenwave.decision',
      id: '2019-09aceb45-3360-4f83-9975-32ae6439c41c',
      subject: { type: 'koji_build', identifier: 'bodhi-3.13.3-1.fc30' },
      decisionContext: 'bodhi_update_push_testing',
      satisfied: true,
      summary: 'All required tests passed',
      time: '2019-03-29T13:21:31.000Z',
    },
    key: 'build:bodhi-3.13.3-1.fc30',
  },
  'messages/greenwave/greenwave.decision.update__docs-example-redhat-module-nodejs-12.json': {
    event: {
      kind: 'greenwave.decision',
      subject: { type: 'redhat-module', identifier: 'nodejs-12-8010020190612143724.cdc1202b' },
      satisfied: false,
      summary: 'Of 2 required tests, 1 result missing',
    },
    key: 'subject:redhat-module:nodejs-12-8010020190612143724.cdc1202b',
  },
  'messages/greenwave/greenwave.decision.update__umb-2018-3337fe81-osci-compose-gate-libsemanage.json':
    {
      event: {
        kind: 'greenwave.decision',
        subject: { type: 'brew-build', identifier: 'libsemanage-2.8-2.el8+7' },
        decisionContext: 'osci_compose_gate',
        satisfied: false,
      },
      key: 'subject:brew-build:libsemanage-2.8-2.el8+7',
    },
  'messages/greenwave/greenwave.decision.update__umb-2018-c50ff499-errata-libXdmcp-1.1.2-9.el8.json':
    {
      event: {
        kind: 'greenwave.decision',
        subject: { type: 'koji_build', identifier: 'libXdmcp-1.1.2-9.el8' },
        decisionContext: 'errata_newfile_to_qe',
        satisfied: true,
      },
      key: 'build:libXdmcp-1.1.2-9.el8',
    },
  'messages/greenwave/greenwave.decision.update__unittest-bodhi-update-FEDORA-2019-9244c8b209.json':
    {
      event: {
        kind: 'greenwave.decision',
        subject: { type: 'bodhi_update', identifier: 'FEDORA-2019-9244c8b209' },
        decisionContext: 'test_context',
        satisfied: true,
        summary: 'All required tests passed',
      },
      key: 'update:FEDORA-2019-9244c8b209',
    },
  'messages/greenwave/greenwave.decision.update__unittest-compose-RHEL-9000.json': {
    event: {
      kind: 'greenwave.decision',
      subject: { type: 'compose', identifier: 'RHEL-9000' },
      decisionContext: 'osci_rhel8_development_nightly_compose_gate',
      satisfied: true,
    },
    key: 'compose:RHEL-9000',
  },

  'messages/resultsdb/resultsdb.result.new__umb-2854980-rpmdiff-legacy-task-result-format.json': {
    event: {
      kind: 'test.result',
      source: 'resultsdb',
      subject: { type: 'koji_build', identifier: 'qpid-dispatch-1.0.0-5.el6' },
      testcase: 'dist.rpmdiff.analysis.patches',
      outcome: 'failed',
      url: 'https://rpmdiff.engineering.redhat.com/run/185690/17',
      time: '2018-01-02T21:58:58.000Z',
    },
    key: 'build:qpid-dispatch-1.0.0-5.el6',
  },
  'messages/resultsdb/resultsdb.result.new__umb-5231886-covscan-brew-build.json': {
    event: {
      kind: 'test.result',
      source: 'resultsdb',
      subject: { type: 'brew-build', identifier: 'foo-4.11.3-3400.el7' },
      testcase: 'baseos-ci.brew-build.covscan.static-analysis',
      outcome: 'passed',
      url: 'https://rpm-factory-jenkins.rhev-ci-vms.eng.rdu2.com/job/ci-covscan/63806/',
      time: '2018-06-18T20:03:08.233Z',
    },
    key: 'subject:brew-build:foo-4.11.3-3400.el7',
  },
  'messages/resultsdb/taskotron.result.new__2015-2ff9d8af-upgradepath-bodhi-update.json': {
    event: {
      kind: 'test.result',
      subject: { type: 'bodhi_update', identifier: 'FEDORA-2015-2f6c7508b7' },
      testcase: 'upgradepath',
      outcome: 'passed',
      url: 'https://taskotron.fedoraproject.org/execdb//jobs/64981220-a418-11e5-91ee-52540053ee00',
      time: '2015-12-16T17:14:21.000Z',
    },
    key: 'update:FEDORA-2015-2f6c7508b7',
  },

  'messages/ci/ci.brew-build.test.complete__umb-libvirt-4.5.0-1.el7.json': {
    event: {
      kind: 'test.result',
      source: 'fedora-ci',
      subject: { type: 'koji_build', identifier: 'libvirt-4.5.0-1.el7' },
      testcase: 'libvirt-ci.brew-build.official.functional',
      outcome: 'failed',
      url: 'https://libvirt-jenkins.rhev-ci-vms.eng.rdu2.redhat.com/job/libvirt-RHEL-7.6-runtest-x86_64-function-migration/9/#rhev',
    },
    key: 'build:libvirt-4.5.0-1.el7',
  },
  'messages/ci/ci.pipeline.allpackages-build.complete__2019-72768646.json': {
    event: { kind: 'test.result', testcase: 'ci.pipeline.allpackages-build', outcome: 'passed' },
    key: 'build:nmstate-0.0.5-2.fc28',
  },
  'messages/ci/ci.pipeline.allpackages-build.package.complete__2019-5e1ebd5f.json': {
    event: {
      kind: 'test.result',
      testcase: 'ci.pipeline.allpackages-build.package',
      outcome: 'passed',
    },
    key: 'build:nmstate-0.0.5-2.fc28',
  },
  'messages/ci/ci.pipeline.allpackages-build.package.ignored__2019-607fbb14.json': {
    ignored: 'ci.pipeline.allpackages-build.package.ignored: the CI pipeline ignored this build',
  },
  'messages/ci/ci.pipeline.allpackages-build.package.test.functional.complete__2019-9762bda3.json':
    {
      event: {
        kind: 'test.result',
        source: 'fedora-ci',
        subject: { type: 'koji_build', identifier: 'nmstate-0.0.5-2.fc28' },
        testcase: 'ci.pipeline.allpackages-build.package.test.functional',
        outcome: 'passed',
        url: 'https://jenkins-continuous-infra.apps.ci.centos.org/blue/organizations/jenkins/fedora-f28-build-pipeline/detail/fedora-f28-build-pipeline/384/pipeline/',
        time: '2019-04-12T13:10:28.000Z',
      },
      key: 'build:nmstate-0.0.5-2.fc28',
    },
  'messages/ci/ci.pipeline.allpackages-build.package.test.functional.queued__2019-27d3db55.json': {
    event: { kind: 'test.result', outcome: 'queued', time: '2019-04-12T13:07:43.000Z' },
    key: 'build:nmstate-0.0.5-2.fc28',
  },
  'messages/ci/ci.pipeline.allpackages-build.package.test.functional.running__2019-72d436cb.json': {
    event: { kind: 'test.result', outcome: 'running', time: '2019-04-12T13:07:50.000Z' },
    key: 'build:nmstate-0.0.5-2.fc28',
  },
  'messages/ci/ci.pipeline.allpackages-pr.package.complete__2019-4e3896db.json': {
    ignored: 'ci.pipeline.allpackages-pr.package.complete: scratch build: never part of an update',
  },
  'messages/ci/ci.pipeline.allpackages-pr.package.test.functional.complete__2019-0fa8c562.json': {
    ignored:
      'ci.pipeline.allpackages-pr.package.test.functional.complete: scratch build: never part of an update',
  },

  'messages/koji/buildsys.tag__http-parser-2.9.3-1.fc31.json': {
    event: {
      kind: 'koji.tag',
      action: 'tag',
      tag: 'f31-updates-pending',
      build: { nvr: 'http-parser-2.9.3-1.fc31', epoch: 0, type: 'rpm' },
      packageName: 'http-parser',
      user: 'bodhi',
      owner: 'sgallagh',
    },
    key: 'koji-tag:f31-updates-pending',
  },
  'messages/koji/buildsys.tag__stage-4.1.1-3.fc18.json': {
    event: {
      kind: 'koji.tag',
      action: 'tag',
      tag: 'f18-updates-testing-pending',
      build: { nvr: 'stage-4.1.1-3.fc18', epoch: 0, type: 'rpm' },
      user: 'bodhi',
      owner: 'ralph',
    },
    key: 'koji-tag:f18-updates-testing-pending',
  },
  'messages/koji/buildsys.untag__globus-gram-job-manager-sge-1.5-2.fc16.json': {
    event: {
      kind: 'koji.tag',
      action: 'untag',
      tag: 'f16-updates-pending',
      build: { nvr: 'globus-gram-job-manager-sge-1.5-2.fc16', epoch: 0, type: 'rpm' },
    },
    key: 'koji-tag:f16-updates-pending',
  },
  'messages/koji/buildsys.untag__python-twisted-19.10.0-2.el8.json': {
    event: {
      kind: 'koji.tag',
      action: 'untag',
      tag: 'epel8-signing-pending',
      build: { nvr: 'python-twisted-19.10.0-2.el8', epoch: 0, type: 'rpm' },
      user: 'autopen',
      owner: 'eclipseo',
    },
    key: 'koji-tag:epel8-signing-pending',
  },

  'messages/pungi/pungi.compose.status.change__coreos-DOOMED-Fedora-Modular-Bikeshed-20180215.n.0.json':
    {
      event: {
        kind: 'pungi.compose',
        composeId: 'Fedora-Modular-Bikeshed-20180215.n.0',
        status: 'DOOMED',
        location:
          'http://kojipkgs.fedoraproject.org/compose/Fedora-Modular-Bikeshed-20180215.n.0/compose',
        release: 'Fedora-Modular-Bikeshed',
      },
      key: 'compose:Fedora-Modular-Bikeshed-20180215.n.0',
    },
  'messages/pungi/pungi.compose.status.change__fedmsg-meta-FINISHED-Fedora-24-20151208.n.7.json': {
    event: {
      kind: 'pungi.compose',
      composeId: 'Fedora-24-20151208.n.7',
      status: 'FINISHED',
      location: 'http://kojipkgs.fedoraproject.org/compose//rawhide/Fedora-24-20151208.n.7/compose',
      time: '2015-12-08T18:52:08.000Z',
    },
    key: 'compose:Fedora-24-20151208.n.7',
  },
  'messages/pungi/pungi.compose.status.change__fedmsg-meta-STARTED-Fedora-24-20151208.n.7.json': {
    event: { kind: 'pungi.compose', composeId: 'Fedora-24-20151208.n.7', status: 'STARTED' },
    key: 'compose:Fedora-24-20151208.n.7',
  },
  'messages/pungi/pungi.compose.status.change__fedmsg-meta-TERMINATED-Fedora-24-20151208.n.7.json':
    {
      event: { kind: 'pungi.compose', composeId: 'Fedora-24-20151208.n.7', status: 'TERMINATED' },
      key: 'compose:Fedora-24-20151208.n.7',
    },
  'messages/pungi/pungi.compose.status.change__openqa-DOOMED-Fedora-Docker-25-20170206.0.json': {
    event: { kind: 'pungi.compose', composeId: 'Fedora-Docker-25-20170206.0', status: 'DOOMED' },
    key: 'compose:Fedora-Docker-25-20170206.0',
  },
  'messages/pungi/pungi.compose.status.change__openqa-FINISHED-Fedora-Atomic-25-20170206.0.json': {
    event: {
      kind: 'pungi.compose',
      composeId: 'Fedora-Atomic-25-20170206.0',
      status: 'FINISHED',
      location:
        'http://kojipkgs.fedoraproject.org/compose/twoweek/Fedora-Atomic-25-20170206.0/compose',
    },
    key: 'compose:Fedora-Atomic-25-20170206.0',
  },
  'messages/pungi/pungi.compose.status.change__openqa-FINISHED_INCOMPLETE-Fedora-Rawhide-20170206.n.0.json':
    {
      event: {
        kind: 'pungi.compose',
        composeId: 'Fedora-Rawhide-20170206.n.0',
        status: 'FINISHED_INCOMPLETE',
      },
      key: 'compose:Fedora-Rawhide-20170206.n.0',
    },
  'messages/pungi/pungi.compose.status.change__openqa-STARTED-Fedora-Atomic-25-20170206.0.json': {
    event: { kind: 'pungi.compose', composeId: 'Fedora-Atomic-25-20170206.0', status: 'STARTED' },
    key: 'compose:Fedora-Atomic-25-20170206.0',
  },
};

/** The folders and, where a folder also holds other producers' topics, the ones this table covers. */
const FOLDERS: [string, RegExp][] = [
  ['messages/greenwave', /./],
  ['messages/resultsdb', /./],
  ['messages/ci', /./],
  ['messages/koji', /^buildsys\.(un)?tag__/],
  ['messages/pungi', /^pungi\.compose\.status\.change__/],
];

describe('pipeline samples through parseMessage', () => {
  it.each(FOLDERS)('every sample in %s has an expectation', (folder, pattern) => {
    const files = fixtureFiles(folder).filter((name) => pattern.test(name));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(Object.keys(EXPECTED)).toContain(`${folder}/${name}`);
  });

  it.each(Object.entries(EXPECTED))('%s', (path, expected) => {
    const result = parseFixture(path);
    if ('ignored' in expected) {
      expect(result).toMatchObject({ outcome: 'ignored', reason: expected.ignored });
      return;
    }
    if (result.outcome !== 'event') throw new Error(`${result.outcome}: ${result.reason}`);
    expect(result.event).toMatchObject(expected.event);
    expect(entityKeyOf(result.event)).toBe(expected.key);
  });
});

describe('pipeline bodies that do not match their producer', () => {
  const DECISION =
    'messages/greenwave/greenwave.decision.update__2019-09aceb45-bodhi-3.13.3-1.fc30.json';

  /** A copy of a real body without some keys: the one change a test makes. */
  function without(body: unknown, ...keys: string[]): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(body as Record<string, unknown>).filter(([key]) => !keys.includes(key)),
    );
  }

  function parseBody(topic: string, body: unknown) {
    return parseMessage(JSON.stringify({ topic: `org.fedoraproject.prod.${topic}`, body }), {
      topicPrefixes: PIPELINE_PREFIXES,
    });
  }

  it('rejects a decision without policies_satisfied, naming the field', () => {
    const body = without(fixtureJson(DECISION).msg, 'policies_satisfied');
    expect(parseBody('greenwave.decision.update', body)).toMatchObject({
      outcome: 'rejected',
      reason: 'greenwave.decision.update: policies_satisfied: missing (expected boolean)',
    });
  });

  it('rejects a decision whose subject list is empty and has no subject_identifier', () => {
    const body = without(fixtureJson(DECISION).msg, 'subject_type', 'subject_identifier');
    expect(parseBody('greenwave.decision.update', { ...body, subject: [] })).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringContaining('subject_identifier: missing'),
    });
  });

  it('rejects a ResultsDB result with an outcome ResultsDB does not have', () => {
    const body = fixtureJson(
      'messages/resultsdb/resultsdb.result.new__umb-5231886-covscan-brew-build.json',
    ).msg as Record<string, unknown>;
    expect(parseBody('resultsdb.result.new', { ...body, outcome: 'GREEN' })).toMatchObject({
      outcome: 'rejected',
      reason: 'resultsdb.result.new: outcome: unknown outcome "GREEN"',
    });
  });

  it('rejects a Koji tag message without the build version, naming the field', () => {
    const body = without(
      fixtureJson('messages/koji/buildsys.tag__http-parser-2.9.3-1.fc31.json'),
      'version',
    );
    expect(parseBody('buildsys.tag', body)).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/^buildsys\.tag: version: /),
    });
  });

  it('rejects a compose status without compose_id (pungi.compose.fail.to.start has none)', () => {
    expect(parseBody('pungi.compose.status.change', { status: 'FINISHED' })).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/^pungi\.compose\.status\.change: compose_id: /),
    });
  });
});

describe('entity keys of Koji tag events', () => {
  it('is the branch when the configuration maps the tag', () => {
    const result = parseFixture('messages/koji/buildsys.tag__http-parser-2.9.3-1.fc31.json');
    if (result.outcome !== 'event') throw new Error(result.reason);
    expect(entityKeyOf(result.event, { 'f31-updates-pending': 'f31' })).toBe('branch:f31');
  });
});
