import { applyEvent, parseMessage, type CoreConfig, type ForgePort } from '@forgegate/core';
import { BOT, counting, freshForge } from '../reconcile/forge-harness.js';
import { applyFixture, CONFIG } from './pipeline-harness.js';
import { fixtureJson, PIPELINE_PREFIXES } from './pipeline-fixtures.js';

const PUNGI = 'messages/pungi/pungi.compose.status.change__';
const ATOMIC = 'Fedora-Atomic-25-20170206.0';
const COMPOSES: CoreConfig = {
  ...CONFIG,
  composes: [
    { match: '^Fedora-Atomic-25-', branch: 'f25' },
    { match: '^Fedora-Rawhide-', branch: 'rawhide' },
    { match: '^Fedora-24-', branch: 'f24' },
  ],
};

/** A branch with one package file, as a seeded branch looks; returns its tip. */
async function branchWithFile(
  port: ForgePort,
  branch: string,
  path: string,
  nvr: string,
): Promise<string> {
  return port.commitFiles({
    branch,
    parentSha: '',
    message: `Seed ${branch}`,
    files: [{ path, content: `nvr: ${nvr}\n` }],
  });
}

/**
 * The upstream unit-test decision about compose RHEL-9000, with the subject Greenwave would name
 * for the Fedora compose instead (the only fields a decision about another compose changes).
 */
function decisionAbout(composeId: string): string {
  const body = fixtureJson(
    'messages/greenwave/greenwave.decision.update__unittest-compose-RHEL-9000.json',
  );
  return JSON.stringify({
    id: `decision-${composeId}`,
    topic: 'org.fedoraproject.prod.greenwave.decision.update',
    headers: { 'sent-at': '2017-02-06T12:00:00+00:00' },
    body: {
      ...body,
      subject: [{ 'productmd.compose.id': composeId }],
      subject_identifier: composeId,
    },
  });
}

async function applyRaw(port: ForgePort, text: string) {
  const parsed = parseMessage(text, { topicPrefixes: PIPELINE_PREFIXES });
  if (parsed.outcome !== 'event') throw new Error(parsed.reason);
  return applyEvent(port, parsed.event, { config: COMPOSES, botLogin: BOT });
}

describe('compose status → tag on the release branch', () => {
  it('tags the branch tip with the compose id, naming label, status and location', async () => {
    const { forge, close } = await freshForge();
    try {
      const tip = await branchWithFile(forge, 'f25', 'rpms/o/ostree', 'ostree-2017.1-2.fc25');
      expect(
        await applyFixture(forge, `${PUNGI}openqa-FINISHED-${ATOMIC}.json`, COMPOSES),
      ).toMatchObject({
        outcome: 'applied',
      });
      expect(await forge.getTag(ATOMIC)).toEqual({
        name: ATOMIC,
        sha: tip,
        message: [
          `Compose ${ATOMIC}`,
          '',
          'Label: (none)',
          'Status: FINISHED',
          `Location: http://kojipkgs.fedoraproject.org/compose/twoweek/${ATOMIC}/compose`,
        ].join('\n'),
      });
    } finally {
      close();
    }
  });

  it('neither moves nor recreates the tag on a repeated message, after the branch moved on', async () => {
    const { forge, close } = await freshForge();
    try {
      const tip = await branchWithFile(forge, 'f25', 'rpms/o/ostree', 'ostree-2017.1-2.fc25');
      await applyFixture(forge, `${PUNGI}openqa-FINISHED-${ATOMIC}.json`, COMPOSES);
      await forge.commitFiles({
        branch: 'f25',
        parentSha: tip,
        message: 'Tag ostree-2017.2-1.fc25',
        files: [{ path: 'rpms/o/ostree', content: 'nvr: ostree-2017.2-1.fc25\n' }],
      });
      const { port, writes } = counting(forge);
      expect(
        await applyFixture(port, `${PUNGI}openqa-FINISHED-${ATOMIC}.json`, COMPOSES),
      ).toMatchObject({
        outcome: 'applied',
      });
      expect(writes).toEqual([]);
      expect((await forge.getTag(ATOMIC))?.sha).toBe(tip);
    } finally {
      close();
    }
  });

  it('tags FINISHED_INCOMPLETE composes too', async () => {
    const { forge, close } = await freshForge();
    try {
      const tip = await branchWithFile(forge, 'rawhide', 'rpms/b/bash', 'bash-4.4.12-3.fc26');
      await applyFixture(
        forge,
        `${PUNGI}openqa-FINISHED_INCOMPLETE-Fedora-Rawhide-20170206.n.0.json`,
        COMPOSES,
      );
      expect((await forge.getTag('Fedora-Rawhide-20170206.n.0'))?.sha).toBe(tip);
    } finally {
      close();
    }
  });

  it.each([
    ['fedmsg-meta-TERMINATED-Fedora-24-20151208.n.7.json', 'compose TERMINATED'],
    ['openqa-DOOMED-Fedora-Docker-25-20170206.0.json', 'compose DOOMED'],
    ['fedmsg-meta-STARTED-Fedora-24-20151208.n.7.json', 'compose STARTED'],
  ])('makes no tag for %s and counts it as ignored', async (file, reason) => {
    const { forge, close } = await freshForge();
    try {
      await branchWithFile(forge, 'f24', 'rpms/b/bash', 'bash-4.3.42-1.fc24');
      const { port, writes } = counting(forge);
      const outcome = await applyFixture(port, `${PUNGI}${file}`, COMPOSES);
      expect(outcome.outcome).toBe('ignored');
      expect(outcome.reason).toMatch(new RegExp(`^${reason}`));
      expect(writes).toEqual([]);
      expect(await forge.listTags()).toEqual([]);
    } finally {
      close();
    }
  });

  it('ignores a compose of a release no `composes` entry matches', async () => {
    const { forge, close } = await freshForge();
    try {
      const outcome = await applyFixture(forge, `${PUNGI}openqa-FINISHED-${ATOMIC}.json`, CONFIG);
      expect(outcome).toMatchObject({
        outcome: 'ignored',
        reason: `compose ${ATOMIC} matches no configured release`,
      });
    } finally {
      close();
    }
  });

  it('puts a compose decision on the tagged commit, holding it until the tag exists', async () => {
    const { forge, close } = await freshForge();
    try {
      const tip = await branchWithFile(forge, 'f25', 'rpms/o/ostree', 'ostree-2017.1-2.fc25');
      const early = await applyRaw(forge, decisionAbout(ATOMIC));
      expect(early).toMatchObject({
        outcome: 'ignored',
        reason: `no tag for compose ${ATOMIC} yet: kept until it is tagged`,
      });
      await applyFixture(forge, `${PUNGI}openqa-FINISHED-${ATOMIC}.json`, COMPOSES);
      const expected = {
        context: 'gating/osci_rhel8_development_nightly_compose_gate',
        state: 'success',
        description: 'All required tests passed · 2017-02-06 12:00:00Z',
        url: `https://apps.fedoraproject.org/datagrepper/v2/id?is_raw=true&id=decision-${ATOMIC}`,
      };
      expect(await forge.listStatuses(tip)).toEqual([expected]);
      // A decision arriving after the tag goes straight to the tagged commit.
      const { port, writes } = counting(forge);
      expect(await applyRaw(port, decisionAbout(ATOMIC))).toMatchObject({ outcome: 'applied' });
      expect(writes).toEqual([]);
    } finally {
      close();
    }
  });
});
