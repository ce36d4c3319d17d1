import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixturesRoot } from '@forgegate/testkit';
import { sourceSchema, type SourceConfig } from '../../src/config/sources-schema.js';
import { inboxStatus } from '../../src/inbox/inbox-status.js';
import { BodhiRefreshSource } from '../../src/sources/bodhi-refresh.js';
import { createRunSources } from '../../src/sources/create-sources.js';
import { FileSource } from '../../src/sources/file.js';
import { BusRunner } from '../../src/worker/bus-runner.js';
import { busConfig, memoryLogger, openForgeAt, scratch } from './helpers/runner.js';

/**
 * A local Bodhi serving `GET /updates/<alias>` from the real update objects in
 * ../shared/fixtures/bodhi-api/. No recorded single-update answer exists (see its SOURCES.md), so
 * this server adds the wrapper Bodhi's endpoint puts around the object:
 * `{"update": ..., "can_edit": false, "ci_allowed": false}`. Other aliases are 404.
 */
const ALIAS = 'FEDORA-2023-bb021a4854';
type UpdateObject = Record<string, unknown> & { comments: { id: number }[] };
const update = JSON.parse(
  readFileSync(join(fixturesRoot(), 'bodhi-api', `updates.${ALIAS}.list-item.json`), 'utf8'),
) as UpdateObject;
const COMMENT_IDS = update.comments.map((comment) => comment.id);

let server: Server;
let bodhiUrl: string;
let bodhiDown = false;
const fetched: string[] = [];
const { dir, cleanup } = scratch();

beforeAll(async () => {
  server = createServer((request, response) => {
    fetched.push(request.url ?? '');
    if (bodhiDown) return void response.writeHead(503).end('Service Unavailable');
    if (request.url !== `/updates/${ALIAS}`)
      return void response
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"status": "error", "errors": [{"location": "url", "name": "id"}]}');
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ update, can_edit: false, ci_allowed: false }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  bodhiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  cleanup();
});

/** The update's message as the bus carries it when it lacks the comments. */
function messageWithoutComments(id: string): string {
  return JSON.stringify({
    id,
    topic: 'org.fedoraproject.prod.bodhi.update.complete.testing',
    headers: { 'sent-at': '2023-11-25T01:49:11+00:00' },
    body: { update: { ...update, comments: [] }, agent: 'bodhi' },
  });
}

/** The Bodhi comment ids the PR's mirror comments carry in their markers. */
async function mirroredIds(port: Awaited<ReturnType<typeof openForgeAt>>): Promise<number[]> {
  const pull = await port.findPullByHead(`updates/${ALIAS}`);
  if (!pull) return [];
  return (await port.listComments(pull.number)).flatMap((comment) => {
    const match = /<!-- forgegate:comment \{"bodhiComment":(\d+)\} -->/.exec(comment.body);
    return match ? [Number(match[1])] : [];
  });
}

async function runMessage(name: string, bodhi: boolean) {
  const sources: SourceConfig[] = bodhi
    ? [sourceSchema.parse({ type: 'bodhi', url: bodhiUrl, refresh_interval_s: 60 })]
    : [];
  const config = busConfig(dir, name, sources);
  const forge = await openForgeAt(config);
  const { logger, lines } = memoryLogger();
  const runner = await BusRunner.open({ config, port: forge, logger });
  writeFileSync(join(dir, `${name}.jsonl`), `${messageWithoutComments(`${name}-1`)}\n`);
  await runner.runToCompletion([new FileSource('file', [join(dir, `${name}.jsonl`)])]);
  return { config, forge, runner, lines };
}

describe('the Bodhi refresh', () => {
  it('fetches the comments a message lacks before applying it', async () => {
    fetched.length = 0;
    const { forge, runner } = await runMessage('fetch', true);
    expect(fetched).toEqual([`/updates/${ALIAS}`]);
    expect(await mirroredIds(forge)).toEqual(COMMENT_IDS);
    expect(inboxStatus(runner.inbox.db)).toMatchObject({ pending: 0, done: 1 });
    runner.close();
    forge.close();
  });

  it('applies the message as it is when Bodhi is down, and says so', async () => {
    bodhiDown = true;
    try {
      const { forge, runner, lines } = await runMessage('down', true);
      expect(await mirroredIds(forge)).toEqual([]);
      expect(inboxStatus(runner.inbox.db)).toMatchObject({ pending: 0, done: 1, dead: 0 });
      expect(lines.map((line) => line.message)).toContain(
        `could not fetch the update from Bodhi, applying the message as it is: GET ${bodhiUrl}/updates/${ALIAS}: HTTP 503`,
      );
      runner.close();
      forge.close();
    } finally {
      bodhiDown = false;
    }
  });

  it('queues the update behind every open PR; an unchanged update is a duplicate', async () => {
    // The PR was opened from a message without comments while no Bodhi was configured.
    const { config, forge, runner } = await runMessage('periodic', false);
    expect(await mirroredIds(forge)).toEqual([]);
    const [refresh] = createRunSources(
      { ...config, sources: [sourceSchema.parse({ type: 'bodhi', url: bodhiUrl })] },
      { env: {}, cwd: dir, port: forge, addSecret: () => undefined },
    );
    expect(refresh).toBeInstanceOf(BodhiRefreshSource);
    const source = refresh as BodhiRefreshSource;

    fetched.length = 0;
    expect(await source.refreshOnce(runner.intake)).toBe(1);
    expect(fetched).toEqual([`/updates/${ALIAS}`]);
    await runner.pool.runUntilEmpty();
    expect(await mirroredIds(forge)).toEqual(COMMENT_IDS);

    // Bodhi has nothing new: the same content id, nothing to do.
    expect(await source.refreshOnce(runner.intake)).toBe(0);
    expect(inboxStatus(runner.inbox.db)).toMatchObject({ pending: 0, done: 2 });
    runner.close();
    forge.close();
  });
});
