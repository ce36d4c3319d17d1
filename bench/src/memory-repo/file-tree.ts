/**
 * An immutable directory tree shared between commits, as git shares tree objects: a commit that
 * changes one package file copies only the directories on that file's path (`rpms/`, `rpms/b/`),
 * so a long history costs memory per change, not per file. Identical subtrees are the same
 * object, which lets `diffTrees` skip them without looking inside.
 */
import { ForgeError, type FileChange } from '@forgegate/core';

export type FileTree = ReadonlyMap<string, FileTree | string>;

export const EMPTY_TREE: FileTree = new Map();

function segments(path: string): string[] {
  const parts = path.split('/');
  if (parts.some((part) => part === '')) {
    throw new ForgeError('permanent', `${JSON.stringify(path)} is not a file path`);
  }
  return parts;
}

export function readPath(tree: FileTree, path: string): string | null {
  let node: FileTree | string | undefined = tree;
  for (const part of segments(path)) {
    if (typeof node !== 'object') return null;
    node = node.get(part);
  }
  return typeof node === 'string' ? node : null;
}

function withFile(tree: FileTree, parts: string[], content: string | null): FileTree {
  const [name, ...rest] = parts as [string, ...string[]];
  const next = new Map(tree);
  const current = tree.get(name);
  if (rest.length === 0) {
    if (typeof current === 'object') {
      throw new ForgeError('permanent', `${name} is a directory, not a file`);
    }
    if (content === null) next.delete(name);
    else next.set(name, content);
    return next;
  }
  if (typeof current === 'string')
    throw new ForgeError('permanent', `${name} is a file, not a directory`);
  const child = withFile(current ?? EMPTY_TREE, rest, content);
  // An emptied directory disappears, as it does in git.
  if (child.size === 0) next.delete(name);
  else next.set(name, child);
  return next;
}

export function applyChanges(tree: FileTree, files: readonly FileChange[]): FileTree {
  return files.reduce((result, file) => withFile(result, segments(file.path), file.content), tree);
}

/** Every file path under `prefix` (a folder, or '' for all), sorted. */
export function listPaths(tree: FileTree, prefix: string): string[] {
  const folder = prefix.replace(/\/+$/, '');
  let node: FileTree | string | undefined = tree;
  for (const part of folder === '' ? [] : segments(folder)) {
    if (typeof node !== 'object') return [];
    node = node.get(part);
  }
  if (typeof node !== 'object') return [];
  const paths: string[] = [];
  const walk = (dir: FileTree, base: string): void => {
    for (const [name, child] of dir) {
      const path = base === '' ? name : `${base}/${name}`;
      if (typeof child === 'string') paths.push(path);
      else walk(child, path);
    }
  };
  walk(node, folder);
  return paths.sort();
}

/** The files that differ from `from` to `to`: path → new content, null where deleted. */
export function diffTrees(
  from: FileTree,
  to: FileTree,
  base = '',
  out = new Map<string, string | null>(),
) {
  if (from === to) return out;
  for (const name of new Set([...from.keys(), ...to.keys()])) {
    const a = from.get(name);
    const b = to.get(name);
    if (a === b) continue;
    const path = base === '' ? name : `${base}/${name}`;
    if (typeof a === 'object' || typeof b === 'object') {
      if (typeof a === 'string') out.set(path, null);
      if (typeof b === 'string') out.set(path, b);
      diffTrees(
        typeof a === 'object' ? a : EMPTY_TREE,
        typeof b === 'object' ? b : EMPTY_TREE,
        path,
        out,
      );
    } else {
      out.set(path, b ?? null);
    }
  }
  return out;
}
