import type { FileChange, ForgePort, ReviewState } from '@forgegate/core';

/**
 * What the suite needs beyond the port, implemented per adapter: the port is the bot's view, and
 * a forge also has other people (voters, reviewers) and other writers (a packager pushing to a
 * branch) that the bot must cope with.
 */
export interface ConformanceControl {
  /** The same forge acting as another account (a tester's comment). */
  asUser(login: string): ForgePort;
  /** A review by `login`: the port only reads reviews. */
  addReview(login: string, pull: number, state: ReviewState, body: string): Promise<void>;
  /** Commits `files` directly on the branch's tip as someone else; returns the new tip's sha. */
  moveBranchBehindBack(name: string, files: FileChange[]): Promise<string>;
  /** Deletes the branch as someone else. */
  deleteBranchBehindBack(name: string): Promise<void>;
}

/** One adapter under test on a forge (or repository) of its own, and how to throw it away. */
export interface ConformanceSubject {
  port: ForgePort;
  control: ConformanceControl;
  cleanup(): Promise<void> | void;
}

export type ConformanceFactory = () => Promise<ConformanceSubject>;
