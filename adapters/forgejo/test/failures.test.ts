import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { isForgeError, type ForgeError, type ForgePort } from '@forgegate/core';
import { openForgejoForge } from '@forgegate/adapter-forgejo';
import { startTestServer, type ForgejoTestServer } from './server/test-server.js';

/**
 * What each failure of the forge becomes (docs/adapters.md, "Errors"): the injected answers stand
 * for Codeberg's throttle (429 + Retry-After), a broken backend (500), and the refusals FACTS.md
 * lists (404 for a deleted branch, 405/409 on merge, 422 for a stale file sha).
 */
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

async function failure(promise: Promise<unknown>): Promise<ForgeError> {
  const outcome = await promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );
  if (!isForgeError(outcome)) throw new Error(`expected a ForgeError, got ${String(outcome)}`);
  return outcome;
}

describe('adapter-forgejo failures', () => {
  let server: ForgejoTestServer;
  let port: ForgePort;
  let tip: string;
  let pull: number;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    port = openForgejoForge({
      url: server.url,
      repo: server.repo,
      token: server.token,
      now: () => NOW,
    });
    const base = await port.commitFiles({
      branch: 'f41',
      parentSha: '',
      message: 'seed',
      files: [{ path: 'rpms/b/bash', content: 'nvr: bash-1-1\n' }],
    });
    await port.setBranch('updates/FEDORA-2025-1', base);
    tip = await port.commitFiles({
      branch: 'updates/FEDORA-2025-1',
      parentSha: base,
      message: 'update',
      files: [{ path: 'rpms/z/zsh', content: 'nvr: zsh-1-1\n' }],
    });
    pull = (
      await port.createPull({
        head: 'updates/FEDORA-2025-1',
        base: 'f41',
        title: 't',
        body: 'b',
        labels: [],
      })
    ).number;
    server.resetCounts();
  });

  it('reads a 429 with Retry-After as rate_limited, with the wait in milliseconds', async () => {
    server.inject({
      operation: 'issueCreateComment',
      status: 429,
      headers: { 'retry-after': '120' },
    });
    const error = await failure(port.createComment(pull, 'hello'));
    expect(error).toMatchObject({ kind: 'rate_limited', status: 429, retryAfterMs: 120_000 });
    expect(error.retryable).toBe(true);
    // The refused request wrote nothing; the retry the runner makes goes through.
    expect(await port.listComments(pull)).toEqual([]);
    await port.createComment(pull, 'hello');
    expect((await port.listComments(pull)).map((c) => c.body)).toEqual(['hello']);
  });

  it('takes the wait from an HTTP-date Retry-After or X-RateLimit-Reset against the injected clock', async () => {
    server.inject({
      operation: 'repoGetBranch',
      status: 429,
      headers: { 'retry-after': new Date(NOW + 30_000).toUTCString() },
    });
    expect(await failure(port.getBranch('f41'))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 30_000,
    });
    server.inject({
      operation: 'repoGetBranch',
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 90) },
    });
    expect(await failure(port.getBranch('f41'))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 90_000,
    });
  });

  it('reads a 500 as transient, and a refused connection too', async () => {
    server.inject({ operation: 'repoGetPullRequest', status: 500 });
    expect(await failure(port.findPullByHead('updates/FEDORA-2025-1'))).toMatchObject({
      kind: 'transient',
      status: 500,
    });
    const closed = openForgejoForge({
      url: 'http://127.0.0.1:1',
      repo: server.repo,
      token: server.token,
    });
    expect(await failure(closed.getBranch('f41'))).toMatchObject({ kind: 'transient' });
  });

  it('reads a 404 for a branch deleted behind its back as not_found, before writing anything', async () => {
    const other = openForgejoForge({
      url: server.url,
      repo: server.repo,
      token: server.tokenFor('packager'),
    });
    await other.deleteBranch('updates/FEDORA-2025-1');
    server.resetCounts();
    const error = await failure(
      port.commitFiles({
        branch: 'updates/FEDORA-2025-1',
        parentSha: tip,
        message: 'm',
        files: [{ path: 'rpms/z/zsh', content: 'nvr: zsh-2-1\n' }],
      }),
    );
    expect(error).toMatchObject({ kind: 'not_found' });
    expect(server.requestCounts().byMethod.POST).toBeUndefined();
  });

  it('reads 405 on merge as not_mergeable and 409 as conflict; the PR stays open and unmerged', async () => {
    server.inject({ operation: 'repoMergePullRequest', status: 405 });
    expect(await failure(port.mergePull(pull, 'merge'))).toMatchObject({
      kind: 'not_mergeable',
      status: 405,
    });
    server.inject({ operation: 'repoMergePullRequest', status: 409 });
    const conflict = await failure(port.mergePull(pull, 'merge'));
    expect(conflict).toMatchObject({ kind: 'conflict', status: 409 });
    expect(conflict.retryable).toBe(true);
    expect(await port.findPullByHead('updates/FEDORA-2025-1')).toMatchObject({ state: 'open' });
    await port.mergePull(pull, 'merge');
    expect(await port.findPullByHead('updates/FEDORA-2025-1')).toMatchObject({ state: 'merged' });
  });

  it('reads a 422 for a stale file sha as conflict, and the branch keeps the other writer’s content', async () => {
    // The file changes between the adapter's read of its sha and its write: Forgejo refuses (422).
    server.inject({
      operation: 'repoChangeFiles',
      status: 422,
      body: { message: 'sha does not match', url: server.url },
    });
    const error = await failure(
      port.commitFiles({
        branch: 'updates/FEDORA-2025-1',
        parentSha: tip,
        message: 'm',
        files: [{ path: 'rpms/z/zsh', content: 'nvr: zsh-2-1\n' }],
      }),
    );
    expect(error).toMatchObject({ kind: 'conflict', status: 422 });
    expect(await port.readFile('updates/FEDORA-2025-1', 'rpms/z/zsh')).toBe('nvr: zsh-1-1\n');
  });

  it('reports a commit that landed on a tip moved between its check and its write as a conflict', async () => {
    // Another writer commits a different file while the adapter reads blob shas.
    const other = openForgejoForge({
      url: server.url,
      repo: server.repo,
      token: server.tokenFor('packager'),
    });
    const racing = port.commitFiles({
      branch: 'f41',
      parentSha: (await port.getBranch('f41'))?.sha ?? '',
      message: 'bot',
      files: [{ path: 'rpms/b/bash', content: 'nvr: bash-2-1\n' }],
    });
    const sneaky = other.commitFiles({
      branch: 'f41',
      parentSha: (await port.getBranch('f41'))?.sha ?? '',
      message: 'packager',
      files: [{ path: 'rpms/c/curl', content: 'nvr: curl-1-1\n' }],
    });
    const outcomes = await Promise.allSettled([racing, sneaky]);
    const kinds = outcomes.map((o) =>
      o.status === 'fulfilled' ? 'ok' : (o.reason as ForgeError).kind,
    );
    expect(kinds.sort()).toEqual(['conflict', 'ok']);
    // Neither change is lost: the file guard kept each writer to its own file.
    expect(await port.readFile('f41', 'rpms/b/bash')).toBe('nvr: bash-2-1\n');
    expect(await port.readFile('f41', 'rpms/c/curl')).toBe('nvr: curl-1-1\n');
  });
});
