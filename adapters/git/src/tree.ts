/** One entry of a git tree object. */
export interface TreeEntry {
  /** Octal mode as git writes it: `100644`, `100755`, `120000`, `40000` (tree), `160000`. */
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  name: string;
}

export const FILE_MODE = '100644';
export const TREE_MODE = '40000';

function typeOfMode(mode: string): TreeEntry['type'] {
  if (mode === TREE_MODE) return 'tree';
  if (mode === '160000') return 'commit';
  return 'blob';
}

/** Parses a tree object's binary content: `<mode> <name>\0<raw oid>` repeated. */
export function parseTree(content: Buffer, oidBytes = 20): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let offset = 0;
  while (offset < content.length) {
    const space = content.indexOf(0x20, offset);
    const nul = content.indexOf(0x00, space);
    const mode = content.subarray(offset, space).toString('ascii');
    const name = content.subarray(space + 1, nul).toString('utf8');
    const oid = content.subarray(nul + 1, nul + 1 + oidBytes).toString('hex');
    entries.push({ mode, type: typeOfMode(mode), oid, name });
    offset = nul + 1 + oidBytes;
  }
  return entries;
}

/** Git's order of tree entries: by name, a tree's name compared as if it ended with `/`. */
function sortKey(entry: TreeEntry): Buffer {
  return Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name, 'utf8');
}

/** A tree object's binary content, entries in git's order (what `git mktree` writes; fsck checks it). */
export function treeContent(entries: readonly TreeEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
  return Buffer.concat(
    sorted.flatMap((entry) => [
      Buffer.from(`${entry.mode} ${entry.name}\0`, 'utf8'),
      Buffer.from(entry.oid, 'hex'),
    ]),
  );
}
