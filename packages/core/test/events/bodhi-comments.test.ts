import { needsBodhiComments, withBodhiComments } from '@forgegate/core';
import { realUpdate, updateEvent } from '@forgegate/testkit';
import { expectEvent, parseBodhiFixture } from './fixture-messages.js';

const ALIAS = 'FEDORA-2023-bb021a4854';
const SENT = '2023-11-25T01:50:00.000Z';
const withComments = realUpdate(ALIAS);
const withoutComments = { ...withComments, comments: [] };

describe('core/events/bodhi-comments', () => {
  it('asks for the comments of a whole update whose message carried none', () => {
    const bare = updateEvent({ action: 'request.testing', sentAt: SENT, update: withoutComments });
    const full = updateEvent({ action: 'request.testing', sentAt: SENT, update: withComments });
    expect(needsBodhiComments(bare)).toBe(true);
    expect(needsBodhiComments(full)).toBe(false);
  });

  it('does not ask for a partial event (a build message naming only the alias)', () => {
    const partial = expectEvent(
      parseBodhiFixture(
        'bodhi.update.status.testing.koji-build-group.build.complete__FEDORA-2021-53a7dfa185.json',
      ),
    );
    expect(partial.partial).toBe(true);
    expect(needsBodhiComments(partial)).toBe(false);
  });

  it("takes only the comments from Bodhi's answer, keeping the message's snapshot", () => {
    const bare = updateEvent({ action: 'request.testing', sentAt: SENT, update: withoutComments });
    const fetched = updateEvent({
      action: 'request.testing',
      sentAt: '2024-01-01T00:00:00.000Z',
      update: { ...withComments, status: 'stable' },
    });
    const merged = withBodhiComments(bare, fetched.update.comments);
    expect(merged.update.comments).toEqual(fetched.update.comments);
    expect(merged.update.comments.length).toBeGreaterThan(0);
    expect({ ...merged, update: { ...merged.update, comments: [] } }).toEqual(bare);
  });
});
