import { ForgeError, type CommitRequest } from '@forgegate/core';
import type { ChangeFileOperation, ChangeFilesOptions, ContentsResponse } from 'forgejo-js';
import { encodePath, type ForgejoClient } from './client.js';

/**
 * Several files in one commit: `POST /repos/{owner}/{repo}/contents` (repoChangeFiles,
 * forges/FACTS.md).
 *
 * Forgejo guards a change only per file: each update or delete carries the blob `sha` the caller
 * saw, and a file changed since answers 422 (forges/FACTS.md). Nothing guards the parent of the
 * whole commit, so the port's promise (a tip other than `parentSha` is a conflict) is kept in
 * three steps:
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
  if (tip === null) {
    throw new ForgeError('not_found', `Forgejo: branch ${branch} does not exist`, undefined, 404);
  }
  const tipSha = tip.commit?.id ?? '';
  if (tipSha !== parentSha) {
    throw new ForgeError('conflict', `Forgejo: branch ${branch} is at ${tipSha}, not ${parentSha}`);
  }

  const operations: ChangeFileOperation[] = [];
  for (const file of dedupeByPath(request.files)) {
    const current = await client.find(`GET contents/${file.path}`, () =>
      api.repos.repoGetContents(owner, name, encodePath(file.path), { ref: parentSha }),
    );
    const operation = planOperation(file, isFile(current) ? current : null);
    if (operation !== null) operations.push(operation);
  }
  // Nothing differs from the parent: no commit, as the port's idempotency asks.
  if (operations.length === 0) return parentSha;

  const commit = await postChanges(client, { branch, message: request.message, files: operations });
  if (commit.parent !== parentSha) {
    throw new ForgeError(
      'conflict',
      `Forgejo: ${branch} moved to ${commit.parent ?? 'unknown'} while committing; commit ${commit.sha} landed on it, not on ${parentSha}`,
    );
  }
  return commit.sha;
}

/**
 * A new branch holding exactly `files` (the port's `parentSha: ''`). Forgejo's API cannot make an
 * orphan branch: in an empty repository the first change is a root commit on the named branch;
 * otherwise the branch is cut from the default branch (`new_branch`) in one commit that also
 * deletes the default branch's own files, so the new branch holds the given files and nothing else.
 */
export async function seedBranch(
  client: ForgejoClient,
  request: CommitRequest,
  repository: {
    empty: boolean;
    defaultBranch: string;
    defaultFiles: () => Promise<Map<string, string>>;
  },
): Promise<string> {
  const creates = dedupeByPath(request.files)
    .filter((file) => file.content !== null)
    .map((file) => ({
      operation: 'create' as const,
      path: file.path,
      content: Buffer.from(file.content ?? '', 'utf8').toString('base64'),
    }));
  if (repository.empty) {
    return (
      await postChanges(client, {
        branch: request.branch,
        message: request.message,
        files: creates,
      })
    ).sha;
  }
  const wanted = new Set(creates.map((file) => file.path));
  const existing = await repository.defaultFiles();
  const deletes = [...existing]
    .filter(([path]) => !wanted.has(path))
    .map(([path, sha]) => ({ operation: 'delete' as const, path, sha }));
  // A path the default branch also has is an update of its blob, not a create.
  const writes = creates.map((file) =>
    existing.has(file.path)
      ? { ...file, operation: 'update' as const, sha: existing.get(file.path) }
      : file,
  );
  const body = {
    branch: repository.defaultBranch,
    new_branch: request.branch,
    message: request.message,
    files: [...writes, ...deletes],
  };
  return (await postChanges(client, body)).sha;
}

async function postChanges(
  client: ForgejoClient,
  body: ChangeFilesOptions,
): Promise<{ sha: string; parent: string | undefined }> {
  const { api, owner, name } = client;
  const { data } = await client.call(
    `POST contents on ${body.new_branch ?? body.branch ?? ''}`,
    () => api.repos.repoChangeFiles(owner, name, body),
    // 422: a file's sha no longer matches (or it appeared, or the new branch exists): the branch
    // changed under us (forges/FACTS.md), which the caller resolves by re-reading.
    { 422: 'conflict' },
  );
  return { sha: data.commit?.sha ?? '', parent: data.commit?.parents?.[0]?.sha };
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
