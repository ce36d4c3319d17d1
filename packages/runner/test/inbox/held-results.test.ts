import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge } from '@forgegate/adapter-git';
import { DEFAULT_CORE_CONFIG, type CommitStatus } from '@forgegate/core';
import { fixturesRoot } from '@forgegate/testkit';
import { BusRunner, createLogger, type Config } from '@forgegate/runner';
import { FileSource } from '../../src/sources/file.js';
import {
  completeTesting,
  updateFromQueryPage,
  updateWithBuild,
} from '../../../core/test/pipeline/pipeline-harness.js';
import { PIPELINE_PREFIXES } from '../../../core/test/pipeline/pipeline-fixtures.js';

/** CentOS CI's 2019 functional test of nmstate-0.0.5-2.fc28: passed. */
const CI_RESULT =
  'messages/ci/ci.pipeline.allpackages-build.package.test.functional.complete__2019-9762bda3.json';
const CONTEXT = 'ci.pipeline.allpackages-build.package.test.functional';
/** A real F30 update from Bodhi's API, made to carry the tested build. */
const ALIAS = 'FEDORA-2019-f12cb1ddab';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'forgegate-held-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function config(inbox: string): Config {
  return {
    forge: { type: 'git', repo: join(dir, 'forge.git') },
    core: { ...DEFAULT_CORE_CONFIG, topicPrefixes: PIPELINE_PREFIXES },
    sources: [],
    inbox: { path: join(dir, inbox) },
  };
}

/** One `forgegate run` process: a runner opened on the inbox, fed `paths`, then closed. */
async function runProcess(inbox: string, paths: string[]): Promise<void> {
  const forge = await openGitForge({ path: join(dir, 'forge.git') });
  try {
    const runner = await BusRunner.open({
      config: config(inbox),
      port: forge,
      logger: createLogger({ level: 'error' }),
    });
    await runner.runToCompletion([new FileSource('file', paths)]);
    runner.close();
  } finally {
    forge.close();
  }
}

async function statusesOnThePull(): Promise<Record<string, CommitStatus>> {
  const forge = await openGitForge({ path: join(dir, 'forge.git') });
  try {
    const pull = await forge.findPullByHead(`updates/${ALIAS}`);
    if (!pull) throw new Error(`no PR for ${ALIAS}`);
    const statuses = await forge.listStatuses(pull.headSha);
    return Object.fromEntries(statuses.map((status) => [status.context, status]));
  } finally {
    forge.close();
  }
}

function updateFile(): string {
  const update = updateWithBuild(updateFromQueryPage(ALIAS), 'nmstate-0.0.5-2.fc28');
  const file = join(dir, 'update.jsonl');
  writeFileSync(file, `${completeTesting(update, '2019-04-12T14:00:00.000Z')}\n`);
  return file;
}

describe('CI results held for an update PR that does not exist yet', () => {
  it('survive a restart: the next process writes them when the PR opens', async () => {
    await runProcess('inbox.sqlite', [join(fixturesRoot(), CI_RESULT)]);
    await runProcess('inbox.sqlite', [updateFile()]);
    expect((await statusesOnThePull())[CONTEXT]).toEqual({
      context: CONTEXT,
      state: 'success',
      description: 'Test passed · 2019-04-12 13:10:28Z',
      url: 'https://jenkins-continuous-infra.apps.ci.centos.org/blue/organizations/jenkins/fedora-f28-build-pipeline/detail/fedora-f28-build-pipeline/384/pipeline/',
    });
  });

  it('are lost with the inbox file (they live there, not in the process)', async () => {
    await runProcess('first.sqlite', [join(fixturesRoot(), CI_RESULT)]);
    await runProcess('second.sqlite', [updateFile()]);
    expect((await statusesOnThePull())[CONTEXT]).toBeUndefined();
  });
});
