import { describe, expect, it } from '@jest/globals';
import {
  baseAndHead,
  commitOnTip,
  expectForgeError,
  packageFile,
  type SuiteContext,
} from './harness.js';

/** Find by head, create, update, close, reopen, merge, labels. */
export function describePullRequests(context: SuiteContext): void {
  describe('pull requests', () => {
    it('finds no PR for a head that has none, then the one created', async () => {
      const port = context.port();
      const { base, head, headSha } = await baseAndHead(context);
      expect(await port.findPullByHead(head)).toBeNull();
      const created = await port.createPull({
        head,
        base,
        title: 'FEDORA-2024-1: zsh-5.9-4.fc41',
        body: 'Update notes\n\n<!-- forgegate: {"v":1} -->',
        labels: ['type:bugfix', 'status:pending'],
      });
      expect(created).toMatchObject({
        head,
        base,
        headSha,
        state: 'open',
        title: 'FEDORA-2024-1: zsh-5.9-4.fc41',
        body: 'Update notes\n\n<!-- forgegate: {"v":1} -->',
        author: await port.whoami(),
      });
      expect([...created.labels].sort()).toEqual(['status:pending', 'type:bugfix']);
      const found = await port.findPullByHead(head);
      expect(found).toEqual({ ...created, labels: expect.arrayContaining(created.labels) });
      expect(found?.labels).toHaveLength(2);
    });

    it("follows the head branch's tip", async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context);
      const pull = await port.createPull({ head, base, title: 't', body: 'b', labels: [] });
      const moved = await commitOnTip(port, head, [packageFile('zsh', 'zsh-5.9-5.fc41')]);
      expect((await port.findPullByHead(head))?.headSha).toBe(moved);
      expect((await port.listPulls('open')).find((p) => p.number === pull.number)?.headSha).toBe(
        moved,
      );
    });

    it('updates title and body, closes and reopens', async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context);
      const pull = await port.createPull({
        head,
        base,
        title: 'old',
        body: 'old body',
        labels: [],
      });
      await port.updatePull(pull.number, { title: 'new title' });
      await port.updatePull(pull.number, { body: 'new body' });
      expect(await port.findPullByHead(head)).toMatchObject({
        title: 'new title',
        body: 'new body',
        state: 'open',
      });
      await port.updatePull(pull.number, { state: 'closed' });
      expect(await port.findPullByHead(head)).toMatchObject({
        number: pull.number,
        state: 'closed',
      });
      expect((await port.listPulls('open')).map((p) => p.number)).not.toContain(pull.number);
      expect((await port.listPulls('all')).map((p) => p.number)).toContain(pull.number);
      await port.updatePull(pull.number, { state: 'open' });
      expect(await port.findPullByHead(head)).toMatchObject({
        number: pull.number,
        state: 'open',
        title: 'new title',
      });
    });

    it('finds the newest PR when a head has had several', async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context);
      const first = await port.createPull({ head, base, title: 'first', body: '', labels: [] });
      await port.updatePull(first.number, { state: 'closed' });
      const second = await port.createPull({ head, base, title: 'second', body: '', labels: [] });
      expect(second.number).not.toBe(first.number);
      expect(await port.findPullByHead(head)).toMatchObject({
        number: second.number,
        title: 'second',
        state: 'open',
      });
    });

    it('merges with a merge commit: the base holds the head files and has both tips as parents', async () => {
      const port = context.port();
      const { base, head, baseSha } = await baseAndHead(context, [
        packageFile('zsh', 'zsh-5.9-4.fc41'),
        packageFile('bash', 'bash-5.2.32-1.fc41'),
      ]);
      // The base moves on after the head was cut: the merge must keep both sides.
      const baseTip = await commitOnTip(port, base, [packageFile('curl', 'curl-8.9.1-2.fc41')]);
      const pull = await port.createPull({ head, base, title: 't', body: 'b', labels: [] });
      await port.mergePull(pull.number, 'Merge FEDORA-2024-1: pushed to stable');
      const merged = await port.findPullByHead(head);
      expect(merged).toMatchObject({ number: pull.number, state: 'merged' });
      const tip = await port.getBranch(base);
      expect(tip?.sha).not.toBe(baseTip);
      const commit = await port.getCommit(tip?.sha ?? '');
      expect(commit.parents).toEqual([baseTip, pull.headSha]);
      expect(commit.parents).not.toContain(baseSha);
      expect(await port.readFile(base, 'rpms/z/zsh')).toBe('nvr: zsh-5.9-4.fc41\n');
      expect(await port.readFile(base, 'rpms/b/bash')).toBe('nvr: bash-5.2.32-1.fc41\n');
      expect(await port.readFile(base, 'rpms/c/curl')).toBe('nvr: curl-8.9.1-2.fc41\n');
      expect(await port.compare(base, head)).toEqual({ aheadBy: 0, behindBy: 2 });
      expect((await port.listPulls('open')).map((p) => p.number)).not.toContain(pull.number);
      await expectForgeError(port.mergePull(pull.number, 'again'), 'not_mergeable');
    });

    it('refuses to merge a PR whose head conflicts with its base, leaving both as they were', async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context, [
        packageFile('bash', 'bash-5.2.32-1.fc41'),
      ]);
      const baseTip = await commitOnTip(port, base, [packageFile('bash', 'bash-5.3-1.fc41')]);
      const pull = await port.createPull({ head, base, title: 't', body: 'b', labels: [] });
      await expectForgeError(port.mergePull(pull.number, 'merge'), 'not_mergeable');
      expect(await port.getBranch(base)).toEqual({ name: base, sha: baseTip });
      expect(await port.findPullByHead(head)).toMatchObject({ state: 'open' });
    });

    it('keeps a PR findable when its head branch is deleted behind its back, and refuses to merge it', async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context);
      const pull = await port.createPull({ head, base, title: 't', body: 'b', labels: [] });
      await context.control().deleteBranchBehindBack(head);
      expect(await port.getBranch(head)).toBeNull();
      expect(await port.findPullByHead(head)).toMatchObject({ number: pull.number });
      const refused = await port.mergePull(pull.number, 'merge').then(
        () => 'merged',
        (error: unknown) => (error as { kind?: string }).kind,
      );
      expect(['not_mergeable', 'not_found']).toContain(refused);
    });

    it('creates labels that do not exist yet and replaces the set', async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context);
      const label = (text: string) => `${text}-${context.name('x').slice(-6)}`;
      const pull = await port.createPull({
        head,
        base,
        title: 't',
        body: 'b',
        labels: [label('type:bugfix')],
      });
      await port.setPullLabels(pull.number, [
        label('type:bugfix'),
        label('status:testing'),
        label('severity:low'),
      ]);
      expect([...((await port.findPullByHead(head))?.labels ?? [])].sort()).toEqual(
        [label('severity:low'), label('status:testing'), label('type:bugfix')].sort(),
      );
      await port.setPullLabels(pull.number, [label('status:stable')]);
      expect((await port.findPullByHead(head))?.labels).toEqual([label('status:stable')]);
      await port.setPullLabels(pull.number, []);
      expect((await port.findPullByHead(head))?.labels).toEqual([]);
    });

    it('answers an unknown PR number or a missing branch with not_found', async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context);
      const missing = 987654;
      await expectForgeError(port.updatePull(missing, { title: 'x' }), 'not_found');
      await expectForgeError(port.setPullLabels(missing, ['x']), 'not_found');
      await expectForgeError(port.mergePull(missing, 'x'), 'not_found');
      await expectForgeError(
        port.createPull({
          head: context.name('no-such-head'),
          base,
          title: 't',
          body: '',
          labels: [],
        }),
        'not_found',
      );
      await expectForgeError(
        port.createPull({
          head,
          base: context.name('no-such-base'),
          title: 't',
          body: '',
          labels: [],
        }),
        'not_found',
      );
    });
  });
}
