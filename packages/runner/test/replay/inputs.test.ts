import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listInputs, MAX_LINE_BYTES, readInput } from '../../src/replay/inputs.js';
import { InputError } from '../../src/cli/input-error.js';

const dir = mkdtempSync(join(tmpdir(), 'forgegate-inputs-'));

async function read(paths: string[]) {
  const records = [];
  for (const input of await listInputs(paths)) {
    for await (const { record, bytes } of readInput(input)) {
      records.push({ ...record, text: Buffer.from(record.text).toString('latin1'), bytes });
    }
  }
  return records;
}

describe('replay inputs', () => {
  it('reads a JSONL file line by line, numbering lines as an editor does', async () => {
    const file = join(dir, 'stream.jsonl');
    writeFileSync(file, '{"a":1}\r\n\n  \n{"b":2}\n\xff\xfe garbage');
    const records = await read([file]);
    expect(records.map(({ origin, text }) => [origin, text])).toEqual([
      [`${file}:1`, '{"a":1}'],
      [`${file}:4`, '{"b":2}'],
      [`${file}:5`, Buffer.from('\xff\xfe garbage', 'utf8').toString('latin1')],
    ]);
    // Every byte of the file is accounted for, blank lines included (the progress bar's total).
    const consumed = records.reduce((sum, record) => sum + record.bytes, 0);
    expect(consumed).toBe((await listInputs([file]))[0]!.bytes);
  });

  it('reads a directory of .json files in file-name order, topics from names before __', async () => {
    const folder = join(dir, 'messages');
    mkdirSync(folder);
    writeFileSync(join(folder, 'b.topic__2.json'), '{"x":2}');
    writeFileSync(join(folder, 'a.topic__1.json'), '{"x":1}');
    writeFileSync(join(folder, 'no-topic.json'), '{"x":3}');
    writeFileSync(join(folder, 'README.md'), 'not a message');
    const records = await read([folder]);
    expect(records.map(({ origin, fileTopic, text }) => [origin, fileTopic, text])).toEqual([
      [join(folder, 'a.topic__1.json'), 'a.topic', '{"x":1}'],
      [join(folder, 'b.topic__2.json'), 'b.topic', '{"x":2}'],
      [join(folder, 'no-topic.json'), undefined, '{"x":3}'],
    ]);
  });

  it('cuts an over-long line instead of holding it whole', async () => {
    const file = join(dir, 'huge.jsonl');
    writeFileSync(file, `${'x'.repeat(MAX_LINE_BYTES + 1000)}\n{"after":true}\n`);
    const records = await read([file]);
    expect(records.map((record) => record.text.length)).toEqual([MAX_LINE_BYTES + 1, 14]);
    expect(records[1]!.origin).toBe(`${file}:2`);
  });

  it('names a missing input', async () => {
    await expect(listInputs([join(dir, 'absent.jsonl')])).rejects.toThrow(
      new InputError(`${join(dir, 'absent.jsonl')}: cannot read: ENOENT`),
    );
  });
});
