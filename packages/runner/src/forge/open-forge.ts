import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ForgePort } from '@forgegate/core';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import type { ForgeType } from '../config/schema.js';

export interface OpenedForge {
  port: ForgePort;
  close(): Promise<void>;
}

type ForgeOpener = (config: Config) => Promise<OpenedForge>;

/**
 * One opener per `forge.type`. An adapter joins by adding its line here (as Renovate's platform
 * registry does); a type the schema knows but no adapter implements yet fails with one line.
 * Adapters are imported when chosen, so a run loads only the forge client it talks to.
 */
const OPENERS = new Map<ForgeType, ForgeOpener>([
  [
    'git',
    async (config) => {
      // The default ./var/distribution.git must work on a fresh clone, where ./var is not there yet.
      mkdirSync(dirname(config.forge.repo), { recursive: true });
      const { openGitForge } = await import('@forgegate/adapter-git');
      const forge = await openGitForge({ path: config.forge.repo });
      return { port: forge, close: async () => forge.close() };
    },
  ],
  [
    'forgejo',
    async (config) => {
      // Forgejo, Gitea and Codeberg; plain HTTPS requests, nothing to close.
      const { openForgejoForge } = await import('@forgegate/adapter-forgejo');
      const port = openForgejoForge({
        url: config.forge.url ?? '',
        repo: config.forge.repo,
        // The schema requires token_file or token_env for this type: loadConfig has read it.
        token: config.forge.token?.reveal() ?? '',
      });
      return { port, close: async () => undefined };
    },
  ],
]);

export async function openForge(config: Config): Promise<OpenedForge> {
  const opener = OPENERS.get(config.forge.type);
  if (!opener) {
    const known = [...OPENERS.keys()].join('|');
    throw new ConfigError(
      `${config.file ?? 'configuration'}: forge.type: ${config.forge.type} has no adapter in this build yet (available: ${known})`,
    );
  }
  return opener(config);
}
