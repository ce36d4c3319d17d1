import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCli } from '@forgegate/runner';
import { fixturesRoot } from '@forgegate/testkit';
import { startTestServer, type ForgejoTestServer } from './server/test-server.js';

/**
 * `forgegate replay` with a configuration that selects Forgejo, on real Bodhi captures, against
 * the test server: the PRs a packager would see, then a second replay that sends no write request
 * (counted by HTTP method at the server, not by the adapter).
 */
const CAPTURES = [
  'bodhi.update.comment__FEDORA-2019-46910daf41.json',
  'bodhi.update.complete.stable__FEDORA-2017-fe6e14dcf9.json',
  'bodhi.update.complete.testing__FEDORA-2019-02cd019281.json',
];

async function replay(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: false, columns: 100 });
  const err: string[] = [];
  stdout.resume();
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  const code = await runCli(['replay', ...args, '--json'], {
    stdout,
    stderr,
    env,
    cwd: process.cwd(),
  });
  return { code, stderr: err.join('') };
}

describe('forgegate replay onto Forgejo', () => {
  let server: ForgejoTestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('mirrors real Bodhi captures as PRs, and a second replay makes no write request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forgejo-replay-'));
    const config = join(dir, 'forgegate.yaml');
    writeFileSync(
      config,
      `forge:\n  type: forgejo\n  url: ${server.url}\n  repo: ${server.repo}\n  token_env: FORGEGATE_TOKEN\n`,
    );
    const files = CAPTURES.map((name) => join(fixturesRoot(), 'messages', 'bodhi', name));
    const env = { FORGEGATE_TOKEN: server.token };

    const first = await replay([...files, '--config', config], env);
    expect(first.code).toBe(0);
    const pulls = [...server.state.pulls.values()].map((p) => [
      p.head,
      p.base,
      p.merged ? 'merged' : p.state,
    ]);
    expect(pulls).toEqual(
      expect.arrayContaining([
        ['updates/FEDORA-2019-46910daf41', 'f30', 'open'],
        ['updates/FEDORA-2017-fe6e14dcf9', 'f25', 'merged'],
        ['updates/FEDORA-2019-02cd019281', 'f29', 'open'],
      ]),
    );
    expect(pulls).toHaveLength(3);
    expect(first.stderr).not.toContain(server.token);

    server.resetCounts();
    const second = await replay([...files, '--config', config], env);
    expect(second.code).toBe(0);
    const { byMethod } = server.requestCounts();
    expect(Object.keys(byMethod)).toEqual(['GET']);
    expect(server.violations).toEqual([]);
  });
});
