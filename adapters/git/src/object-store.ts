import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  readFileSync,
  renameSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { createExclusive } from './exclusive-file.js';
import { parseCommit, type ParsedCommit } from './commit-object.js';
import { ObjectReader, type GitObject } from './object-reader.js';
import { parseTree, treeContent, type TreeEntry } from './tree.js';

export type ObjectType = GitObject['type'];

/** A tree as the adapter reads it: entries by name, for path lookups in wide directories. */
export type ParsedTree = ReadonlyMap<string, TreeEntry>;

/** The id git gives an object: SHA-1 of `<type> <size>\0<content>` (the repository's format). */
export function objectId(type: ObjectType, content: Buffer): string {
  return createHash('sha1').update(`${type} ${content.length}\0`).update(content).digest('hex');
}

/** What the cache holds per object: the bytes, and the parsed form once something asked for it. */
interface Cached extends GitObject {
  tree?: ParsedTree;
  commit?: ParsedCommit;
}

/**
 * Bytes of objects kept in memory. Objects are immutable (their id is their content's hash), so a
 * cached object never goes stale; the bound only limits memory. 64 MB holds every tree on a
 * release branch's changed paths and the package files the reconciler re-reads, many times over.
 */
const CACHE_BYTES = 64 * 1024 * 1024;

const OBJECT_HEADER = /^(blob|tree|commit|tag) (\d+)$/;

/**
 * The repository's objects, read and written in-process in git's own loose format
 * (`objects/xx/<38 hex>`, zlib of `<type> <size>\0<content>`), as `git hash-object -w` writes
 * them. Objects only found in packs (after a `git gc`) are read through one long-lived
 * `git cat-file --batch`, so a packed repository stays readable without parsing packs here.
 */
export class ObjectStore {
  private readonly objectsDir: string;
  private readonly packed: ObjectReader;
  private readonly cache = new LRUCache<string, Cached>({
    maxSize: CACHE_BYTES,
    // Parsed trees and commits take several times their bytes; 3x plus a fixed cost keeps the
    // bound honest without measuring every Map.
    sizeCalculation: (object) => object.content.length * 3 + 200,
  });
  private readonly tmpPrefix = `tmp_obj_${randomBytes(4).toString('hex')}`;
  private sequence = 0;

  /**
   * `compression`: the repository's zlib level for loose objects (git's default is 1, best
   * speed). It changes only the file's size: the id is the hash of the uncompressed object.
   */
  constructor(
    gitDir: string,
    private readonly compression: number,
  ) {
    this.objectsDir = join(gitDir, 'objects');
    this.packed = new ObjectReader(gitDir);
  }

  close(): void {
    this.packed.close();
  }

  /** The object `oid` (a full hex id), or null when the repository has none. */
  async read(oid: string): Promise<GitObject | null> {
    return this.cache.get(oid) ?? this.readLoose(oid) ?? (await this.readPacked(oid));
  }

  /** The tree `oid`, entries by name; null when it is not a tree (or missing). */
  async tree(oid: string): Promise<ParsedTree | null> {
    const object = await this.read(oid);
    if (object?.type !== 'tree') return null;
    const cached = object as Cached;
    cached.tree ??= new Map(parseTree(object.content).map((entry) => [entry.name, entry]));
    return cached.tree;
  }

  /** The commit `oid` parsed; null when it is not a commit (or missing). */
  async commit(oid: string): Promise<ParsedCommit | null> {
    const object = await this.read(oid);
    if (object?.type !== 'commit') return null;
    const cached = object as Cached;
    cached.commit ??= parseCommit(oid, object.content);
    return cached.commit;
  }

  /**
   * Writes an object (or finds it already there) and returns its id. As git does: a temporary
   * file in the object's fan-out directory, read-only, renamed into place, so a reader never sees
   * a partial object; no fsync (git's default `core.fsync` leaves loose objects to the OS).
   */
  write(type: ObjectType, content: Buffer): string {
    const oid = objectId(type, content);
    // Asked of the disk, not the cache: an unreachable object can be pruned (`git gc
    // --prune=now`) after this process read or wrote it, and must then be written again.
    const directory = join(this.objectsDir, oid.slice(0, 2));
    const file = join(directory, oid.slice(2));
    if (existsSync(file)) {
      // git "freshens" an object it would have written, so a concurrent `git gc` does not prune
      // it as old and unreachable just before a ref points at it.
      const now = new Date();
      utimesSync(file, now, now);
    } else {
      const temporary = join(directory, `${this.tmpPrefix}_${this.sequence++}`);
      const fd = createExclusive(temporary, 0o444);
      try {
        writeSync(
          fd,
          deflateSync(Buffer.concat([Buffer.from(`${type} ${content.length}\0`), content]), {
            level: this.compression,
          }),
        );
      } finally {
        closeSync(fd);
      }
      try {
        renameSync(temporary, file);
      } catch (error) {
        unlinkSync(temporary);
        throw error;
      }
    }
    this.cache.set(oid, { oid, type, content });
    return oid;
  }

  writeTree(entries: readonly TreeEntry[]): string {
    const oid = this.write('tree', treeContent(entries));
    // The next commit on this branch reads this tree back: keep it parsed.
    const cached = this.cache.get(oid);
    if (cached) cached.tree ??= new Map(entries.map((entry) => [entry.name, entry]));
    return oid;
  }

  private readLoose(oid: string): GitObject | null {
    let raw: Buffer;
    try {
      raw = inflateSync(readFileSync(join(this.objectsDir, oid.slice(0, 2), oid.slice(2))));
    } catch (error) {
      // Not loose (packed, or no such object): the packed reader answers.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const nul = raw.indexOf(0);
    const header = OBJECT_HEADER.exec(raw.subarray(0, nul).toString('latin1'));
    if (!header || Number(header[2]) !== raw.length - nul - 1) {
      throw new Error(`loose object ${oid} is corrupt`);
    }
    return this.remember({
      oid,
      type: header[1] as ObjectType,
      content: raw.subarray(nul + 1),
    });
  }

  private async readPacked(oid: string): Promise<GitObject | null> {
    const object = await this.packed.read(oid);
    return object && this.remember(object);
  }

  private remember(object: GitObject): GitObject {
    this.cache.set(object.oid, object);
    return object;
  }
}
