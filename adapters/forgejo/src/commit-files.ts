import { ForgeError, type CommitRequest } from '@forgegate/core';
import type { ChangeFileOperation, ContentsResponse } from 'forgejo-js';
import { encodePath, type ForgejoClient } from './client.js';

/**
 * Several files in one commit: `POST /repos/{owner}/{repo}/contents` (repoChangeFiles, FACTS.md).
 *
 * Forgejo guards a change only per file: each update or delete carries the blob `sha` the caller
 * saw, and a file changed since answers 422 (FACTS.md). Nothing guards the parent of the whole
 * commit, so the port's promise (a tip other than `parentSha` is a conflict) is kept in three steps:
 * 1. read the branch tip; a tip other than `parentSha` is a conflict before anything is written;
 * 2. read each file's blob sha *at `parentSha`* and send it, so a file another commit changed after
 *    `parentSha` makes Forgejo refuse the whole change (422, read as a conflict);
 * 3. check the new commit's parent; if the tip moved between 1 and the write, the commit landed on
 *    a tip the caller never saw, and the adapter reports a conflict so the reconciler re-reads.
 * What remains: between 1 and the write, another commit that touches *none* of these files can
 * slip in under ours. Step 2 means it cannot be overwritten, and step 3 reports it, but our commit
 * stays on the branch (Forgejo has no compare-and-swap ref update). Its content is what the caller
 * wanted on top of a change that did not touch the same files, which is what a retry would write.
 */
export async function commitFiles(client: ForgejoClient, request: CommitRequest): Promise<string> {
  const { api, owner, name } = client;
  const { branch, parentSha } = request;

  const tip = await client.find(`GET branches/${branch}`, () =>
    api.repos.repoGetBranch(owner, name, encodePath(branch)),
  );
  if (tip === null)
    throw new ForgeError('not_found', `Forgejo: branch ${branch} does not exist`, undefined, 404);
  const tipSha = tip.commit?.id ?? '';
  if (tipSha !== parentSha) {
    throw new ForgeError('conflict', `Forgejo: branch ${branch} is at ${tipSha}, not ${parentSha}`);
  }

  const operations: ChangeFileOperation[] = [];
  for (const file of dedupeByPath(request.files)) {
    const current = await client.find(`GET contents/${file.path}`, () =>
      api.repos.repoGetContents(owner, name, encodePath(file.path), { ref: parentSha }),
    );
    const existing = isFile(current) ? current : null;
    const operation = planOperation(file, existing);
    if (operation !== null) operations.push(operation);
  }
  // Nothing differs from the parent: no commit, as the port's idempotency asks.
  if (operations.length === 0) return parentSha;

  const { data } = await client.call(
    `POST contents on ${branch}`,
    () =>
      api.repos.repoChangeFiles(owner, name, {
        branch,
        message: request.message,
        files: operations,
      }),
    // 422: a file's sha no longer matches (or it appeared/vanished): the branch changed under us.
    { 422: 'conflict' },
  );
  const sha = data.commit?.sha ?? '';
  const parent = data.commit?.parents?.[0]?.sha;
  if (parent !== parentSha) {
    throw new ForgeError(
      'conflict',
      `Forgejo: ${branch} moved to ${parent ?? 'unknown'} while committing; commit ${sha} landed on it, not on ${parentSha}`,
    );
  }
  return sha;
}

/** The last change to a path wins, as it would in a sequence of writes. */
function dedupeByPath<T extends { path: string }>(files: T[]): T[] {
  return [...new Map(files.map((file) => [file.path, file])).values()];
}

/** `GET contents/{path}` answers an array for a directory; only a file has a blob to guard. */
function isFile(entry: ContentsResponse | ContentsResponse[] | null): entry is ContentsResponse {
  return entry !== null && !Array.isArray(entry) && entry.type === 'file';
}

function planOperation(
  file: CommitRequest['files'][number],
  existing: ContentsResponse | null,
): ChangeFileOperation | null {
  if (file.content === null) {
    // Deleting what is absent is already done.
    return existing === null
      ? null
      : { operation: 'delete', path: file.path, sha: existing.sha ?? '' };
  }
  const content = Buffer.from(file.content, 'utf8').toString('base64');
  if (existing === null) return { operation: 'create', path: file.path, content };
  if (existing.content !== undefined && decodeBase64(existing.content) === file.content)
    return null;
  return { operation: 'update', path: file.path, content, sha: existing.sha ?? '' };
}

export function decodeBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}
