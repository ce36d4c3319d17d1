import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullListing } from '../../src/cli/commands/pulls.js';
import { cli, DEMO_FILE, git, RUNNER_DIR, summaryOf } from '../helpers/run-cli.js';

interface DemoUpdate {
  alias: string;
  title: string;
  status: string;
  branch: string;
}

/** The demo's updates, newest snapshot of each, read from the stream itself. */
function demoUpdates(): Map<string, DemoUpdate> {
  const updates = new Map<string, DemoUpdate>();
  for (const line of readFileSync(DEMO_FILE, 'utf8').trimEnd().split('\n')) {
    type Update = { alias: string; title: string; status: string; release: { branch: string } };
    const { body } = JSON.parse(line) as {
      body: { update?: Update; comment?: { update: Update } };
    };
    const update = (body.update ?? body.comment?.update)!;
    updates.set(update.alias, {
      alias: update.alias,
      title: update.title,
      status: update.status,
      branch: update.release.branch,
    });
  }
  return updates;
}

const byTitle = (updates: Map<string, DemoUpdate>, title: string): DemoUpdate =>
  [...updates.values()].find((update) => update.title.startsWith(title))!;

describe('forgegate replay on the demo', () => {
  const repo = join(mkdtempSync(join(tmpdir(), 'forgegate-demo-')), 'distribution.git');
  const updates = demoUpdates();
  let first: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    first = await cli(['replay', '--repo', repo, DEMO_FILE, '--json']);
  });

  it('applies every message and prints the summary as JSON on the last stdout line', () => {
    expect(first.stderr).not.toMatch(/rejected:|failed/);
    expect(first.code).toBe(0);
    const summary = summaryOf(first);
    expect(summary).toMatchObject({ read: 133, rejected: 0, failed: 0, pullsOpened: updates.size });
    expect((summary.applied as number) + (summary.ignored as number)).toBe(133);
    expect(summary.writes).toBeGreaterThan(updates.size * 3);
    expect(first.stderr).toContain('133 messages read');
    expect(first.stderr).toMatch(/forge write calls: \d+/);
  });

  it('makes the branches and files, checked with git', () => {
    const branches = git(repo, 'branch', '--format=%(refname:short)').split('\n');
    expect(branches).toEqual(expect.arrayContaining(['f41', 'f42', 'rawhide', 'epel9']));
    for (const alias of updates.keys()) expect(branches).toContain(`updates/${alias}`);

    // Stable pushes are merged into the release branch: the package file is there.
    expect(git(repo, 'show', 'f42:rpms/f/firefox')).toBe('nvr: firefox-139.0.1-1.fc42');
    expect(git(repo, 'show', 'epel9:rpms/h/htop')).toBe('nvr: htop-3.4.1-1.el9');
    expect(git(repo, 'show', 'rawhide:rpms/l/llvm')).toBe('nvr: llvm-20.1.6-1.fc43');
    // The multi-build update, with the build its edit added, merged as one.
    for (const [path, nvr] of [
      ['rpms/g/gnome-shell', 'gnome-shell-48.2-1.fc42'],
      ['rpms/m/mutter', 'mutter-48.3-1.fc42'],
      ['rpms/g/gnome-control-center', 'gnome-control-center-48.2-1.fc42'],
      ['rpms/g/gnome-settings-daemon', 'gnome-settings-daemon-48.1-1.fc42'],
    ]) {
      expect(git(repo, 'show', `f42:${path}`)).toBe(`nvr: ${nvr}`);
    }
    // The revoked update is still only on its head, with its epoch.
    const vim = byTitle(updates, 'vim-');
    expect(git(repo, 'show', `updates/${vim.alias}:rpms/v/vim`)).toBe(
      'nvr: vim-9.1.1418-1.fc42\nepoch: 2',
    );
    expect(() => git(repo, 'show', 'f42:rpms/v/vim')).toThrow();
    // A merge is a real merge commit whose message names the update.
    const firefox = byTitle(updates, 'firefox-139.0.1-1.fc42');
    expect(git(repo, 'log', '--merges', '--format=%B', 'f42')).toContain(firefox.alias);
  });

  it('lists the PRs with pulls --json: sorted, states as Bodhi left them', async () => {
    const result = await cli(['pulls', '--json', '--repo', repo]);
    expect(result.code).toBe(0);
    const pulls = JSON.parse(result.stdout) as PullListing[];
    expect(pulls.map((pull) => pull.number)).toEqual(
      [...pulls.map((pull) => pull.number)].sort((a, b) => a - b),
    );
    expect(pulls).toHaveLength(updates.size);
    const expectedState = { stable: 'merged', obsolete: 'closed' } as Record<string, string>;
    for (const pull of pulls) {
      const alias = pull.head.replace('updates/', '');
      const update = updates.get(alias)!;
      expect(pull.base).toBe(update.branch);
      expect(pull.title).toBe(`${alias}: ${update.title}`);
      expect(pull.state).toBe(expectedState[update.status] ?? 'open');
      expect(Object.keys(pull).sort()).toEqual(
        ['base', 'comments', 'head', 'labels', 'number', 'state', 'statuses', 'title'].sort(),
      );
      for (const status of pull.statuses) {
        expect(Object.keys(status).sort()).toEqual(['context', 'description', 'state', 'url']);
      }
    }
    const kernel = pulls.find((pull) => pull.title.includes('kernel-6.14.9-300.fc42'))!;
    expect(kernel.comments.map((comment) => comment.body).join('\n')).toContain(
      'Boots and suspends fine on a Framework 13 (AMD).',
    );
  });

  it('prints a table for people without --json', async () => {
    const result = await cli(['pulls', '--repo', repo]);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(updates.size);
    expect(result.stdout).toMatch(/^#1 +\S+ +\S+ +updates\/FEDORA-/);
  });

  it('writes nothing when a fresh process replays the same stream again', () => {
    const main = join(RUNNER_DIR, 'dist', 'cli', 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build first with npx tsc -b`);
    const stdout = execFileSync(
      process.execPath,
      [main, 'replay', DEMO_FILE, '--repo', repo, '--json'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const summary = JSON.parse(stdout.trimEnd().split('\n').at(-1)!) as Record<string, number>;
    expect(summary).toMatchObject({ read: 133, rejected: 0, writes: 0, pullsOpened: 0 });
  });
});
