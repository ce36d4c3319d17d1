import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { applyEvent, DEFAULT_CORE_CONFIG } from '@forgegate/core';
import { LIFECYCLE_BASE, lifecycleEvents } from '@forgegate/testkit';
import { openForgejoForge } from '@forgegate/adapter-forgejo';
import { startTestServer, type ForgejoTestServer } from './server/test-server.js';

/**
 * The scale demand: a repository with 5,000 PRs costs no more requests per message than
 * one with 5. The old PRs are seeded straight into the server's state (closed and merged ones on
 * the same release branch, as a distribution repository has them), then the real lifecycle of one
 * Bodhi update goes through the reconciler and every message's requests are counted.
 */
async function requestsPerMessage(server: ForgejoTestServer, oldPulls: number): Promise<number[]> {
  server.reset();
  const { state } = server;
  const base = state.git.commit([], new Map(), 'seed', 'forgegate');
  state.git.branches.set(LIFECYCLE_BASE, base);
  for (let index = 0; index < oldPulls; index++) {
    state.addPull({
      title: `FEDORA-2019-${index}`,
      body: '',
      head: `updates/FEDORA-2019-${index}`,
      base: LIFECYCLE_BASE,
      headSha: base,
      state: 'closed',
      merged: index % 2 === 0,
      labels: [],
      author: 'forgegate',
    });
  }
  const port = openForgejoForge({ url: server.url, repo: server.repo, token: server.token });
  const context = { config: DEFAULT_CORE_CONFIG, botLogin: await port.whoami() };
  const counts: number[] = [];
  for (const event of lifecycleEvents()) {
    server.resetCounts();
    expect((await applyEvent(port, event, context)).outcome).toBe('applied');
    counts.push(server.requestCounts().total);
  }
  expect(server.violations).toEqual([]);
  return counts;
}

describe('adapter-forgejo request cost', () => {
  let server: ForgejoTestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('spends the same requests per message on a repository with 5,000 PRs as on one with 5', async () => {
    const small = await requestsPerMessage(server, 5);
    const large = await requestsPerMessage(server, 5000);
    expect(large).toEqual(small);
    expect(small).toHaveLength(lifecycleEvents().length);
  });
});
