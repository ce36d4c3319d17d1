import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge } from '@forgegate/adapter-git';
import { commitOnTip, runConformanceSuite } from '@forgegate/testkit';

runConformanceSuite('adapters/git', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'forgegate-conformance-'));
  const path = join(dir, 'distribution.git');
  const forge = await openGitForge({ path });
  // Another writer on the same repository, as another process would be: its own git processes,
  // so nothing the adapter caches can hide the change.
  const intruder = await openGitForge({ path, login: 'packager' });
  return {
    port: forge,
    control: {
      asUser: (login) => forge.asUser(login),
      addReview: (login, pull, state, body) => forge.asUser(login).addReview(pull, state, body),
      moveBranchBehindBack: (name, files) =>
        commitOnTip(intruder, name, files, 'pushed by a packager'),
      deleteBranchBehindBack: (name) => intruder.deleteBranch(name),
    },
    cleanup: () => {
      intruder.close();
      forge.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
