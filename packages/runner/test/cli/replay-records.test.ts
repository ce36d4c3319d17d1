import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturesRoot } from '@forgegate/testkit';
import { cli, DEMO_FILE, git, summaryOf } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'forgegate-records-'));
const demoLines = readFileSync(DEMO_FILE, 'utf8').trimEnd().split('\n');
const TOKEN = 'tok-9f8e7d6c5b4a39281706f5e4d3c2b1a0';

function aliasOf(line: string): string {
  return /"alias":"([^"]+)"/.exec(line)![1]!;
}

describe('forgegate replay with bad records', () => {
  const file = join(dir, 'mixed.jsonl');
  const first = demoLines[0]!;
  const last = demoLines[5]!;
  writeFileSync(
    file,
    [
      first,
      first.slice(0, 200), // truncated JSON
      '\u0000\u00ff\u00fe\u0001garbage\u0007', // binary garbage
      JSON.stringify({
        topic: 'org.fedoraproject.prod.bodhi.update.comment',
        body: { x: 'y'.repeat(5 * 1024 * 1024) },
      }),
      JSON.stringify({
        id: 'u-1',
        topic: 'org.fedoraproject.prod.mystery.event',
        headers: {},
        body: {},
      }),
      last,
    ].join('\n'),
  );
  const repo = join(dir, 'mixed.git');
  let result: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    result = await cli(['replay', file, '--repo', repo, '--json']);
  });

  it('reports each rejected record with file, line and reason, on stderr', () => {
    const rejected = result.stderr.split('\n').filter((line) => line.includes('rejected:'));
    expect(rejected).toHaveLength(3);
    for (const lineNumber of [2, 3, 4]) {
      const line = rejected.find((text) => text.includes(`${file}:${lineNumber}: rejected: `));
      expect(line).toBeDefined();
      // A reason follows, on one line.
      expect(JSON.parse(line!).message).toMatch(new RegExp(`:${lineNumber}: rejected: \\S.{5,}`));
    }
  });

  it('still applies the good records and counts the unknown topic as ignored', () => {
    expect(summaryOf(result)).toMatchObject({
      read: 6,
      applied: 2,
      ignored: 1,
      rejected: 3,
      pullsOpened: 2,
    });
    expect(
      git(repo, 'branch', '--list', 'updates/*')
        .split('\n')
        .map((name) => name.trim())
        .sort(),
    ).toEqual([`updates/${aliasOf(first)}`, `updates/${aliasOf(last)}`].sort());
  });

  it('exits 1 when a record was rejected, 0 when none was', async () => {
    expect(result.code).toBe(1);
    const clean = join(dir, 'clean.jsonl');
    writeFileSync(clean, `${first}\n`);
    const again = await cli(['replay', clean, '--repo', join(dir, 'clean.git')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
  });
});

describe('forgegate replay on real captures', () => {
  it('makes the PR of each modern update and rejects Bodhi 1 messages by name', async () => {
    const folder = join(fixturesRoot(), 'messages', 'bodhi');
    const files = [
      'bodhi.update.comment__FEDORA-2019-46910daf41.json',
      'bodhi.update.complete.stable__FEDORA-2017-fe6e14dcf9.json',
      'bodhi.update.complete.testing__FEDORA-2019-02cd019281.json',
      'bodhi.update.request.testing__gnome-settings-daemon-3.6.1-1.fc18.json',
      'bodhi.compose.start__2019-6724c4b9.json',
    ].map((name) => join(folder, name));
    const repo = join(dir, 'captures.git');
    const result = await cli(['replay', ...files, '--repo', repo, '--json']);

    expect(result.code).toBe(1);
    expect(summaryOf(result)).toMatchObject({ read: 5, applied: 3, ignored: 1, rejected: 1 });
    expect(result.stderr).toContain(`${files[3]}: rejected: `);
    expect(result.stderr).toMatch(/Bodhi 1/);
    // Checked with git: heads, bases, files and the merge.
    expect(git(repo, 'show', 'updates/FEDORA-2019-46910daf41:rpms/x/xdg-desktop-portal')).toBe(
      'nvr: xdg-desktop-portal-1.4.2-1.fc30',
    );
    expect(git(repo, 'show', 'updates/FEDORA-2019-02cd019281:rpms/n/nfs-ganesha')).toBe(
      'nvr: nfs-ganesha-2.7.4-1.fc29',
    );
    expect(git(repo, 'show', 'f25:rpms/c/community-mysql')).toBe(
      'nvr: community-mysql-5.7.18-2.fc25',
    );
    const pulls = await cli(['pulls', '--json', '--repo', repo]);
    expect(
      (JSON.parse(pulls.stdout) as { head: string; base: string; state: string }[]).map(
        ({ head, base, state }) => [head, base, state],
      ),
    ).toEqual([
      ['updates/FEDORA-2019-46910daf41', 'f30', 'open'],
      ['updates/FEDORA-2017-fe6e14dcf9', 'f25', 'merged'],
      ['updates/FEDORA-2019-02cd019281', 'f29', 'open'],
    ]);
  });
});

describe('forgegate configuration and secrets', () => {
  it('exits 2 with one line naming the key of a bad configuration', async () => {
    const config = join(dir, 'bad.yaml');
    writeFileSync(config, 'forge:\n  type: gitea\n');
    const result = await cli(['replay', DEMO_FILE, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `forgegate: ${config}: forge.type: expected one of git|forgejo|gitlab|github\n`,
    );
  });

  it('keeps the token out of logs, the summary and stdout, even when the input carries it', async () => {
    const config = join(dir, 'token.yaml');
    writeFileSync(config, 'forge: {type: git, token_env: FORGEGATE_TOKEN}\n');
    const file = join(dir, 'token.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: 'a',
          topic: `org.fedoraproject.prod.${TOKEN}`,
          headers: {},
          body: {},
        }),
        `{"topic": "org.fedoraproject.prod.bodhi.update.comment", "body": "${TOKEN}`,
      ].join('\n'),
    );
    const result = await cli(
      [
        'replay',
        file,
        '--config',
        config,
        '--repo',
        join(dir, 'token.git'),
        '--json',
        '--log-level',
        'debug',
      ],
      { env: { FORGEGATE_TOKEN: TOKEN } },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:2: rejected`);
    expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN);
    expect(`${result.stdout}${result.stderr}`).toContain('[redacted]');
  });

  it('draws a progress bar on a terminal and still prints the summary', async () => {
    const result = await cli(['replay', DEMO_FILE, '--repo', join(dir, 'tty.git')], {
      isTTY: true,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('133 messages read');
    expect(result.stderr).toContain('\u001b['); // the bar's terminal control sequences
  });
});
