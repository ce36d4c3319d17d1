import { describe, expect, it } from '@jest/globals';
import { entityKeyOf } from '@forgegate/core';
import {
  checkAgainstBodhiSchemas,
  lifecycleEvents,
  lifecycleSpecs,
  LIFECYCLE_ALIAS,
} from '@forgegate/testkit';

describe('the conformance suite’s Bodhi lifecycle', () => {
  it('sends only messages Bodhi’s schemas accept', () => {
    expect(() => checkAgainstBodhiSchemas(lifecycleSpecs())).not.toThrow();
  });

  it('would be caught sending a message its topic’s schema refuses', () => {
    const [first] = lifecycleSpecs();
    if (!first) throw new Error('the lifecycle has no messages');
    const broken = { ...first, update: { ...first.update, alias: 42 as unknown as string } };
    expect(() => checkAgainstBodhiSchemas([broken])).toThrow(
      /^bodhi\.update\.request\.testing @ 2023-11-23T18:58:52Z: .*alias/,
    );
  });

  it('parses to one event per message, all about the same update', () => {
    const events = lifecycleEvents();
    expect(events).toHaveLength(lifecycleSpecs().length);
    expect(new Set(events.map((event) => entityKeyOf(event)))).toEqual(
      new Set([`update:${LIFECYCLE_ALIAS}`]),
    );
  });
});
