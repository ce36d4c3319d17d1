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
