import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openForgejoForge } from '@forgegate/adapter-forgejo';
import { startTestServer, type ForgejoTestServer } from './server/test-server.js';

/**
 * The token never reaches an error message (which the runner logs): every failure the adapter
 * can meet is provoked, including a proxy that echoes the token back in its error body, and the
 * errors are searched for it in every form a logger could print them.
 */
const TOKEN = 'fg-secret-7c1d9e4b2a6f';

describe('adapter-forgejo token secrecy', () => {
  let server: ForgejoTestServer;
  beforeAll(async () => {
    server = await startTestServer({ token: TOKEN });
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps the token out of every error message, however the error is printed', async () => {
    const port = openForgejoForge({ url: server.url, repo: server.repo, token: TOKEN });
    const wrong = openForgejoForge({
      url: server.url,
      repo: server.repo,
      token: `${TOKEN}-revoked`,
    });
    const offline = openForgejoForge({
      url: 'http://127.0.0.1:1',
      repo: server.repo,
      token: TOKEN,
    });
    server.inject({
      operation: 'repoGetBranch',
      status: 502,
      body: { message: `upstream said Authorization: Bearer ${TOKEN}`, url: server.url },
    });
    server.inject({
      operation: 'repoListBranches',
      status: 429,
      headers: { 'retry-after': '1' },
      body: { message: `slow down ${encodeURIComponent(TOKEN)}` },
    });
    const failures = await Promise.all(
      [
        port.getBranch('f41'),
        port.listBranches(),
        port.getBranch('f41'),
        port.mergePull(404404, 'x'),
        wrong.whoami(),
        offline.getBranch('f41'),
      ].map((call) =>
        call.then(
          () => undefined,
          (error: unknown) => error,
        ),
      ),
    );
    const errors = failures.filter((error) => error !== undefined);
    const printed = errors.flatMap((error) => [
      String(error),
      inspect(error, { depth: 5 }),
      JSON.stringify(error),
    ]);
    // All but the second getBranch (an ordinary 404: null) failed.
    expect(errors).toHaveLength(failures.length - 1);
    expect(printed.join('\n')).toContain('HTTP 502');
    expect(printed.filter((text) => text.includes(TOKEN))).toEqual([]);
    expect(printed.join('\n')).toContain('[redacted]');
  });
});
