import type { ObjectStore, ParsedTree } from './object-store.js';
import { TREE_MODE, type TreeEntry } from './tree.js';

/**
 * What the in-process merge cannot decide the way `git merge-tree` (merge-ort) would: a path
 * both sides changed differently (git may merge the contents, or report a conflict), or a side
 * that both removed and added paths (git's rename detection may pair them and move the other
 * side's changes along). The caller then asks git itself.
 */
export const ASK_GIT = Symbol('ask git');

const EMPTY: ParsedTree = new Map();

function same(a: TreeEntry | undefined, b: TreeEntry | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.oid === b.oid && a.mode === b.mode);
}

/**
 * The tree of a three-way merge of `ours` and `theirs` from their merge base `base`, decided per
 * path (a path only one side changed takes that side; a path both changed alike takes either),
 * new trees written to `objects`; `ASK_GIT` when that is not what merge-ort would produce.
 */
export async function mergeTrees(
  objects: ObjectStore,
  base: string,
  ours: string,
  theirs: string,
): Promise<string | typeof ASK_GIT> {
  if (ours === theirs || base === theirs) return ours;
  if (base === ours) return theirs;
  for (const side of [ours, theirs]) {
    const changes = { added: false, removed: false };
    await scanChanges(objects, base, side, changes);
    if (changes.added && changes.removed) return ASK_GIT;
  }
  const merged = await mergeTree(objects, base, ours, theirs);
  return merged === null ? objects.writeTree([]) : merged;
}

async function readTree(objects: ObjectStore, oid: string | null): Promise<ParsedTree> {
  if (oid === null) return EMPTY;
  const tree = await objects.tree(oid);
  if (!tree) throw new Error(`tree ${oid} is missing from the repository`);
  return tree;
}

/** Whether `side` added and whether it removed any file relative to `base` (stops once both). */
async function scanChanges(
  objects: ObjectStore,
  base: string | null,
  side: string | null,
  changes: { added: boolean; removed: boolean },
): Promise<void> {
  if (base === side) return;
  const [before, after] = await Promise.all([readTree(objects, base), readTree(objects, side)]);
  for (const [name, entry] of before) {
    const next = after.get(name);
    if (same(entry, next)) continue;
    if (entry.type === 'tree' && next?.type === 'tree') {
      await scanChanges(objects, entry.oid, next.oid, changes);
    } else if (next === undefined || entry.type === 'tree' || next.type === 'tree') {
      // Gone, or a file became a directory (or back): files removed, and added if it is still there.
      changes.removed = true;
      if (next !== undefined) changes.added = true;
    }
    if (changes.added && changes.removed) return;
  }
  for (const name of after.keys()) {
    if (!before.has(name)) {
      changes.added = true;
      if (changes.removed) return;
    }
  }
}

/** The merged tree's id, null when nothing is left in it, or `ASK_GIT`. */
async function mergeTree(
  objects: ObjectStore,
  base: string | null,
  ours: string,
  theirs: string,
): Promise<string | null | typeof ASK_GIT> {
  const [b, o, t] = await Promise.all([
    readTree(objects, base),
    readTree(objects, ours),
    readTree(objects, theirs),
  ]);
  const result: TreeEntry[] = [];
  for (const name of new Set([...b.keys(), ...o.keys(), ...t.keys()])) {
    const [inBase, inOurs, inTheirs] = [b.get(name), o.get(name), t.get(name)];
    let entry: TreeEntry | undefined;
    if (same(inOurs, inTheirs) || same(inBase, inTheirs)) entry = inOurs;
    else if (same(inBase, inOurs)) entry = inTheirs;
    else if (
      inOurs?.type === 'tree' &&
      inTheirs?.type === 'tree' &&
      (inBase === undefined || inBase.type === 'tree')
    ) {
      const oid = await mergeTree(objects, inBase?.oid ?? null, inOurs.oid, inTheirs.oid);
      if (oid === ASK_GIT) return ASK_GIT;
      if (oid !== null) entry = { mode: TREE_MODE, type: 'tree', oid, name };
    } else return ASK_GIT;
    if (entry) result.push(entry);
  }
  return result.length === 0 ? null : objects.writeTree(result);
}
