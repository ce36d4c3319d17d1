import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessage, type ParseResult } from '@forgegate/core';
import { fixtureTopic, fixturesRoot, readFixture } from '@forgegate/testkit';

/**
 * The gating, CI, ResultsDB, Koji and Pungi captures come from Fedora's bus, CentOS CI's and Red
 * Hat's internal one (UMB), so tests configure the three prefixes (DESIGN.md "Messages and fixtures").
 */
export const PIPELINE_PREFIXES = [
  'org.fedoraproject.prod.',
  'org.centos.prod.',
  '/topic/VirtualTopic.eng.',
];

/** The fixture files of `folder` (`messages/ci`), sorted. */
export function fixtureFiles(folder: string): string[] {
  return readdirSync(join(fixturesRoot(), folder))
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** One fixture through parseMessage, as the runner reads a file (topic from the name for bare bodies). */
export function parseFixture(path: string): ParseResult {
  const fileTopic = fixtureTopic(path);
  return parseMessage(readFixture(path), {
    topicPrefixes: PIPELINE_PREFIXES,
    ...(fileTopic ? { fileTopic } : {}),
  });
}

export function fixtureJson(path: string): Record<string, unknown> {
  return JSON.parse(readFixture(path)) as Record<string, unknown>;
}
