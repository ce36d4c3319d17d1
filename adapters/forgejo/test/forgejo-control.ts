import type { ConformanceControl } from '@forgegate/testkit';
import type { ReviewState } from '@forgegate/core';
import { forgejoApi } from 'forgejo-js';
import { openForgejoForge, type ForgejoForge } from '@forgegate/adapter-forgejo';

/** Forgejo's review events for the port's review states (ReviewStateType). */
const REVIEW_EVENTS: Record<ReviewState, string> = {
  approved: 'APPROVED',
  changes_requested: 'REQUEST_CHANGES',
  commented: 'COMMENT',
};

/** The account that changes branches behind the bot's back. */
const PACKAGER = 'packager';

/**
 * The conformance suite's control handle on a Forgejo (the test server or a live one): every
 * action goes through Forgejo's API as another account, so the test server validates it like any
 * other request.
 */
export function forgejoControl(forge: {
  url: string;
  repo: string;
  tokenFor(login: string): string;
}): ConformanceControl {
  const portFor = (login: string): ForgejoForge =>
    openForgejoForge({ url: forge.url, repo: forge.repo, token: forge.tokenFor(login) });
  const [owner = '', name = ''] = forge.repo.split('/');
  return {
    asUser: portFor,
    async addReview(login, pull, state, body) {
      const api = forgejoApi(forge.url, { token: forge.tokenFor(login) });
      await api.repos.repoCreatePullReview(owner, name, pull, {
        event: REVIEW_EVENTS[state],
        body,
      });
    },
    async moveBranchBehindBack(branch, files) {
      const packager = portFor(PACKAGER);
      const tip = await packager.getBranch(branch);
      if (tip === null) throw new Error(`branch ${branch} is missing`);
      return packager.commitFiles({ branch, parentSha: tip.sha, message: 'pushed by hand', files });
    },
    deleteBranchBehindBack: (branch) => portFor(PACKAGER).deleteBranch(branch),
  };
}
