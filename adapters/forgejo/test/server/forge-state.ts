import { GitStore } from './git-store.js';

/** Everything the test server knows besides git objects: accounts, PRs and their conversation. */

export interface UserRecord {
  id: number;
  login: string;
  token: string;
}

export interface PullRecord {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  /** The head's last known tip (the branch may be gone). */
  headSha: string;
  state: 'open' | 'closed';
  merged: boolean;
  mergeCommit?: string;
  labels: number[];
  author: string;
  created: string;
  updated: string;
}

export interface CommentRecord {
  id: number;
  issue: number;
  body: string;
  author: string;
  created: string;
  updated: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  /** Forgejo stores and answers the colour without `#`. */
  color: string;
  description: string;
}

export interface StatusRecord {
  id: number;
  sha: string;
  context: string;
  state: string;
  description: string;
  targetUrl: string;
  creator: string;
  created: string;
}

export interface ReviewRecord {
  id: number;
  pull: number;
  author: string;
  state: 'APPROVED' | 'REQUEST_CHANGES' | 'COMMENT';
  body: string;
  commit: string;
  dismissed: boolean;
  submitted: string;
}

export class ForgeState {
  readonly git: GitStore;
  readonly users = new Map<string, UserRecord>();
  readonly pulls = new Map<number, PullRecord>();
  readonly comments: CommentRecord[] = [];
  readonly labels: LabelRecord[] = [];
  readonly statuses: StatusRecord[] = [];
  readonly reviews: ReviewRecord[] = [];
  private nextId = 1;
  /** Issues and PRs share one index per repository in Forgejo. */
  private nextIndex = 1;

  constructor(
    readonly owner: string,
    readonly repo: string,
    defaultBranch: string,
  ) {
    this.git = new GitStore(defaultBranch);
  }

  id(): number {
    return this.nextId++;
  }

  addUser(login: string, token: string): UserRecord {
    const user = { id: this.id(), login, token };
    this.users.set(token, user);
    return user;
  }

  userByLogin(login: string): UserRecord | undefined {
    return [...this.users.values()].find((user) => user.login === login);
  }

  addPull(fields: Omit<PullRecord, 'number' | 'created' | 'updated'>): PullRecord {
    const now = this.git.nextDate();
    const pull = { ...fields, number: this.nextIndex++, created: now, updated: now };
    this.pulls.set(pull.number, pull);
    return pull;
  }

  /** An open PR follows its head branch; a closed one keeps the head it had. */
  headShaOf(pull: PullRecord): string {
    if (pull.state === 'open') return this.git.branches.get(pull.head) ?? pull.headSha;
    return pull.headSha;
  }

  /**
   * Three-way merge by whole file, like a merge without content-level resolution: a path changed
   * differently on both sides since the merge base is a conflict.
   */
  mergeFiles(
    baseTip: string,
    headTip: string,
  ): { files: Map<string, string> } | { conflicts: string[] } {
    const ancestor = this.git.mergeBase(baseTip, headTip);
    const origin = ancestor === undefined ? new Map<string, string>() : this.git.filesOf(ancestor);
    const ours = this.git.filesOf(baseTip);
    const theirs = this.git.filesOf(headTip);
    const files = new Map<string, string>();
    const conflicts: string[] = [];
    for (const path of new Set([...origin.keys(), ...ours.keys(), ...theirs.keys()])) {
      const [o, a, b] = [origin.get(path), ours.get(path), theirs.get(path)];
      const result = a === b ? a : b === o ? a : a === o ? b : null;
      if (result === null) conflicts.push(path);
      else if (result !== undefined) files.set(path, result);
    }
    return conflicts.length > 0 ? { conflicts } : { files };
  }
}
