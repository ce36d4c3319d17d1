import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { commitOn, freshPath, git, mergeBranch, open, startF41, tipOf } from './repositories.js';

/** Loose object files under `objects/xx/`, as paths relative to the repository. */
function looseObjects(path: string): string[] {
  return readdirSync(join(path, 'objects'))
    .filter((dir) => /^[0-9a-f]{2}$/.test(dir))
    .flatMap((dir) => readdirSync(join(path, 'objects', dir)).map((file) => `${dir}/${file}`));
}

/** Content (made by `make(i)`) whose blob lands in one of the `directories` (`objects/xx`). */
function contentInDirectory(directories: Set<string>, make: (i: number) => string): string {
  for (let i = 0; ; i += 1) {
    const content = make(i);
    const id = createHash('sha1')
      .update(`blob ${Buffer.byteLength(content)}\0${content}`)
      .digest('hex');
    if (directories.has(id.slice(0, 2))) return content;
  }
}

describe('adapters/git writes what git writes', () => {
  it('leaves a repository git fsck --strict, git log and git clone accept after commits, merges and deletions', async () => {
    const path = freshPath();
    const forge = await open(path);
    await startF41(forge, [
      { path: 'rpms/b/bash', content: 'nvr: bash-5.2.26-3.fc41\n' },
      { path: 'rpms/c/coreutils', content: 'nvr: coreutils-9.5-1.fc41\n' },
    ]);
    for (const [alias, file, nvr] of [
      ['FEDORA-2024-a1', 'rpms/b/bash', 'bash-5.2.32-1.fc41'],
      ['FEDORA-2024-b2', 'rpms/k/kernel', 'kernel-6.11.4-301.fc41'],
      ['FEDORA-2024-c3', 'rpms/c/coreutils', 'coreutils-9.5-2.fc41'],
    ] as const) {
      await forge.setBranch(`updates/${alias}`, await tipOf(forge, 'f41'));
      await commitOn(forge, `updates/${alias}`, { [file]: `nvr: ${nvr}\n` }, `${alias}: ${nvr}\n`);
    }
    // Merged one after another: each merge after the first is a real three-way merge.
    for (const alias of ['FEDORA-2024-a1', 'FEDORA-2024-b2', 'FEDORA-2024-c3']) {
      await mergeBranch(forge, `updates/${alias}`, 'f41');
    }
    await commitOn(forge, 'f41', { 'rpms/k/kernel': null }, 'untag kernel');
    await forge.deleteBranch('updates/FEDORA-2024-a1');

    expect(git(path, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('');
    expect(git(path, 'log', '--first-parent', '--format=%s', 'f41').split('\n')).toEqual([
      'untag kernel',
      'Merge updates/FEDORA-2024-c3 into f41',
      'Merge updates/FEDORA-2024-b2 into f41',
      'Merge updates/FEDORA-2024-a1 into f41',
      'Start branch f41',
    ]);
    expect(git(path, 'rev-list', '--count', '--merges', 'f41')).toBe('3');
    expect(git(path, 'for-each-ref', '--format=%(refname)', 'refs/heads')).toBe(
      'refs/heads/f41\nrefs/heads/updates/FEDORA-2024-b2\nrefs/heads/updates/FEDORA-2024-c3',
    );
    const clone = join(path, '..', 'clone');
    execFileSync('git', ['clone', '--quiet', path, clone]);
    expect(readFileSync(join(clone, 'rpms/b/bash'), 'utf8')).toBe('nvr: bash-5.2.32-1.fc41\n');
    expect(readFileSync(join(clone, 'rpms/c/coreutils'), 'utf8')).toBe(
      'nvr: coreutils-9.5-2.fc41\n',
    );
    expect(readdirSync(join(clone, 'rpms')).sort()).toEqual(['b', 'c']);
  });

  it('writes each object once, loose, read-only, as zlib of "<type> <size>\\0<content>"', async () => {
    const path = freshPath();
    const forge = await open(path);
    const content = 'nvr: bash-5.2.26-3.fc41\n';
    await startF41(forge, [
      { path: 'rpms/b/bash', content },
      { path: 'rpms/b/bash-completion', content }, // same content: one blob
    ]);
    const blob = git(path, 'rev-parse', 'f41:rpms/b/bash');
    const file = join(path, 'objects', blob.slice(0, 2), blob.slice(2));
    expect(inflateSync(readFileSync(file)).toString('utf8')).toBe(
      `blob ${content.length}\0${content}`,
    );
    expect(statSync(file).mode & 0o777).toBe(0o444);
    // A blob, three trees (root, rpms, rpms/b), a commit; no temporary file left behind.
    expect(looseObjects(path)).toHaveLength(5);
    expect(git(path, 'count-objects', '-v')).toMatch(/^count: 5$/m);
    expect(git(path, 'rev-parse', 'f41:rpms/b/bash-completion')).toBe(blob);
  });

  it("orders tree entries as git does: a directory compares as if its name ended with '/'", async () => {
    const path = freshPath();
    const forge = await open(path);
    const names = [
      'a', // a directory (a/x): after a-b and a.b, before a0
      'a-b',
      'a.b',
      'a0',
      'b',
      'Z',
      'é',
      // Beyond the BMP, UTF-16 (a surrogate pair) sorts before U+FB00 but UTF-8 bytes after.
      'u/\u{1F600}',
      'u/\uFB00',
      'u/v',
    ];
    await forge.commitFiles({
      branch: 'f41',
      parentSha: '',
      message: 'names',
      files: names.map((name) => ({ path: name === 'a' ? 'a/x' : name, content: `${name}\n` })),
    });
    const list = (tree: string) =>
      git(path, '-c', 'core.quotePath=false', 'ls-tree', '--name-only', tree).split('\n');
    expect(list('f41')).toEqual(['Z', 'a-b', 'a.b', 'a', 'a0', 'b', 'u', 'é']);
    expect(list('f41:u')).toEqual(['v', '\uFB00', '\u{1F600}']);
    expect(git(path, 'fsck', '--strict', '--no-progress')).toBe('');
    // git mktree sorts the same entries itself: it must arrive at the same tree.
    const entries = git(path, 'ls-tree', '-z', 'f41')
      .split('\0')
      .filter(Boolean)
      .reverse()
      .map((entry) => `${entry}\0`)
      .join('');
    const rebuilt = execFileSync('git', ['-C', path, 'mktree', '-z'], {
      input: entries,
      encoding: 'utf8',
    }).trim();
    expect(rebuilt).toBe(git(path, 'rev-parse', 'f41^{tree}'));
  });

  it('leaves ref updates to git when the repository keeps reflogs, so none is missing', async () => {
    const path = freshPath();
    execFileSync('git', ['init', '--quiet', '--bare', path]);
    git(path, 'config', 'core.logAllRefUpdates', 'true');
    const forge = await open(path);
    await forge.commitFiles({ branch: 'f41', parentSha: '', message: 'start', files: [] });
    await commitOn(forge, 'f41', { 'rpms/b/bash': 'nvr: bash-5.2.32\n' });
    await forge.setBranch('updates/FEDORA-2024-a1', await tipOf(forge, 'f41'));
    expect(git(path, 'reflog', 'show', '--format=%H', 'f41').split('\n')).toEqual([
      await tipOf(forge, 'f41'),
      git(path, 'rev-parse', 'f41^'),
    ]);
    expect(git(path, 'reflog', 'show', '--format=%H', 'updates/FEDORA-2024-a1')).toBe(
      await tipOf(forge, 'f41'),
    );
  });

  it('reads everything back after git gc packs objects and refs, and keeps writing', async () => {
    const path = freshPath();
    const writer = await open(path);
    await startF41(writer, [{ path: 'rpms/b/bash', content: 'nvr: bash-5.2.26-3.fc41\n' }]);
    await writer.setBranch('updates/FEDORA-2024-a1', await tipOf(writer, 'f41'));
    await commitOn(writer, 'updates/FEDORA-2024-a1', {
      'rpms/b/bash': 'nvr: bash-5.2.32-1.fc41\n',
    });
    await commitOn(writer, 'f41', { 'rpms/k/kernel': 'nvr: kernel-6.11.4-301.fc41\n' });
    await writer.createTag('Fedora-41-20250101.n.0', 'f41', 'Compose Fedora-41-20250101.n.0');
    const headBefore = await tipOf(writer, 'updates/FEDORA-2024-a1');

    const fanoutBefore = new Set(looseObjects(path).map((object) => object.slice(0, 2)));
    git(path, 'gc', '--quiet', '--prune=now');
    expect(looseObjects(path)).toEqual([]);
    expect(readFileSync(join(path, 'packed-refs'), 'utf8')).toContain('refs/heads/f41');

    // A forge opened now has nothing cached: every read finds packed objects and packed refs.
    const forge = await open(path);
    expect(await forge.getBranch('updates/FEDORA-2024-a1')).toEqual({
      name: 'updates/FEDORA-2024-a1',
      sha: headBefore,
    });
    expect(await forge.readFile('f41', 'rpms/k/kernel')).toBe('nvr: kernel-6.11.4-301.fc41\n');
    expect(await forge.listFiles('f41', 'rpms/')).toEqual(['rpms/b/bash', 'rpms/k/kernel']);
    expect(await forge.compare('f41', 'updates/FEDORA-2024-a1')).toEqual({
      aheadBy: 1,
      behindBy: 1,
    });
    expect(await forge.getTag('Fedora-41-20250101.n.0')).toEqual({
      name: 'Fedora-41-20250101.n.0',
      sha: await tipOf(forge, 'f41'),
      message: 'Compose Fedora-41-20250101.n.0',
    });

    await mergeBranch(forge, 'updates/FEDORA-2024-a1', 'f41');
    await forge.deleteBranch('updates/FEDORA-2024-a1'); // only in packed-refs: git rewrites it
    expect(await forge.getBranch('updates/FEDORA-2024-a1')).toBeNull();
    expect(readFileSync(join(path, 'packed-refs'), 'utf8')).not.toContain('FEDORA-2024-a1');
    expect(git(path, 'show', 'f41:rpms/b/bash')).toBe('nvr: bash-5.2.32-1.fc41');
    // The forge that wrote before the gc writes on, into a directory gc removed once it emptied it.
    const zsh = contentInDirectory(fanoutBefore, (i) => `nvr: zsh-5.9-${i}\n`);
    const tip = await commitOn(writer, 'f41', { 'rpms/z/zsh': zsh });
    expect(git(path, 'rev-parse', 'f41')).toBe(tip);
    expect(git(path, 'show', 'f41:rpms/z/zsh')).toBe(zsh.trim());
    expect(git(path, 'fsck', '--strict', '--no-progress', '--no-dangling')).toBe('');
  });
});
