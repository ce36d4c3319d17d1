import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage, type BodhiUpdateEvent, type ParseResult } from '@forgegate/core';
import { fixtureTopic, fixturesRoot, readFixture } from '@forgegate/testkit';

/**
 * Reading the shared Bodhi captures as the runner does. They come from production and from Bodhi's
 * development instance, so tests configure both prefixes (DESIGN.md "Messages and fixtures").
 */
export const CAPTURE_PREFIXES = ['org.fedoraproject.prod.', 'org.fedoraproject.dev.'];

export const BODHI_MESSAGES = 'messages/bodhi';

export function bodhiMessageFiles(): string[] {
  return readdirSync(join(fixturesRoot(), BODHI_MESSAGES))
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** One Bodhi message fixture through parseMessage, with its file-name topic for bare bodies. */
export function parseBodhiFixture(fileName: string): ParseResult {
  const text = readFixture(`${BODHI_MESSAGES}/${fileName}`);
  const fileTopic = fixtureTopic(fileName);
  return parseMessage(text, {
    topicPrefixes: CAPTURE_PREFIXES,
    ...(fileTopic ? { fileTopic } : {}),
  });
}

/** The fixture as JSON, to build variants of a real message by changing one field. */
export function bodhiFixtureJson(fileName: string): Record<string, unknown> {
  return JSON.parse(readFixture(`${BODHI_MESSAGES}/${fileName}`)) as Record<string, unknown>;
}

/** The event a result must be; fails the test with the result's reason otherwise. */
/** The Bodhi update event a parse produced; fails the test on anything else. */
export function expectEvent(result: ParseResult): BodhiUpdateEvent {
  if (result.outcome !== 'event') {
    throw new Error(`expected an event, got ${result.outcome}: ${result.reason}`);
  }
  if (result.event.kind !== 'bodhi.update') {
    throw new Error(`expected a bodhi.update event, got ${result.event.kind}`);
  }
  return result.event;
}
