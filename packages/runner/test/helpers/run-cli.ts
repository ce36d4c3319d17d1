import { execFileSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/program.js';

export const RUNNER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_FILE = join(RUNNER_DIR, 'demo', 'fedora-week.jsonl');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `forgegate ARGS` in this process, with captured streams. */
export async function cli(
  args: string[],
  options: { isTTY?: boolean; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: options.isTTY ?? false, columns: 100 });
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  const code = await runCli(args, { stdout, stderr, env: options.env ?? {}, cwd: process.cwd() });
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** The summary `replay --json` prints on its last stdout line. */
export function summaryOf(result: CliResult): Record<string, unknown> {
  const lines = result.stdout.trimEnd().split('\n');
  return JSON.parse(lines.at(-1)!) as Record<string, unknown>;
}

/** `git -C repo ARGS`, trimmed output. */
export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}
