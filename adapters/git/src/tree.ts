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

/**
 * Git's order of tree entries (`base_name_compare`): by the bytes of the name, a tree's name
 * compared as if it ended with `/` (so `a-b`, `a.c`, the directory `a`, then `a0`). UTF-16 code
 * units order like UTF-8 bytes below U+D800; names with higher characters use their bytes.
 */
function compareEntries(a: TreeEntry, b: TreeEntry): number {
  const length = Math.min(a.name.length, b.name.length);
  for (let i = 0; i < length; i += 1) {
    const difference = a.name.charCodeAt(i) - b.name.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return terminator(a, length) - terminator(b, length);
}

function terminator(entry: TreeEntry, index: number): number {
  if (index < entry.name.length) return entry.name.charCodeAt(index);
  return entry.type === 'tree' ? 0x2f : 0;
}

function compareEntryBytes(a: TreeEntry, b: TreeEntry): number {
  const key = (entry: TreeEntry) =>
    Buffer.from(entry.type === 'tree' ? `${entry.name}/` : entry.name, 'utf8');
  return Buffer.compare(key(a), key(b));
}

const BEYOND_BMP_ORDER = /[\uD800-\uFFFF]/;

/**
 * A tree object's binary content, entries in git's order (what `git mktree` writes; fsck checks
 * it). Built in one buffer: trees on changed paths are rewritten on every commit, and a
 * distribution's `rpms/p` holds thousands of entries.
 */
export function treeContent(entries: readonly TreeEntry[]): Buffer {
  const bytewise = entries.some((entry) => BEYOND_BMP_ORDER.test(entry.name));
  const sorted = [...entries].sort(bytewise ? compareEntryBytes : compareEntries);
  let capacity = 0;
  for (const entry of sorted) capacity += entry.mode.length + entry.name.length * 3 + 22;
  const content = Buffer.allocUnsafe(capacity);
  let offset = 0;
  for (const entry of sorted) {
    offset += content.write(entry.mode, offset, 'latin1');
    content[offset++] = 0x20;
    offset += content.write(entry.name, offset, 'utf8');
    content[offset++] = 0x00;
    offset += content.write(entry.oid, offset, 'hex');
  }
  return content.subarray(0, offset);
}
