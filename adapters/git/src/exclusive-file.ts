import { mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Creates `file` (failing if it exists) and its directory when missing: tried first, since the
 * directory usually exists, and `git gc` may remove an emptied one at any time.
 */
export function createExclusive(file: string, mode: number): number {
  try {
    return openSync(file, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  return openSync(file, 'wx', mode);
}
