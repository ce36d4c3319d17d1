import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runConformanceSuite } from '@forgegate/testkit';
import { openForgejoForge } from '@forgegate/adapter-forgejo';
import { forgejoControl } from './forgejo-control.js';
import { startTestServer, type ForgejoTestServer } from './server/test-server.js';
import type { Flavor } from './server/swagger.js';

/**
 * The adapter conformance suite against the local test server, once as Forgejo v11.0.1 and once
 * as Gitea 1.22 (each with its own swagger). Every test starts on an empty repository; any request
 * or answer that broke the forge's API description fails the test that made it.
 */
for (const flavor of ['forgejo', 'gitea'] as Flavor[]) {
  describe(`adapter-forgejo on the test server (${flavor})`, () => {
    let server: ForgejoTestServer;
    beforeAll(async () => {
      server = await startTestServer({ flavor });
    });
    afterAll(async () => {
      await server.close();
    });

    runConformanceSuite(`forgejo adapter (${flavor} test server)`, async () => {
      server.reset();
      const before = server.violations.length;
      return {
        port: openForgejoForge({ url: server.url, repo: server.repo, token: server.token }),
        control: forgejoControl(server),
        cleanup: () => {
          expect(server.violations.slice(before)).toEqual([]);
        },
      };
    });

    it('answered every request within its API description', () => {
      expect(server.violations).toEqual([]);
    });
  });
}

/**
 * The same suite against a live Forgejo, Gitea or Codeberg repository, when one is configured:
 * FORGEGATE_FORGEJO_URL, FORGEGATE_FORGEJO_TOKEN, FORGEGATE_FORGEJO_REPO (an empty repository the
 * token may write to; tests use names of their own). The other accounts the suite acts as
 * (`tester`, `rdo-ci`, `idm-ci`, `packager`) come from FORGEGATE_FORGEJO_USER_TOKENS
 * (`login=token,...`); a login without one acts with the bot's token.
 */
const live = {
  url: process.env.FORGEGATE_FORGEJO_URL ?? '',
  token: process.env.FORGEGATE_FORGEJO_TOKEN ?? '',
  repo: process.env.FORGEGATE_FORGEJO_REPO ?? '',
};
const liveTokens = new Map(
  (process.env.FORGEGATE_FORGEJO_USER_TOKENS ?? '')
    .split(',')
    .filter((pair) => pair.includes('='))
    .map((pair) => pair.split('=', 2) as [string, string]),
);
if (live.url !== '' && live.token !== '' && live.repo !== '') {
  runConformanceSuite(`forgejo adapter (live ${live.url})`, async () => ({
    port: openForgejoForge(live),
    control: forgejoControl({ ...live, tokenFor: (login) => liveTokens.get(login) ?? live.token }),
    cleanup: () => undefined,
  }));
} else {
  describe.skip('forgejo adapter against a live forge', () => {
    it('needs FORGEGATE_FORGEJO_URL, FORGEGATE_FORGEJO_TOKEN and FORGEGATE_FORGEJO_REPO', () =>
      undefined);
  });
  console.info(
    'adapter-forgejo: live-forge conformance skipped: set FORGEGATE_FORGEJO_URL, FORGEGATE_FORGEJO_TOKEN and FORGEGATE_FORGEJO_REPO to run it',
  );
}
