import { describe, expect, it } from '@jest/globals';
import { baseAndHead, type SuiteContext } from './harness.js';

/** More than one page of everything a forge pages (forges cap pages at 50 or 100). */
const MANY = 60;

export function describePagination(context: SuiteContext): void {
  describe('pagination', () => {
    it(`lists all ${MANY} comments of a PR, in order`, async () => {
      const port = context.port();
      const { base, head } = await baseAndHead(context);
      const pull = await port.createPull({ head, base, title: 't', body: 'b', labels: [] });
      for (let index = 0; index < MANY; index++)
        await port.createComment(pull.number, `comment ${index}`);
      const bodies = (await port.listComments(pull.number)).map((comment) => comment.body);
      expect(bodies).toEqual(Array.from({ length: MANY }, (_, index) => `comment ${index}`));
    });

    it(`lists all ${MANY} open PRs`, async () => {
      const port = context.port();
      const { base, headSha } = await baseAndHead(context);
      const numbers: number[] = [];
      for (let index = 0; index < MANY; index++) {
        const head = `updates/${context.name(`FEDORA-2024-${index}`)}`;
        await port.setBranch(head, headSha);
        numbers.push(
          (await port.createPull({ head, base, title: `update ${index}`, body: '', labels: [] }))
            .number,
        );
      }
      const open = (await port.listPulls('open')).map((pull) => pull.number);
      expect(open).toEqual(expect.arrayContaining(numbers));
      expect(new Set(open).size).toBe(open.length);
    });
  });
}
