import {
  applyEvent,
  DEFAULT_CORE_CONFIG,
  ForgeError,
  readMarker,
  type BodhiUpdateEvent,
} from '@forgegate/core';
import { updateEvent } from '@forgegate/testkit';
import { applyAll, BOT, counting, freshForge } from './forge-harness.js';
import { ALIAS, CONTENT, FILE, lifecycle, lifecycleSpecs } from './thunderbird-lifecycle.js';

const HEAD = `updates/${ALIAS}`;
/** Up to the second karma comment: the PR is open, with labels, comments and a head. */
const OPEN_PART = lifecycle().slice(0, 5);

async function withOpenPull(
  test: (forge: Awaited<ReturnType<typeof freshForge>>['forge'], number: number) => Promise<void>,
) {
  const { forge, close } = await freshForge();
  try {
    await applyAll(forge, OPEN_PART);
    const pull = await forge.findPullByHead(HEAD);
    if (!pull || pull.state !== 'open') throw new Error('expected an open PR');
    await test(forge, pull.number);
  } finally {
    close();
  }
}

async function replayWrites(forge: Parameters<typeof applyAll>[0]): Promise<readonly string[]> {
  const replay = counting(forge);
  await applyAll(replay.port, OPEN_PART);
  return replay.writes;
}

describe('core/reconcile: changes behind the bot’s back are repaired with one write each', () => {
  it('a label removed', async () => {
    await withOpenPull(async (forge, number) => {
      const before = (await forge.findPullByHead(HEAD))?.labels ?? [];
      await forge.asUser('mallory').setPullLabels(
        number,
        before.filter((l) => l !== 'type/security'),
      );
      expect(await replayWrites(forge)).toEqual(['setPullLabels']);
      expect((await forge.findPullByHead(HEAD))?.labels).toEqual(before);
    });
  });

  it('a mirrored comment edited', async () => {
    await withOpenPull(async (forge, number) => {
      const [first] = await forge.listComments(number);
      await forge
        .asUser('mallory')
        .updateComment(first?.id ?? 0, `${first?.body ?? ''}\n\nedited!`);
      expect(await replayWrites(forge)).toEqual(['updateComment']);
      expect((await forge.listComments(number))[0]?.body).toBe(first?.body);
    });
  });

  it('a package file changed on the head', async () => {
    await withOpenPull(async (forge) => {
      const head = await forge.getBranch(HEAD);
      await forge.asUser('mallory').commitFiles({
        branch: HEAD,
        parentSha: head?.sha ?? '',
        message: 'downgrade',
        files: [{ path: FILE, content: 'nvr: thunderbird-102.0-1.fc38\n' }],
      });
      // Commit statuses follow the head commit: the pipeline rules re-post them on the new one.
      const writes = await replayWrites(forge);
      expect(writes.filter((write) => write !== 'setStatus')).toEqual(['commitFiles']);
      expect(await forge.readFile(HEAD, FILE)).toBe(CONTENT);
    });
  });
});

describe('core/reconcile: hostile Bodhi text', () => {
  const HOSTILE =
    'ping @someone <script>alert(1)</script> ![img](http://x/p.png) ' +
    '<!-- forgegate:comment {"bodhiComment":3292082} --> ' +
    '<!-- forgegate:update {"alias":"FEDORA-2023-bb021a4854","version":"2099-01-01T00:00:00.000Z","id":"z","builds":[]} -->';

  it('is rendered harmless and does not confuse the next replay', async () => {
    const specs = lifecycleSpecs().slice(0, 4);
    const last = specs[3]!;
    const comments = last.update.comments;
    const hostile = { ...comments.at(-1), id: 3293999, text: HOSTILE };
    const events: BodhiUpdateEvent[] = [
      ...specs.slice(0, 3).map(updateEvent),
      updateEvent({ ...last, update: { ...last.update, comments: [...comments, hostile] } }),
    ];
    const { forge, close } = await freshForge();
    try {
      await applyAll(forge, events);
      const pull = await forge.findPullByHead(HEAD);
      const mirrored = await forge.listComments(pull?.number ?? 0);
      const body = mirrored.at(-1)?.body ?? '';
      expect(body).not.toMatch(
        /@someone|<script|!\[img\]|<!-- forgegate:update|<!-- forgegate:comment \{"bodhiComment":3292082/,
      );
      expect(readMarker(body, BOT, BOT, 'comment')).toEqual({ bodhiComment: 3293999 });
      // A forge user's forged marker is not the bot's: it mirrors nothing.
      await forge
        .asUser('mallory')
        .createComment(pull?.number ?? 0, '<!-- forgegate:comment {"bodhiComment":3292082} -->');
      const replay = counting(forge);
      await applyAll(replay.port, events);
      expect(replay.writes).toEqual([]);
      expect(
        readMarker((await forge.findPullByHead(HEAD))?.body ?? '', BOT, BOT, 'update')?.version,
      ).toBe(last.sentAt);
    } finally {
      close();
    }
  });
});

describe('core/reconcile: closing, reopening, revoking, ejecting', () => {
  const specs = lifecycleSpecs();
  const testing = specs[1]!;
  const at = (
    sentAt: string,
    action: string,
    changes: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ) =>
    updateEvent({
      action,
      sentAt,
      update: { ...testing.update, ...changes },
      ...(extra ? { extra } : {}),
    });

  it('closes an obsoleted update with a comment saying why, once, and reopens it when Bodhi brings it back', async () => {
    const { forge, close } = await freshForge();
    try {
      const obsolete = at('2023-11-26T00:00:00.000Z', 'request.obsolete', {
        status: 'obsolete',
        request: null,
      });
      const [outcome] = await applyAll(forge, [...lifecycle().slice(0, 2), obsolete].slice(2));
      const none = await applyAll(forge, lifecycle().slice(0, 2));
      expect(none.map((o) => o.outcome)).toEqual(['ignored', 'ignored']);
      expect(outcome?.effects).toMatchObject({ pullsOpened: 1, pullsClosed: 1 });
      const pull = await forge.findPullByHead(HEAD);
      expect(pull).toMatchObject({
        state: 'closed',
        labels: ['severity/high', 'status/obsolete', 'type/security'],
      });
      const notices = (await forge.listComments(pull?.number ?? 0)).filter((c) =>
        c.body.includes('closed without merging'),
      );
      expect(notices).toHaveLength(1);
      expect(notices[0]?.body).toContain('was marked **obsolete** in Bodhi');
      const replay = counting(forge);
      await applyAll(replay.port, [obsolete]);
      expect(replay.writes).toEqual([]);

      const back = at('2023-11-27T00:00:00.000Z', 'edit', { status: 'testing' });
      const [reopened] = await applyAll(forge, [back]);
      expect(reopened?.effects.pullsReopened).toBe(1);
      expect((await forge.findPullByHead(HEAD))?.state).toBe('open');
      expect(await forge.readFile(HEAD, FILE)).toBe(CONTENT);
    } finally {
      close();
    }
  });

  it('drops only the request label on a revoke, and labels and comments an eject', async () => {
    const { forge, close } = await freshForge();
    try {
      const requested = at('2023-11-26T00:00:00.000Z', 'request.stable', { request: 'stable' });
      const revoked = at('2023-11-26T01:00:00.000Z', 'request.revoke', { request: null });
      await applyAll(forge, [requested]);
      expect((await forge.findPullByHead(HEAD))?.labels).toContain('request/stable');
      await applyAll(forge, [revoked]);
      let pull = await forge.findPullByHead(HEAD);
      expect(pull).toMatchObject({
        state: 'open',
        labels: ['severity/high', 'status/testing', 'type/security'],
      });

      const eject = at(
        '2023-11-26T02:00:00.000Z',
        'eject',
        {},
        {
          reason: 'signing timed out',
          repo: 'f38-updates',
          request: 'stable',
          release: { name: 'F38' },
        },
      );
      const replayable = counting(forge);
      await applyAll(replayable.port, [eject]);
      pull = await forge.findPullByHead(HEAD);
      expect(pull?.labels).toContain('ejected');
      const comments = await forge.listComments(pull?.number ?? 0);
      expect(
        comments.filter((c) => c.body.includes('from the push: signing timed out')),
      ).toHaveLength(1);
      const again = counting(forge);
      await applyAll(again.port, [eject]);
      expect(again.writes).toEqual([]);
    } finally {
      close();
    }
  });

  it('ignores what it cannot map, writing nothing', async () => {
    const { forge, close } = await freshForge();
    try {
      const odd = at('2023-11-26T00:00:00.000Z', 'edit', { content_type: 'iso' });
      const replay = counting(forge);
      const outcome = await applyEvent(replay.port, odd, {
        config: DEFAULT_CORE_CONFIG,
        botLogin: BOT,
      });
      expect(outcome).toMatchObject({
        outcome: 'ignored',
        reason: 'content_type "iso" has no package folder',
      });
      expect(replay.writes).toEqual([]);
    } finally {
      close();
    }
  });
});

describe('core/reconcile: the head branch', () => {
  const testing = lifecycleSpecs()[1]!;

  it('is rebuilt as one commit on the base when the builds change', async () => {
    const { forge, close } = await freshForge();
    try {
      await applyAll(forge, [updateEvent(testing)]);
      const builds = testing.update.builds as Record<string, unknown>[];
      const newer = { ...builds[0], nvr: 'thunderbird-115.5.1-1.fc38' };
      const edit = updateEvent({
        action: 'edit',
        sentAt: '2023-11-26T00:00:00.000Z',
        update: { ...testing.update, builds: [newer] },
        extra: {
          new_builds: ['thunderbird-115.5.1-1.fc38'],
          removed_builds: ['thunderbird-115.5.0-1.fc38'],
        },
      });
      const replay = counting(forge);
      await applyAll(replay.port, [edit]);
      expect(replay.writes.filter((w) => w === 'setBranch' || w === 'commitFiles')).toEqual([
        'setBranch',
        'commitFiles',
      ]);
      expect(await forge.readFile(HEAD, FILE)).toBe('nvr: thunderbird-115.5.1-1.fc38\n');
      expect(await forge.compare('f38', HEAD)).toEqual({ aheadBy: 1, behindBy: 0 });
    } finally {
      close();
    }
  });

  it('re-reads and retries when commitFiles meets a conflict', async () => {
    const { forge, close } = await freshForge();
    try {
      let conflicts = 0;
      const flaky = new Proxy(forge, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (key === 'commitFiles' && conflicts === 0) {
            return async () => {
              conflicts += 1;
              throw new ForgeError('conflict', 'branch moved');
            };
          }
          return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
        },
      });
      const [outcome] = await applyAll(flaky, [updateEvent(testing)]);
      expect(conflicts).toBe(1);
      expect(outcome?.effects.pullsOpened).toBe(1);
      expect(await forge.readFile(HEAD, FILE)).toBe(CONTENT);
    } finally {
      close();
    }
  });
});
