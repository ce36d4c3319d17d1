/**
 * The real update objects the generated streams start from: every whole update in the shared
 * fixtures' `bodhi-api/` folder (single list items and the updates of the recorded query pages),
 * as Bodhi's API and its messages serialise them.
 */
import { readdirSync } from 'node:fs';
import { fixturesRoot, readFixture } from '@forgegate/testkit/fixtures';

export type BodhiObject = Record<string, unknown>;

export interface UpdateTemplate {
  alias: string;
  update: BodhiObject & { comments: BodhiObject[]; builds: BodhiObject[] };
}

function isUpdate(value: unknown): value is UpdateTemplate['update'] {
  const object = value as UpdateTemplate['update'] | null;
  return (
    typeof object === 'object' &&
    object !== null &&
    typeof object.alias === 'string' &&
    Array.isArray(object.comments) &&
    Array.isArray(object.builds)
  );
}

export function loadUpdateTemplates(): UpdateTemplate[] {
  const files = readdirSync(`${fixturesRoot()}/bodhi-api`)
    .filter((name) => /^updates[.-].*\.json$/.test(name))
    .sort();
  const updates = files.flatMap((name) => {
    const data = JSON.parse(readFixture(`bodhi-api/${name}`)) as unknown;
    const list = (data as { updates?: unknown }).updates;
    return Array.isArray(list) ? list : [data];
  });
  const templates = updates
    .filter(isUpdate)
    .map((update) => ({ alias: update.alias as string, update }));
  if (templates.length === 0)
    throw new Error(`no Bodhi update objects in ${fixturesRoot()}/bodhi-api`);
  return templates;
}
