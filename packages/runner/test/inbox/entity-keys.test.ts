import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge } from '@forgegate/adapter-git';
import { DEFAULT_CORE_CONFIG } from '@forgegate/core';
import { readFixture } from '@forgegate/testkit';
import { BusRunner, createLogger } from '@forgegate/runner';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'forgegate-keys-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Koji's sample: http-parser-2.9.3-1.fc31 tagged into f31-updates-pending. */
const TAG_MESSAGE = JSON.stringify({
  topic: 'org.fedoraproject.prod.buildsys.tag',
  body: JSON.parse(readFixture('messages/koji/buildsys.tag__http-parser-2.9.3-1.fc31.json')),
});

async function entityOfTagMessage(kojiTags: Record<string, string>): Promise<string | undefined> {
  const forge = await openGitForge({ path: join(dir, 'forge.git') });
  try {
    const runner = await BusRunner.open({
      config: {
        forge: { type: 'git', repo: join(dir, 'forge.git') },
        core: { ...DEFAULT_CORE_CONFIG, topicPrefixes: ['org.fedoraproject.prod.'], kojiTags },
        sources: [],
        inbox: { path: join(dir, `${Object.keys(kojiTags).length}.sqlite`) },
      },
      port: forge,
      logger: createLogger({ level: 'error' }),
    });
    const result = runner.intake.accept({ source: 'test', text: TAG_MESSAGE, origin: 'test' });
    runner.close();
    return result.status === 'queued' ? result.entity : undefined;
  } finally {
    forge.close();
  }
}

describe('the queue a Koji tag message waits in', () => {
  it('is its branch when koji_tags maps the tag, so it runs in order with that branch’s work', async () => {
    expect(await entityOfTagMessage({ 'f31-updates-pending': 'f31' })).toBe('branch:f31');
  });

  it('is the tag itself when no branch is mapped', async () => {
    expect(await entityOfTagMessage({})).toBe('koji-tag:f31-updates-pending');
  });
});
