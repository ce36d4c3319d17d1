import { describe, expect, it } from '@jest/globals';
import {
  baseAndHead,
  commitOnTip,
  expectForgeError,
  packageFile,
  type SuiteContext,
} from './harness.js';

/** Commit statuses (latest per context) and tags. */
export function describeStatusesAndTags(context: SuiteContext): void {
  describe('statuses', () => {
    it('keeps the latest status per context on a commit', async () => {
      const port = context.port();
      const { base, headSha, baseSha } = await baseAndHead(context);
      expect(await port.listStatuses(headSha)).toEqual([]);
      await port.setStatus(headSha, {
        context: 'greenwave',
        state: 'pending',
        description: 'waiting for tests',
      });
      await port.setStatus(headSha, {
        context: 'bodhi/karma',
        state: 'pending',
        description: '1 of 3',
        url: 'https://bodhi.fedoraproject.org/updates/FEDORA-2024-1',
      });
      await port.setStatus(headSha, {
        context: 'greenwave',
        state: 'failure',
        description: '1 of 12 required tests failed',
      });
      const statuses = await port.listStatuses(headSha);
      expect([...statuses].sort((a, b) => a.context.localeCompare(b.context))).toEqual([
        {
          context: 'bodhi/karma',
          state: 'pending',
          description: '1 of 3',
          url: 'https://bodhi.fedoraproject.org/updates/FEDORA-2024-1',
        },
        { context: 'greenwave', state: 'failure', description: '1 of 12 required tests failed' },
      ]);
      expect(await port.listStatuses(baseSha)).toEqual([]);
      // A status belongs to its commit: a new tip starts with none.
      const moved = await commitOnTip(port, base, [packageFile('curl', 'curl-8.9.1-2.fc41')]);
      expect(await port.listStatuses(moved)).toEqual([]);
    });
  });

  describe('tags', () => {
    it('creates an annotated tag on a commit and reads it back by name and in the list', async () => {
      const port = context.port();
      const { base, baseSha, headSha } = await baseAndHead(context);
      const name = `Fedora-41-${context.name('20250101')}.n.0`;
      expect(await port.getTag(name)).toBeNull();
      await port.createTag(name, baseSha, `Compose ${name} of ${base}`);
      expect(await port.getTag(name)).toEqual({
        name,
        sha: baseSha,
        message: `Compose ${name} of ${base}`,
      });
      const other = `${name}-respin`;
      await port.createTag(other, headSha, 'respin');
      expect(await port.listTags()).toEqual(
        expect.arrayContaining([
          { name, sha: baseSha, message: `Compose ${name} of ${base}` },
          { name: other, sha: headSha, message: 'respin' },
        ]),
      );
      await expectForgeError(port.createTag(name, headSha, 'again'), 'conflict');
      expect((await port.getTag(name))?.sha).toBe(baseSha);
    });
  });
}
