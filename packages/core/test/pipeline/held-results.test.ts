import {
  applyEvent,
  MemoryResultStore,
  parseMessage,
  PipelineState,
  type ApplyOutcome,
  type ForgePort,
  type ParseResult,
} from '@forgegate/core';
import { BOT, counting, freshForge } from '../reconcile/forge-harness.js';
import { parseFixture } from './pipeline-fixtures.js';
import {
  CONFIG,
  completeTesting,
  pullStatuses,
  updateFromQueryPage,
  updateWithBuild,
} from './pipeline-harness.js';

const F30_ALIAS = 'FEDORA-2019-f12cb1ddab';
const FUNCTIONAL = 'ci.pipeline.allpackages-build.package.test.functional';
const CI_COMPLETE =
  'messages/ci/ci.pipeline.allpackages-build.package.test.functional.complete__2019-9762bda3.json';

function nmstateTesting(sentAt: string): ParseResult {
  const update = updateWithBuild(updateFromQueryPage(F30_ALIAS), 'nmstate-0.0.5-2.fc28');
  return parseMessage(completeTesting(update, sentAt), { topicPrefixes: CONFIG.topicPrefixes });
}

async function apply(
  port: ForgePort,
  parsed: ParseResult,
  pipeline: PipelineState,
): Promise<ApplyOutcome> {
  if (parsed.outcome !== 'event') throw new Error(`${parsed.outcome}: ${parsed.reason}`);
  return applyEvent(port, parsed.event, { config: CONFIG, botLogin: BOT, pipeline });
}

/** The port of a process that dies at its first status write. */
function killedAtFirstStatus(port: ForgePort): ForgePort {
  return new Proxy(port, {
    get(target, key, receiver) {
      if (key === 'setStatus') return () => Promise.reject(new Error('killed'));
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

describe('held results across a restart', () => {
  it('are written on the next update event when the process that opened the PR died before writing them', async () => {
    const { forge, close } = await freshForge();
    try {
      const store = new MemoryResultStore();
      const first = new PipelineState({ results: store });
      const held = await apply(forge, parseFixture(CI_COMPLETE), first);
      expect(held).toMatchObject({ outcome: 'ignored' });

      // The PR opens, then the process is killed before the held result reaches its head.
      await expect(
        apply(killedAtFirstStatus(forge), nmstateTesting('2019-04-12T14:00:00.000Z'), first),
      ).rejects.toThrow('killed');
      expect(await pullStatuses(forge, F30_ALIAS)).toEqual({});

      // The next process: same store, an index read from the forge at start that knows the head.
      const second = new PipelineState({ results: store });
      await second.ready(forge, BOT);
      const pull = await forge.findPullByHead(`updates/${F30_ALIAS}`);
      expect(second.index.pullsFor(`update:${F30_ALIAS}`)).toEqual([
        expect.objectContaining({ headSha: pull?.headSha }),
      ]);

      const next = nmstateTesting('2019-04-12T15:00:00.000Z');
      const { port, writes } = counting(forge);
      await apply(port, next, second);
      expect((await pullStatuses(forge, F30_ALIAS))[FUNCTIONAL]).toEqual({
        context: FUNCTIONAL,
        state: 'success',
        description: 'Test passed · 2019-04-12 13:10:28Z',
        url: 'https://jenkins-continuous-infra.apps.ci.centos.org/blue/organizations/jenkins/fedora-f28-build-pipeline/detail/fedora-f28-build-pipeline/384/pipeline/',
      });
      // The PR's marker moves to the newer snapshot; then the held result and the karma status
      // the dead process never wrote.
      expect(writes).toEqual(['updatePull', 'setStatus', 'setStatus']);

      // Held and already shown: a replay writes nothing.
      const replay = counting(forge);
      await apply(replay.port, next, second);
      expect(replay.writes).toEqual([]);
    } finally {
      close();
    }
  });
});
