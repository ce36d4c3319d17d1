/**
 * The head branch of an update's PR: one commit on top of the base that sets the package file of
 * each build. Reads first, writes only what differs:
 * - no head, different builds than the head was built from, or a head of unknown history:
 *   rebuild it (setBranch to the base tip, then one commitFiles);
 * - the base moved and changed one of the update's package files since the head forked: rebuild
 *   (the PR's diff would otherwise undo or conflict with the base). A base that moved elsewhere
 *   leaves the head alone: the PR's diff is unchanged, the merge commit brings both together, and
 *   rebuilding it would make every replay write (a head only hears of its own update's messages);
 * - a package file on the head changed behind the bot's back: one commitFiles on top of the head
 *   restoring it.
 * A `conflict` from commitFiles (someone moved the branch in between) re-reads and retries.
 *
 * `rebuildHeadOnBase` is the rebuild alone, for a merge the forge refused (./update-pull.ts).
 */
import { isForgeError } from '../forge-error.js';
import type { BranchRef, FileChange, ForgePort } from '../port.js';
import { nvrInPackageFile } from '../rules/koji-tag-commit.js';
import { compareNvrVersions } from '../rules/rpm-version.js';

export interface HeadPlan {
  base: string;
  head: string;
  files: FileChange[];
  message: string;
  /** The NVRs the files come from, compared with the ones the head was built from. */
  builds: string[];
}

/** Attempts at a head before a `conflict` is passed on (the runner then retries the message). */
export const HEAD_ATTEMPTS = 3;

/**
 * What is known of the head before reading it: the builds it was built from (the PR marker's
 * word), or that it must be rebuilt anyway (a reopened PR: its head sat while the update changed).
 */
export type HeadHistory = { builtFrom: string[] } | 'unknown' | 'stale';

export async function ensureHead(
  port: ForgePort,
  plan: HeadPlan,
  history: HeadHistory,
): Promise<void> {
  await retryingConflicts(() => ensureHeadOnce(port, plan, history));
}

/**
 * The head rebuilt as one commit on the base's current tip, whatever it holds now. A package file
 * for which the base already holds a newer build than the plan's is left as the base has it: the
 * base got there first (a Koji tag event for a later build), and merging the head must not move
 * the branch back (the ordering rule of ../rules/koji-tag-commit.ts).
 */
export async function rebuildHeadOnBase(port: ForgePort, plan: HeadPlan): Promise<void> {
  await retryingConflicts(async () => {
    const base = (await port.getBranch(plan.base)) ?? (await startBranch(port, plan.base));
    const files = await filesNotOlderThanBase(port, base.sha, plan.files);
    await rebuild(port, { ...plan, files }, base);
  });
}

async function retryingConflicts(attempt: () => Promise<void>): Promise<void> {
  for (let count = 1; ; count += 1) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (!isForgeError(error, 'conflict') || count >= HEAD_ATTEMPTS) throw error;
    }
  }
}

async function ensureHeadOnce(
  port: ForgePort,
  plan: HeadPlan,
  history: HeadHistory,
): Promise<void> {
  const base = (await port.getBranch(plan.base)) ?? (await startBranch(port, plan.base));
  const head = await port.getBranch(plan.head);
  if (!head || history === 'stale') return rebuild(port, plan, base);
  if (history !== 'unknown' && !sameList(history.builtFrom, plan.builds)) {
    return rebuild(port, plan, base);
  }

  const { aheadBy, behindBy } = await port.compare(base.sha, head.sha);
  // Without the marker's word on how it was built, only a single commit is known to be ours.
  if (aheadBy === 0 || (history === 'unknown' && aheadBy > 1)) return rebuild(port, plan, base);
  if (behindBy > 0 && (await baseChangedFiles(port, plan, base.sha, head.sha, aheadBy))) {
    return rebuild(port, plan, base);
  }

  const wrong = await filesDiffering(port, head.sha, plan.files);
  if (wrong.length === 0) return;
  await port.commitFiles({
    branch: plan.head,
    parentSha: head.sha,
    message: `Restore the package files of ${plan.head}\n\n${wrong.map((f) => `- ${f.path}`).join('\n')}\n`,
    files: wrong,
  });
}

/** A branch the repository does not have yet starts from an empty root commit. */
async function startBranch(port: ForgePort, name: string): Promise<BranchRef> {
  const sha = await port.commitFiles({
    branch: name,
    parentSha: '',
    message: `Start branch ${name}`,
    files: [],
  });
  return { name, sha };
}

async function rebuild(port: ForgePort, plan: HeadPlan, base: BranchRef): Promise<void> {
  await port.setBranch(plan.head, base.sha);
  await port.commitFiles({
    branch: plan.head,
    parentSha: base.sha,
    message: plan.message,
    files: plan.files,
  });
}

/** Whether the base changed any of the plan's files since the head forked from it. */
async function baseChangedFiles(
  port: ForgePort,
  plan: HeadPlan,
  baseSha: string,
  headSha: string,
  aheadBy: number,
): Promise<boolean> {
  // The head's own commits are first-parent commits on top of the fork point.
  let fork = headSha;
  for (let step = 0; step < aheadBy; step += 1) {
    const parent = (await port.getCommit(fork)).parents[0];
    if (parent === undefined) return true;
    fork = parent;
  }
  for (const file of plan.files) {
    const [atBase, atFork] = await Promise.all([
      port.readFile(baseSha, file.path),
      port.readFile(fork, file.path),
    ]);
    if (atBase !== atFork) return true;
  }
  return false;
}

async function filesDiffering(
  port: ForgePort,
  ref: string,
  files: FileChange[],
): Promise<FileChange[]> {
  const actual = await Promise.all(files.map((file) => port.readFile(ref, file.path)));
  return files.filter((file, i) => actual[i] !== file.content);
}

async function filesNotOlderThanBase(
  port: ForgePort,
  baseSha: string,
  files: FileChange[],
): Promise<FileChange[]> {
  const atBase = await Promise.all(files.map((file) => port.readFile(baseSha, file.path)));
  return files.filter((file, i) => {
    const held = nvrOf(atBase[i] ?? null);
    const wanted = nvrOf(file.content);
    return held === undefined || wanted === undefined || compareNvrVersions(wanted, held) >= 0;
  });
}

function nvrOf(content: string | null): string | undefined {
  return content === null ? undefined : nvrInPackageFile(content);
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
