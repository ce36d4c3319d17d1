import {
  applyEvent,
  DEFAULT_CORE_CONFIG,
  parseMessage,
  type ApplyOutcome,
  type CoreConfig,
  type ForgePort,
} from '@forgegate/core';
import {
  checkAgainstBodhiSchemas,
  envelope,
  readFixture,
  type BodhiUpdateObject,
  type MessageSpec,
} from '@forgegate/testkit';
import { BOT } from '../reconcile/forge-harness.js';
import { parseFixture, PIPELINE_PREFIXES } from './pipeline-fixtures.js';

/** A real 2019 update object from Bodhi's API (the January 2020 query page capture). */
export function updateFromQueryPage(alias: string): BodhiUpdateObject {
  const page = JSON.parse(
    readFixture('bodhi-api/updates-query.type-security.page-10.rows-5.upstream-edited.json'),
  ) as { updates: BodhiUpdateObject[] };
  const update = page.updates.find((candidate) => candidate.alias === alias);
  if (!update) throw new Error(`${alias} is not in the query page fixture`);
  return update;
}

/**
 * The update a gating or CI sample is about, built from a real update object by changing what
 * differs between two updates of one release: the build (its NVR), and the title Bodhi derives from
 * it. Checked against Bodhi's schema for the message it goes in.
 */
export function updateWithBuild(base: BodhiUpdateObject, nvr: string): BodhiUpdateObject {
  const builds = base.builds as Record<string, unknown>[];
  return { ...base, title: nvr, builds: [{ ...builds[0], nvr }] };
}

/**
 * `complete.testing` for `update` (the captured objects are in testing, which is what that message
 * carries), sent at `sentAt`, checked against Bodhi's schema; the raw message.
 */
export function completeTesting(update: BodhiUpdateObject, sentAt: string): string {
  const spec: MessageSpec = { action: 'complete.testing', sentAt, update };
  checkAgainstBodhiSchemas([spec]);
  return envelope(spec);
}

export const CONFIG: CoreConfig = { ...DEFAULT_CORE_CONFIG, topicPrefixes: PIPELINE_PREFIXES };

/** Parses a raw message and applies it; throws when it does not parse to an event. */
export async function applyText(
  port: ForgePort,
  text: string,
  config: CoreConfig = CONFIG,
): Promise<ApplyOutcome> {
  const parsed = parseMessage(text, { topicPrefixes: config.topicPrefixes });
  if (parsed.outcome !== 'event') throw new Error(`${parsed.outcome}: ${parsed.reason}`);
  return applyEvent(port, parsed.event, { config, botLogin: BOT });
}

/** Parses a fixture and applies it. */
export async function applyFixture(
  port: ForgePort,
  path: string,
  config: CoreConfig = CONFIG,
): Promise<ApplyOutcome> {
  const parsed = parseFixture(path);
  if (parsed.outcome !== 'event') throw new Error(`${parsed.outcome}: ${parsed.reason}`);
  return applyEvent(port, parsed.event, { config, botLogin: BOT });
}

/** The latest statuses on the head of the PR from `updates/<alias>`, by context. */
export async function pullStatuses(port: ForgePort, alias: string) {
  const pull = await port.findPullByHead(`updates/${alias}`);
  if (!pull) throw new Error(`no PR for ${alias}`);
  const statuses = await port.listStatuses(pull.headSha);
  return Object.fromEntries(statuses.map((status) => [status.context, status]));
}
