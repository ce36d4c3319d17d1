import {
  closeSync,
  openSync,
  readSync,
  existsSync,
  linkSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ForgeError } from '@forgegate/core';
import { GitCommandError, runGit } from './git-command.js';
import { createExclusive } from './exclusive-file.js';

const OID = /^[0-9a-f]{40}$/;
/**
 * A ref lock older than this is no one's: git and this store hold one for a moment, so it was left
 * by a writer killed in between (SIGKILL, a power cut). It is taken over, so a restarted runner goes
 * on instead of meeting a `conflict` until its message is dead-lettered; a fresher one is a conflict.
 */
const ABANDONED_LOCK_MS = 10_000;
const ZERO_OID = '0'.repeat(40);
const NO_REFS: ReadonlyMap<string, string> = new Map();

/** `packed-refs` parsed, with the file's identity so a rewrite by `git pack-refs` is noticed. */
interface PackedRefs {
  stamp: string;
  refs: Map<string, string>;
}

const DIRECTORY = Symbol('a directory of refs');
const REF_BUFFER = Buffer.allocUnsafe(4096);

/**
 * A loose ref file's content, trimmed; null when there is none (ENOTDIR: a ref named like one of
 * our directories); DIRECTORY when a directory of refs has the name. Read with one buffer and no
 * stat: refs are read several times per message, and `readFileSync` costs twice as much.
 */
function readLooseRef(file: string): string | null | typeof DIRECTORY {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') return DIRECTORY;
    throw error;
  }
  try {
    const length = readSync(fd, REF_BUFFER, 0, REF_BUFFER.length, 0);
    // A symbolic ref to a very long name: read it whole.
    if (length === REF_BUFFER.length) return readFileSync(file, 'latin1').trim();
    return REF_BUFFER.toString('latin1', 0, length).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return DIRECTORY;
    throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * A ref update the in-process path leaves to `git update-ref`: the rare layouts whose rules live in
 * git's refs code (a ref that is also in `packed-refs` being deleted, a directory where the ref
 * should be, a symbolic ref), so the outcome and the message are git's own.
 */
class UseGit extends Error {}

/**
 * The repository's refs read and updated in-process with git's own "files" protocol, so a ref
 * moved by a concurrent `git` process is seen at once and never overwritten:
 * - reading: the loose file `<gitDir>/<ref>` (`<oid>\n` or `ref: <target>\n`), else `packed-refs`;
 * - updating: create `<ref>.lock` exclusively (as git does; while it exists, no one else writes
 *   the ref), check the current value against the expected one, write the new value into the lock
 *   and rename it over the ref. No fsync: git's default `core.fsync` does not harden refs either.
 * With reflogs (`core.logAllRefUpdates`, or a `logs/` directory), updates go through
 * `git update-ref`, which writes them.
 */
export class RefStore {
  private packedCache: PackedRefs | undefined;

  constructor(
    private readonly gitDir: string,
    private readonly viaGitOnly = false,
  ) {}

  /** The oid `ref` (`refs/heads/f41`, `HEAD`) points at, following symbolic refs; null when none. */
  resolve(ref: string): string | null {
    let name = ref;
    // git follows at most 5 levels of symbolic refs.
    for (let depth = 0; depth < 5; depth += 1) {
      const value = this.readRaw(name);
      if (value === null) return null;
      if (!value.startsWith('ref: ')) return OID.test(value) ? value : null;
      name = value.slice('ref: '.length);
    }
    return null;
  }

  /**
   * Moves `ref` to `next` (null: deletes it) if it is at `expected` (null: must not exist;
   * undefined: any value), or fails with a `conflict`. A lock held by someone else is a
   * `conflict` too, at once: that someone is moving the ref, and the caller re-reads and retries.
   */
  async update(
    ref: string,
    next: string | null,
    expected: string | null | undefined,
  ): Promise<void> {
    if (!this.viaGitOnly) {
      try {
        this.updateInProcess(ref, next, expected);
        return;
      } catch (error) {
        if (!(error instanceof UseGit)) throw error;
      }
    }
    await this.updateWithGit(ref, next, expected);
  }

  /** The ref's own value (`<oid>` or `ref: <target>`), loose first, then packed; null when none. */
  private readRaw(ref: string): string | null {
    const value = readLooseRef(join(this.gitDir, ref));
    return typeof value === 'string' ? value : (this.packedRefs().get(ref) ?? null);
  }

  private packedRefs(): ReadonlyMap<string, string> {
    const file = join(this.gitDir, 'packed-refs');
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat) {
      this.packedCache = undefined;
      return NO_REFS;
    }
    const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    if (this.packedCache?.stamp !== stamp) {
      const refs = new Map<string, string>();
      for (const line of readFileSync(file, 'latin1').split('\n')) {
        // `# pack-refs with: ...` header, `^<oid>` peeled values of the tag above: skip both.
        if (line === '' || line.startsWith('#') || line.startsWith('^')) continue;
        const space = line.indexOf(' ');
        refs.set(line.slice(space + 1), line.slice(0, space));
      }
      this.packedCache = { stamp, refs };
    }
    return this.packedCache.refs;
  }

  private updateInProcess(
    ref: string,
    next: string | null,
    expected: string | null | undefined,
  ): void {
    // Reflogs exist (someone ran `git update-ref --create-reflog`, or turned them on): git writes
    // the entries, which in-process updates would skip.
    if (existsSync(join(this.gitDir, 'logs'))) throw new UseGit();
    const packed = this.packedRefs();
    if (next === null && packed.has(ref)) throw new UseGit(); // git rewrites packed-refs
    const file = join(this.gitDir, ref);
    const lock = `${file}.lock`;
    let fd: number;
    try {
      fd = lockRef(lock);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') {
        throw new ForgeError(
          'conflict',
          `${ref} is locked by another process (${lock} exists; remove it if no git process is running)`,
        );
      }
      if (code === 'ENOTDIR') throw new UseGit(); // a ref where our directory would be
      throw error;
    }
    let locked = true;
    try {
      const current = this.currentValue(ref);
      if (current !== null && !OID.test(current)) throw new UseGit(); // a symbolic ref
      if (current === null && this.collidesWithPacked(ref, packed)) throw new UseGit();
      if (expected !== undefined && current !== expected) {
        throw new ForgeError(
          'conflict',
          current === null
            ? `${ref} is gone, expected it at ${expected}`
            : `${ref} is at ${current}, not at ${expected ?? 'nothing (new)'}`,
        );
      }
      if (next === null) {
        unlinkSync(file);
        closeSync(fd);
        unlinkSync(lock);
        locked = false;
        this.removeEmptyParents(file);
        return;
      }
      writeSync(fd, `${next}\n`);
      closeSync(fd);
      renameSync(lock, file);
      locked = false;
    } catch (error) {
      if (locked) {
        try {
          closeSync(fd);
        } catch {
          // already closed before the rename failed
        }
        unlinkSync(lock);
      }
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw new UseGit();
      throw error;
    }
  }

  /** The value under the lock: the loose file, else the packed one (never a stale cache). */
  private currentValue(ref: string): string | null {
    const value = readLooseRef(join(this.gitDir, ref));
    if (value === DIRECTORY) throw new UseGit();
    return value ?? this.packedRefs().get(ref) ?? null;
  }

  /** A new `a/b` next to a packed `a` (or a new `a` next to a packed `a/b`): git refuses, in its words. */
  private collidesWithPacked(ref: string, packed: ReadonlyMap<string, string>): boolean {
    if (packed.size === 0) return false;
    for (let slash = ref.indexOf('/'); slash >= 0; slash = ref.indexOf('/', slash + 1)) {
      if (packed.has(ref.slice(0, slash))) return true;
    }
    for (const name of packed.keys()) if (name.startsWith(`${ref}/`)) return true;
    return false;
  }

  /** As git does after deleting a ref: directories it leaves empty under refs/ go too. */
  private removeEmptyParents(file: string): void {
    const stop = join(this.gitDir, 'refs');
    for (let directory = dirname(file); directory.startsWith(`${stop}/`);) {
      try {
        rmdirSync(directory);
      } catch {
        return; // not empty (or already gone): its parents are not empty either
      }
      directory = dirname(directory);
    }
  }

  private async updateWithGit(
    ref: string,
    next: string | null,
    expected: string | null | undefined,
  ): Promise<void> {
    const old = expected === undefined ? [] : [expected ?? ZERO_OID];
    const args =
      next === null ? ['update-ref', '-d', ref, ...old] : ['update-ref', ref, next, ...old];
    try {
      await runGit(this.gitDir, args);
    } catch (error) {
      if (
        error instanceof GitCommandError &&
        /but expected|already exists|unable to resolve|File exists/.test(error.stderr)
      ) {
        throw new ForgeError('conflict', `${ref} moved while it was being written`);
      }
      throw error;
    }
  }
}

/** Creates `<ref>.lock` exclusively, first removing one a killed writer left behind. */
function lockRef(lock: string): number {
  try {
    return createExclusive(lock, 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !removeAbandoned(lock)) throw error;
    return createExclusive(lock, 0o666);
  }
}

function removeAbandoned(lock: string): boolean {
  try {
    const abandoned = statSync(lock);
    if (Date.now() - abandoned.mtimeMs < ABANDONED_LOCK_MS) return false;
    // Moved aside first, then checked: another writer may have taken the same abandoned lock over
    // between the stat and the rename and now hold a fresh one under that name; that one is
    // given back (linked to its name again) rather than deleted.
    const aside = `${lock}.abandoned-${process.pid}`;
    renameSync(lock, aside);
    const taken = statSync(aside).ino === abandoned.ino;
    if (!taken) linkSync(aside, lock);
    unlinkSync(aside);
    return taken;
  } catch {
    return false;
  }
}
