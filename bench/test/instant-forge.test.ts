import { commitOnTip, runConformanceSuite } from '@forgegate/testkit';
import { InstantForge } from '../src/instant-forge.js';

// Every benchmark figure depends on the instant forge taking the reconciler down the paths a real
// forge does: the same suite the adapters pass checks that it keeps the port's contracts.
runConformanceSuite('bench/instant forge', async () => {
  const forge = new InstantForge();
  // Another writer on the same forge, as a packager pushing to a branch would be.
  const packager = forge.asUser('packager');
  return {
    port: forge,
    control: {
      asUser: (login) => forge.asUser(login),
      addReview: (login, pull, state, body) => forge.addReview(login, pull, state, body),
      moveBranchBehindBack: (name, files) =>
        commitOnTip(packager, name, files, 'pushed by a packager'),
      deleteBranchBehindBack: (name) => packager.deleteBranch(name),
    },
    cleanup: () => {},
  };
});
