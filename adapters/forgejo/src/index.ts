import { ForgejoForge } from './forgejo-forge.js';

export { ForgejoForge } from './forgejo-forge.js';
export { PAGE_SIZE } from './pagination.js';
export { redactor } from './redact.js';
export { retryAfterMs } from './errors.js';
export { toStatusState, toReview } from './mapping.js';

export interface ForgejoOptions {
  /** The instance's root URL: `https://codeberg.org`, or a self-hosted one (sub-paths allowed). */
  url: string;
  /** `owner/name`. */
  repo: string;
  /** The bot account's access token (the runner reads it from `forge.token_file` or `token_env`). */
  token: string;
  /** Replaces global fetch (a proxy agent, or a test's). */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch, for rate-limit reset times. */
  now?: () => number;
}

/** The port on a Forgejo, Gitea or Codeberg repository. Makes no request until first used. */
export function openForgejoForge(options: ForgejoOptions): ForgejoForge {
  return new ForgejoForge({
    url: options.url,
    repo: options.repo,
    token: options.token,
    fetch: options.fetch,
    now: options.now,
  });
}
