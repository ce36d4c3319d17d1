import type { ForgePort } from '@forgegate/core';
import { dumpForgeState, PACKAGE_FOLDERS, type CanonicalState } from '@forgegate/testkit';

/**
 * The canonical state with each PR's head branch reduced to what the PR changes: the package
 * files its own commits set on top of the base commit it forked from.
 *
 * Why not the head's whole tree: a head is built on the base's tip *at the time* (DESIGN.md: "its
 * head commit sets the files of the update's builds on top of the base"), and the rules leave a
 * head alone when the base moves elsewhere. The bus only orders the messages of one entity; an
 * update whose first message waits for a retry (a 429 asking for a minute) forks after other
 * updates on its release merged, so its head also holds their files. Both are correct outcomes;
 * what a reader sees of the PR (its diff, the merge) is the same, and that is what this compares.
 */
export async function stateWithPullChanges(port: ForgePort): Promise<CanonicalState> {
  const state = await dumpForgeState(port);
  const mainlines = new Map<string, Promise<Set<string>>>();
  const mainlineOf = (base: string) => {
    let line = mainlines.get(base);
    if (!line) mainlines.set(base, (line = firstParentChain(port, base)));
    return line;
  };
  const heads = new Map(state.pulls.map((pull) => [pull.head, pull.base]));
  for (const [head, base] of heads) {
    if (!(head in state.branches)) continue;
    state.branches[head] = await ownChanges(port, head, await mainlineOf(base));
  }
  return state;
}

/** The commits on `branch`'s first-parent line: its own history, not what merges brought in. */
export async function firstParentChain(port: ForgePort, branch: string): Promise<Set<string>> {
  const chain = new Set<string>();
  let sha = (await port.getBranch(branch))?.sha;
  while (sha !== undefined && !chain.has(sha)) {
    chain.add(sha);
    sha = (await port.getCommit(sha)).parents[0];
  }
  return chain;
}

/** Path → content (`<deleted>` for a removal) of what `head` changed since it left the base. */
async function ownChanges(
  port: ForgePort,
  head: string,
  mainline: Set<string>,
): Promise<Record<string, string>> {
  const tip = (await port.getBranch(head))?.sha;
  if (tip === undefined) return {};
  const { fork } = await forkPoint(port, tip, mainline);
  const [atTip, atFork] = await Promise.all([
    filesAt(port, tip),
    fork === undefined ? Promise.resolve(new Map<string, string>()) : filesAt(port, fork),
  ]);
  const changes: Record<string, string> = {};
  for (const path of [...new Set([...atTip.keys(), ...atFork.keys()])].sort()) {
    const now = atTip.get(path);
    if (now !== atFork.get(path)) changes[path] = now ?? '<deleted>';
  }
  return changes;
}

/** Where `tip` left the base's first-parent line, and how many commits of its own it has since. */
export async function forkPoint(
  port: ForgePort,
  tip: string,
  mainline: Set<string>,
): Promise<{ fork: string | undefined; own: number }> {
  let fork: string | undefined = tip;
  let own = 0;
  while (fork !== undefined && !mainline.has(fork)) {
    fork = (await port.getCommit(fork)).parents[0];
    own += 1;
  }
  return { fork, own };
}

async function filesAt(port: ForgePort, sha: string): Promise<Map<string, string>> {
  const paths = (
    await Promise.all(PACKAGE_FOLDERS.map((folder) => port.listFiles(sha, folder)))
  ).flat();
  const contents = await Promise.all(paths.map((path) => port.readFile(sha, path)));
  return new Map(paths.map((path, index) => [path, contents[index] ?? '']));
}
