import { afterEach, beforeEach, expect } from '@jest/globals';
import {
  isForgeError,
  type FileChange,
  type ForgeErrorKind,
  type ForgePort,
} from '@forgegate/core';
import type { ConformanceControl, ConformanceFactory, ConformanceSubject } from './subject.js';

/** What each test of the suite works with: a fresh subject and names no other run uses. */
export interface SuiteContext {
  port(): ForgePort;
  control(): ConformanceControl;
  /** A branch name unique to this test, so the suite can also run against a live forge. */
  name(label: string): string;
}

let runs = 0;

/** Declares the beforeEach/afterEach that give every test its own subject. */
export function suiteContext(factory: ConformanceFactory): SuiteContext {
  let subject: ConformanceSubject | undefined;
  let scope = '';
  beforeEach(async () => {
    scope = `ct${Date.now().toString(36)}${(runs++).toString(36)}`;
    subject = await factory();
  });
  afterEach(async () => {
    await subject?.cleanup();
    subject = undefined;
  });
  const current = (): ConformanceSubject => {
    if (!subject) throw new Error('the conformance subject is used outside a test');
    return subject;
  };
  return {
    port: () => current().port,
    control: () => current().control,
    name: (label) => `${scope}-${label}`,
  };
}

/** Awaits `promise` and checks it failed with a ForgeError of `kind` (showing what it did instead). */
export async function expectForgeError(
  promise: Promise<unknown>,
  kind: ForgeErrorKind,
): Promise<void> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );
  expect(isForgeError(outcome) ? outcome.kind : outcome).toBe(kind);
}

/** Package files as the bot writes them. */
export function packageFile(name: string, nvr: string): FileChange {
  return { path: `rpms/${name[0]}/${name}`, content: `nvr: ${nvr}\n` };
}

/** Creates `branch` holding `files` (a root commit) and returns its tip. */
export function seedBranch(port: ForgePort, branch: string, files: FileChange[]): Promise<string> {
  return port.commitFiles({ branch, parentSha: '', message: `seed ${branch}`, files });
}

/** Commits `files` on the branch's current tip and returns the new tip. */
export async function commitOnTip(
  port: ForgePort,
  branch: string,
  files: FileChange[],
  message = `update ${branch}`,
): Promise<string> {
  const tip = await port.getBranch(branch);
  if (!tip) throw new Error(`branch ${branch} is missing`);
  return port.commitFiles({ branch, parentSha: tip.sha, message, files });
}

/** A base branch and a head branch one commit ahead of it, as an update's PR has. */
export async function baseAndHead(
  context: SuiteContext,
  headFiles: FileChange[] = [packageFile('zsh', 'zsh-5.9-4.fc41')],
): Promise<{ base: string; head: string; baseSha: string; headSha: string }> {
  const port = context.port();
  const base = context.name('f41');
  const head = `updates/${context.name('FEDORA-2024-1')}`;
  const baseSha = await seedBranch(port, base, [packageFile('bash', 'bash-5.2.26-3.fc41')]);
  await port.setBranch(head, baseSha);
  const headSha = await commitOnTip(port, head, headFiles, 'FEDORA-2024-1');
  return { base, head, baseSha, headSha };
}
