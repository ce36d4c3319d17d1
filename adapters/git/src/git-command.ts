import { spawn } from 'node:child_process';

/** What one finished `git` process said. */
export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface GitRunOptions {
  /** Written to the process's stdin, then closed. */
  input?: string;
  /** Extra environment (author identity, dates, a temporary index). */
  env?: Record<string, string>;
  /** Exit codes that are answers rather than failures (e.g. 1 from `merge-tree` on a conflict). */
  okCodes?: number[];
}

/** A `git` process that exited with a code the caller did not expect. */
export class GitCommandError extends Error {
  override readonly name = 'GitCommandError';

  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`git ${args[0] ?? ''} exited with ${code}: ${stderr.trim().split('\n')[0] ?? ''}`);
  }
}

/**
 * The environment every git process of the adapter gets: the repository, and no user or system
 * configuration, so a developer's `~/.gitconfig` (hooks, signing, templates) cannot change what
 * the forge writes.
 */
export function gitEnvironment(gitDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_DIR: gitDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
  };
}

/** Runs `git <args>` once (no shell) and collects its output. */
export function runGit(
  gitDir: string,
  args: string[],
  options: GitRunOptions = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      env: { ...gitEnvironment(gitDir), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const result = {
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        code: code ?? -1,
      };
      if (result.code === 0 || options.okCodes?.includes(result.code)) resolve(result);
      else reject(new GitCommandError(args, result.code, result.stderr));
    });
    // A process that exits before reading its input closes the pipe; that is reported by 'close'.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
