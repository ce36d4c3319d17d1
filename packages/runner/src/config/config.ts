import type { CoreConfig } from '@forgegate/core';
import type { ForgeType } from './schema.js';
import type { Secret } from './secret.js';
import type { SourceConfig } from './sources-schema.js';

/** Where the bot writes: the forge and its credentials. */
export interface ForgeSettings {
  type: ForgeType;
  /** A directory for `git` (absolute), owner/name (group/project on GitLab) for hosted forges. */
  repo: string;
  url?: string;
  token?: Secret;
}

/** The validated configuration, paths resolved, token read. */
export interface Config {
  /** The file it came from; undefined when running on defaults. */
  file?: string;
  forge: ForgeSettings;
  /** What the core's rules read (layout, topic prefixes, releases, koji tags, composes). */
  core: CoreConfig;
  sources: SourceConfig[];
  inbox: { path: string };
}
