import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureTopic, fixturesRoot, readFixture } from '@forgegate/testkit';

describe('testkit/fixtures', () => {
  const saved = process.env.FORGEGATE_FIXTURES;
  afterEach(() => {
    if (saved === undefined) delete process.env.FORGEGATE_FIXTURES;
    else process.env.FORGEGATE_FIXTURES = saved;
  });

  it('finds ../shared/fixtures beside the repository by default', () => {
    delete process.env.FORGEGATE_FIXTURES;
    expect(fixturesRoot()).toMatch(/[/\\]shared[/\\]fixtures$/);
    expect(readFixture('README.md')).toContain('Fixtures');
  });

  it('reads from FORGEGATE_FIXTURES when it is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forgegate-fixtures-'));
    try {
      mkdirSync(join(dir, 'messages'));
      writeFileSync(join(dir, 'messages', 'x.json'), '{"a": 1}');
      process.env.FORGEGATE_FIXTURES = dir;
      expect(fixturesRoot()).toBe(dir);
      expect(readFixture('messages/x.json')).toBe('{"a": 1}');
      expect(() => readFixture('messages/y.json')).toThrow(
        `fixture messages/y.json not found in ${dir}`,
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('fails naming FORGEGATE_FIXTURES when the folder is missing', () => {
    process.env.FORGEGATE_FIXTURES = join(tmpdir(), 'forgegate-no-such-fixtures');
    expect(() => fixturesRoot()).toThrow(
      `fixtures not found at ${join(tmpdir(), 'forgegate-no-such-fixtures')}: set FORGEGATE_FIXTURES to the fixtures folder`,
    );
  });

  it('takes a bare body’s topic from the file name before "__"', () => {
    expect(fixtureTopic('bodhi.update.comment__FEDORA-2019-46910daf41.json')).toBe(
      'bodhi.update.comment',
    );
    expect(
      fixtureTopic('messages/bodhi/bodhi.update.eject__FEDORA-2019-2b055f8870.schema-example.json'),
    ).toBe('bodhi.update.eject');
    expect(fixtureTopic('SOURCES.md')).toBeUndefined();
  });
});
