import type { CommitInfo } from '@forgegate/core';

/** A commit object's fields the adapter reads. */
export interface ParsedCommit extends CommitInfo {
  tree: string;
}

/** Parses a commit object: header lines, a blank line, the message (kept verbatim). */
export function parseCommit(oid: string, content: Buffer): ParsedCommit {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split < 0 ? text : text.slice(0, split)).split('\n');
  const message = split < 0 ? '' : text.slice(split + 2);
  const value = (line: string) => line.slice(line.indexOf(' ') + 1);
  const tree = headers.find((line) => line.startsWith('tree ')) ?? '';
  const parents = headers.filter((line) => line.startsWith('parent ')).map(value);
  return { sha: oid, tree: value(tree), parents, message };
}

/** An annotated tag object: the object it points at and its message. */
export interface ParsedTag {
  object: string;
  message: string;
}

export function parseTag(content: Buffer): ParsedTag {
  const text = content.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split < 0 ? text : text.slice(0, split)).split('\n');
  const object = headers.find((line) => line.startsWith('object ')) ?? '';
  return {
    object: object.slice('object '.length),
    message: split < 0 ? '' : text.slice(split + 2),
  };
}
