import { join } from 'node:path';
import type { GitForge } from '@forgegate/adapter-git';
import Database from 'better-sqlite3';
import { firstParentChain, forkPoint } from './pull-changes.js';

/**
 * Counts that a repeated write would raise (a message applied again after a kill must not post,
 * commit or merge twice), read from the forge itself.
 */

/** Head branch → commits of its own on top of the base it forked from. */
export async function countOwnCommits(forge: GitForge): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const mainlines = new Map<string, Set<string>>();
  for (const pull of await forge.listPulls('all')) {
    const mainline = mainlines.get(pull.base) ?? (await firstParentChain(forge, pull.base));
    mainlines.set(pull.base, mainline);
    const tip = (await forge.getBranch(pull.head))?.sha;
    counts[pull.head] = tip === undefined ? 0 : (await forkPoint(forge, tip, mainline)).own;
  }
  return counts;
}

/** The subject of every merge commit on the PRs' bases. */
export async function mergeSubjects(forge: GitForge): Promise<string[]> {
  const subjects: string[] = [];
  const bases = new Set((await forge.listPulls('all')).map((pull) => pull.base));
  for (const base of bases) {
    for (const sha of await firstParentChain(forge, base)) {
      const commit = await forge.getCommit(sha);
      if (commit.parents.length > 1) subjects.push(commit.message.split('\n')[0] ?? '');
    }
  }
  return subjects;
}

/**
 * Bot comments whose marker (a Bodhi comment id, a notice key) appears more than once on a PR,
 * and statuses on a commit that is no PR's head (left behind by a head built twice), as
 * `#<number> <marker>` and `status on <sha>` lines.
 */
export async function duplicatedMirrors(forge: GitForge, repo: string): Promise<string[]> {
  const found: string[] = [];
  const pulls = await forge.listPulls('all');
  for (const pull of pulls) {
    const markers = (await forge.listComments(pull.number)).flatMap(
      (comment) => /<!-- forgegate:[a-z]+ \{[^\n]*?\} -->/.exec(comment.body)?.[0] ?? [],
    );
    const seen = new Set<string>();
    for (const marker of markers) {
      if (seen.has(marker)) found.push(`#${pull.number} ${marker}`);
      seen.add(marker);
    }
  }
  const heads = new Set(pulls.map((pull) => pull.headSha));
  const db = new Database(join(repo, 'forgegate.sqlite'), { readonly: true });
  try {
    const shas = db.prepare('SELECT DISTINCT sha FROM statuses').pluck().all() as string[];
    for (const sha of shas) if (!heads.has(sha)) found.push(`status on ${sha}`);
  } finally {
    db.close();
  }
  return found;
}
