import { ForgejoForge } from './forgejo-forge.js';
import { resolveToken, type TokenSource } from './token.js';

export { ForgejoForge } from './forgejo-forge.js';
export { PAGE_SIZE } from './pagination.js';
export { resolveToken, redactor, type TokenSource } from './token.js';
export { retryAfterMs } from './errors.js';
export { toStatusState, toReview } from './mapping.js';

export interface ForgejoOptions extends TokenSource {
  /** The instance's root URL: `https://codeberg.org`, or a self-hosted one (sub-paths allowed). */
  url: string;
  /** `owner/name`. */
  repo: string;
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
    token: resolveToken(options),
    fetch: options.fetch,
    now: options.now,
  });
}
