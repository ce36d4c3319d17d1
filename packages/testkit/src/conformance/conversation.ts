import { describe, expect, it } from '@jest/globals';
import { baseAndHead, expectForgeError, type SuiteContext } from './harness.js';

async function openPull(context: SuiteContext): Promise<number> {
  const { base, head } = await baseAndHead(context);
  return (await context.port().createPull({ head, base, title: 't', body: 'b', labels: [] }))
    .number;
}

/** Comments (create, list, edit in place, authors) and reviews. */
export function describeConversation(context: SuiteContext): void {
  describe('comments', () => {
    it('lists comments in the order they were written, each with its author', async () => {
      const port = context.port();
      const pull = await openPull(context);
      const bot = await port.whoami();
      const tester = context.control().asUser('tester');
      const testerLogin = await tester.whoami();
      expect(testerLogin).not.toBe(bot);
      const first = await port.createComment(pull, 'first <!-- forgegate-comment: 1 -->');
      const second = await tester.createComment(pull, 'works for me');
      const third = await port.createComment(pull, 'third');
      expect(first).toMatchObject({ body: 'first <!-- forgegate-comment: 1 -->', author: bot });
      expect(second).toMatchObject({ body: 'works for me', author: testerLogin });
      expect(await port.listComments(pull)).toEqual([first, second, third]);
    });

    it('edits a comment in place: same id, same place, new text, same author', async () => {
      const port = context.port();
      const pull = await openPull(context);
      const first = await port.createComment(pull, 'karma +1');
      const second = await port.createComment(pull, 'second');
      await port.updateComment(first.id, 'karma +1 (edited)');
      expect(await port.listComments(pull)).toEqual([
        { ...first, body: 'karma +1 (edited)' },
        second,
      ]);
    });

    it('answers an unknown comment or PR with not_found', async () => {
      const port = context.port();
      const pull = await openPull(context);
      await port.createComment(pull, 'exists');
      await expectForgeError(port.updateComment(987654321, 'x'), 'not_found');
      await expectForgeError(port.listComments(987654), 'not_found');
      await expectForgeError(port.createComment(987654, 'x'), 'not_found');
    });
  });

  describe('reviews', () => {
    it("reads other accounts' reviews and votes", async () => {
      const port = context.port();
      const pull = await openPull(context);
      expect(await port.listReviews(pull)).toEqual([]);
      await context.control().addReview('rdo-ci', pull, 'approved', 'RDO jobs passed');
      await context
        .control()
        .addReview('idm-ci', pull, 'changes_requested', 'ipa-server fails to install');
      const reviews = await port.listReviews(pull);
      expect(reviews).toEqual(
        expect.arrayContaining([
          { user: expect.stringContaining('rdo-ci'), state: 'approved', body: 'RDO jobs passed' },
          {
            user: expect.stringContaining('idm-ci'),
            state: 'changes_requested',
            body: 'ipa-server fails to install',
          },
        ]),
      );
      expect(reviews).toHaveLength(2);
    });
  });
}
