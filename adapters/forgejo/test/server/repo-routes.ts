import type { CommitObject } from './git-store.js';
import { HttpError, notFound } from './http-error.js';
import {
  branchJson,
  commitJson,
  commitMetaJson,
  contentsJson,
  fileCommitJson,
  repositoryJson,
  userJson,
} from './representations.js';
import { paginate, type Call, type Routes } from './route-types.js';

/**
 * Repository content: branches, commits, compare, contents, trees, tags. Each handler names its
 * operation in the swagger (the line is in `Operation.line`, printed with every count) and the
 * FACTS.md entry or Forgejo source behaviour it reproduces.
 */

interface ChangeFileOperation {
  operation: 'create' | 'update' | 'delete';
  path: string;
  content?: string;
  sha?: string;
  from_path?: string;
}

function commitOf(call: Call, ref: string): CommitObject {
  const sha = call.state.git.resolve(ref);
  const commit = sha === undefined ? undefined : call.state.git.commits.get(sha);
  if (commit === undefined) throw notFound(`ref ${ref}`);
  return commit;
}

/** `ref` query parameter: default branch when absent (swagger repoGetContents `ref`). */
function refOf(call: Call): string {
  return call.query.get('ref') ?? call.state.git.defaultBranch;
}

function tagJson(call: Call, name: string): object {
  const tag = call.state.git.tags.get(name);
  if (tag === undefined) throw notFound(`tag ${name}`);
  const commit = call.state.git.commits.get(tag.commit) as CommitObject;
  return {
    name: tag.name,
    id: tag.id,
    // An annotated tag's message; Forgejo gives a lightweight tag its commit's message.
    message: tag.message === '' ? commit.message : tag.message,
    commit: commitMetaJson(tag.commit, commit.date, call.urls),
    zipball_url: `${call.urls.repoHtml}/archive/${name}.zip`,
    tarball_url: `${call.urls.repoHtml}/archive/${name}.tar.gz`,
  };
}

export const repoRoutes: Routes = {
  // GET /user: the token's account.
  userGetCurrent: (call) => ({ status: 200, body: userJson(call.user, call.urls) }),

  // GET /repos/{owner}/{repo}: the adapter reads `default_branch`.
  repoGet: (call) => ({ status: 200, body: repositoryJson(call.state, call.urls) }),

  repoListBranches: (call) => {
    const names = [...call.state.git.branches.keys()].sort();
    const { items, headers } = paginate(call, names);
    return {
      status: 200,
      body: items.map((name) => branchJson(call.state, name, call.urls)),
      headers,
    };
  },

  repoGetBranch: (call) => {
    if (!call.state.git.branches.has(call.params.branch ?? ''))
      throw notFound(`branch ${call.params.branch}`);
    return { status: 200, body: branchJson(call.state, call.params.branch ?? '', call.urls) };
  },

  // POST branches (CreateBranchRepoOption): 409 when the name is taken, 404 when the ref is unknown
  // (both declared in the swagger's responses for repoCreateBranch).
  repoCreateBranch: (call) => {
    const body = call.body as {
      new_branch_name: string;
      old_ref_name?: string;
      old_branch_name?: string;
    };
    const git = call.state.git;
    if (git.branches.has(body.new_branch_name)) {
      throw new HttpError(409, `branch ${body.new_branch_name} already exists`);
    }
    const from = body.old_ref_name ?? body.old_branch_name ?? git.defaultBranch;
    const sha = git.resolve(from);
    if (sha === undefined) throw notFound(`ref ${from}`);
    git.branches.set(body.new_branch_name, sha);
    return { status: 201, body: branchJson(call.state, body.new_branch_name, call.urls) };
  },

  // DELETE branches/{branch}: 204; 404 when absent; the default branch is refused (403, declared).
  // (code: services/repository/branch.go DeleteBranch calls pull_service.CloseBranchPulls: open PRs
  // whose head is the deleted branch are closed.)
  repoDeleteBranch: (call) => {
    const name = call.params.branch ?? '';
    const git = call.state.git;
    if (!git.branches.has(name)) throw notFound(`branch ${name}`);
    if (name === git.defaultBranch) throw new HttpError(403, 'can not delete default branch');
    const tip = git.branches.get(name) as string;
    git.branches.delete(name);
    for (const pull of call.state.pulls.values()) {
      if (pull.state === 'open' && pull.head === name) {
        pull.state = 'closed';
        pull.headSha = tip;
        pull.updated = git.nextDate();
      }
    }
    return { status: 204 };
  },

  repoGetSingleCommit: (call) => ({
    status: 200,
    body: commitJson(call.state, commitOf(call, call.params.sha ?? ''), call.urls),
  }),

  // GET compare/{base}...{head}: the commits on head since the merge base.
  repoCompareDiff: (call) => {
    const [base, head] = (call.params.basehead ?? '').split('...');
    if (base === undefined || head === undefined) throw notFound(`compare ${call.params.basehead}`);
    const commits = call.state.git.commitsBetween(
      commitOf(call, base).sha,
      commitOf(call, head).sha,
    );
    return {
      status: 200,
      body: {
        total_commits: commits.length,
        commits: commits.map((c) => commitJson(call.state, c, call.urls)),
      },
    };
  },

  repoGetContentsList: (call) => contentsReply(call, ''),

  // GET contents/{filepath}: a file with content, or (the operation's description) "a list of
  // entries if a dir"; the swagger types only the file, so the list's items are validated as such.
  repoGetContents: (call) => contentsReply(call, call.params.filepath ?? ''),

  // POST contents (repoChangeFiles): several files, one commit on `branch` (FACTS.md "Multi-file
  // commit"). Per file: create refuses an existing path, update and delete need the path, and a
  // given `sha` must be the file's current blob (else 422, FACTS.md); an omitted sha is not checked
  // (FACTS.md: the current head's blob is used). There is no guard on the parent commit: the
  // commit goes on the branch's current tip, whatever the caller saw.
  repoChangeFiles: (call) => {
    const body = call.body as {
      branch?: string;
      new_branch?: string;
      message?: string;
      files: ChangeFileOperation[];
    };
    const git = call.state.git;
    const from = body.branch ?? git.defaultBranch;
    const target = body.new_branch ?? from;
    // An empty repository takes a first, parentless commit on the named branch (assumed from
    // Forgejo's web "new file" flow on empty repositories; not in FACTS.md).
    const tip = git.empty ? undefined : git.branches.get(from);
    if (tip === undefined && !git.empty) throw notFound(`branch ${from}`);
    if (body.new_branch !== undefined && git.branches.has(body.new_branch)) {
      throw new HttpError(422, `branch already exists [name: ${body.new_branch}]`);
    }
    const files = tip === undefined ? new Map<string, string>() : git.filesOf(tip);
    for (const file of body.files) {
      const current = files.get(file.path);
      if (file.operation === 'create') {
        if (current !== undefined)
          throw new HttpError(422, `repository file already exists [path: ${file.path}]`);
      } else {
        if (current === undefined) throw notFound(`file ${file.path}`);
        if (file.sha !== undefined && file.sha !== current) {
          throw new HttpError(422, `sha does not match [given: ${file.sha}, expected: ${current}]`);
        }
      }
      if (file.operation === 'delete') files.delete(file.path);
      else
        files.set(
          file.path,
          git.writeBlob(Buffer.from(file.content ?? '', 'base64').toString('utf8')),
        );
    }
    const message = body.message ?? 'Update files';
    const sha = git.commit(tip === undefined ? [] : [tip], files, message, call.user.login);
    // The first commit of an empty repository makes its branch the default one (Forgejo's
    // ChangeRepoFiles updates is_empty and default_branch together; code, not in FACTS.md).
    if (git.empty) git.defaultBranch = target;
    git.branches.set(target, sha);
    const written = body.files.filter((file) => file.operation !== 'delete');
    return {
      status: 201,
      body: {
        commit: fileCommitJson(git.commits.get(sha) as CommitObject, call.urls),
        files: written.map((file) =>
          contentsJson(
            call.state,
            file.path,
            { type: 'blob', sha: files.get(file.path) as string },
            target,
            true,
            call.urls,
          ),
        ),
      },
    };
  },

  // GET git/trees/{sha}: `recursive`, `page`, `per_page` (default and cap 1,000: Forgejo's
  // DefaultGitTreesPerPage, code; not in FACTS.md). `truncated` tells whether more pages follow.
  GetTree: (call) => {
    const git = call.state.git;
    const ref = call.params.sha ?? '';
    const tree = git.trees.has(ref) ? ref : git.commits.get(git.resolve(ref) ?? '')?.tree;
    if (tree === undefined) throw new HttpError(400, `sha not found: ${ref}`);
    const recursive = call.query.get('recursive') === 'true';
    const entries: { path: string; type: 'blob' | 'tree'; sha: string }[] = [];
    const walk = (sha: string, prefix: string): void => {
      for (const entry of git.trees.get(sha) ?? []) {
        entries.push({ path: `${prefix}${entry.name}`, type: entry.type, sha: entry.sha });
        if (recursive && entry.type === 'tree') walk(entry.sha, `${prefix}${entry.name}/`);
      }
    };
    walk(tree, '');
    const perPage = Math.min(Number(call.query.get('per_page') ?? '1000') || 1000, 1000);
    const page = Math.max(1, Number(call.query.get('page') ?? '1') || 1);
    const slice = entries.slice((page - 1) * perPage, page * perPage);
    return {
      status: 200,
      body: {
        sha: tree,
        url: `${call.urls.repoApi}/git/trees/${tree}`,
        page,
        total_count: entries.length,
        truncated: page * perPage < entries.length,
        tree: slice.map((entry) => ({
          path: entry.path,
          mode: entry.type === 'tree' ? '040000' : '100644',
          type: entry.type,
          sha: entry.sha,
          size: entry.type === 'blob' ? Buffer.byteLength(git.blobs.get(entry.sha) ?? '') : 0,
          url: `${call.urls.repoApi}/git/${entry.type === 'blob' ? 'blobs' : 'trees'}/${entry.sha}`,
        })),
      },
    };
  },

  repoListTags: (call) => {
    const names = [...call.state.git.tags.keys()].sort();
    const { items, headers } = paginate(call, names);
    return { status: 200, body: items.map((name) => tagJson(call, name)), headers };
  },

  repoGetTag: (call) => ({ status: 200, body: tagJson(call, call.params.tag ?? '') }),

  // POST tags (CreateTagOption): 409 when the tag exists (declared `conflict`, an empty answer),
  // 404 for an unknown target. A message makes it an annotated tag with its own object id.
  repoCreateTag: (call) => {
    const body = call.body as { tag_name: string; target?: string; message?: string };
    const git = call.state.git;
    if (git.tags.has(body.tag_name)) throw new HttpError(409, '');
    const target = body.target ?? git.defaultBranch;
    const commit = git.resolve(target);
    if (commit === undefined) throw notFound(`target ${target}`);
    const message = body.message ?? '';
    const id =
      message === ''
        ? commit
        : git.writeBlob(`tag ${body.tag_name}\nobject ${commit}\n\n${message}`);
    git.tags.set(body.tag_name, { name: body.tag_name, commit, id, message });
    // Gitea 1.22's swagger declares 200 for this operation, Forgejo v11.0.1's 201.
    return { status: call.flavor === 'gitea' ? 200 : 201, body: tagJson(call, body.tag_name) };
  },
};

function contentsReply(call: Call, path: string) {
  const ref = refOf(call);
  const commit = commitOf(call, ref);
  const entry = call.state.git.entryAt(commit.sha, path);
  if (entry === undefined) throw notFound(`file ${path}`);
  if (entry.type === 'blob') {
    return { status: 200, body: contentsJson(call.state, path, entry, ref, true, call.urls) };
  }
  const children = call.state.git.trees.get(entry.sha) ?? [];
  return {
    status: 200,
    body: children.map((child) =>
      contentsJson(
        call.state,
        path === '' ? child.name : `${path}/${child.name}`,
        child,
        ref,
        false,
        call.urls,
      ),
    ),
  };
}
