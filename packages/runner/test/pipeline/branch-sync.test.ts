import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge, type GitForge } from '@forgegate/adapter-git';
import { applyEvent, DEFAULT_CORE_CONFIG, parseMessage, type CoreConfig } from '@forgegate/core';
import {
  checkAgainstBodhiSchemas,
  dumpForgeState,
  envelope,
  readFixture,
  type BodhiUpdateObject,
  type MessageSpec,
} from '@forgegate/testkit';
import { syncBranchToListing } from '../../src/pipeline/sync-branch-to-listing.js';
import { tagListingText } from './tag-listings.js';

const BOT = 'forgegate';
const PREFIXES = ['org.fedoraproject.prod.'];
/** The samples' pending and signing tags, mapped onto the branch under test. */
const CONFIG: CoreConfig = {
  ...DEFAULT_CORE_CONFIG,
  topicPrefixes: PREFIXES,
  kojiTags: { 'f31-updates-pending': 'f31', 'epel8-signing-pending': 'f31' },
};

/** A real F31 update in testing (GraphicsMagick-1.3.34-1.fc31), from Bodhi's API. */
const ALIAS = 'FEDORA-2019-210b0a6e4f';
const NVR = 'GraphicsMagick-1.3.34-1.fc31';
function realF31Update(): BodhiUpdateObject {
  const page = JSON.parse(
    readFixture('bodhi-api/updates-query.type-security.page-10.rows-5.upstream-edited.json'),
  ) as { updates: BodhiUpdateObject[] };
  return page.updates.find((update) => update.alias === ALIAS)!;
}

/** Bodhi's messages for it: reaching testing (as captured), then pushed stable. */
function bodhiMessages(): { testing: string; stable: string } {
  const testing = realF31Update();
  const stable = {
    ...testing,
    status: 'stable',
    date_stable: '2020-01-08 01:00:00',
    date_pushed: '2020-01-08 01:00:00',
  };
  const specs: MessageSpec[] = [
    { action: 'complete.testing', sentAt: '2020-01-01T00:00:00.000Z', update: testing },
    { action: 'complete.stable', sentAt: '2020-01-08T01:05:00.000Z', update: stable },
  ];
  checkAgainstBodhiSchemas(specs);
  return { testing: envelope(specs[0]!), stable: envelope(specs[1]!) };
}

/** A Koji message from a sample, with the topic and any fields Koji sets differently changed. */
function kojiMessage(sample: string, topic: string, changes: Record<string, unknown> = {}): string {
  const body = {
    ...(JSON.parse(readFixture(`messages/koji/${sample}`)) as Record<string, unknown>),
    ...changes,
  };
  return JSON.stringify({ topic: `org.fedoraproject.prod.${topic}`, body });
}

const HTTP_PARSER_TAG = kojiMessage('buildsys.tag__http-parser-2.9.3-1.fc31.json', 'buildsys.tag');
// The untag sample's build, first tagged (Koji sends the same body on buildsys.tag), then untagged.
const TWISTED_TAG = kojiMessage(
  'buildsys.untag__python-twisted-19.10.0-2.el8.json',
  'buildsys.tag',
);
const TWISTED_UNTAG = kojiMessage(
  'buildsys.untag__python-twisted-19.10.0-2.el8.json',
  'buildsys.untag',
);
// Bodhi tagging the update's build as it pushes it: Koji's fields for that build.
const GRAPHICSMAGICK_TAG = kojiMessage(
  'buildsys.tag__http-parser-2.9.3-1.fc31.json',
  'buildsys.tag',
  {
    build_id: 1422218,
    name: 'GraphicsMagick',
    version: '1.3.34',
    release: '1.fc31',
    owner: 'rdieter',
  },
);

async function apply(forge: GitForge, text: string) {
  const parsed = parseMessage(text, { topicPrefixes: PREFIXES });
  if (parsed.outcome !== 'event') throw new Error(`${parsed.outcome}: ${parsed.reason}`);
  return applyEvent(forge, parsed.event, { config: CONFIG, botLogin: BOT });
}

async function stateAfter(messages: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'forgegate-branch-sync-'));
  const forge = await openGitForge({ path: join(dir, 'distribution.git'), login: BOT });
  try {
    await syncBranchToListing(
      forge,
      'f31',
      tagListingText('koji.listTagged.f30-kde.event-38576896.latest.json'),
      'f30-kde.txt',
      CONFIG,
    );
    for (const message of messages) await apply(forge, message);
    const state = await dumpForgeState(forge);
    const log = (await forge.getCommit((await forge.getBranch('f31'))!.sha)).message;
    return { state, log };
  } finally {
    forge.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const EXPECTED_FILES = {
  'rpms/g/GraphicsMagick': `nvr: ${NVR}\n`,
  'rpms/h/http-parser': 'nvr: http-parser-2.9.3-1.fc31\n',
  'rpms/q/qt5-qtbase': 'nvr: qt5-qtbase-5.11.3-1.fc30\n',
  'rpms/q/qt5-qtimageformats': 'nvr: qt5-qtimageformats-5.11.3-1.fc30\n',
};

describe('a seeded branch kept in sync by Koji tag events and update merges', () => {
  const { testing, stable } = bodhiMessages();
  const before = [testing, HTTP_PARSER_TAG, TWISTED_TAG, TWISTED_UNTAG];

  it('holds exactly the expected files when the tag event comes before the merge', async () => {
    const { state } = await stateAfter([...before, GRAPHICSMAGICK_TAG, stable]);
    expect(state.branches.f31).toEqual(EXPECTED_FILES);
    expect(state.pulls).toEqual([
      expect.objectContaining({ head: `updates/${ALIAS}`, state: 'merged' }),
    ]);
  });

  it('ends the same when the merge comes first (the tag event then finds its build there)', async () => {
    const tagFirst = await stateAfter([...before, GRAPHICSMAGICK_TAG, stable]);
    const mergeFirst = await stateAfter([...before, stable, GRAPHICSMAGICK_TAG]);
    expect(mergeFirst.state.branches.f31).toEqual(EXPECTED_FILES);
    // The PR, its statuses and comments, and the tags are the same; only the merged head branch's
    // own content differs (it was rebuilt on the moved base in one order, not in the other).
    expect(mergeFirst.state.pulls).toEqual(tagFirst.state.pulls);
    expect(mergeFirst.state.tags).toEqual(tagFirst.state.tags);
    expect(mergeFirst.log).toMatch(/^Merge updates\/FEDORA-2019-210b0a6e4f: pushed stable/);
  });

  it('names who tagged and into which tag in the commit message', async () => {
    const { log } = await stateAfter([HTTP_PARSER_TAG]);
    expect(log).toContain('Tag http-parser-2.9.3-1.fc31 into f31-updates-pending');
    expect(log).toContain(
      'Koji user bodhi tagged http-parser-2.9.3-1.fc31 into f31-updates-pending',
    );
    expect(log).toContain('Build owner: sgallagh');
  });

  it('writes nothing for a replayed or older tag event', async () => {
    const older = kojiMessage('buildsys.tag__http-parser-2.9.3-1.fc31.json', 'buildsys.tag', {
      release: '0.fc31',
    });
    const once = await stateAfter([HTTP_PARSER_TAG]);
    const replayed = await stateAfter([HTTP_PARSER_TAG, HTTP_PARSER_TAG, older]);
    expect(replayed.state).toEqual(once.state);
    expect(replayed.log).toBe(once.log);
  });
});
