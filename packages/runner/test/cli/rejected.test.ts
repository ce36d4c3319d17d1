import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { FileSource } from '../../src/sources/file.js';
import { BusRunner } from '../../src/worker/bus-runner.js';
import { busConfig, memoryLogger, openForgeAt, scratch } from '../bus/helpers/runner.js';
import { cli } from '../helpers/run-cli.js';

const { dir, cleanup } = scratch();
afterAll(cleanup);

describe('forgegate rejected', () => {
  it('lists what the sources could not use, with file, line and reason', async () => {
    // Three records no parser can use, as a broker or a file would hand them over.
    const input = join(dir, 'bad.jsonl');
    writeFileSync(
      input,
      [
        '{"topic": "org.fedoraproject.prod.bodhi.update.comment", "body": {',
        JSON.stringify({ topic: 'org.fedoraproject.prod.bodhi.update.comment', body: {} }),
        '\u0000\u0001 binary',
      ].join('\n'),
    );
    const config = busConfig(dir, 'rejected');
    const forge = await openForgeAt(config);
    const runner = await BusRunner.open({ config, port: forge, logger: memoryLogger().logger });
    await runner.runToCompletion([new FileSource('file', [input])]);
    runner.close();
    forge.close();
    const file = join(dir, 'rejected.yaml');
    writeFileSync(
      file,
      `forge: { type: git, repo: ${config.forge.repo} }\ninbox: { path: ${config.inbox.path} }\n`,
    );

    const listed = await cli(['rejected', '--json', '--config', file]);
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.stdout) as { origin: string; reason: string }[];
    expect(records.map((record) => record.origin)).toEqual([
      `${input}:1`,
      `${input}:2`,
      `${input}:3`,
    ]);
    expect(records[0]!.reason).toMatch(/^not JSON: /);
    expect(records[1]!.reason).toMatch(/^bodhi\.update\.comment: comment: /);
    expect(records[2]!.reason).toMatch(/^not JSON: /);

    const human = await cli(['rejected', '--limit', '1', '--config', file]);
    expect(human.stdout).toBe(
      `file\t${input}:3\t-\t${Buffer.byteLength('\u0000\u0001 binary')} bytes\n\t${records[2]!.reason}\n`,
    );
    expect((await cli(['rejected', '--limit', 'x', '--config', file])).code).toBe(2);
  });
});
