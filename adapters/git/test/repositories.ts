/**
 * What the adapter's tests share: throwaway repositories (closed and removed after each test)
 * and plain `git`, run the way a packager exploring the repository would run it.
 */
import { afterEach } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge, type GitForge } from '@forgegate/adapter-git';
import type { FileChange } from '@forgegate/core';

const dirs: string[] = [];
const forges: GitForge[] = [];

afterEach(() => {
  for (const forge of forges.splice(0)) forge.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A path for a repository that does not exist yet, removed after the test. */
export function freshPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forgegate-git-'));
  dirs.push(dir);
  return join(dir, 'distribution.git');
}

/** The forge at `path` (created when absent), closed after the test. */
export async function open(path: string, login?: string): Promise<GitForge> {
  const forge = await openGitForge({ path, ...(login && { login }) });
  forges.push(forge);
  return forge;
}

export function git(path: string, ...args: string[]): string {
  return execFileSync('git', ['-C', path, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();
}

/** A branch's tip, or throws: for tests that build on branches they just made. */
export async function tipOf(forge: GitForge, branch: string): Promise<string> {
  const ref = await forge.getBranch(branch);
  if (!ref) throw new Error(`no branch ${branch}`);
  return ref.sha;
}

/** Starts branch f41 from a root commit holding `files` (what the reconciler does on an empty repo). */
export function startF41(forge: GitForge, files: FileChange[]): Promise<string> {
  return forge.commitFiles({ branch: 'f41', parentSha: '', message: 'Start branch f41', files });
}

/** One commit of `files` on top of the branch's tip. */
export async function commitOn(
  forge: GitForge,
  branch: string,
  files: Record<string, string | null>,
  message = `change ${Object.keys(files).join(', ')}`,
): Promise<string> {
  return forge.commitFiles({
    branch,
    parentSha: await tipOf(forge, branch),
    message,
    files: Object.entries(files).map(([path, content]) => ({ path, content })),
  });
}

/** Merges `head` into `base` the way the reconciler does: a PR, then mergePull. */
export async function mergeBranch(forge: GitForge, head: string, base: string): Promise<void> {
  const pull = await forge.createPull({ head, base, title: `merge ${head}`, body: '', labels: [] });
  await forge.mergePull(pull.number, `Merge ${head} into ${base}`);
}
