import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openGitForge, type GitForge } from '@forgegate/adapter-git';
import {
  applyEvent,
  countingPort,
  DEFAULT_CORE_CONFIG,
  type ApplyOutcome,
  type BodhiUpdateEvent,
  type ForgePort,
} from '@forgegate/core';

export const BOT = 'forgegate';

/** A fresh embedded forge in its own temp dir; `close()` removes it. */
export async function freshForge(): Promise<{ forge: GitForge; path: string; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'forgegate-reconcile-'));
  const path = join(dir, 'distribution.git');
  const forge = await openGitForge({ path, login: BOT });
  return {
    forge,
    path,
    close() {
      forge.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The port with every write call listed by operation name, in order. */
export function counting(port: ForgePort): { port: ForgePort; writes: readonly string[] } {
  const counted = countingPort(port);
  return { port: counted.port, writes: counted.written };
}

export async function applyAll(
  port: ForgePort,
  events: BodhiUpdateEvent[],
): Promise<ApplyOutcome[]> {
  const outcomes: ApplyOutcome[] = [];
  for (const event of events) {
    outcomes.push(await applyEvent(port, event, { config: DEFAULT_CORE_CONFIG, botLogin: BOT }));
  }
  return outcomes;
}
