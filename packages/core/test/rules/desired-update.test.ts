import {
  aliasOfHead,
  DEFAULT_CORE_CONFIG,
  desiredUpdate,
  MAX_LISTED_BUGS,
  mergeLabels,
  readMarker,
  type UpdateMemory,
} from '@forgegate/core';
import { realUpdate, updateEvent, type MessageSpec } from '@forgegate/testkit';

const ALIAS = 'FEDORA-2023-bb021a4854';
const SENT = '2023-11-25T01:50:00.000Z';

function desired(spec: Partial<MessageSpec> & { action: string }, memory?: UpdateMemory) {
  const event = updateEvent({ sentAt: SENT, update: realUpdate(ALIAS), ...spec });
  return desiredUpdate(event, DEFAULT_CORE_CONFIG, memory);
}

describe('core/rules/desired-update', () => {
  const testing = desired({ action: 'complete.testing' });

  it('targets the release branch from updates/<alias>, with the build file', () => {
    expect(testing.head).toBe(`updates/${ALIAS}`);
    expect(testing.base).toBe('f38');
    expect(testing.files).toEqual([
      { path: 'rpms/t/thunderbird', content: 'nvr: thunderbird-115.5.0-1.fc38\n' },
    ]);
    expect(testing.commitMessage).toBe(
      `${ALIAS}: thunderbird-115.5.0-1.fc38\n\n` +
        `Bodhi update: https://bodhi.fedoraproject.org/updates/${ALIAS}\n` +
        'Submitter: erack\nBuilds:\n- thunderbird-115.5.0-1.fc38\n',
    );
    expect(testing.title).toBe(`${ALIAS}: thunderbird-115.5.0-1.fc38`);
  });

  it('reads the alias back from its head branch, and no alias from any other branch', () => {
    expect(aliasOfHead(testing.head)).toBe(ALIAS);
    expect(aliasOfHead('f38')).toBeUndefined();
    expect(aliasOfHead('updates/')).toBeUndefined();
    expect(aliasOfHead('updates/../main')).toBeUndefined();
  });

  it('writes a body with the facts, notes, builds and karma, ending in the memory marker', () => {
    expect(testing.body).toContain(
      `**Bodhi update [${ALIAS}](https://bodhi.fedoraproject.org/updates/${ALIAS})** · Fedora 38 · submitted by **erack**`,
    );
    expect(testing.body).toContain(
      '- **Type:** security\n- **Severity:** high\n- **Status:** testing',
    );
    expect(testing.body).toContain('- **Karma:** 0 (stable at +2, unstable at -3)');
    expect(testing.body).toContain('### Notes\n\nUpdate to 115.5.0');
    expect(testing.body).toContain('- `thunderbird-115.5.0-1.fc38` → `rpms/t/thunderbird`');
    expect(readMarker(testing.body, 'bot', 'bot', 'update')).toEqual({
      alias: ALIAS,
      version: SENT,
      id: `msg-complete.testing-${SENT}`,
      builds: ['thunderbird-115.5.0-1.fc38'],
    });
  });

  it('labels type, severity, status and request, and keeps labels people added', () => {
    const update = { ...realUpdate(ALIAS), request: 'stable' };
    const stable = desired({ action: 'request.stable', update });
    expect(stable.labels.labels).toEqual([
      'type/security',
      'severity/high',
      'status/testing',
      'request/stable',
    ]);
    expect(
      mergeLabels(['needs-review', 'status/pending', 'request/testing'], stable.labels),
    ).toEqual([
      'needs-review',
      'request/stable',
      'severity/high',
      'status/testing',
      'type/security',
    ]);
  });

  it('mirrors every Bodhi comment with author and karma, keyed by its id', () => {
    expect(testing.comments.map((c) => c.id)).toEqual([3292082, 3292083, 3292084, 3292293]);
    expect(testing.comments[0]?.body).toMatch(
      /^\*\*bodhi\*\* commented on Bodhi · karma 0 · .+\n\nThis update has been submitted for testing by erack\.\n\n<!-- forgegate:comment \{"bodhiComment":3292082\} -->$/,
    );
  });

  it('merges when stable, closes with a notice when obsolete or unpushed, opens otherwise', () => {
    expect(testing.state).toBe('open');
    expect(
      desired({ action: 'complete.stable', update: { ...realUpdate(ALIAS), status: 'stable' } })
        .state,
    ).toBe('merged');
    const obsolete = desired({
      action: 'request.obsolete',
      update: { ...realUpdate(ALIAS), status: 'obsolete' },
    });
    expect(obsolete.state).toBe('closed');
    expect(obsolete.notices.map((n) => n.key)).toEqual(['closed:obsolete']);
    expect(obsolete.notices[0]?.body).toContain('closed without merging');
    const unpushed = desired({
      action: 'request.unpush',
      update: { ...realUpdate(ALIAS), status: 'unpushed' },
    });
    expect(unpushed.state).toBe('closed');
    expect(unpushed.labels.labels).toContain('status/unpushed');
  });

  it('drops only the request label on a revoke', () => {
    const revoked = desired({
      action: 'request.revoke',
      update: { ...realUpdate(ALIAS), request: null },
    });
    expect(revoked.state).toBe('open');
    expect(
      mergeLabels(
        ['request/stable', 'status/testing', 'type/security', 'severity/high'],
        revoked.labels,
      ),
    ).toEqual(['severity/high', 'status/testing', 'type/security']);
  });

  it('marks an eject with a label, a notice with the reason, and remembers it until a push', () => {
    const ejected = desired({
      action: 'eject',
      extra: {
        reason: 'signing timed out',
        repo: 'f38-updates',
        request: 'stable',
        release: { name: 'F38' },
      },
    });
    expect(ejected.labels.labels).toContain('ejected');
    expect(ejected.notices).toHaveLength(1);
    expect(ejected.notices[0]?.body).toContain('from the push: signing timed out');
    expect(ejected.body).toContain('> **Ejected from the push:** signing timed out');
    const comment = desired({ action: 'comment' }, ejected.memory);
    expect(comment.labels.labels).toContain('ejected');
    expect(comment.notices).toEqual([]);
    const pushed = desired({ action: 'complete.stable' }, ejected.memory);
    expect(pushed.labels.labels).not.toContain('ejected');
  });

  it('links each bug to Bugzilla and bounds the list', () => {
    const kernel = realUpdate('FEDORA-2023-bd14c83780');
    const bugs = kernel.bugs as { bug_id: number }[];
    // The real update's bugs, repeated under new ids: a long list as big updates have.
    const many = Array.from({ length: MAX_LISTED_BUGS + 7 }, (_, i) => ({
      ...bugs[i % bugs.length],
      bug_id: 2_250_000 + i,
    }));
    const body = desired({ action: 'edit', update: { ...kernel, bugs: many } }).body;
    const real = desired({ action: 'edit', update: kernel }).body;
    for (const bug of bugs) {
      expect(real).toContain(
        `- [#${bug.bug_id}](https://bugzilla.redhat.com/show_bug.cgi?id=${bug.bug_id}) `,
      );
    }
    expect(body).toContain(`- [#2250049](https://bugzilla.redhat.com/show_bug.cgi?id=2250049)`);
    expect(body).not.toContain('2250050');
    expect(body).toContain("- … and 7 more on the update's page");
  });

  it('makes hostile Bodhi text harmless in title, notes and comments', () => {
    const hostile =
      '@someone <script>x</script> ![i](http://x) <!-- forgegate:update {"alias":"X"} -->';
    const update = realUpdate(ALIAS);
    const last = update.comments.at(-1) ?? {};
    const result = desired({
      action: 'comment',
      update: {
        ...update,
        title: hostile,
        notes: hostile,
        comments: [...update.comments, { ...last, id: 99, text: hostile }],
      },
    });
    for (const text of [result.title, result.body, result.comments.at(-1)?.body ?? '']) {
      expect(text).not.toMatch(/@someone|<script|!\[|<!-- forgegate:update \{"alias":"X"/);
    }
    expect(readMarker(result.body, 'bot', 'bot', 'update')?.alias).toBe(ALIAS);
  });
});
